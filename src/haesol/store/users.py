"""Named desk accounts: an admin creates them; only a salted scrypt hash of each password is kept."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from haesol.errors import StoreError
from haesol.store.records import utc_text

if TYPE_CHECKING:
    from haesol.store.db import Store

LOGGER = logging.getLogger(__name__)

MAX_NAME_CHARS = 60


@dataclass(frozen=True, slots=True)
class User:
    """A desk account (its password hash never leaves the store module)."""

    name: str
    admin: bool
    created_at: str


def clean_name(name: str) -> str:
    """A user name as one line of at most MAX_NAME_CHARS characters."""
    return " ".join(name.split())[:MAX_NAME_CHARS]


def add_user(store: Store, name: str, password_hash: str, *, admin: bool = False) -> User:
    """Create an account, or set a new password (and admin flag) for an existing one.

    Raises:
        ValueError: for an empty name or hash.
        StoreError: when SQLite fails.
    """
    cleaned = clean_name(name)
    if not cleaned or not password_hash:
        raise ValueError("이름과 비밀번호가 필요합니다 (a user needs a name and a password)")
    now = utc_text(dt.datetime.now(dt.UTC))
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO users (name, password_hash, admin, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET password_hash = excluded.password_hash, admin = excluded.admin",
            (cleaned, password_hash, int(admin), now),
        )
    return User(cleaned, admin, now)


def password_hash_of(store: Store, name: str) -> str:
    """The stored password hash of an account ('' when there is no such account)."""
    rows = store.read("SELECT password_hash FROM users WHERE name = ?", (clean_name(name),))
    return str(rows[0]["password_hash"]) if rows else ""


def users(store: Store) -> list[User]:
    """Every account, by name."""
    try:
        rows = store.read("SELECT name, admin, created_at FROM users ORDER BY name")
    except (sqlite3.Error, StoreError):
        return []
    return [User(row["name"], bool(row["admin"]), row["created_at"]) for row in rows]


def get_user(store: Store, name: str) -> User | None:
    """One account, or None."""
    rows = store.read("SELECT name, admin, created_at FROM users WHERE name = ?", (clean_name(name),))
    return User(rows[0]["name"], bool(rows[0]["admin"]), rows[0]["created_at"]) if rows else None
