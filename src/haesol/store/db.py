"""The Store: one SQLite file in WAL mode; every change is one transaction, so a killed run loses nothing."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from haesol.errors import StoreError
from haesol.store import claims, queries, revisions
from haesol.store.connection import Database, default_db_path, user_data_dir
from haesol.store.records import (
    ArticleRecord,
    KnownRelease,
    NewRevision,
    PendingRelease,
    ReleaseRow,
    SaveResult,
    SearchHit,
    utc_text,
)

LOGGER = logging.getLogger(__name__)

__all__ = ["Store", "default_db_path", "open_store", "user_data_dir"]


def open_store(path: str | Path | None = None) -> Store:
    """Open (creating and migrating when needed) the store at ``path`` or the default place.

    Raises:
        StoreError: when the file cannot be opened, is not a database, or has a newer schema.
    """
    return Store(Path(path) if path else default_db_path())


class Store(Database):
    """Releases, their revisions and blobs, articles, reports and the Korean search index."""

    # -- fetch side ---------------------------------------------------------------------------

    def known(self, news_id: str) -> KnownRelease | None:
        """What the store knows about ``news_id``, or None."""
        rows = self.read(
            "SELECT id, news_id, status, title, current_revision FROM releases WHERE news_id = ?", (news_id,)
        )
        if not rows:
            return None
        row = rows[0]
        return KnownRelease(row["id"], row["news_id"], row["status"], row["title"], row["current_revision"] is not None)

    def validators(self, url: str) -> tuple[str, str]:
        """(ETag, Last-Modified) stored for ``url``; empty strings when none."""
        rows = self.read("SELECT etag, last_modified FROM http_cache WHERE url = ?", (url,))
        return (rows[0]["etag"], rows[0]["last_modified"]) if rows else ("", "")

    def save_revision(self, new: NewRevision) -> SaveResult:
        """Store a fetched release: a new release, a new revision of a changed one, or nothing new.

        A release whose text equals another newsId's current text is stored as a duplicate of it.
        The page's validators are saved in the same transaction, so a killed run re-fetches
        exactly what it had not stored.

        Raises:
            StoreError: when SQLite fails (nothing is written).
        """
        return revisions.save_revision(self, new)

    def record_failure(
        self,
        news_id: str,
        reason: str,
        *,
        title: str = "",
        agency: str = "",
        source_url: str = "",
        list_date: dt.date | None = None,
    ) -> None:
        """Remember a release that could not be fetched or parsed (a stored revision is kept as is)."""
        revisions.record_failure(
            self, news_id, reason, title=title, agency=agency, source_url=source_url, list_date=list_date
        )

    # -- batch side ---------------------------------------------------------------------------

    def pending(self, *, retry_failed: bool = False) -> list[PendingRelease]:
        """Releases whose current revision has no draft yet (and failed ones with ``retry_failed``)."""
        return queries.pending(self, retry_failed)

    def blob(self, sha256: str) -> bytes:
        """The stored bytes of a revision's source file.

        Raises:
            StoreError: when no blob has that hash.
        """
        rows = self.read("SELECT data FROM blobs WHERE sha256 = ?", (sha256,))
        if not rows:
            raise StoreError(f"저장된 파일이 없습니다 (no stored file {sha256[:12]})", source=str(self.path))
        return bytes(rows[0]["data"])

    def claim(self, revision_id: int, owner: str) -> bool:
        """Take a revision for drafting in one transaction; False when it is drafted or claimed by a live batch."""
        return claims.claim(self, revision_id, owner)

    def release_claim(self, revision_id: int, owner: str) -> None:
        """End a claim once its article or failure is stored."""
        claims.release(self, revision_id, owner)

    def save_article(self, record: ArticleRecord) -> int:
        """Store an article with its gate report; the release becomes 'drafted' if that revision is still current."""
        return revisions.save_article(self, record)

    def mark_failed(self, release_id: int, reason: str) -> None:
        """Mark a release failed (e.g. its draft could not be written) with the reason."""
        with self.transaction() as conn:
            conn.execute("UPDATE releases SET status = 'failed', reason = ? WHERE id = ?", (reason[:500], release_id))

    def add_report(
        self,
        kind: str,
        report_json: str,
        *,
        passed: bool | None = None,
        release_id: int | None = None,
        article_id: int | None = None,
    ) -> int:
        """Store a report (``gate`` from writing, ``check`` from auditing) and return its id."""
        created = utc_text(dt.datetime.now(dt.UTC))
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO reports (kind, created_at, release_id, article_id, passed, report_json) VALUES (?, ?, ?, ?, ?, ?)",
                (kind, created, release_id, article_id, None if passed is None else int(passed), report_json),
            )
            return int(cursor.lastrowid or 0)

    # -- read side ----------------------------------------------------------------------------

    def releases(
        self, *, state: str = "", agency: str = "", limit: int | None = None, now: dt.datetime | None = None
    ) -> list[ReleaseRow]:
        """Releases newest first, filtered by state (new, drafted, failed, duplicate, embargoed, ready) and agency."""
        return queries.releases(self, state, agency, limit, now or dt.datetime.now(dt.UTC))

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Releases matching every content word of ``query`` (Kiwi morphemes), best first, with a snippet."""
        return queries.search(self, query, limit)

    def latest_article(self, release_id: int) -> str:
        """The Markdown of the release's newest article, or ''."""
        rows = self.read("SELECT markdown FROM articles WHERE release_id = ? ORDER BY id DESC LIMIT 1", (release_id,))
        return str(rows[0]["markdown"]) if rows else ""

    def release_text(self, release_id: int) -> str:
        """The plain text of the release's current revision, or ''."""
        rows = self.read(
            "SELECT v.plain_text FROM releases r JOIN revisions v ON v.id = r.current_revision WHERE r.id = ?",
            (release_id,),
        )
        return str(rows[0]["plain_text"]) if rows else ""

    def integrity(self) -> str:
        """The result of ``PRAGMA integrity_check`` ('ok' for a healthy file)."""
        return str(self.read("PRAGMA integrity_check")[0][0])
