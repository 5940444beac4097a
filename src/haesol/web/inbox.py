"""The inbox: stored releases filtered by agency, date, desk status, KOGL type and embargo, searched, paged."""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from haesol.errors import ConfigError
from haesol.models import KST
from haesol.store import ReleaseRow, Store
from haesol.store.review import DESK_STATUSES, desk_statuses
from haesol.store.statuses import status_label
from haesol.store.workflow import QueueFacts, queue_facts

LOGGER = logging.getLogger(__name__)

PAGE_SIZE = 20
SEARCH_LIMIT = 2_000
KOGL_CHOICES = ("0", "1", "2", "3", "4", "unknown")
EMBARGO_CHOICES = ("embargoed", "released")
APPROVAL_CHOICES = ("clean", "override", "none")
SORTS = ("date", "-date", "title", "agency", "status", "problems", "-problems", "assignee", "approver")
FLAGGED = ("contradicted", "unsupported", "partial")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class InboxFilters:
    """What the inbox shows: search words, agency, date range, status, KOGL type, embargo, and the page."""

    q: str = ""
    agency: str = ""
    date_from: str = ""
    date_to: str = ""
    status: str = ""
    kogl: str = ""
    embargo: str = ""
    page: int = 1
    assignee: str = ""
    approval: str = ""
    sort: str = "-date"

    def __post_init__(self) -> None:
        if self.approval and self.approval not in APPROVAL_CHOICES:
            raise ConfigError(f"알 수 없는 승인 종류 (unknown approval kind) {self.approval}")
        if self.sort not in SORTS:
            raise ConfigError(f"알 수 없는 정렬 (unknown sort) {self.sort}; available: {', '.join(SORTS)}")
        if self.status and self.status not in DESK_STATUSES:
            raise ConfigError(f"알 수 없는 상태 (unknown status) {self.status}; available: {', '.join(DESK_STATUSES)}")
        if self.kogl and self.kogl not in KOGL_CHOICES:
            raise ConfigError(
                f"알 수 없는 공공누리 유형 (unknown KOGL type) {self.kogl}; available: {', '.join(KOGL_CHOICES)}"
            )
        if self.embargo and self.embargo not in EMBARGO_CHOICES:
            raise ConfigError(
                f"알 수 없는 보도시점 조건 (unknown embargo filter) {self.embargo}; available: {', '.join(EMBARGO_CHOICES)}"
            )
        for value in (self.date_from, self.date_to):
            if value and not DATE_RE.match(value):
                raise ConfigError(f"날짜는 YYYY-MM-DD 형식이어야 합니다 (expected YYYY-MM-DD): {value}")
        if self.page < 1:
            raise ConfigError("page는 1 이상이어야 합니다 (page must be at least 1)")

    def query(self, **changes: object) -> str:
        """The query string of these filters with some changed (for pager and filter links)."""
        values = replace(self, **changes)  # type: ignore[arg-type]
        keys = ("q", "agency", "date_from", "date_to", "status", "kogl", "embargo", "assignee", "approval")
        pairs = [(k, getattr(values, k)) for k in keys]
        params = [(k, v) for k, v in pairs if v]
        if values.sort != "-date":
            params.append(("sort", values.sort))
        if values.page > 1:
            params.append(("page", str(values.page)))
        return urlencode(params)


@dataclass(frozen=True, slots=True)
class SnippetPart:
    """A piece of a search snippet; ``hit`` pieces are the matched words."""

    text: str
    hit: bool = False


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One release in the inbox."""

    id: int
    news_id: str
    title: str
    agency: str
    date: str
    status: str
    status_label: str
    kogl_type: int | None
    embargo_until: str
    embargoed: bool
    articles: int
    snippet: tuple[SnippetPart, ...] = ()
    flags: tuple[tuple[str, int], ...] = ()
    checked: bool = False
    assignee: str = ""
    approver: str = ""
    approval_kind: str = ""
    reason: str = ""
    gate_removed: int = 0

    @property
    def problems(self) -> int:
        """Sentences of the newest draft that are not fully supported."""
        return sum(n for _, n in self.flags)

    @property
    def bulk_ok(self) -> bool:
        """Whether the row may be approved in bulk: a checked draft with no flagged sentence, not approved yet."""
        return self.checked and self.problems == 0 and self.status in ("drafted", "needs_review")


@dataclass(frozen=True, slots=True)
class InboxPage:
    """A page of the inbox with the filters, totals and the choices the filter form offers."""

    filters: InboxFilters
    rows: tuple[InboxRow, ...]
    total: int
    page: int
    pages: int
    agencies: tuple[str, ...]
    statuses: tuple[str, ...] = DESK_STATUSES
    kogl_choices: tuple[str, ...] = KOGL_CHOICES
    counts: tuple[tuple[str, int], ...] = ()
    assignees: tuple[str, ...] = ()
    date_hint: str = ""
    unchecked: int = 0


def snippet_parts(snippet: str) -> tuple[SnippetPart, ...]:
    """A store snippet ('…«난방»기를…') as plain and matched pieces (escaped when shown, never raw HTML)."""
    parts: list[SnippetPart] = []
    for index, piece in enumerate(re.split(r"[«»]", snippet)):
        if piece:
            parts.append(SnippetPart(piece, hit=index % 2 == 1))
    return tuple(parts)


def _kst(moment: dt.datetime | None) -> str:
    return moment.astimezone(KST).strftime("%Y-%m-%d %H:%M KST") if moment else ""


def _keep(row: ReleaseRow, status: str, filters: InboxFilters, now: dt.datetime) -> bool:
    embargoed = row.embargo_until is not None and now < row.embargo_until
    kogl = "unknown" if row.kogl_type is None else str(row.kogl_type)
    return (
        (not filters.status or status == filters.status)
        and (not filters.kogl or kogl == filters.kogl)
        and (not filters.embargo or embargoed == (filters.embargo == "embargoed"))
        and (not filters.date_from or (bool(row.date) and row.date[:10] >= filters.date_from))
        and (not filters.date_to or (bool(row.date) and row.date[:10] <= filters.date_to))
    )


FlagSource = Callable[[list[int]], dict[int, dict[str, int]]]


def inbox_data(
    store: Store, filters: InboxFilters, now: dt.datetime | None = None, flags: FlagSource | None = None
) -> InboxPage:
    """The inbox page for ``filters`` (the HTML page and /api/releases both use it).

    Raises:
        ConfigError: for a search query without words.
        StoreError: when the store cannot be read.
    """
    now = now or dt.datetime.now(dt.UTC)
    # 1. every release (newest first), or the search hits (best first)
    rows = store.releases(agency=filters.agency)
    snippets: dict[int, str] = {}
    if filters.q.strip():
        hits = store.search(filters.q, limit=SEARCH_LIMIT)
        snippets = {hit.release_id: hit.snippet for hit in hits}
        by_id = {row.id: row for row in rows}
        rows = [by_id[hit.release_id] for hit in hits if hit.release_id in by_id]
    # 2. desk status, then the filters
    statuses = desk_statuses(store)
    facts = queue_facts(store)
    kept = [row for row in rows if _keep(row, statuses.get(row.id, row.status), filters, now)]
    kept = [row for row in kept if _keep_queue(facts.get(row.id), filters)]
    # 3. verdict counts (for every kept row when sorting by them, else for the shown page), sort, page
    every = filters.sort in ("problems", "-problems")
    found = flags([r.id for r in kept]) if flags and every else {}
    queue = [
        _row(row, statuses.get(row.id, row.status), snippets.get(row.id, ""), now, facts.get(row.id), found.get(row.id))
        for row in kept
    ]
    queue = _sorted(queue, filters.sort, bool(filters.q.strip()))
    pages = max(1, math.ceil(len(queue) / PAGE_SIZE))
    page = min(filters.page, pages)
    shown = queue[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    if flags and not every:
        found = flags([r.id for r in shown])
        shown = [_with_flags(r, found.get(r.id)) for r in shown]
    counts: dict[str, int] = {}
    for row in kept:
        counts[statuses.get(row.id, row.status)] = counts.get(statuses.get(row.id, row.status), 0) + 1
    everything = store.releases()
    return InboxPage(
        filters=filters,
        rows=tuple(shown),
        total=len(kept),
        page=page,
        pages=pages,
        agencies=tuple(sorted({row.agency for row in everything if row.agency})),
        counts=tuple(sorted(counts.items())),
        assignees=tuple(sorted({f.assignee for f in facts.values() if f.assignee})),
        date_hint=_date_hint(everything, filters) if not kept else "",
        unchecked=sum(1 for r in (queue if every else shown) if r.articles and not r.checked) if flags else 0,
    )


def _keep_queue(fact: QueueFacts | None, filters: InboxFilters) -> bool:
    kind = _kind(fact)
    return (not filters.assignee or (fact is not None and fact.assignee == filters.assignee)) and (
        not filters.approval or kind == filters.approval or (filters.approval == "none" and not kind)
    )


def _kind(fact: QueueFacts | None) -> str:
    if fact is None or fact.approval is None:
        return ""
    return "override" if fact.approval.override else "clean"


SORT_KEYS: dict[str, Callable[[InboxRow], object]] = {
    "date": lambda r: (r.date or "9999", r.id),
    "title": lambda r: r.title,
    "agency": lambda r: (r.agency or "힣", r.title),
    "status": lambda r: (DESK_STATUSES.index(r.status) if r.status in DESK_STATUSES else 99, r.id),
    "problems": lambda r: (r.problems if r.checked else -1, r.id),
    "assignee": lambda r: (r.assignee or "힣", r.id),
    "approver": lambda r: (r.approver or "힣", r.id),
}


def _sorted(rows: list[InboxRow], sort: str, searched: bool) -> list[InboxRow]:
    if sort == "-date":
        return rows if searched else sorted(rows, key=lambda r: (r.date, r.id), reverse=True)
    if sort.startswith("-"):
        return sorted(rows, key=SORT_KEYS[sort[1:]], reverse=True)  # type: ignore[arg-type]
    return sorted(rows, key=SORT_KEYS[sort])  # type: ignore[arg-type]


def _date_hint(rows: list[ReleaseRow], filters: InboxFilters) -> str:
    if not (filters.date_from or filters.date_to):
        return ""
    dates = sorted(row.date[:10] for row in rows if row.date)
    if not dates:
        return "날짜가 있는 보도자료가 없습니다. 날짜 조건을 지워 보세요."
    return f"이 기간에는 보도자료가 없습니다. 저장된 보도자료의 날짜는 {dates[0]}부터 {dates[-1]}까지입니다."


def _with_flags(row: InboxRow, counts: dict[str, int] | None) -> InboxRow:
    if counts is None:
        return row
    return replace(row, flags=tuple((name, counts.get(name, 0)) for name in FLAGGED), checked=True)


def _row(
    row: ReleaseRow,
    status: str,
    snippet: str,
    now: dt.datetime,
    fact: QueueFacts | None = None,
    counts: dict[str, int] | None = None,
) -> InboxRow:
    approval = fact.approval if fact else None
    made = InboxRow(
        id=row.id,
        news_id=row.news_id,
        title=row.title,
        agency=row.agency,
        date=row.date[:10],
        status=status,
        status_label=status_label(status, row.embargo_until is not None and now < row.embargo_until),
        kogl_type=row.kogl_type,
        embargo_until=_kst(row.embargo_until),
        embargoed=row.embargo_until is not None and now < row.embargo_until,
        articles=row.articles,
        snippet=snippet_parts(snippet),
        assignee=fact.assignee if fact else "",
        approver=approval.approved_by if approval else "",
        approval_kind=_kind(fact),
        reason=approval.reason if approval else "",
        gate_removed=fact.rejected if fact else 0,
    )
    return _with_flags(made, counts)
