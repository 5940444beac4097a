"""Writing releases, revisions and articles: deduplication by newsId and content hash, revisions kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from haesol.render.release_json import release_document
from haesol.store.records import ArticleRecord, NewRevision, SaveResult, utc_text
from haesol.store.search_text import content_hash, index_tokens, release_lines

if TYPE_CHECKING:
    from haesol.store.connection import Database

LOGGER = logging.getLogger(__name__)

CURRENT_SQL = """
SELECT r.id, r.status, v.content_hash, v.number
FROM releases r LEFT JOIN revisions v ON v.id = r.current_revision
WHERE r.news_id = ?
"""
TWIN_SQL = """
SELECT r.id, r.news_id FROM releases r JOIN revisions v ON v.id = r.current_revision
WHERE v.content_hash = ? AND r.news_id != ? AND r.status != 'duplicate'
ORDER BY r.id LIMIT 1
"""


@dataclass(frozen=True, slots=True)
class _Prepared:
    """Everything computed before the write transaction (hashing, JSON, Kiwi tokens)."""

    lines: list[str]
    content_hash: str
    sha256: str
    title_tokens: str
    body_tokens: str


def _now() -> str:
    return utc_text(dt.datetime.now(dt.UTC))


def save_revision(store: Database, new: NewRevision) -> SaveResult:
    """Store ``new`` (see ``Store.save_revision``)."""
    # 1. hash the text; an unchanged release needs no tokenising
    lines = release_lines(new.release)
    digest = content_hash(lines)
    current = store.read(CURRENT_SQL, (new.news_id,))
    if current and current[0]["content_hash"] == digest:
        with store.transaction() as conn:
            return _unchanged(conn, new, current[0])
    # 2. tokenise for the search index (Kiwi), outside the write lock
    title = new.title or new.release.title
    prepared = _Prepared(
        lines, digest, hashlib.sha256(new.data).hexdigest(), index_tokens([title, new.agency]), index_tokens(lines)
    )
    # 3. one transaction: blob, revision, release row, search row, validators
    with store.transaction() as conn:
        row = conn.execute(CURRENT_SQL, (new.news_id,)).fetchone()
        if row is not None and row["content_hash"] == digest:
            return _unchanged(conn, new, row)
        return _store_new(conn, new, row, prepared)


def _unchanged(conn: sqlite3.Connection, new: NewRevision, row: sqlite3.Row) -> SaveResult:
    conn.execute(
        "UPDATE releases SET checked_at = ?, kogl_type = COALESCE(?, kogl_type), "
        "kogl_evidence = CASE WHEN ? != '' THEN ? ELSE kogl_evidence END WHERE id = ?",
        (_now(), new.kogl_type, new.kogl_evidence, new.kogl_evidence, row["id"]),
    )
    _save_validators(conn, new)
    return SaveResult("unchanged", row["id"], row["number"])


def _store_new(conn: sqlite3.Connection, new: NewRevision, row: sqlite3.Row | None, prepared: _Prepared) -> SaveResult:
    now = _now()
    twin = conn.execute(TWIN_SQL, (prepared.content_hash, new.news_id)).fetchone()
    release_id = row["id"] if row is not None else _insert_release(conn, new, now)
    number = (row["number"] or 0) + 1 if row is not None else 1
    conn.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, format, data) VALUES (?, ?, ?, ?)",
        (prepared.sha256, len(new.data), new.release.source.format, new.data),
    )
    revision_id = _insert_revision(conn, new, release_id, number, prepared)
    status = "duplicate" if twin is not None else "new"
    conn.execute(
        "UPDATE releases SET current_revision = ?, status = ?, reason = ?, duplicate_of = ?, title = ?, agency = ?, "
        "source_url = ?, fetched_url = ?, list_date = COALESCE(?, list_date), kogl_type = ?, kogl_evidence = ?, "
        "checked_at = ? WHERE id = ?",
        (
            revision_id,
            status,
            f"같은 내용 (same text as) {twin['news_id']}" if twin is not None else "",
            twin["id"] if twin is not None else None,
            new.title or new.release.title,
            new.agency,
            new.source_url,
            new.fetched_url,
            _iso(new.list_date),
            new.kogl_type,
            new.kogl_evidence,
            now,
            release_id,
        ),
    )
    conn.execute("DELETE FROM release_fts WHERE rowid = ?", (release_id,))
    if twin is None:
        conn.execute(
            "INSERT INTO release_fts (rowid, title, body) VALUES (?, ?, ?)",
            (release_id, prepared.title_tokens, prepared.body_tokens),
        )
    _save_validators(conn, new)
    outcome = "duplicate" if twin is not None else "revised" if number > 1 else "stored"
    return SaveResult(outcome, release_id, number, twin["news_id"] if twin is not None else "")


def _insert_release(conn: sqlite3.Connection, new: NewRevision, now: str) -> int:
    cursor = conn.execute(
        "INSERT INTO releases (news_id, first_seen, checked_at) VALUES (?, ?, ?)", (new.news_id, now, now)
    )
    return int(cursor.lastrowid or 0)


def _insert_revision(
    conn: sqlite3.Connection, new: NewRevision, release_id: int, number: int, prepared: _Prepared
) -> int:
    release = new.release
    cursor = conn.execute(
        "INSERT INTO revisions (release_id, number, retrieved_at, attachment_name, attachment_url, sha256, format, "
        "content_hash, title, doc_type, release_date, embargo_until, release_json, plain_text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            release_id,
            number,
            utc_text(new.retrieved_at),
            new.attachment_name,
            new.attachment_url,
            prepared.sha256,
            release.source.format,
            prepared.content_hash,
            release.title or new.title,
            release.doc_type,
            _iso(release.date),
            utc_text(new.embargo_until) if new.embargo_until else None,
            json.dumps(release_document(release), ensure_ascii=False),
            "\n".join(prepared.lines),
        ),
    )
    return int(cursor.lastrowid or 0)


def _save_validators(conn: sqlite3.Connection, new: NewRevision) -> None:
    if new.fetched_url and (new.etag or new.last_modified):
        conn.execute(
            "INSERT INTO http_cache (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
            "checked_at = excluded.checked_at",
            (new.fetched_url, new.etag, new.last_modified, _now()),
        )


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def record_failure(
    store: Database, news_id: str, reason: str, *, title: str, agency: str, source_url: str, list_date: dt.date | None
) -> None:
    """Insert or mark a release as failed; a release with a stored revision keeps its status."""
    now = _now()
    with store.transaction() as conn:
        row = conn.execute("SELECT id, current_revision FROM releases WHERE news_id = ?", (news_id,)).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO releases (news_id, title, agency, source_url, list_date, status, reason, first_seen, "
                "checked_at) VALUES (?, ?, ?, ?, ?, 'failed', ?, ?, ?)",
                (news_id, title, agency, source_url, _iso(list_date), reason[:500], now, now),
            )
        elif row["current_revision"] is None:
            conn.execute(
                "UPDATE releases SET status = 'failed', reason = ?, checked_at = ? WHERE id = ?",
                (reason[:500], now, row["id"]),
            )
        else:
            conn.execute("UPDATE releases SET checked_at = ? WHERE id = ?", (now, row["id"]))


def save_article(store: Database, record: ArticleRecord) -> int:
    """Insert the article and its gate report; mark the release drafted when the revision is current."""
    now = _now()
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO articles (release_id, revision_id, created_at, engine, style, options_json, haesol_version, "
            "article_date, ready_at, passed, rejected, article_json, markdown) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.release_id,
                record.revision_id,
                now,
                record.engine,
                record.style,
                record.options_json,
                record.haesol_version,
                _iso(record.article_date),
                utc_text(record.ready_at) if record.ready_at else None,
                int(record.passed),
                record.rejected,
                record.article_json,
                record.markdown,
            ),
        )
        article_id = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT INTO reports (kind, created_at, release_id, article_id, passed, report_json) VALUES ('gate', ?, ?, ?, ?, ?)",
            (now, record.release_id, article_id, int(record.passed), record.gate_json),
        )
        conn.execute(
            "UPDATE releases SET status = 'drafted', reason = '' WHERE id = ? AND current_revision = ?",
            (record.release_id, record.revision_id),
        )
    return article_id
