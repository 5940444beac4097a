"""The desk's workflow records: revoking approvals, assignees, every draft and edit of a release, cached verdict counts."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from haesol.store.records import utc_text
from haesol.store.review import ARTICLE_SQL, Approval, StoredArticle, article_row

if TYPE_CHECKING:
    from haesol.store.db import Store

LOGGER = logging.getLogger(__name__)

MAX_ASSIGNEE_CHARS = 60
QUEUE_SQL = """
SELECT r.id, a.id AS article_id, COALESCE(a.rejected, 0) AS rejected, asg.assignee,
       ap.approved_by, ap.approved_at, ap.override, ap.reason,
       (SELECT COALESCE(MAX(e.id), 0) FROM sentence_edits e WHERE e.article_id = a.id) AS last_edit
FROM releases r
LEFT JOIN articles a ON a.id = (SELECT MAX(id) FROM articles WHERE release_id = r.id)
LEFT JOIN assignments asg ON asg.release_id = r.id
LEFT JOIN reviews rv ON rv.release_id = r.id AND rv.article_id = a.id AND rv.status = 'approved'
LEFT JOIN approvals ap ON rv.release_id IS NOT NULL
    AND ap.id = (SELECT MAX(id) FROM approvals WHERE article_id = a.id AND revoked_at IS NULL)
"""


@dataclass(frozen=True, slots=True)
class QueueFacts:
    """What the queue shows of a release besides its row: newest draft, assignee, current approval, last edit."""

    release_id: int
    article_id: int | None
    assignee: str
    approval: Approval | None
    last_edit: int
    rejected: int = 0


@dataclass(frozen=True, slots=True)
class EditEntry:
    """One saved change of a sentence, in the order it was made."""

    id: int
    position: int
    original: str
    text: str
    verdict: str
    edited_by: str
    edited_at: str


def _now() -> str:
    return utc_text(dt.datetime.now(dt.UTC))


def reviewed_statuses(store: Store) -> dict[int, str]:
    """needs_review or approved for releases whose newest draft an editor changed or signed off, by release id."""
    rows = store.read(
        "SELECT rv.release_id, rv.status FROM reviews rv "
        "WHERE rv.article_id = (SELECT MAX(id) FROM articles a WHERE a.release_id = rv.release_id)"
    )
    return {row["release_id"]: row["status"] for row in rows}


def queue_facts(store: Store, release_id: int | None = None) -> dict[int, QueueFacts]:
    """Newest draft, assignee, current approval and last edit id of every release (or one), by release id."""
    facts: dict[int, QueueFacts] = {}
    rows = store.read(QUEUE_SQL) if release_id is None else store.read(QUEUE_SQL + " WHERE r.id = ?", (release_id,))
    for row in rows:
        approval = (
            Approval(
                0,
                row["id"],
                row["article_id"],
                row["approved_by"],
                row["approved_at"],
                bool(row["override"]),
                row["reason"],
            )
            if row["approved_by"] is not None
            else None
        )
        facts[row["id"]] = QueueFacts(
            row["id"], row["article_id"], row["assignee"] or "", approval, row["last_edit"] or 0
        )
    return facts


def revoke(store: Store, release_id: int, who: str) -> bool:
    """Withdraw the current approval of the release's newest draft; it needs review again.

    Returns:
        Whether there was an approval to withdraw.
    """
    now = _now()
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT article_id FROM reviews WHERE release_id = ? AND status = 'approved'", (release_id,)
        ).fetchone()
        if row is None:
            return False
        conn.execute(
            "UPDATE approvals SET revoked_at = ?, revoked_by = ? WHERE article_id = ? AND revoked_at IS NULL",
            (now, who, row["article_id"]),
        )
        conn.execute(
            "UPDATE reviews SET status = 'needs_review', updated_by = ?, updated_at = ? WHERE release_id = ?",
            (who, now, release_id),
        )
    return True


def assign(store: Store, release_id: int, assignee: str, who: str) -> None:
    """Make ``assignee`` responsible for the release ('' removes the assignment)."""
    name = " ".join(assignee.split())[:MAX_ASSIGNEE_CHARS]
    with store.transaction() as conn:
        if not name:
            conn.execute("DELETE FROM assignments WHERE release_id = ?", (release_id,))
            return
        conn.execute(
            "INSERT INTO assignments (release_id, assignee, assigned_by, assigned_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(release_id) DO UPDATE SET assignee = excluded.assignee, assigned_by = excluded.assigned_by, "
            "assigned_at = excluded.assigned_at",
            (release_id, name, who, _now()),
        )


def articles_of(store: Store, release_id: int) -> list[StoredArticle]:
    """Every draft of a release, newest first."""
    return [
        article_row(row) for row in store.read(ARTICLE_SQL + " WHERE release_id = ? ORDER BY id DESC", (release_id,))
    ]


def article_of(store: Store, release_id: int, article_id: int) -> StoredArticle | None:
    """One draft of a release, or None."""
    rows = store.read(ARTICLE_SQL + " WHERE release_id = ? AND id = ?", (release_id, article_id))
    return article_row(rows[0]) if rows else None


def edit_history(store: Store, article_id: int) -> list[EditEntry]:
    """Every saved change of an article's sentences, oldest first (nothing is ever deleted)."""
    return [
        EditEntry(r["id"], r["position"], r["original"], r["text"], r["verdict"], r["edited_by"], r["edited_at"])
        for r in store.read("SELECT * FROM sentence_edits WHERE article_id = ? ORDER BY id", (article_id,))
    ]


def cached_flags(store: Store, article_id: int, last_edit: int) -> dict[str, int] | None:
    """The verdict counts saved for the article as it stood after ``last_edit``, or None."""
    rows = store.read("SELECT last_edit, counts_json FROM article_flags WHERE article_id = ?", (article_id,))
    if not rows or rows[0]["last_edit"] != last_edit:
        return None
    counts: dict[str, int] = json.loads(rows[0]["counts_json"])
    return counts


def save_flags(store: Store, article_id: int, last_edit: int, counts: dict[str, int]) -> None:
    """Remember the article's verdict counts (as it stood after ``last_edit``)."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO article_flags (article_id, last_edit, counts_json) VALUES (?, ?, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET last_edit = excluded.last_edit, counts_json = excluded.counts_json",
            (article_id, last_edit, json.dumps(counts)),
        )


def restore_article(store: Store, release_id: int, article_id: int, who: str) -> int:
    """Make an earlier draft the newest again: a copy of it (and of its sentences as last edited) is stored.

    The copy needs review (an approval of the earlier draft stays with that draft). Returns the copy's id.

    Raises:
        ValueError: when the release has no such draft.
        StoreError: when SQLite fails (nothing is written).
    """
    now = _now()
    with store.transaction() as conn:
        old = conn.execute(
            "SELECT * FROM articles WHERE id = ? AND release_id = ?", (article_id, release_id)
        ).fetchone()
        if old is None:
            raise ValueError(f"초안이 없습니다 (release {release_id} has no draft {article_id})")
        cursor = conn.execute(
            "INSERT INTO articles (release_id, revision_id, created_at, engine, style, options_json, haesol_version, "
            "article_date, ready_at, passed, rejected, article_json, markdown) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                release_id,
                old["revision_id"],
                now,
                old["engine"],
                old["style"],
                old["options_json"],
                old["haesol_version"],
                old["article_date"],
                old["ready_at"],
                old["passed"],
                old["rejected"],
                old["article_json"],
                old["markdown"],
            ),
        )
        copy = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT INTO sentence_edits (article_id, position, original, text, sources, verdict, check_json, edited_by, "
            "edited_at) SELECT ?, e.position, e.original, e.text, e.sources, e.verdict, e.check_json, e.edited_by, "
            "e.edited_at FROM sentence_edits e JOIN (SELECT position, MAX(id) AS id FROM sentence_edits "
            "WHERE article_id = ? GROUP BY position) last ON last.id = e.id ORDER BY e.position",
            (copy, article_id),
        )
        conn.execute(
            "INSERT INTO reviews (release_id, article_id, status, updated_by, updated_at) VALUES (?, ?, 'needs_review', ?, ?) "
            "ON CONFLICT(release_id) DO UPDATE SET article_id = excluded.article_id, status = excluded.status, "
            "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            (release_id, copy, who, now),
        )
    return copy
