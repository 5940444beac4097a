"""The draft view's data: the source's structure, the article's sentences with their verdicts, the review state."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from typing import Any

from haesol.errors import InputError, NotFoundError, StoreError
from haesol.models import KST, Article, ArticleTable, Line, Problem, Verdict
from haesol.render.renderer import reading_order
from haesol.render.report import LABELS
from haesol.store import ReleaseRow, Store
from haesol.store.review import (
    SentenceEdit,
    StoredArticle,
    comments,
    edits,
    latest_article,
    release_row,
    review_state,
)
from haesol.store.statuses import status_label
from haesol.web.articles import (
    BLOCKING,
    DeskCheck,
    apply_edits,
    article_from_document,
    check_from_json,
    desk_check,
    editable,
)
from haesol.web.history import DeskExtras, desk_extras
from haesol.web.sources import LoadedSource, SourceCache, SourceSentence, SourceView, source_view

LOGGER = logging.getLogger(__name__)

ENGINES = ("extractive", "llm")
STYLES = ("news", "polite")
EMPTY_CELL = -1
REVISED_NOTICE = "원문이 개정되었습니다: 초안은 이전 판을 따릅니다. 다시 만들어 주세요 (the release was revised after this draft; regenerate it)"


NotFound = NotFoundError  # the desk's name for it


@dataclass(frozen=True, slots=True)
class SentenceView:
    """One article sentence at the desk: its text, verdict, evidence, problems and edit history."""

    position: int
    text: str
    part: str
    editable: bool
    verdict: str = ""
    verdict_label: str = ""
    coverage: float = 0.0
    sources: tuple[str, ...] = ()
    evidence: tuple[SourceSentence, ...] = ()
    problems: tuple[Problem, ...] = ()
    retrieved: bool = False
    edited: bool = False
    original: str = ""
    edited_by: str = ""
    edited_at: str = ""


@dataclass(frozen=True, slots=True)
class TableLayout:
    """A table of the article as sentence positions (EMPTY_CELL for an empty cell)."""

    caption: int | None
    rows: tuple[tuple[int, ...], ...]


@dataclass(frozen=True, slots=True)
class SectionLayout:
    """A section as sentence positions."""

    heading: int
    paragraphs: tuple[tuple[int, ...], ...]
    tables: tuple[TableLayout, ...]


@dataclass(frozen=True, slots=True)
class ArticleLayout:
    """The article's structure, each sentence given by its position in ``sentences``."""

    headline: int
    lead: tuple[int, ...]
    sections: tuple[SectionLayout, ...]
    key_points: tuple[int, ...]
    fact_rows: tuple[tuple[int, int], ...]
    faq: tuple[tuple[int, int], ...]
    contact: tuple[int, ...]
    source: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ReleaseInfo:
    """The release's header facts for the draft view."""

    id: int
    news_id: str
    title: str
    agency: str
    date: str
    kogl_type: int | None
    embargo_until: str
    embargoed: bool
    source_url: str
    revision: int
    format: str


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """How the shown draft was made, and what the write gate removed from it."""

    id: int
    engine: str
    style: str
    created_at: str
    article_date: str
    revision_current: bool
    rejected: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ApprovalView:
    """The current sign-off."""

    approved_by: str
    approved_at: str
    override: bool
    reason: str
    failing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CommentView:
    """A reviewer's note."""

    author: str
    created_at: str
    body: str


@dataclass(frozen=True, slots=True)
class ReviewView:
    """The review state: status, current approval, the sentences that block approval, counts by verdict."""

    status: str
    status_label: str
    approval: ApprovalView | None
    blocking: tuple[int, ...]
    counts: tuple[tuple[str, int], ...]
    edits: int


@dataclass(frozen=True, slots=True)
class DraftPage:
    """Everything the draft view shows (the HTML page and /api/releases/{id} both use it)."""

    release: ReleaseInfo
    review: ReviewView
    source: SourceView | None
    article: ArticleInfo | None
    layout: ArticleLayout | None
    sentences: tuple[SentenceView, ...]
    comments: tuple[CommentView, ...]
    engines: tuple[str, ...]
    styles: tuple[str, ...] = STYLES
    notice: str = ""
    extra: DeskExtras | None = None


def safe_url(url: str) -> str:
    """The address when it is http(s), else '' (no javascript: or data: links)."""
    lowered = url.strip().lower()
    return url.strip() if lowered.startswith(("http://", "https://")) and " " not in url.strip() else ""


def kst_text(moment: dt.datetime | None) -> str:
    """An aware datetime as 'YYYY-MM-DD HH:MM KST' ('' for None)."""
    return moment.astimezone(KST).strftime("%Y-%m-%d %H:%M KST") if moment else ""


def utc_to_kst(text: str) -> str:
    """A stored UTC timestamp as KST text."""
    return kst_text(dt.datetime.fromisoformat(text)) if text else ""


def release_info(row: ReleaseRow, now: dt.datetime) -> ReleaseInfo:
    """The release's header facts."""
    return ReleaseInfo(
        row.id,
        row.news_id,
        row.title,
        row.agency,
        row.date[:10],
        row.kogl_type,
        kst_text(row.embargo_until),
        row.embargo_until is not None and now < row.embargo_until,
        safe_url(row.source_url),
        row.revision,
        row.format,
    )


def sentence_view(
    position: int, line: Line, check: DeskCheck | None, texts: dict[str, str], edit: SentenceEdit | None = None
) -> SentenceView:
    """One sentence with its verdict, evidence (source texts) and edit."""
    base: dict[str, Any] = {
        "position": position,
        "text": line.text,
        "part": line.part.value,
        "editable": editable(line),
        "edited": edit is not None,
        "original": edit.original if edit else line.text,
        "edited_by": edit.edited_by if edit else "",
        "edited_at": utc_to_kst(edit.edited_at) if edit else "",
    }
    if check is None:
        return SentenceView(**base)
    result = check.check
    return SentenceView(
        **base,
        verdict=result.verdict.value,
        verdict_label=LABELS[result.verdict],
        coverage=result.coverage,
        sources=check.sources,
        retrieved=check.retrieved,
        evidence=tuple(SourceSentence(i, texts.get(i, "")) for i in result.evidence),
        problems=tuple(result.problems),
    )


@dataclass(frozen=True, slots=True)
class DeskArticle:
    """A stored draft with its edits applied, its sentences in reading order and their checks."""

    stored: StoredArticle
    document: dict[str, Any]
    article: Article
    order: list[Line]
    checks: dict[int, DeskCheck]
    edits: dict[int, SentenceEdit]
    loaded: LoadedSource


def desk_article(store: Store, cache: SourceCache, stored: StoredArticle) -> DeskArticle:
    """The draft as the desk sees it: edits applied, every sentence checked (edited ones as saved).

    Raises:
        InputError: when the stored draft is not an article document or its source no longer parses.
        StoreError: when the store cannot be read.
    """
    from haesol.web.sources import NLP_LOCK

    document = json.loads(stored.article_json or "{}")
    made = article_from_document(document)
    loaded = cache.load(store, stored.revision_id)
    changes = edits(store, stored.id)
    article = apply_edits(made, {pos: (e.text, e.sources) for pos, e in changes.items()})
    order = reading_order(article)
    checks: dict[int, DeskCheck] = {}
    with NLP_LOCK:
        for position, line in enumerate(order):
            if position in changes:
                saved = json.loads(changes[position].check_json)
                checks[position] = DeskCheck(check_from_json(saved["check"]), bool(saved.get("retrieved")))
            elif editable(line):
                checks[position] = desk_check(loaded.checker, line.text, line.part.value, line.sources)
    return DeskArticle(stored, document, article, order, checks, changes, loaded)


def _layout(article: Article) -> ArticleLayout:
    where = {id(line): index for index, line in enumerate(reading_order(article))}

    def at(line: Line) -> int:
        return where.get(id(line), EMPTY_CELL)

    def table(t: ArticleTable) -> TableLayout:
        return TableLayout(
            at(t.caption) if t.caption is not None else None, tuple(tuple(at(c) for c in row) for row in t.rows)
        )

    return ArticleLayout(
        headline=at(article.headline),
        lead=tuple(at(line) for line in article.lead),
        sections=tuple(
            SectionLayout(
                at(s.heading),
                tuple(tuple(at(line) for line in p) for p in s.paragraphs),
                tuple(table(t) for t in s.tables),
            )
            for s in article.sections
        ),
        key_points=tuple(at(line) for line in article.key_points),
        fact_rows=tuple((at(r.label), at(r.value)) for r in article.fact_rows),
        faq=tuple((at(i.question), at(i.answer)) for i in article.faq),
        contact=tuple(at(line) for line in article.contact),
        source=tuple(at(line) for line in article.source),
    )


def blocking_positions(desk: DeskArticle) -> tuple[int, ...]:
    """Positions of the sentences that block approval (contradicted or unsupported)."""
    return tuple(p for p, c in sorted(desk.checks.items()) if c.check.verdict in BLOCKING)


def review_view(store: Store, release_id: int, desk: DeskArticle | None, embargoed: bool = False) -> ReviewView:
    """The review state of a release with the verdict counts and blocking sentences of its draft."""
    state = review_state(store, release_id)
    status = state.status if state else "new"
    approval = state.approval if state else None
    counts: dict[str, int] = {}
    for check in desk.checks.values() if desk else ():
        counts[check.check.verdict.value] = counts.get(check.check.verdict.value, 0) + 1
    return ReviewView(
        status=status,
        status_label=status_label(status, embargoed),
        approval=ApprovalView(
            approval.approved_by, utc_to_kst(approval.approved_at), approval.override, approval.reason, approval.failing
        )
        if approval
        else None,
        blocking=blocking_positions(desk) if desk else (),
        counts=tuple((v.value, counts.get(v.value, 0)) for v in Verdict),
        edits=len(desk.edits) if desk else 0,
    )


def load_desk(
    store: Store, cache: SourceCache, release_id: int, article_id: int | None = None
) -> tuple[ReleaseRow, DeskArticle | None]:
    """The release and its newest draft (or the draft ``article_id``) at the desk (None when it has no draft yet).

    Raises:
        NotFound: when there is no such release or draft.
    """
    row = release_row(store, release_id)
    if row is None:
        raise NotFound(f"보도자료가 없습니다 (no release {release_id})")
    stored = _stored(store, release_id, article_id)
    return row, desk_article(store, cache, stored) if stored is not None else None


def _stored(store: Store, release_id: int, article_id: int | None) -> StoredArticle | None:
    from haesol.store.workflow import article_of

    if article_id is None:
        return latest_article(store, release_id)
    stored = article_of(store, release_id, article_id)
    if stored is None:
        raise NotFound(f"초안이 없습니다 (release {release_id} has no draft {article_id})")
    return stored


def draft_data(
    store: Store,
    cache: SourceCache,
    release_id: int,
    llm_enabled: bool = False,
    now: dt.datetime | None = None,
    article_id: int | None = None,
) -> DraftPage:
    """The draft view of a release: source, article sentences with verdicts, review state, comments.

    A draft or source that can no longer be read is shown as a notice (regenerating still works).

    Raises:
        NotFound: when there is no such release.
    """
    now = now or dt.datetime.now(dt.UTC)
    row, desk, problem = _readable_desk(store, cache, release_id, article_id)
    source = desk.loaded if desk else None
    if source is None and row.sha256 and not problem:
        try:
            source = cache.load(store, current_revision_id(store, release_id))
        except (InputError, StoreError) as exc:
            problem = str(exc)
    texts = {s.id: s.text for s in source.analysis.sentences} if source else {}
    sentences = (
        tuple(sentence_view(p, line, desk.checks.get(p), texts, desk.edits.get(p)) for p, line in enumerate(desk.order))
        if desk
        else ()
    )
    revised = desk is not None and not desk.loaded.revision.current
    info = release_info(row, now)
    return DraftPage(
        release=info,
        review=review_view(store, release_id, desk, info.embargoed),
        source=source_view(source.analysis) if source else None,
        article=_article_info(desk) if desk else None,
        layout=_layout(desk.article) if desk else None,
        sentences=sentences,
        comments=tuple(CommentView(c.author, utc_to_kst(c.created_at), c.body) for c in comments(store, release_id)),
        engines=ENGINES if llm_enabled else ENGINES[:1],
        notice=problem or (REVISED_NOTICE if revised else ""),
        extra=desk_extras(
            store,
            release_id,
            desk.stored.id if desk else None,
            desk.stored.rejected if desk else 0,
            tuple(p.position for p in sentences if p.verdict and p.verdict != Verdict.SUPPORTED.value),
        ),
    )


def _readable_desk(
    store: Store, cache: SourceCache, release_id: int, article_id: int | None
) -> tuple[ReleaseRow, DeskArticle | None, str]:
    row = release_row(store, release_id)
    if row is None:
        raise NotFound(f"보도자료가 없습니다 (no release {release_id})")
    stored = _stored(store, release_id, article_id)
    try:
        return row, desk_article(store, cache, stored) if stored is not None else None, ""
    except (InputError, StoreError) as exc:
        return row, None, str(exc)


def current_revision_id(store: Store, release_id: int) -> int:
    """The id of the release's current revision.

    Raises:
        NotFound: when the release has no stored file.
    """
    from haesol.store.review import current_revision

    revision = current_revision(store, release_id)
    if revision is None:
        raise NotFound(f"원문 파일이 없습니다 (release {release_id} has no stored file)")
    return revision


def _article_info(desk: DeskArticle) -> ArticleInfo:
    verification = desk.document.get("verification") or {}
    rejected = tuple(
        f"{r.get('text', '')} — {'; '.join(r.get('problems', []))}" for r in verification.get("rejected", [])
    )
    return ArticleInfo(
        desk.stored.id,
        desk.stored.engine,
        desk.stored.style,
        utc_to_kst(desk.stored.created_at),
        desk.stored.article_date,
        desk.loaded.revision.current,
        rejected,
        tuple(desk.document.get("warnings", [])),
    )
