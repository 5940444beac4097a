"""The SQLite connection under the Store: WAL mode, migrations, one transaction per change, plain reads."""

from __future__ import annotations

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


class Database:
    """One SQLite file: WAL mode, foreign keys, migrated on open; writes in transactions, reads as rows."""

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
            raise StoreError(
                f"SQLite 데이터베이스가 아닙니다 (not a usable SQLite database: {exc})", source=str(path)
            ) from exc
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
