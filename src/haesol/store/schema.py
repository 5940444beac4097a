"""The store's schema as numbered migrations; ``PRAGMA user_version`` records the applied one."""

from __future__ import annotations

import logging
import sqlite3

from haesol.errors import StoreError

LOGGER = logging.getLogger(__name__)

V1 = """
CREATE TABLE releases (
    id INTEGER PRIMARY KEY,
    news_id TEXT NOT NULL UNIQUE,
    source_url TEXT NOT NULL DEFAULT '',
    fetched_url TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    list_date TEXT,
    kogl_type INTEGER,
    kogl_evidence TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'drafted', 'failed', 'duplicate')),
    reason TEXT NOT NULL DEFAULT '',
    duplicate_of INTEGER REFERENCES releases(id),
    current_revision INTEGER REFERENCES revisions(id),
    first_seen TEXT NOT NULL,
    checked_at TEXT NOT NULL
);
CREATE INDEX releases_status ON releases(status);
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    format TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(id),
    number INTEGER NOT NULL,
    retrieved_at TEXT NOT NULL,
    attachment_name TEXT NOT NULL DEFAULT '',
    attachment_url TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    format TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    doc_type TEXT NOT NULL DEFAULT '',
    release_date TEXT,
    embargo_until TEXT,
    release_json TEXT NOT NULL,
    plain_text TEXT NOT NULL,
    UNIQUE (release_id, number)
);
CREATE INDEX revisions_content ON revisions(content_hash);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(id),
    revision_id INTEGER NOT NULL REFERENCES revisions(id),
    created_at TEXT NOT NULL,
    engine TEXT NOT NULL,
    style TEXT NOT NULL,
    options_json TEXT NOT NULL,
    haesol_version TEXT NOT NULL,
    article_date TEXT,
    ready_at TEXT,
    passed INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    article_json TEXT NOT NULL,
    markdown TEXT NOT NULL
);
CREATE INDEX articles_release ON articles(release_id);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    release_id INTEGER REFERENCES releases(id),
    article_id INTEGER REFERENCES articles(id),
    passed INTEGER,
    report_json TEXT NOT NULL
);
CREATE TABLE http_cache (
    url TEXT PRIMARY KEY,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    checked_at TEXT NOT NULL
);
CREATE VIRTUAL TABLE release_fts USING fts5(title, body, tokenize = 'unicode61');
"""

# V2: the review desk (haesol serve): review status per release, approvals, sentence edits, comments.
V2 = """
CREATE TABLE reviews (
    release_id INTEGER PRIMARY KEY REFERENCES releases(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    status TEXT NOT NULL CHECK (status IN ('needs_review', 'approved')),
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE TABLE approvals (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    approved_by TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    override INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    failing_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX approvals_release ON approvals(release_id);
CREATE TABLE sentence_edits (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    original TEXT NOT NULL,
    text TEXT NOT NULL,
    sources TEXT NOT NULL DEFAULT '',
    verdict TEXT NOT NULL,
    check_json TEXT NOT NULL,
    edited_by TEXT NOT NULL DEFAULT '',
    edited_at TEXT NOT NULL
);
CREATE INDEX sentence_edits_article ON sentence_edits(article_id, position);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(id),
    article_id INTEGER REFERENCES articles(id),
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX comments_release ON comments(release_id);
"""

# V3: publishing (haesol publish): where each release's approved article is published, and which one.
V3 = """
CREATE TABLE publications (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(id),
    target TEXT NOT NULL,
    site TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    article_id INTEGER NOT NULL REFERENCES articles(id),
    revision_id INTEGER NOT NULL REFERENCES revisions(id),
    content_hash TEXT NOT NULL,
    first_published_at TEXT NOT NULL,
    published_at TEXT NOT NULL,
    UNIQUE (release_id, target, site)
);
CREATE INDEX publications_release ON publications(release_id);
"""

# V4: the desk's queue and accounts: revoked approvals, assignees, cached verdict counts, named users.
V4 = """
ALTER TABLE approvals ADD COLUMN revoked_at TEXT;
ALTER TABLE approvals ADD COLUMN revoked_by TEXT NOT NULL DEFAULT '';
CREATE TABLE assignments (
    release_id INTEGER PRIMARY KEY REFERENCES releases(id),
    assignee TEXT NOT NULL,
    assigned_by TEXT NOT NULL DEFAULT '',
    assigned_at TEXT NOT NULL
);
CREATE TABLE article_flags (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    last_edit INTEGER NOT NULL DEFAULT 0,
    counts_json TEXT NOT NULL
);
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    admin INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
"""

# V5: batch claims, so that two batches on one store never draft the same revision twice.
V5 = """
CREATE TABLE claims (
    revision_id INTEGER PRIMARY KEY REFERENCES revisions(id),
    owner TEXT NOT NULL,
    claimed_at TEXT NOT NULL
);
"""

# Append new migrations; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (V1, V2, V3, V4, V5)
LATEST = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The migration number the database is at (0 for a new file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: str = "") -> int:
    """Apply every pending migration, each in its own transaction.

    Args:
        conn: a connection in autocommit mode (``isolation_level=None``).
        path: the database path, for messages.

    Returns:
        The version the database is at afterwards.

    Raises:
        StoreError: when the file was made by a newer haesol, or a migration fails (it is rolled back).
    """
    version = schema_version(conn)
    if version > LATEST:
        raise StoreError(
            f"더 새로운 haesol이 만든 저장소입니다 (store schema {version} is newer than this haesol's {LATEST}); "
            "haesol을 업데이트하세요",
            source=path,
        )
    for number in range(version + 1, LATEST + 1):
        _apply(conn, number, MIGRATIONS[number - 1], path)
    return schema_version(conn)


def _apply(conn: sqlite3.Connection, number: int, script: str, path: str) -> None:
    LOGGER.info("store %s: migrating to schema %d", path, number)
    try:
        conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        hint = " (SQLite에 FTS5가 없습니다; FTS5 is missing)" if "fts5" in str(exc).lower() else ""
        raise StoreError(f"스키마 {number} 적용 실패 (migration {number} failed: {exc}){hint}", source=path) from exc
