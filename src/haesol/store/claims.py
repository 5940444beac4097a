"""Claims: a batch takes a revision in one transaction before drafting it, so two batches never both draft it.

A claim names its owner (host, process id, a random tag). It ends when the article or the failure is
stored. A claim whose owner process is gone (same host) or that is older than the lease is stale and
may be taken over, so a killed batch does not block the next run.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid

from haesol.store.connection import Database

LOGGER = logging.getLogger(__name__)

LEASE = dt.timedelta(hours=2)
HOST = socket.gethostname()


def new_owner() -> str:
    """An owner tag for this process: ``host:pid:random``."""
    return f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def claim(store: Database, revision_id: int, owner: str, now: dt.datetime | None = None) -> bool:
    """Take ``revision_id`` for ``owner``; False when it already has an article or a live claim.

    Raises:
        StoreError: when the store cannot be written.
    """
    now = now or dt.datetime.now(dt.UTC)
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM articles WHERE revision_id = ? LIMIT 1", (revision_id,)).fetchone():
            return False
        row = conn.execute("SELECT owner, claimed_at FROM claims WHERE revision_id = ?", (revision_id,)).fetchone()
        if row is not None and row["owner"] != owner and not _stale(row["owner"], row["claimed_at"], now):
            return False
        conn.execute(
            "INSERT OR REPLACE INTO claims (revision_id, owner, claimed_at) VALUES (?, ?, ?)",
            (revision_id, owner, now.isoformat()),
        )
    return True


def release(store: Database, revision_id: int, owner: str) -> None:
    """End ``owner``'s claim on ``revision_id`` (after its article or failure is stored)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM claims WHERE revision_id = ? AND owner = ?", (revision_id, owner))


def _stale(owner: str, claimed_at: str, now: dt.datetime) -> bool:
    try:
        if now - dt.datetime.fromisoformat(claimed_at) > LEASE:
            return True
    except ValueError:
        return True
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    return host == HOST and pid_text.isdigit() and not _alive(int(pid_text))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
