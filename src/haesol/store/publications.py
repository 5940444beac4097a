"""Where approved articles are published: one record per release and site, updated in place on re-publishing."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from haesol.store.records import utc_text

if TYPE_CHECKING:
    from haesol.store.db import Store

LOGGER = logging.getLogger(__name__)

# A release is approved when its review is 'approved' for its newest article (a newer draft needs a new approval).
APPROVED_SQL = """
SELECT r.id AS release_id, a.id AS article_id, a.revision_id, rv.updated_at AS approved_at
FROM releases r
JOIN reviews rv ON rv.release_id = r.id AND rv.status = 'approved'
JOIN articles a ON a.id = rv.article_id
WHERE a.id = (SELECT MAX(id) FROM articles WHERE release_id = r.id) AND r.status NOT IN ('failed', 'duplicate')
"""


@dataclass(frozen=True, slots=True)
class ApprovedRef:
    """An approved release: its approved (newest) article, the revision it was written from, and when."""

    release_id: int
    article_id: int
    revision_id: int
    approved_at: str


@dataclass(frozen=True, slots=True)
class Publication:
    """A release published on a site: the remote id and address, and the article and revision that went out."""

    release_id: int
    target: str
    site: str
    remote_id: str
    url: str
    status: str
    article_id: int
    revision_id: int
    content_hash: str
    first_published_at: str = ""
    published_at: str = ""


def approved(store: Store, release_ids: tuple[int, ...] = ()) -> list[ApprovedRef]:
    """Approved releases (all, or those in ``release_ids``), oldest release first."""
    rows = store.read(APPROVED_SQL + " ORDER BY r.id")
    wanted = set(release_ids)
    return [
        ApprovedRef(row["release_id"], row["article_id"], row["revision_id"], row["approved_at"])
        for row in rows
        if not wanted or row["release_id"] in wanted
    ]


def _publication(row: sqlite3.Row) -> Publication:
    return Publication(
        release_id=row["release_id"],
        target=row["target"],
        site=row["site"],
        remote_id=row["remote_id"],
        url=row["url"],
        status=row["status"],
        article_id=row["article_id"],
        revision_id=row["revision_id"],
        content_hash=row["content_hash"],
        first_published_at=row["first_published_at"],
        published_at=row["published_at"],
    )


def publication(store: Store, release_id: int, target: str, site: str) -> Publication | None:
    """The release's publication on ``site``, or None."""
    rows = store.read(
        "SELECT * FROM publications WHERE release_id = ? AND target = ? AND site = ?", (release_id, target, site)
    )
    return _publication(rows[0]) if rows else None


def publications(store: Store, release_id: int | None = None) -> list[Publication]:
    """Every publication (or a release's), by release then site."""
    if release_id is None:
        rows = store.read("SELECT * FROM publications ORDER BY release_id, target, site")
    else:
        rows = store.read("SELECT * FROM publications WHERE release_id = ? ORDER BY target, site", (release_id,))
    return [_publication(row) for row in rows]


def record_publication(store: Store, record: Publication, now: dt.datetime | None = None) -> Publication:
    """Save (or update in place) where a release is published; call only after the site confirmed it.

    Raises:
        StoreError: when SQLite fails (nothing is written).
    """
    stamp = utc_text(now or dt.datetime.now(dt.UTC))
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO publications (release_id, target, site, remote_id, url, status, article_id, revision_id, "
            "content_hash, first_published_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(release_id, target, site) DO UPDATE SET remote_id = excluded.remote_id, url = excluded.url, "
            "status = excluded.status, article_id = excluded.article_id, revision_id = excluded.revision_id, "
            "content_hash = excluded.content_hash, published_at = excluded.published_at",
            (
                record.release_id,
                record.target,
                record.site,
                record.remote_id,
                record.url,
                record.status,
                record.article_id,
                record.revision_id,
                record.content_hash,
                stamp,
                stamp,
            ),
        )
    saved = publication(store, record.release_id, record.target, record.site)
    assert saved is not None
    return saved
