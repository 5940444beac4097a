"""The Store: one SQLite file in WAL mode; every change is one transaction, so a killed run loses nothing."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from haesol.errors import StoreError
from haesol.store import queries, revisions
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
from haesol.store.schema import migrate

LOGGER = logging.getLogger(__name__)

DB_NAME = "haesol.db"
BUSY_TIMEOUT = 30.0


def user_data_dir() -> Path:
    """The user's data folder for haesol: %LOCALAPPDATA%, ~/Library/Application Support or $XDG_DATA_HOME."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "haesol"


def default_db_path(configured: str = "") -> Path:
    """The store file: the configured ``store.db``, else haesol.db in the user data folder."""
    return Path(configured).expanduser() if configured else user_data_dir() / DB_NAME


def open_store(path: str | Path | None = None) -> Store:
    """Open (creating and migrating when needed) the store at ``path`` or the default place.

    Raises:
        StoreError: when the file cannot be opened, is not a database, or has a newer schema.
    """
    return Store(Path(path) if path else default_db_path())


class Store:
    """Releases, their revisions and blobs, articles, reports and the Korean search index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"저장소를 열 수 없습니다 (cannot open store: {exc})", source=str(path)) from exc
        try:
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            migrate(self.conn, str(path))
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"SQLite 데이터베이스가 아닙니다 (not a usable SQLite database: {exc})", source=str(path)) from exc
        except StoreError:
            self.conn.close()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (a WAL checkpoint happens on the last close)."""
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT); any error rolls it back.

        Raises:
            StoreError: for SQLite errors inside the block.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"저장소에 쓸 수 없습니다 (store write failed: {exc})", source=str(self.path)) from exc
            raise

    def read(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query.

        Raises:
            StoreError: for SQLite errors.
        """
        try:
            return list(self.conn.execute(sql, params))
        except sqlite3.Error as exc:
            raise StoreError(f"저장소를 읽을 수 없습니다 (store read failed: {exc})", source=str(self.path)) from exc

    # -- fetch side ---------------------------------------------------------------------------

    def known(self, news_id: str) -> KnownRelease | None:
        """What the store knows about ``news_id``, or None."""
        rows = self.read("SELECT id, news_id, status, title, current_revision FROM releases WHERE news_id = ?", (news_id,))
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

    def record_failure(self, news_id: str, reason: str, *, title: str = "", agency: str = "",
                       source_url: str = "", list_date: dt.date | None = None) -> None:
        """Remember a release that could not be fetched or parsed (a stored revision is kept as is)."""
        revisions.record_failure(self, news_id, reason, title=title, agency=agency, source_url=source_url,
                                 list_date=list_date)

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

    def save_article(self, record: ArticleRecord) -> int:
        """Store an article with its gate report; the release becomes 'drafted' if that revision is still current."""
        return revisions.save_article(self, record)

    def mark_failed(self, release_id: int, reason: str) -> None:
        """Mark a release failed (e.g. its draft could not be written) with the reason."""
        with self.transaction() as conn:
            conn.execute("UPDATE releases SET status = 'failed', reason = ? WHERE id = ?", (reason[:500], release_id))

    def add_report(self, kind: str, report_json: str, *, passed: bool | None = None,
                   release_id: int | None = None, article_id: int | None = None) -> int:
        """Store a report (``gate`` from writing, ``check`` from auditing) and return its id."""
        created = utc_text(dt.datetime.now(dt.UTC))
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO reports (kind, created_at, release_id, article_id, passed, report_json) VALUES (?, ?, ?, ?, ?, ?)",
                (kind, created, release_id, article_id, None if passed is None else int(passed), report_json),
            )
            return int(cursor.lastrowid or 0)

    # -- read side ----------------------------------------------------------------------------

    def releases(self, *, state: str = "", agency: str = "", limit: int | None = None,
                 now: dt.datetime | None = None) -> list[ReleaseRow]:
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
