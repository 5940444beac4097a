"""Hard constraints: every number, date, name, title, place and quote of a claim must be in the source."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from haesol.analyze.facts import compact
from haesol.models import Fact, FactKind, Problem
from haesol.verify.index import SourceIndex, normalize_compact

LOGGER = logging.getLogger(__name__)

TITLE_QUALIFIERS = ("직무대행", "권한대행", "내정자", "후보자", "당선인", "전")
CONTRADICTION_TYPES = frozenset({"number", "date", "time", "name", "title", "quote", "quote_speaker", "term", "negation", "place", "phone"})
NAMES = {
    FactKind.NUMBER: "number", FactKind.DATE: "date", FactKind.TIME: "time", FactKind.PHONE: "phone",
    FactKind.PERSON: "name", FactKind.TITLE: "title", FactKind.ORG: "org", FactKind.PLACE: "place",
    FactKind.QUOTE: "quote",
}


@dataclass(frozen=True, slots=True)
class FactOutcome:
    """Where a claim fact was found, or the problem it raises."""

    found_in: tuple[str, ...] = ()
    problem: Problem | None = None
    contradicts: bool = False


def check_fact(fact: Fact, evidence: list[str], index: SourceIndex, strict: bool, allow_meta: bool = False) -> FactOutcome:
    """Check one claim fact against the evidence sentences (and, unless strict, the whole source).

    Args:
        fact: the claim's fact.
        evidence: ids of the sentences the claim rests on.
        index: the source index.
        strict: only the evidence counts (the ``write`` gate); otherwise any body sentence may support it.
        allow_meta: header and contact lines may support it too (for credit and contact lines).
    """
    matcher = _MATCHERS.get(fact.kind, _match_value)
    in_evidence = [i for i in evidence if matcher(fact, index, [i])]
    if in_evidence:
        return FactOutcome(tuple(in_evidence))
    elsewhere = [] if strict else _supporting_elsewhere(fact, index, matcher, allow_meta)
    if elsewhere:
        return FactOutcome(tuple(elsewhere[:2]))
    return _problem_for(fact, evidence, index)


def _supporting_elsewhere(fact: Fact, index: SourceIndex, matcher, allow_meta: bool) -> list[str]:  # type: ignore[no-untyped-def]
    candidates = index.fact_ids(fact) or list(index.by_id)
    usable = [i for i in candidates if index.is_evidence(i) or (allow_meta and index.by_id[i].origin.value in ("header", "contact"))]
    return [i for i in usable if matcher(fact, index, [i])][:3]


def _problem_for(fact: Fact, evidence: list[str], index: SourceIndex) -> FactOutcome:
    kind_name = NAMES[fact.kind]
    in_caption = [i for i in index.fact_ids(fact) if index.by_id[i].origin.value == "caption"]
    if in_caption:
        problem = Problem("caption", fact.text, "사진 설명에만 있는 내용입니다 (only in a photo caption)")
        return FactOutcome(problem=problem)
    rivals = [f for f in index.facts_of(evidence, fact.kind) if f.value != fact.value]
    if fact.kind is FactKind.NUMBER:
        rivals = [f for f in rivals if _unit(f.value) == _unit(fact.value)]
    if fact.kind is FactKind.QUOTE:
        return _quote_problem(fact, index)
    if rivals and fact.kind in (FactKind.PLACE, FactKind.ORG, FactKind.PERSON):
        rivals = []
    if rivals:
        message = f"원문과 다릅니다: 원문은 '{rivals[0].text}' ({kind_name} differs from the source)"
        return FactOutcome(problem=Problem(kind_name, fact.text, message, rivals[0].text), contradicts=True)
    message = f"원문에 없는 {_label(fact.kind)}입니다 ({kind_name} not in the source)"
    return FactOutcome(problem=Problem(kind_name, fact.text, message), contradicts=fact.kind is FactKind.TITLE)


def _label(kind: FactKind) -> str:
    return {
        FactKind.NUMBER: "수치", FactKind.DATE: "날짜", FactKind.TIME: "시각", FactKind.PHONE: "전화번호",
        FactKind.PERSON: "인명", FactKind.TITLE: "직함", FactKind.ORG: "기관명", FactKind.PLACE: "지명",
        FactKind.QUOTE: "인용",
    }[kind]


def _unit(value: str) -> str:
    index = len(value)
    while index > 0 and (value[index - 1].isdigit() or value[index - 1] in ".-"):
        index -= 1
    return value[index:] if index < len(value) else ""


def _amount(value: str) -> Decimal | None:
    digits = value[: len(value) - len(_unit(value))] if _unit(value) else value
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _match_value(fact: Fact, index: SourceIndex, ids: list[str]) -> bool:
    return any(f.value == fact.value for f in index.facts_of(ids, fact.kind))


def _match_number(fact: Fact, index: SourceIndex, ids: list[str]) -> bool:
    amount, unit = _amount(fact.value), _unit(fact.value)
    for other in index.facts_of(ids, FactKind.NUMBER):
        if other.value == fact.value:
            return True
        if amount is not None and _amount(other.value) == amount and (not unit or not _unit(other.value)):
            return True
    return any(fact.text.replace(" ", "") in index.compact_by_id.get(i, "") for i in ids)


def _match_date(fact: Fact, index: SourceIndex, ids: list[str]) -> bool:
    for other in index.facts_of(ids, FactKind.DATE):
        if other.value == fact.value or other.value.startswith(fact.value + "-"):
            return True
        if "?" in fact.value and other.value.endswith(fact.value.split("-")[-1]):
            return True
    return False


def _match_text(fact: Fact, index: SourceIndex, ids: list[str]) -> bool:
    needle = normalize_compact(fact.text)
    return any(needle in index.compact_by_id.get(i, "") for i in ids) or _match_value(fact, index, ids)


def _match_place(fact: Fact, index: SourceIndex, ids: list[str]) -> bool:
    return _match_value(fact, index, ids) or _match_text(fact, index, ids)


def _match_title(fact: Fact, index: SourceIndex, ids: list[str]) -> bool:
    claim = compact(fact.text)
    for other in index.facts_of(ids, FactKind.TITLE):
        source = compact(other.text)
        if claim in source and _same_qualifiers(claim, source):
            return True
    return any(claim in index.compact_by_id.get(i, "") and _qualifiers_near(claim, index.compact_by_id[i]) for i in ids)


def _same_qualifiers(claim: str, source: str) -> bool:
    return all((q in claim) == (q in source) for q in TITLE_QUALIFIERS[:-1])


def _qualifiers_near(claim: str, text: str) -> bool:
    position = text.find(claim)
    after = text[position + len(claim): position + len(claim) + 4]
    return not any(after.startswith(q) for q in TITLE_QUALIFIERS[:-1]) or any(q in claim for q in TITLE_QUALIFIERS)


def _match_quote(fact: Fact, index: SourceIndex, ids: list[str]) -> bool:
    needle = normalize_compact(fact.value)
    return bool(needle) and any(needle in index.compact_by_id.get(i, "") for i in ids)


def _quote_problem(fact: Fact, index: SourceIndex) -> FactOutcome:
    needle = normalize_compact(fact.value)
    best, best_id = 0.0, ""
    for quote_fact_value, ids in index.facts.get(FactKind.QUOTE, {}).items():
        score = _overlap(needle, normalize_compact(quote_fact_value))
        if score > best:
            best, best_id = score, ids[0]
    if best >= 0.5:
        expected = index.by_id[best_id].text if best_id else ""
        message = "인용문이 원문과 글자 그대로 같지 않습니다 (quote not verbatim)"
        return FactOutcome(problem=Problem("quote", fact.text, message, expected[:120]), contradicts=True)
    message = "원문에 없는 인용문입니다 (quote not in the source)"
    return FactOutcome(problem=Problem("quote", fact.text, message))


def _overlap(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    grams_a = {a[i:i + 2] for i in range(len(a) - 1)}
    grams_b = {b[i:i + 2] for i in range(len(b) - 1)}
    return len(grams_a & grams_b) / max(len(grams_a), 1)


def check_speaker(fact: Fact, index: SourceIndex) -> Problem | None:
    """A quote attributed to someone other than the source's speaker of that quote."""
    if not fact.speaker or fact.kind is not FactKind.QUOTE:
        return None
    needle = normalize_compact(fact.value)
    speakers = {
        f.speaker
        for s in index.by_id.values()
        for f in s.facts
        if f.kind is FactKind.QUOTE and f.speaker and needle and needle in normalize_compact(f.value)
    }
    if not speakers or any(_same_person(fact.speaker, s) for s in speakers):
        return None
    expected = sorted(speakers)[0]
    message = f"인용문의 화자가 원문과 다릅니다: 원문은 {expected} (quote attributed to the wrong speaker)"
    return Problem("quote_speaker", fact.speaker, message, expected)


def _same_person(a: str, b: str) -> bool:
    return a == b or a in b or b in a


_MATCHERS = {
    FactKind.NUMBER: _match_number,
    FactKind.DATE: _match_date,
    FactKind.PERSON: _match_text,
    FactKind.ORG: _match_text,
    FactKind.PLACE: _match_place,
    FactKind.TITLE: _match_title,
    FactKind.QUOTE: _match_quote,
    FactKind.PHONE: _match_value,
    FactKind.TIME: _match_value,
}
