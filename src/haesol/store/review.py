"""What the review desk keeps: review status per release, approvals (who, when), sentence edits and comments.

Desk statuses: ``new`` (no draft), ``drafted`` (a draft nobody has touched), ``needs_review`` (an
editor changed it, or the write gate removed sentences from it) and ``approved`` (signed off, and
not changed since). ``failed`` and ``duplicate`` releases keep the store's status. Approvals and
edits belong to one article (a regenerated draft starts over); every approval and every edit is
kept, so the history of who changed and signed off what is never lost.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from haesol.store.queries import release_row_from
from haesol.store.records import ReleaseRow, utc_text

if TYPE_CHECKING:
    from haesol.store.db import Store

LOGGER = logging.getLogger(__name__)

DESK_STATUSES = ("new", "drafted", "needs_review", "approved", "failed", "duplicate")
MAX_COMMENT_CHARS = 4_000

STATUS_SQL = """
SELECT r.id, r.status, a.id AS article_id, a.passed, rv.article_id AS review_article, rv.status AS review
FROM releases r
LEFT JOIN articles a ON a.id = (SELECT MAX(id) FROM articles WHERE release_id = r.id)
LEFT JOIN reviews rv ON rv.release_id = r.id
"""
ARTICLE_SQL = """
SELECT id, release_id, revision_id, created_at, engine, style, options_json, article_date, passed, rejected,
       article_json, markdown
FROM articles
"""
RELEASE_SQL = """
SELECT r.id, r.news_id, r.title, r.agency, COALESCE(v.release_date, r.list_date, '') AS date, r.status, r.reason,
       r.kogl_type, v.embargo_until, COALESCE(v.number, 0) AS number, r.source_url,
       COALESCE(v.sha256, '') AS sha256, COALESCE(v.format, '') AS format, COALESCE(v.retrieved_at, '') AS retrieved_at,
       (SELECT COUNT(*) FROM articles a WHERE a.release_id = r.id) AS articles
FROM releases r LEFT JOIN revisions v ON v.id = r.current_revision
WHERE r.id = ?
"""
EDITS_SQL = """
SELECT e.* FROM sentence_edits e
JOIN (SELECT position, MAX(id) AS id FROM sentence_edits WHERE article_id = ? GROUP BY position) last ON last.id = e.id
ORDER BY e.position
"""


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """A stored draft: how it was made and its JSON document (with provenance) and Markdown."""

    id: int
    release_id: int
    revision_id: int
    created_at: str
    engine: str
    style: str
    options_json: str
    article_date: str
    passed: bool
    rejected: int
    article_json: str
    markdown: str


@dataclass(frozen=True, slots=True)
class SentenceEdit:
    """An editor's change to one article sentence (by its position in the flat sentence list) and its re-check."""

    article_id: int
    position: int
    original: str
    text: str
    sources: tuple[str, ...]
    verdict: str
    check_json: str
    edited_by: str = ""
    edited_at: str = ""


@dataclass(frozen=True, slots=True)
class Approval:
    """A sign-off: who approved which article when, and whether failing sentences were overridden."""

    id: int
    release_id: int
    article_id: int
    approved_by: str
    approved_at: str
    override: bool = False
    reason: str = ""
    failing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Comment:
    """A reviewer's note on a release."""

    id: int
    release_id: int
    article_id: int | None
    author: str
    created_at: str
    body: str


@dataclass(frozen=True, slots=True)
class ReviewState:
    """A release's desk status, its newest article and the approval that is current (if any)."""

    release_id: int
    status: str
    article_id: int | None
    approval: Approval | None


@dataclass(frozen=True, slots=True)
class RevisionFile:
    """The stored file of one revision and the page facts to lay over it when it is parsed again."""

    revision_id: int
    number: int
    current: bool
    sha256: str
    attachment_name: str
    news_id: str
    source_url: str
    agency: str
    title: str
    kogl_type: int | None
    kogl_evidence: str


def _now() -> str:
    return utc_text(dt.datetime.now(dt.UTC))


def _desk_status(row: sqlite3.Row) -> str:
    if row["status"] in ("failed", "duplicate"):
        return str(row["status"])
    if row["article_id"] is None:
        return "new"
    if row["review_article"] == row["article_id"]:
        return str(row["review"])
    return "drafted" if row["passed"] else "needs_review"


def desk_statuses(store: Store) -> dict[int, str]:
    """The desk status of every release, by release id."""
    return {row["id"]: _desk_status(row) for row in store.read(STATUS_SQL)}


def review_state(store: Store, release_id: int) -> ReviewState | None:
    """The desk status of one release and its current approval; None when there is no such release."""
    rows = store.read(STATUS_SQL + " WHERE r.id = ?", (release_id,))
    if not rows:
        return None
    row = rows[0]
    status = _desk_status(row)
    approval = current_approval(store, release_id, row["article_id"]) if status == "approved" else None
    return ReviewState(release_id, status, row["article_id"], approval)


def article_row(row: sqlite3.Row) -> StoredArticle:
    """A stored draft from an ARTICLE_SQL row."""
    return StoredArticle(
        id=row["id"],
        release_id=row["release_id"],
        revision_id=row["revision_id"],
        created_at=row["created_at"],
        engine=row["engine"],
        style=row["style"],
        options_json=row["options_json"],
        article_date=row["article_date"] or "",
        passed=bool(row["passed"]),
        rejected=row["rejected"],
        article_json=row["article_json"],
        markdown=row["markdown"],
    )


def latest_article(store: Store, release_id: int) -> StoredArticle | None:
    """The release's newest article, or None."""
    rows = store.read(ARTICLE_SQL + " WHERE release_id = ? ORDER BY id DESC LIMIT 1", (release_id,))
    return article_row(rows[0]) if rows else None


def save_edit(store: Store, edit: SentenceEdit, release_id: int) -> int:
    """Record an edited sentence; the release needs review again (a current approval no longer holds).

    Returns:
        The edit's id.

    Raises:
        StoreError: when SQLite fails (nothing is written).
    """
    now = edit.edited_at or _now()
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO sentence_edits (article_id, position, original, text, sources, verdict, check_json, edited_by, "
            "edited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                edit.article_id,
                edit.position,
                edit.original,
                edit.text,
                " ".join(edit.sources),
                edit.verdict,
                edit.check_json,
                edit.edited_by,
                now,
            ),
        )
        _set_review(conn, release_id, edit.article_id, "needs_review", edit.edited_by, now)
        conn.execute(
            "UPDATE approvals SET revoked_at = ?, revoked_by = ? WHERE article_id = ? AND revoked_at IS NULL",
            (now, edit.edited_by, edit.article_id),
        )
        return int(cursor.lastrowid or 0)


def _set_review(conn: sqlite3.Connection, release_id: int, article_id: int, status: str, who: str, now: str) -> None:
    conn.execute(
        "INSERT INTO reviews (release_id, article_id, status, updated_by, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(release_id) DO UPDATE SET article_id = excluded.article_id, status = excluded.status, "
        "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        (release_id, article_id, status, who, now),
    )


def edits(store: Store, article_id: int) -> dict[int, SentenceEdit]:
    """The newest edit of each edited sentence of an article, by position."""
    return {
        row["position"]: SentenceEdit(
            article_id=row["article_id"],
            position=row["position"],
            original=row["original"],
            text=row["text"],
            sources=tuple(row["sources"].split()),
            verdict=row["verdict"],
            check_json=row["check_json"],
            edited_by=row["edited_by"],
            edited_at=row["edited_at"],
        )
        for row in store.read(EDITS_SQL, (article_id,))
    }


def approve(
    store: Store,
    release_id: int,
    article_id: int,
    who: str,
    *,
    override: bool = False,
    reason: str = "",
    failing: tuple[str, ...] = (),
) -> Approval:
    """Record an approval of ``article_id`` by ``who``; the release becomes ``approved``.

    Args:
        store: the store.
        release_id: the release.
        article_id: the article signed off (its edits included).
        who: the reviewer's name.
        override: whether failing sentences were knowingly approved.
        reason: the reviewer's reason for an override.
        failing: the texts of the sentences that failed when approved.

    Raises:
        ValueError: without a reviewer name.
        StoreError: when SQLite fails.
    """
    if not who.strip():
        raise ValueError("an approval needs the reviewer's name")
    now = _now()
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO approvals (release_id, article_id, approved_by, approved_at, override, reason, failing_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                release_id,
                article_id,
                who.strip(),
                now,
                int(override),
                reason.strip(),
                json.dumps(list(failing), ensure_ascii=False),
            ),
        )
        _set_review(conn, release_id, article_id, "approved", who.strip(), now)
        approval_id = int(cursor.lastrowid or 0)
    return Approval(approval_id, release_id, article_id, who.strip(), now, override, reason.strip(), failing)


def current_approval(store: Store, release_id: int, article_id: int) -> Approval | None:
    """The newest approval of this article, or None."""
    rows = store.read(
        "SELECT * FROM approvals WHERE release_id = ? AND article_id = ? AND revoked_at IS NULL ORDER BY id DESC LIMIT 1",
        (release_id, article_id),
    )
    if not rows:
        return None
    row = rows[0]
    return Approval(
        row["id"],
        row["release_id"],
        row["article_id"],
        row["approved_by"],
        row["approved_at"],
        bool(row["override"]),
        row["reason"],
        tuple(json.loads(row["failing_json"])),
    )


def add_comment(store: Store, release_id: int, body: str, author: str, article_id: int | None = None) -> Comment:
    """Add a reviewer's comment (at most MAX_COMMENT_CHARS characters).

    Raises:
        ValueError: for an empty or overlong comment.
        StoreError: when SQLite fails.
    """
    body = body.strip()
    if not body or len(body) > MAX_COMMENT_CHARS:
        raise ValueError(f"a comment needs 1 to {MAX_COMMENT_CHARS} characters")
    now = _now()
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO comments (release_id, article_id, author, created_at, body) VALUES (?, ?, ?, ?, ?)",
            (release_id, article_id, author, now, body),
        )
        return Comment(int(cursor.lastrowid or 0), release_id, article_id, author, now, body)


def comments(store: Store, release_id: int) -> list[Comment]:
    """A release's comments, oldest first."""
    return [
        Comment(row["id"], row["release_id"], row["article_id"], row["author"], row["created_at"], row["body"])
        for row in store.read("SELECT * FROM comments WHERE release_id = ? ORDER BY id", (release_id,))
    ]


def release_row(store: Store, release_id: int) -> ReleaseRow | None:
    """One release as the store lists it, or None."""
    rows = store.read(RELEASE_SQL, (release_id,))
    if not rows:
        return None
    return release_row_from(rows[0])


def revision_file(store: Store, revision_id: int) -> RevisionFile | None:
    """The stored file of a revision with its release's page facts, or None."""
    rows = store.read(
        "SELECT v.id, v.number, v.sha256, v.attachment_name, v.title, r.current_revision, r.news_id, r.source_url, "
        "r.agency, r.kogl_type, r.kogl_evidence FROM revisions v JOIN releases r ON r.id = v.release_id WHERE v.id = ?",
        (revision_id,),
    )
    if not rows:
        return None
    row = rows[0]
    return RevisionFile(
        row["id"],
        row["number"],
        row["current_revision"] == row["id"],
        row["sha256"],
        row["attachment_name"],
        row["news_id"],
        row["source_url"],
        row["agency"],
        row["title"],
        row["kogl_type"],
        row["kogl_evidence"],
    )


def current_revision(store: Store, release_id: int) -> int | None:
    """The id of the release's current revision, or None."""
    rows = store.read("SELECT current_revision FROM releases WHERE id = ?", (release_id,))
    return rows[0]["current_revision"] if rows else None
