"""The inbox: stored releases filtered by agency, date, desk status, KOGL type and embargo, searched, paged."""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from haesol.errors import ConfigError
from haesol.models import KST
from haesol.store import ReleaseRow, Store
from haesol.store.review import DESK_STATUSES, desk_statuses

LOGGER = logging.getLogger(__name__)

PAGE_SIZE = 20
SEARCH_LIMIT = 2_000
KOGL_CHOICES = ("0", "1", "2", "3", "4", "unknown")
EMBARGO_CHOICES = ("embargoed", "released")
STATUS_LABELS = {
    "new": "새 자료",
    "drafted": "초안",
    "needs_review": "검토 필요",
    "approved": "승인",
    "failed": "실패",
    "duplicate": "중복",
}
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

    def __post_init__(self) -> None:
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
        pairs = [(k, getattr(values, k)) for k in ("q", "agency", "date_from", "date_to", "status", "kogl", "embargo")]
        params = [(k, v) for k, v in pairs if v]
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


def inbox_data(store: Store, filters: InboxFilters, now: dt.datetime | None = None) -> InboxPage:
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
    kept = [row for row in rows if _keep(row, statuses.get(row.id, row.status), filters, now)]
    # 3. the page
    pages = max(1, math.ceil(len(kept) / PAGE_SIZE))
    page = min(filters.page, pages)
    shown = kept[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    counts: dict[str, int] = {}
    for row in kept:
        counts[statuses.get(row.id, row.status)] = counts.get(statuses.get(row.id, row.status), 0) + 1
    return InboxPage(
        filters=filters,
        rows=tuple(_row(row, statuses.get(row.id, row.status), snippets.get(row.id, ""), now) for row in shown),
        total=len(kept),
        page=page,
        pages=pages,
        agencies=tuple(sorted({row.agency for row in store.releases() if row.agency})),
        counts=tuple(sorted(counts.items())),
    )


def _row(row: ReleaseRow, status: str, snippet: str, now: dt.datetime) -> InboxRow:
    return InboxRow(
        id=row.id,
        news_id=row.news_id,
        title=row.title,
        agency=row.agency,
        date=row.date[:10],
        status=status,
        status_label=STATUS_LABELS.get(status, status),
        kogl_type=row.kogl_type,
        embargo_until=_kst(row.embargo_until),
        embargoed=row.embargo_until is not None and now < row.embargo_until,
        articles=row.articles,
        snippet=snippet_parts(snippet),
    )
