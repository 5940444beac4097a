"""Reading the store: releases by state, releases waiting for drafts, and Korean full-text search."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from typing import TYPE_CHECKING

from haesol.errors import ConfigError
from haesol.store.records import (
    STATES,
    PendingRelease,
    ReleaseRow,
    SearchHit,
    from_utc_text,
)
from haesol.store.search_text import fts_query, query_words, snippet

if TYPE_CHECKING:
    from haesol.store.connection import Database

LOGGER = logging.getLogger(__name__)

RELEASES_SQL = """
SELECT r.id, r.news_id, r.title, r.agency, COALESCE(v.release_date, r.list_date, '') AS date, r.status, r.reason,
       r.kogl_type, v.embargo_until, COALESCE(v.number, 0) AS number, r.source_url,
       COALESCE(v.sha256, '') AS sha256, COALESCE(v.format, '') AS format, COALESCE(v.retrieved_at, '') AS retrieved_at,
       (SELECT COUNT(*) FROM articles a WHERE a.release_id = r.id) AS articles
FROM releases r LEFT JOIN revisions v ON v.id = r.current_revision
WHERE (:agency = '' OR r.agency LIKE '%' || :agency || '%')
ORDER BY date DESC, r.id DESC
"""
PENDING_SQL = """
SELECT r.id, v.id AS revision_id, r.news_id, v.title, r.agency, r.source_url, r.kogl_type, r.kogl_evidence,
       v.attachment_name, v.sha256, v.embargo_until
FROM releases r JOIN revisions v ON v.id = r.current_revision
WHERE r.status = 'new' OR (:retry AND r.status = 'failed')
ORDER BY r.id
"""
SEARCH_SQL = """
SELECT f.rowid AS id, bm25(release_fts, 4.0, 1.0) AS score, r.news_id, r.title, r.agency, r.status,
       COALESCE(v.release_date, r.list_date, '') AS date, v.plain_text
FROM release_fts f JOIN releases r ON r.id = f.rowid JOIN revisions v ON v.id = r.current_revision
WHERE release_fts MATCH ?
ORDER BY score LIMIT ?
"""


def releases(store: Database, state: str, agency: str, limit: int | None, now: dt.datetime) -> list[ReleaseRow]:
    """Releases newest first; ``state`` matches the stored status or the state computed against ``now``.

    Raises:
        ConfigError: for an unknown state.
    """
    if state and state not in STATES:
        raise ConfigError(f"알 수 없는 상태 (unknown status) {state}; available: {', '.join(STATES)}")
    out: list[ReleaseRow] = []
    for row in store.read(RELEASES_SQL, {"agency": agency.strip()}):
        item = release_row_from(row)
        if not state or item.state(now) == state or item.status == state:
            out.append(item)
        if limit is not None and len(out) >= limit:
            break
    return out


def release_row_from(row: sqlite3.Row) -> ReleaseRow:
    """A listed release from a row of the releases query (its columns, plus number and articles)."""
    return ReleaseRow(
        id=row["id"],
        news_id=row["news_id"],
        title=row["title"],
        agency=row["agency"],
        date=row["date"] or "",
        status=row["status"],
        reason=row["reason"],
        kogl_type=row["kogl_type"],
        embargo_until=from_utc_text(row["embargo_until"]),
        revision=row["number"],
        source_url=row["source_url"],
        sha256=row["sha256"],
        format=row["format"],
        retrieved_at=row["retrieved_at"],
        articles=row["articles"],
    )


def pending(store: Database, retry_failed: bool) -> list[PendingRelease]:
    """Releases whose current revision waits for a draft, oldest first."""
    return [
        PendingRelease(
            release_id=row["id"],
            revision_id=row["revision_id"],
            news_id=row["news_id"],
            title=row["title"],
            agency=row["agency"],
            source_url=row["source_url"],
            kogl_type=row["kogl_type"],
            kogl_evidence=row["kogl_evidence"],
            attachment_name=row["attachment_name"],
            sha256=row["sha256"],
            embargo_until=from_utc_text(row["embargo_until"]),
        )
        for row in store.read(PENDING_SQL, {"retry": int(retry_failed)})
    ]


def search(store: Database, query: str, limit: int) -> list[SearchHit]:
    """Releases whose text holds every content morpheme of ``query``, best (BM25, title weighted) first.

    Raises:
        ConfigError: for a query without words.
    """
    words = query_words(query)
    if not words:
        raise ConfigError("검색어에 단어가 없습니다 (the query has no words)")
    terms = [term for word in words for term in word.terms()]
    rows = store.read(SEARCH_SQL, (fts_query(words), limit))
    return [
        SearchHit(
            release_id=row["id"],
            news_id=row["news_id"],
            title=row["title"],
            agency=row["agency"],
            date=row["date"],
            status=row["status"],
            score=-float(row["score"]),
            snippet=snippet(row["plain_text"], terms),
        )
        for row in rows
    ]
