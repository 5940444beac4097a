"""The draft view's workflow facts: every generated draft, the edit history, the problems and the assignee."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from haesol.models import KST
from haesol.store import Store

LOGGER = logging.getLogger(__name__)


def _kst(text: str) -> str:
    return dt.datetime.fromisoformat(text).astimezone(KST).strftime("%Y-%m-%d %H:%M KST") if text else ""


@dataclass(frozen=True, slots=True)
class DraftChoice:
    """One generated draft of the release (earlier ones stay reachable)."""

    id: int
    engine: str
    style: str
    created_at: str
    newest: bool


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One saved change in the article's edit history."""

    id: int
    position: int
    before: str
    after: str
    verdict: str
    edited_by: str
    edited_at: str


@dataclass(frozen=True, slots=True)
class DeskExtras:
    """The draft view's workflow facts: which draft is shown, the others, the edit history, problems, assignee."""

    shown_id: int | None
    newest_id: int | None
    drafts: tuple[DraftChoice, ...]
    history: tuple[HistoryEntry, ...]
    problems: tuple[int, ...]
    assignee: str
    gate_removed: int

    @property
    def old(self) -> bool:
        """Whether an earlier draft (read only) is shown instead of the newest."""
        return self.shown_id is not None and self.shown_id != self.newest_id


def desk_extras(
    store: Store, release_id: int, shown_id: int | None, gate_removed: int, problems: tuple[int, ...]
) -> DeskExtras:
    """The workflow facts of the draft ``shown_id`` (None: no draft yet) of a release."""
    from haesol.store.workflow import articles_of, edit_history, queue_facts

    stored = articles_of(store, release_id)
    newest = stored[0].id if stored else None
    history = tuple(
        HistoryEntry(e.id, e.position, e.original, e.text, e.verdict, e.edited_by, _kst(e.edited_at))
        for e in (edit_history(store, shown_id) if shown_id is not None else ())
    )
    facts = queue_facts(store, release_id).get(release_id)
    return DeskExtras(
        shown_id=shown_id,
        newest_id=newest,
        drafts=tuple(DraftChoice(a.id, a.engine, a.style, _kst(a.created_at), a.id == newest) for a in stored),
        history=history,
        problems=problems,
        assignee=facts.assignee if facts else "",
        gate_removed=gate_removed,
    )
