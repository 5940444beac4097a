"""Soft-meaning checks: altered terms ('육상어 침투' for '육상침투') and flipped negation or direction."""

from __future__ import annotations

import itertools
import logging
from collections import Counter

from haesol.analyze.negation import NEGATION_ADVERBS, NEGATION_LEMMAS, negation_count
from haesol.models import Morph, Problem
from haesol.verify.index import TOKEN_SPLIT_RE, SourceIndex, word_variants

LOGGER = logging.getLogger(__name__)

# words that state a direction or a state, grouped so that a paraphrase stays in its group and a flip leaves it
DIRECTION_GROUPS = (
    (
        frozenset(
            "증가 늘다 늘어나다 늘리다 상승 오르다 올리다 확대 인상 증원 높아지다 높이다 높다 많다 앞당기다 흑자 호전 개선".split()
        ),
        frozenset(
            "감소 줄다 줄어들다 줄이다 하락 내리다 떨어지다 축소 인하 감원 낮아지다 낮추다 낮다 적다 늦추다 적자 악화".split()
        ),
    ),
    (frozenset({"허용", "완화"}), frozenset({"금지", "강화"})),
    (frozenset({"찬성"}), frozenset({"반대"})),
    (frozenset({"개통", "신설", "유지", "포함"}), frozenset({"폐쇄", "폐지", "제외"})),
    (frozenset({"최고"}), frozenset({"최저"})),
)
EXISTENCE = ("있다", "없다")
ANCHOR_TAGS = frozenset({"NNG", "NNP", "SN", "NR"})
CONTEXT_REACH = 6
HEDGES = frozenset({"정도", "가량", "약", "수준", "평균", "내외", "안팎", "만큼"})
GRAMMATICAL_SYLLABLES = frozenset("의및등과와이가은는을를에도로만중내간별용형적상들")
MIN_TERM = 3


def negation_problem(claim: tuple[Morph, ...], evidence: list[tuple[Morph, ...]], text: str) -> Problem | None:
    """A claim that adds or drops a negation, or flips a direction of change, against its evidence.

    Args:
        claim: the claim's morphemes.
        evidence: the morphemes of the source sentences that support the claim (best first).
        text: the claim's text (for the span).
    """
    if not evidence:
        return None
    source = [m for sentence in evidence for m in sentence]
    claim_count, source_count = negation_count(claim), negation_count(tuple(source))
    if claim_count > source_count:
        return Problem("negation", _negation_span(claim, text), "부정 표현이 원문에 없습니다 (negation added)")
    dropped = _negated_predicates(tuple(source)) & _plain_predicates(claim)
    if claim_count < source_count and dropped:
        word = min(dropped)
        return Problem("negation", word, "원문의 부정 표현이 빠졌습니다 (negation dropped)", word)
    return _direction_problem(claim, tuple(source))


def _direction_problem(claim: tuple[Morph, ...], source: tuple[Morph, ...]) -> Problem | None:
    local = _local_direction_flip(claim, source)
    if local is not None:
        return local
    mine, theirs = _direction_counts(claim), _direction_counts(source)
    for index, (up, down) in enumerate(DIRECTION_GROUPS):
        for side, other in (("up", "down"), ("down", "up")):
            if mine[(index, side)] > theirs[(index, side)] and theirs[(index, other)] > mine[(index, other)]:
                word = _first_word(claim, up if side == "up" else down)
                expected = _first_word(source, down if side == "up" else up)
                message = f"원문은 '{expected}'인데 '{word}'로 바뀌었습니다 (direction of change flipped)"
                return Problem("negation", word, message, expected)
    return None


def _local_direction_flip(claim: tuple[Morph, ...], source: tuple[Morph, ...]) -> Problem | None:
    """A direction word whose context (the nouns or numbers just before it) goes the other way in the source.

    '8분가량 줄어들' in the source and '8분 정도 늘어날' in the claim share the context '8'; the source
    words with the closest context decide, and only when they all go the other way.
    """
    for position, morph in enumerate(claim):
        side = _side(morph)
        context = _context(claim, position) if side else ()
        if side is None or not context:
            continue
        found = []
        for index, other in enumerate(source):
            other_side = _side(other)
            if other_side is not None and other_side[0] == side[0]:
                found.append((_shared(context, _context(source, index)), other_side[1], _key(other)))
        best = max((level for level, _, _ in found), default=0)
        closest = [(direction, word) for level, direction, word in found if level == best]
        if best and all(direction != side[1] for direction, _ in closest):
            expected = closest[0][1]
            message = f"원문은 '{expected}'인데 '{_key(morph)}'로 바뀌었습니다 (direction of change flipped)"
            return Problem("negation", _key(morph), message, expected)
    return None


def _context(morphs: tuple[Morph, ...], position: int) -> tuple[str, ...]:
    """Up to two nouns or numbers right before a word, closest first."""
    out = [
        m.form
        for m in reversed(morphs[max(0, position - CONTEXT_REACH) : position])
        if m.tag in ANCHOR_TAGS and m.form not in HEDGES
    ]
    return tuple(out[:2])


def _shared(mine: tuple[str, ...], theirs: tuple[str, ...]) -> int:
    """2 when both context words agree, 1 when the closest does, else 0."""
    if len(mine) == 2 and set(mine) == set(theirs):
        return 2
    return 1 if theirs and mine[0] == theirs[0] else 0


def _side(morph: Morph) -> tuple[int, str] | None:
    return _SIDES.get(_key(morph))


def _sides() -> dict[str, tuple[int, str]]:
    """Word → (direction group, 'up' or 'down'); the first group naming a word wins."""
    out: dict[str, tuple[int, str]] = {}
    for index, (up, down) in enumerate(DIRECTION_GROUPS):
        for word in up:
            out.setdefault(word, (index, "up"))
        for word in down:
            out.setdefault(word, (index, "down"))
    return out


def _direction_counts(morphs: tuple[Morph, ...]) -> Counter[tuple[int, str]]:
    return Counter(side for side in map(_side, morphs) if side is not None)


def _first_word(morphs: tuple[Morph, ...], words: frozenset[str]) -> str:
    return next((_key(m) for m in morphs if _key(m) in words), "")


def _key(morph: Morph) -> str:
    return morph.lemma if morph.tag in ("VV", "VA") else morph.form


def _negated_predicates(morphs: tuple[Morph, ...]) -> set[str]:
    """Predicates under a negation ('번지지 않도록' → 번지다, '안 한다' → 하다); '없다' stands for '있다'."""
    out = set()
    for index, morph in enumerate(morphs):
        negating = morph.tag == "VX" and morph.lemma in ("않다", "못하다")
        if negating or (morph.tag == "MAG" and morph.form == "못" and index >= 2 and morphs[index - 1].form == "지"):
            predicate = _predicate_before(morphs, index)
            if predicate:
                out.add(predicate)
        elif morph.tag == "VA" and morph.lemma == EXISTENCE[1]:
            out.add(_modal_predicate(morphs, index) or EXISTENCE[0])
    return out


def _modal_predicate(morphs: tuple[Morph, ...], index: int) -> str:
    """For '타협할 수 없다' the negated predicate is 타협하다, not 있다 ('' when 없다 is not after '수')."""
    if index >= 1 and morphs[index - 1].form == "수" and morphs[index - 1].tag == "NNB":
        return _predicate_before(morphs, index - 1)
    return ""


def _predicate_before(morphs: tuple[Morph, ...], index: int) -> str:
    for back in range(index - 1, max(index - 4, -1), -1):
        morph = morphs[back]
        if morph.tag in ("VV", "VA"):
            return morph.lemma
        if morph.tag in ("XSV", "XSA") and back > 0:
            return morphs[back - 1].form
    return ""


def _plain_predicates(morphs: tuple[Morph, ...]) -> set[str]:
    """Predicates of the claim that no negation follows."""
    out = set()
    for index, morph in enumerate(morphs):
        if morph.tag in ("VV", "VA", "XSV", "XSA"):
            window = morphs[index + 1 : index + 4]
            if any(m.lemma in NEGATION_LEMMAS or m.form in NEGATION_ADVERBS for m in window):
                continue
            out.add(morph.lemma if morph.tag in ("VV", "VA") else (morphs[index - 1].form if index else ""))
    return out - {""}


def _negation_span(morphs: tuple[Morph, ...], text: str) -> str:
    for morph in morphs:
        if morph.lemma in NEGATION_LEMMAS or (morph.tag == "MAG" and morph.form in NEGATION_ADVERBS):
            return text[max(0, morph.start - 4) : morph.end]
    return ""


# -- altered terms ------------------------------------------------------------------------------


def altered_terms(claim: tuple[Morph, ...], text: str, index: SourceIndex) -> list[Problem]:
    """Words one typo away from a source term: a syllable inserted ('육상어 침투') or one letter changed.

    A word (or two neighbouring words written together) that the source never has is compared with
    the source's nouns and compounds of three or more syllables.
    """
    problems: list[Problem] = []
    reported: set[str] = set()
    for written, candidate in _candidates(text, index.full_compact):
        if candidate in index.full_compact:
            continue
        near = _near_term(candidate, index, joined=" " in written)
        if near and near not in reported:
            reported.add(near)
            problems.append(Problem("term", written, f"원문 용어 '{near}'가 바뀌었습니다 (term altered)", near))
    return problems


def _candidates(text: str, source: str) -> list[tuple[str, str]]:
    """(written form, form without spaces) of each Hangul word and each pair of neighbouring words.

    A word that ends like a particle is also tried whole when the rest is not a source word
    ('출읍로': '출읍' is not in the source, so '출읍로' is tried; '급식이': only '급식').
    """
    words = []
    for token in TOKEN_SPLIT_RE.split(text):
        cores = word_variants(token) if token else []
        if len(cores) == 2 and cores[1] in source:
            cores = cores[1:]
        if token:
            words.append((token, cores))
    out = [(token, core) for token, cores in words for core in cores if len(core) >= MIN_TERM]
    for (first, a), (second, b) in itertools.pairwise(words):
        if a and b and len(a[-1] + b[-1]) >= MIN_TERM + 1:
            out.append((f"{first} {second}", a[-1] + b[-1]))
    return out


def _near_term(candidate: str, index: SourceIndex, joined: bool = False) -> str:
    """A source term that ``candidate`` is one typo away from, or ''. Two words written apart
    ('육상어 침투') are only compared for an inserted syllable, one word also for a changed letter."""
    for term in index.terms_by_edges.get((candidate[0], candidate[-1]), ()):
        if len(term) + 1 == len(candidate) and _one_inserted(term, candidate):
            return term
    if joined:
        return ""
    for term in index.terms_by_length.get(len(candidate), ()):
        if _one_letter_changed(term, candidate):
            return term
    return ""


def _one_inserted(term: str, candidate: str) -> bool:
    """``candidate`` is ``term`` with one non-grammatical syllable inserted inside it."""
    for position in range(1, len(term)):
        if candidate[:position] == term[:position] and candidate[position + 1 :] == term[position:]:
            return candidate[position] not in GRAMMATICAL_SYLLABLES
    return False


def _one_letter_changed(term: str, candidate: str) -> bool:
    """Exactly one syllable differs, and in exactly one of its letters (initial, vowel or final)."""
    differing = [(a, b) for a, b in zip(term, candidate, strict=False) if a != b]
    return len(differing) == 1 and _jamo_distance(*differing[0]) == 1


def _jamo_distance(a: str, b: str) -> int:
    if not ("가" <= a <= "힣" and "가" <= b <= "힣"):
        return 3
    x, y = ord(a) - 0xAC00, ord(b) - 0xAC00
    return sum(p != q for p, q in ((x // 588, y // 588), ((x // 28) % 21, (y // 28) % 21), (x % 28, y % 28)))


_SIDES = _sides()
