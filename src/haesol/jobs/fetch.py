"""The fetch job: walk the portal's list (or the API), open view pages, download and parse the best attachment, store."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from haesol.errors import HaesolError, InputError, LayoutChangedError, NetworkError
from haesol.jobs.client import HttpResponse, PoliteClient, Validators
from haesol.jobs.data_go_kr import API_URL, fetch_api_items
from haesol.jobs.embargo import conservative_embargo, embargo_from_name
from haesol.jobs.listing import (
    TEXT_FORMATS,
    AttachmentLink,
    ListEntry,
    PageOverlay,
    ViewPage,
    apply_overlay,
)
from haesol.jobs.portal import (
    REP_CODE_RE,
    list_url,
    parse_list_page,
    parse_view_page,
    resolve_agency,
    view_url,
)
from haesol.models import Release
from haesol.store import NewRevision, Store

LOGGER = logging.getLogger(__name__)

MAX_PAGES = 500
OUTCOMES = ("stored", "revised", "unchanged", "duplicate", "known", "failed")


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """What to fetch: portal, agencies (names or repCodes), date range, keyword, limit."""

    portal_url: str
    agencies: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    keyword: str = ""
    limit: int | None = None
    recheck: bool = False
    service_key: str = ""
    api_url: str = API_URL
    max_pages: int = MAX_PAGES


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """What happened to one release: stored, revised, unchanged, duplicate, known (skipped) or failed."""

    news_id: str
    status: str
    title: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class FetchSummary:
    """Every outcome, warnings, and why the run stopped early ('' when it ran to the end)."""

    outcomes: tuple[FetchOutcome, ...] = ()
    warnings: tuple[str, ...] = ()
    stopped: str = ""

    def count(self, status: str) -> int:
        """How many releases ended with ``status``."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def exit_code(self) -> int:
        """0 when nothing failed and the run finished; 1 otherwise."""
        return 1 if self.stopped or self.count("failed") else 0


@dataclass(slots=True)
class _Run:
    """Mutable state of one run."""

    outcomes: list[FetchOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stopped: str = ""
    processed: int = 0


Report = Callable[[FetchOutcome], None]


def run_fetch(store: Store, client: PoliteClient, options: FetchOptions, report: Report | None = None) -> FetchSummary:
    """Collect releases into the store.

    Args:
        store: where releases go.
        client: the polite HTTP client (its options set delay, timeouts and limits).
        options: what to fetch.
        report: called with each outcome as it happens (progress output).

    Returns:
        The summary; a run stopped by repeated errors says why in ``stopped``.

    Raises:
        NetworkError: when the first list page (or the API) cannot be read at all.
        ParseError: when the first list page is not a press-release list.
    """
    run = _Run()
    try:
        for entry in _entries(client, options, run):
            if options.limit is not None and run.processed >= options.limit:
                break
            outcome = _process(store, client, options, entry)
            run.outcomes.append(outcome)
            run.processed += outcome.status != "known"
            if report is not None:
                report(outcome)
            if client.gave_up:
                run.stopped = f"연속 {client.consecutive_errors}회 오류로 중단 (stopped after {client.consecutive_errors} consecutive errors)"
                break
    except HaesolError as exc:
        if not run.outcomes or isinstance(exc, LayoutChangedError):
            raise
        run.stopped = str(exc)
    return FetchSummary(tuple(run.outcomes), tuple(run.warnings), run.stopped)


# -- 1. which releases -----------------------------------------------------------------------------


def _entries(client: PoliteClient, options: FetchOptions, run: _Run) -> Iterator[ListEntry]:
    if options.service_key:
        try:
            yield from _api_entries(client, options)
            return
        except NetworkError as exc:
            run.warnings.append(
                f"data.go.kr API를 쓸 수 없어 목록 페이지를 읽습니다 (API failed, using list pages): {exc}"
            )
    yield from _list_entries(client, options, run)


def _api_entries(client: PoliteClient, options: FetchOptions) -> Iterator[ListEntry]:
    until = options.until or dt.date.today()
    since = options.since or until - dt.timedelta(days=2)
    for item in fetch_api_items(client, options.service_key, since, until, options.api_url):
        entry = item.entry()
        if _matches(entry, options, options.agencies):
            yield replace(entry, url=view_url(options.portal_url, entry.news_id))


def _list_entries(client: PoliteClient, options: FetchOptions, run: _Run) -> Iterator[ListEntry]:
    if not options.agencies:
        yield from _walk(client, options, "", ())
        return
    first = parse_list_page(client.get(list_url(options.portal_url, 1)).body, options.portal_url)
    names = {agency.code: agency.name for agency in first.agencies}
    for wanted in dict.fromkeys(options.agencies):
        code = resolve_agency(wanted, first.agencies)
        if not code:
            run.warnings.append(
                f"목록 페이지의 기관 필터에 없어 기관명으로 거릅니다 (agency not in the filter; matched by name): {wanted}"
            )
        yield from _walk(client, options, code, (names.get(code, wanted),))


def _walk(client: PoliteClient, options: FetchOptions, code: str, names: tuple[str, ...]) -> Iterator[ListEntry]:
    for page in range(1, options.max_pages + 1):
        url = list_url(
            options.portal_url, page, rep_code=code, since=options.since, until=options.until, keyword=options.keyword
        )
        listing = parse_list_page(client.get(url).body, url)
        wanted = [e for e in listing.entries if _matches(e, options, names)]
        yield from wanted
        older = options.since is not None and all(
            e.date is not None and e.date < options.since for e in listing.entries
        )
        if not listing.entries or older or (listing.pages and page >= max(listing.pages)):
            return


def _matches(entry: ListEntry, options: FetchOptions, agencies: tuple[str, ...]) -> bool:
    if options.since and entry.date and entry.date < options.since:
        return False
    if options.until and entry.date and entry.date > options.until:
        return False
    if options.keyword and options.keyword not in f"{entry.title} {entry.lead}":
        return False
    return not agencies or any(_same_agency(name, entry.agency) for name in agencies)


def _same_agency(wanted: str, found: str) -> bool:
    if REP_CODE_RE.match(wanted):
        return True  # a repCode the filter does not name: the server filters by it
    wanted, found = wanted.replace(" ", ""), found.replace(" ", "")
    return bool(found) and (wanted in found or found in wanted)


# -- 2. one release --------------------------------------------------------------------------------


def _process(store: Store, client: PoliteClient, options: FetchOptions, entry: ListEntry) -> FetchOutcome:
    known = store.known(entry.news_id)
    settled = known is not None and known.has_revision and known.status != "failed"
    if settled and not options.recheck and (not entry.title or entry.title == known.title):  # type: ignore[union-attr]
        return FetchOutcome(entry.news_id, "known", entry.title)
    page_url = view_url(options.portal_url, entry.news_id)
    try:
        return _fetch_release(store, client, entry, page_url, recheck=known is not None)
    except LayoutChangedError:
        raise  # every later page would fail the same way: stop the run, name the page and selector
    except (HaesolError, Exception) as exc:  # any failure is this release's, recorded; the run goes on
        reason = str(exc) if isinstance(exc, HaesolError) else f"내부 오류 (internal error) {type(exc).__name__}: {exc}"
        LOGGER.info("%s: %s", entry.news_id, reason, exc_info=not isinstance(exc, HaesolError))
        store.record_failure(
            entry.news_id,
            reason,
            title=entry.title,
            agency=entry.agency,
            source_url=f"https://www.korea.kr/briefing/pressReleaseView.do?newsId={entry.news_id}",
            list_date=entry.date,
        )
        return FetchOutcome(entry.news_id, "failed", entry.title, reason)


def _fetch_release(
    store: Store, client: PoliteClient, entry: ListEntry, page_url: str, *, recheck: bool
) -> FetchOutcome:
    # 1. the view page, conditionally when we have it already
    etag, modified = store.validators(page_url) if recheck else ("", "")
    response = client.get(page_url, validators=Validators(etag, modified))
    if response.not_modified:
        return FetchOutcome(entry.news_id, "unchanged", entry.title)
    page = parse_view_page(response.body, response.url)
    page = page if page.news_id == entry.news_id else _with_id(page, entry.news_id)
    if not page.attachments and entry.files:
        page = replace(page, attachments=entry.files)
    # 2. the best attachment that parses (HWPX > PDF > HWP > DOCX/ODT), else the page's own text
    release, data, link = _best_document(client, page, response)
    # 3. page facts over the document, a conservative embargo, then store
    overlay = PageOverlay(
        page.news_id,
        page.url,
        page.agency or entry.agency,
        page.title or entry.title,
        page.kogl_type,
        page.kogl_evidence,
    )
    release = apply_overlay(release, overlay)
    embargo = conservative_embargo(release, embargo_from_name(link.name) if link else None, entry.embargo)
    saved = store.save_revision(
        NewRevision(
            news_id=entry.news_id,
            release=release,
            data=data,
            retrieved_at=dt.datetime.now(dt.UTC),
            source_url=page.url,
            fetched_url=page_url,
            title=release.title,
            agency=release.agency,
            list_date=entry.date or page.date,
            kogl_type=release.license.kogl_type,
            kogl_evidence=release.license.evidence,
            attachment_name=link.name if link else "",
            attachment_url=link.url if link else "",
            embargo_until=embargo,
            etag=response.validators.etag,
            last_modified=response.validators.last_modified,
        )
    )
    reason = f"같은 내용 (same text as) {saved.duplicate_of}" if saved.duplicate_of else ""
    return FetchOutcome(entry.news_id, saved.status, release.title, reason)


def _with_id(page: ViewPage, news_id: str) -> ViewPage:
    return replace(page, news_id=news_id, url=f"https://www.korea.kr/briefing/pressReleaseView.do?newsId={news_id}")


def _best_document(
    client: PoliteClient, page: ViewPage, response: HttpResponse
) -> tuple[Release, bytes, AttachmentLink | None]:
    """The first attachment (in preference order) that downloads and parses; else the page's text."""
    from haesol.parse import parse_bytes
    from haesol.parse.sniff import detect_format

    problems: list[str] = []
    for link in page.attachments:
        try:
            data = client.get(link.url).body
            fmt = detect_format(data)
            if fmt not in TEXT_FORMATS:
                problems.append(f"{link.name}: 본문 형식이 아님 (not a text format: {fmt})")
                continue
            return parse_bytes(data, link.name, url=page.url, fmt=fmt, isolated=True), data, link
        except InputError as exc:
            problems.append(f"{link.name}: {exc}")
        except NetworkError as exc:
            problems.append(str(exc))
            if client.gave_up:
                break
    try:
        return (
            parse_bytes(response.body, page.fetched_url, url=page.url, fmt="html", isolated=True),
            response.body,
            None,
        )
    except InputError as exc:
        detail = "; ".join(problems) or "첨부파일 없음 (no attachments)"
        raise InputError(
            f"본문을 얻지 못했습니다 (no usable document): {detail}; 페이지 (page): {exc}", source=page.url
        ) from exc
