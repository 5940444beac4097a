"""Soft-meaning checks: altered terms ('육상어 침투' for '육상침투') and flipped negation or direction."""

from __future__ import annotations

import logging

from haesol.models import Morph, Problem
from haesol.verify.index import SourceIndex

LOGGER = logging.getLogger(__name__)

NEGATION_LEMMAS = frozenset({"않다", "못하다", "없다", "아니다", "말다"})
NEGATION_ADVERBS = frozenset({"안", "못", "미처"})
OPPOSITES = (
    ("증가", "감소"), ("상승", "하락"), ("확대", "축소"), ("인상", "인하"), ("늘다", "줄다"), ("늘어나다", "줄어들다"),
    ("개선", "악화"), ("완화", "강화"), ("허용", "금지"), ("찬성", "반대"), ("흑자", "적자"), ("호전", "악화"),
    ("개통", "폐쇄"), ("신설", "폐지"), ("증원", "감원"), ("유지", "폐지"), ("포함", "제외"), ("최고", "최저"),
)


def negation_count(morphs: tuple[Morph, ...]) -> int:
    """How many negating morphemes a sentence has (않다, 못하다, 없다, 아니다, 안, 못)."""
    count = 0
    for morph in morphs:
        if morph.tag in ("VX", "VA", "VCN", "VV") and morph.lemma in NEGATION_LEMMAS:
            count += 1
        elif morph.tag == "MAG" and morph.form in NEGATION_ADVERBS:
            count += 1
    return count


def negation_problem(claim: tuple[Morph, ...], evidence: list[tuple[Morph, ...]], text: str) -> Problem | None:
    """A claim whose negation or direction of change differs from its best evidence."""
    if not evidence:
        return None
    claim_negations = negation_count(claim)
    source_negations = max(negation_count(e) for e in evidence)
    if (claim_negations > 0) != (source_negations > 0):
        message = "부정 표현이 원문과 반대입니다 (negation flipped)"
        return Problem("negation", _negation_span(claim, text), message)
    claim_words = {_key(m) for m in claim}
    source_words = {_key(m) for e in evidence for m in e}
    for a, b in OPPOSITES:
        for mine, theirs in ((a, b), (b, a)):
            if mine in claim_words and mine not in source_words and theirs in source_words:
                message = f"원문은 '{theirs}'인데 '{mine}'로 바뀌었습니다 (direction of change flipped)"
                return Problem("negation", mine, message, theirs)
    return None


def _key(morph: Morph) -> str:
    return morph.lemma if morph.tag.startswith("V") else morph.form


def _negation_span(morphs: tuple[Morph, ...], text: str) -> str:
    for morph in morphs:
        if morph.lemma in NEGATION_LEMMAS or (morph.tag == "MAG" and morph.form in NEGATION_ADVERBS):
            return text[max(0, morph.start - 4): morph.end]
    return ""


def altered_terms(claim: tuple[Morph, ...], text: str, index: SourceIndex) -> list[Problem]:
    """Nouns that are not in the source but are one edit away from a source term."""
    problems = []
    for position, morph in enumerate(claim):
        if morph.tag not in ("NNG", "NNP") or len(morph.form) < 2 or morph.form in index.nouns:
            continue
        if morph.form in index.compact_text:
            continue
        near = _near_term(morph, claim[position + 1] if position + 1 < len(claim) else None, text, index)
        if near:
            span = text[morph.start: morph.end]
            message = f"원문 용어 '{near}'가 바뀌었습니다 (term altered)"
            problems.append(Problem("term", span, message, near))
    return problems


def _near_term(morph: Morph, following: Morph | None, text: str, index: SourceIndex) -> str:
    for noun in index.nouns:
        if abs(len(noun) - len(morph.form)) <= 1 and noun[0] == morph.form[0] and _edit_distance(noun, morph.form) == 1:
            if len(noun) >= 3 or noun in morph.form or morph.form in noun:
                return noun
    if following is not None and following.tag in ("NNG", "NNP"):
        joined = morph.form + following.form
        for noun in index.nouns:
            if noun.endswith(following.form) and len(noun) >= 3 and _edit_distance(noun, joined) == 1:
                return noun
        window = _find_close(joined, index.compact_text)
        if window:
            return window
    return ""


def _find_close(needle: str, haystack: str) -> str:
    """A substring of ``haystack`` one edit away from ``needle`` (length ≥ 4), or ''."""
    if len(needle) < 4:
        return ""
    head, tail = needle[:2], needle[-2:]
    start = haystack.find(head)
    while start != -1:
        for length in (len(needle) - 1, len(needle) + 1, len(needle)):
            candidate = haystack[start:start + length]
            if candidate.endswith(tail) and candidate != needle and _edit_distance(candidate, needle) == 1:
                return candidate
        start = haystack.find(head, start + 1)
    return ""


def _edit_distance(a: str, b: str) -> int:
    if abs(len(a) - len(b)) > 2:
        return 3
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
