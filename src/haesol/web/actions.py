"""What editors do at the desk: edit a sentence (re-checked at once), approve, regenerate, export, comment."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from typing import Any

from haesol import __version__
from haesol.config import Config
from haesol.errors import ApprovalBlockedError, ConfigError
from haesol.models import Line, Problem, SentenceCheck, Verdict
from haesol.render.renderer import reading_order
from haesol.store import ArticleRecord, Store
from haesol.store.review import SentenceEdit as EditRecord
from haesol.store.review import add_comment, approve, edits, latest_article, release_row, review_state, save_edit
from haesol.web.articles import article_from_document, check_to_json, desk_check, editable
from haesol.web.drafts import (
    ENGINES,
    STYLES,
    ApprovalView,
    CommentView,
    DeskArticle,
    NotFound,
    SentenceView,
    blocking_positions,
    current_revision_id,
    load_desk,
    sentence_view,
    utc_to_kst,
)
from haesol.web.exports import ReviewMark, mark_export
from haesol.web.sources import NLP_LOCK, SourceCache

LOGGER = logging.getLogger(__name__)

MAX_SENTENCE_CHARS = 2_000
EXPORT_FORMATS = {
    "md": ("md", "text/markdown; charset=utf-8"),
    "html": ("html", "text/html; charset=utf-8"),
    "json": ("json", "application/json; charset=utf-8"),
}


ApprovalBlocked = ApprovalBlockedError  # the desk's name for it


def _draft(store: Store, cache: SourceCache, release_id: int) -> DeskArticle:
    _, desk = load_desk(store, cache, release_id)
    if desk is None:
        raise NotFound(f"초안이 없습니다 (release {release_id} has no draft yet)")
    return desk


def clean_sentence(text: str) -> str:
    """An edited sentence as one line of text.

    Raises:
        ValueError: when it is empty or longer than MAX_SENTENCE_CHARS.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValueError("빈 문장은 저장할 수 없습니다 (a sentence cannot be empty)")
    if len(cleaned) > MAX_SENTENCE_CHARS:
        raise ValueError(f"문장이 너무 깁니다 (a sentence has at most {MAX_SENTENCE_CHARS} characters)")
    return cleaned


def edit_sentence(
    store: Store, cache: SourceCache, release_id: int, position: int, text: str, who: str
) -> SentenceView:
    """Save an edited sentence after checking it against the stored source; returns its new verdict.

    The sentence is checked against the source sentences it cites first and, when that fails, against
    the whole source. The release needs review again afterwards.

    Raises:
        NotFound: when there is no such release, draft or sentence.
        ValueError: for an empty or overlong sentence, or a fixed label.
    """
    desk = _draft(store, cache, release_id)
    if not 0 <= position < len(desk.order):
        raise NotFound(f"문장이 없습니다 (no sentence {position})")
    line = desk.order[position]
    if not editable(line):
        raise ValueError("고정 문구는 고칠 수 없습니다 (fixed labels cannot be edited)")
    cleaned = clean_sentence(text)
    previous = desk.edits.get(position)
    original_sources = _original_sources(desk, position)
    with NLP_LOCK:
        check = desk_check(desk.loaded.checker, cleaned, line.part.value, original_sources)
    record = EditRecord(
        article_id=desk.stored.id,
        position=position,
        original=previous.original if previous else line.text,
        text=cleaned,
        sources=check.sources,
        verdict=check.check.verdict.value,
        check_json=json.dumps({"check": check_to_json(check.check), "retrieved": check.retrieved}, ensure_ascii=False),
        edited_by=who,
    )
    save_edit(store, record, release_id)
    texts = {s.id: s.text for s in desk.loaded.analysis.sentences}
    return sentence_view(
        position, Line(cleaned, line.part, check.sources), check, texts, edits(store, desk.stored.id).get(position)
    )


def _original_sources(desk: DeskArticle, position: int) -> tuple[str, ...]:
    """The sources the drafted sentence cited (an edit is checked against them first, not the last edit's)."""
    drafted = reading_order(article_from_document(desk.document))
    return drafted[position].sources if position < len(drafted) else ()


def approve_draft(
    store: Store, cache: SourceCache, release_id: int, who: str, *, override: bool = False, reason: str = ""
) -> ApprovalView:
    """Approve the release's newest draft as it stands (edits included).

    Raises:
        NotFound: when there is no such release or draft.
        ApprovalBlocked: when a sentence is contradicted or unsupported and ``override`` is off.
        ValueError: without a reviewer name, or an override without a reason.
    """
    desk = _draft(store, cache, release_id)
    blocking = blocking_positions(desk)
    texts = tuple(desk.order[p].text for p in blocking)
    if blocking and not override:
        raise ApprovalBlocked(blocking, texts)
    if blocking and not reason.strip():
        raise ValueError("예외 승인에는 사유가 필요합니다 (an override needs a reason)")
    if not who.strip():
        raise ValueError("검토자 이름이 필요합니다 (the reviewer's name is needed)")
    approval = approve(
        store,
        release_id,
        desk.stored.id,
        who,
        override=bool(blocking) and override,
        reason=reason if blocking else "",
        failing=texts,
    )
    return ApprovalView(
        approval.approved_by, utc_to_kst(approval.approved_at), approval.override, approval.reason, approval.failing
    )


@dataclass(frozen=True, slots=True)
class Regenerated:
    """A new draft made at the desk."""

    release_id: int
    article_id: int
    engine: str
    style: str
    warnings: tuple[str, ...]


def regenerate_draft(
    store: Store,
    cache: SourceCache,
    release_id: int,
    engine: str,
    style: str,
    config: Config | None = None,
    llm_enabled: bool = False,
) -> Regenerated:
    """Write a new draft of the release's current revision with another engine or style, and store it.

    Raises:
        NotFound: when there is no such release or stored file.
        ConfigError: for an engine or style that is not offered.
        LicenseError: when the KOGL type forbids changes.
        LlmError, NetworkError: when the language-model server fails.
    """
    from haesol.pipeline import WriteOptions, write
    from haesol.registry import get_renderer

    if engine not in (ENGINES if llm_enabled else ENGINES[:1]) or style not in STYLES:
        raise ConfigError(f"엔진 또는 문체를 쓸 수 없습니다 (engine {engine!r} or style {style!r} is not offered)")
    revision = current_revision_id(store, release_id)
    loaded = cache.load(store, revision)
    previous = latest_article(store, release_id)
    article_date = (
        dt.date.fromisoformat(previous.article_date) if previous and previous.article_date else dt.date.today()
    )
    with NLP_LOCK:
        result = write(
            loaded.release, WriteOptions(engine=engine, style=style, article_date=article_date, config=config)
        )
        markdown, article_json = (get_renderer(name).render(result) for name in ("md", "json"))
    gate = result.gate_summary()
    article_id = store.save_article(
        ArticleRecord(
            release_id=release_id,
            revision_id=revision,
            engine=engine,
            style=style,
            options_json=json.dumps(
                {"style": style, "engine": engine, "article_date": article_date.isoformat(), "via": "serve"}
            ),
            haesol_version=__version__,
            article_json=article_json,
            markdown=markdown,
            passed=result.report.passed,
            rejected=len(result.report.rejected),
            gate_json=json.dumps(gate, ensure_ascii=False),
            article_date=article_date,
        )
    )
    return Regenerated(release_id, article_id, engine, style, result.warnings)


@dataclass(frozen=True, slots=True)
class Export:
    """An exported article: a file name made from ids (never from the title), its media type and text."""

    filename: str
    media_type: str
    text: str
    approved: bool


def export_draft(store: Store, cache: SourceCache, release_id: int, fmt: str) -> Export:
    """The newest draft, edits included, as Markdown, HTML or JSON (with provenance).

    Raises:
        NotFound: when there is no such release or draft.
        ValueError: for an unknown format.
    """
    from haesol.pipeline import WriteResult
    from haesol.registry import get_renderer
    from haesol.verify.gate import GateReport

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; available: {', '.join(EXPORT_FORMATS)}")
    desk = _draft(store, cache, release_id)
    checks = tuple(c.check for _, c in sorted(desk.checks.items()))
    rejected = tuple(_rejected(r) for r in (desk.document.get("verification") or {}).get("rejected", []))
    result = WriteResult(
        desk.article, GateReport(checks, rejected), desk.loaded.analysis, tuple(desk.document.get("warnings", []))
    )
    extension, media_type = EXPORT_FORMATS[fmt]
    with NLP_LOCK:
        text = get_renderer(fmt).render(result)
    state = review_state(store, release_id)
    approval = state.approval if state else None
    mark = ReviewMark(
        state.status if state else "new",
        ("override" if approval.override else "clean") if approval else "none",
        approval.approved_by if approval else "",
        approval.approved_at if approval else "",
        approval.reason if approval else "",
        tuple((p, c.check.verdict.value, desk.order[p].text) for p, c in sorted(desk.checks.items())),
    )
    return Export(
        f"haesol-{release_id}-{desk.stored.id}.{extension}",
        media_type,
        mark_export(fmt, text, mark),
        approval is not None,
    )


def _rejected(data: dict[str, Any]) -> SentenceCheck:
    problems = tuple(Problem("gate", "", str(m)) for m in data.get("problems") or [])
    return SentenceCheck(
        str(data.get("text", "")),
        Verdict(str(data.get("verdict", "unsupported"))),
        (),
        problems,
        0.0,
        str(data.get("part", "")),
    )


def comment(store: Store, release_id: int, body: str, who: str) -> CommentView:
    """Add a reviewer's comment to a release (on its newest draft when there is one).

    Raises:
        NotFound: when there is no such release.
        ValueError: for an empty or overlong comment.
    """
    if release_row(store, release_id) is None:
        raise NotFound(f"보도자료가 없습니다 (no release {release_id})")
    newest = latest_article(store, release_id)
    saved = add_comment(store, release_id, body, who, newest.id if newest else None)
    return CommentView(saved.author, utc_to_kst(saved.created_at), saved.body)


def revoke_approval(store: Store, release_id: int, who: str) -> bool:
    """Withdraw the current approval (the draft needs review again); False when nothing was approved.

    Raises:
        NotFound: when there is no such release.
    """
    from haesol.store.workflow import revoke

    if release_row(store, release_id) is None:
        raise NotFound(f"보도자료가 없습니다 (no release {release_id})")
    return revoke(store, release_id, who)


def undo_last_edit(store: Store, cache: SourceCache, release_id: int, who: str) -> SentenceView | None:
    """Undo the newest edit of the newest draft: its sentence gets back the text it had before (re-checked).

    The undo is itself a recorded edit, so the history keeps both. Returns None when nothing was edited.

    Raises:
        NotFound: when there is no such release or draft.
    """
    from haesol.store.workflow import edit_history

    desk = _draft(store, cache, release_id)
    history = [e for e in edit_history(store, desk.stored.id)]
    if not history:
        return None
    last = history[-1]
    earlier = [e for e in history[:-1] if e.position == last.position]
    before = earlier[-1].text if earlier else last.original
    return edit_sentence(store, cache, release_id, last.position, before, who)


def assign_release(store: Store, release_id: int, assignee: str, who: str) -> None:
    """Make someone responsible for the release ('' removes it).

    Raises:
        NotFound: when there is no such release.
    """
    from haesol.store.workflow import assign

    if release_row(store, release_id) is None:
        raise NotFound(f"보도자료가 없습니다 (no release {release_id})")
    assign(store, release_id, assignee, who)


def bulk_approve(store: Store, cache: SourceCache, release_ids: list[int], who: str) -> tuple[list[int], list[int]]:
    """Approve each listed draft that has no flagged sentence and is not approved yet.

    Returns:
        (approved ids, refused ids): a draft with any sentence that is not fully supported is refused.
    """
    approved: list[int] = []
    refused: list[int] = []
    for release_id in release_ids:
        state = review_state(store, release_id)
        try:
            desk = _draft(store, cache, release_id)
        except NotFound:
            refused.append(release_id)
            continue
        clean = all(c.check.verdict is Verdict.SUPPORTED for c in desk.checks.values())
        if state is None or state.status not in ("drafted", "needs_review") or not clean:
            refused.append(release_id)
            continue
        approve(store, release_id, desk.stored.id, who)
        approved.append(release_id)
    return approved, refused
