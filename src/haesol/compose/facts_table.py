"""The fact table: who, what, when, where and the key figures, each value cut from a source sentence."""

from __future__ import annotations

import logging
import re

from haesol.compose.draft import Draft
from haesol.models import Analysis, FactRow, Line, PartName

LOGGER = logging.getLogger(__name__)

MAX_FIGURES = 4
VALUE_MAX_CHARS = 32
MIN_ROWS = 3
PLACE_OF_EVENT_RE = re.compile(r"^\S{0,12}?(?:에서|을 찾아|를 찾아|을 방문|를 방문)")
FIGURE_LABELS = (
    (re.compile(r"\d\s*[조억만천]{0,2}\s*(?:원|달러|유로|엔)"), "금액"),
    (re.compile(r"\d\s*%p?"), "비율"),
    (re.compile(r"\d\s*(?:만|천)?\s*명"), "인원"),
    (re.compile(r"\d\s*(?:곳|개소|개|건|척|가구|세대|동)"), "규모"),
)
DATE_PHRASE_RE = re.compile(
    r"(?:(?:19|20)\d{2}년\s*)?(?:\d{1,2}월\s*)?\d{1,2}일(?:부터|까지)?|(?:(?:19|20)\d{2}년\s*)?\d{1,2}월(?:부터|까지)?"
)
AMOUNT_RE = re.compile(
    r"(?P<noun>(?<![가-힣A-Za-z])[가-힣A-Za-z]{2,10}(?<![은는이가을를에의도로과와서다고며여해])\s)?(?:총\s?|약\s?|최대\s?)?\d[\d,.]*\s?[조억만천]{0,2}\s?"
    r"(?:\d[\d,.]*\s?[조억만천]{1,2}\s?)*(?:원|달러|유로|엔|%p|%|명|곳|개소|개|건|척|가구|세대)"
    r"(?=[이가을를은는의에으과와도로만]?(?:[\s,.)·]|$))"
)
PLACE_RUN_RE = r"[\s·,]|과|와|및"


def build_fact_rows(analysis: Analysis, drafts: list[Draft]) -> tuple[FactRow, ...]:
    """Typed rows of (fixed label, sourced value): the issuer, the main event's date and place, figures with units.

    The summary is the lead's job, so no row repeats it; a place counts only where the event happens
    ('…에서', '…을 찾아'); the table is left out when fewer than three rows are found.
    """
    rows: list[tuple[str, Draft]] = []
    if analysis.release.agency:
        agency = _agency_value(analysis)
        if agency is not None:
            rows.append(("기관", agency))
    if drafts:
        when = _date_value(drafts[0])
        if when is not None:
            rows.append(("일시", when))
        where = _place_value(analysis, drafts[:1])
        if where is not None and PLACE_OF_EVENT_RE.match(
            drafts[0].text[drafts[0].text.find(where.text) + len(where.text) :]
        ):
            rows.append(("장소", where))
    rows.extend(_figures(drafts, {text for _, d in rows for text in (d.text,)}))
    if len(rows) < MIN_ROWS:
        return ()
    return tuple(
        FactRow(Line(label, PartName.LABEL), Line(value.text, PartName.TABLE, value.sources)) for label, value in rows
    )


def _agency_value(analysis: Analysis) -> Draft | None:
    agency = analysis.release.agency
    for sentence in analysis.sentences:
        if agency in sentence.text and sentence.origin.value in ("title", "body", "subtitle"):
            return Draft(agency, (), (sentence.id,))
    return None


def _date_value(draft: Draft) -> Draft | None:
    for match in DATE_PHRASE_RE.finditer(draft.text):
        before = draft.text[: match.start()]
        if before.count("(") > before.count(")") or before.rstrip().endswith("~"):
            continue
        if "일" not in match.group(0) and not match.group(0).endswith(("부터", "까지")):
            continue
        if re.match(r"\s*(밝혔|발표했|말했|전했)", draft.text[match.end() :]):
            continue
        return Draft(match.group(0), (), draft.sources)
    return None


def _place_value(analysis: Analysis, drafts: list[Draft]) -> Draft | None:
    """The run of place names in the first sentence that names places ('강원 철원군·화천군과 경기 연천군')."""
    from haesol.data.lexicon import load_lexicon

    lexicon = load_lexicon()
    if not lexicon.places:
        return None
    pattern = lexicon.place_pattern()
    for draft in drafts[:6]:
        matches = [m for m in pattern.finditer(draft.text) if _word_boundary(draft.text, m.start(), m.end())]
        if not matches:
            continue
        start, end = matches[0].start(), matches[0].end()
        for match in matches[1:]:
            gap = draft.text[end : match.start()]
            if len(gap) > 3 or not re.fullmatch(rf"(?:{PLACE_RUN_RE})*", gap):
                break
            end = match.end()
        end = _extend_suffix(draft.text, end)
        return Draft(draft.text[start:end], (), draft.sources)
    return None


def _word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start]
    after = text[end : end + 1]
    ok_before = not before or not ("가" <= before <= "힣")
    ok_after = not after or not ("가" <= after <= "힣") or after in "은는이가을를의에과와도" or after in "시군구도"
    return ok_before and ok_after


def _extend_suffix(text: str, end: int) -> int:
    match = re.match(r"[시군구도]?(?=[\s·,]|$)", text[end:])
    return end + (match.end() if match else 0)


def _figures(drafts: list[Draft], used: set[str]) -> list[tuple[str, Draft]]:
    """Typed figures: one per label, each the amount with its unit and the word before it ('난방설비 1,240곳')."""
    out: list[tuple[str, Draft]] = []
    labels_used: set[str] = set()
    for draft in drafts:
        if "“" in draft.text:
            continue
        for pattern, label in FIGURE_LABELS:
            if label in labels_used:
                continue
            value = _amount(draft, pattern)
            if value is None or value.text in used:
                continue
            out.append((label, value))
            labels_used.add(label)
            used.add(value.text)
            break
        if len(out) >= MAX_FIGURES:
            break
    return out


def _amount(draft: Draft, pattern: re.Pattern[str]) -> Draft | None:
    """The first amount the pattern finds, whole ('총 320억 원'), with the noun before it, outside parentheses."""
    for match in AMOUNT_RE.finditer(draft.text):
        before = draft.text[: match.start()]
        if before.count("(") > before.count(")") or not pattern.search(match.group(0)):
            continue
        value = match.group(0).strip()
        money = re.search(r"(?:원|달러|유로|엔)$", value) is not None
        if not money and not match.group("noun"):  # a bare count or rate ('6개', '71.3%') says nothing alone
            continue
        if len(value) <= VALUE_MAX_CHARS:
            return Draft(value, (), draft.sources)
    return None
