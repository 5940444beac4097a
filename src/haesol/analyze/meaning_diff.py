"""Where a sentence's meaning differs from its source sentences: tense, modality, attribution, ranges, qualifiers, comparisons, fragments, places."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from haesol.analyze.meaning import (
    EMBEDDED,
    FUTURE,
    INTENTION,
    OBLIGATION,
    PAST,
    PLAN,
    POSSIBILITY,
    PROGRESSIVE,
    REQUEST,
    UNKNOWN,
    Meaning,
    Predicate,
)
from haesol.analyze.meaning_spans import QUALIFIER_GROUPS
from haesol.models import Problem

LOGGER = logging.getLogger(__name__)

MEANING_TYPES = ("tense", "modality", "attribution", "range", "qualifier", "comparison", "fragment")
LABEL_PARTS = frozenset(
    {"headline", "heading", "label", "table", "bullet", "key_point", "fact", "contact", "source", "faq_question"}
)
STRONG_MODALITIES = frozenset({POSSIBILITY, OBLIGATION, REQUEST})
MODALITY_NAMES = {
    PLAN: "계획·예정",
    INTENTION: "의지(~겠)",
    POSSIBILITY: "가능(~수 있다)",
    OBLIGATION: "의무(~해야)",
    REQUEST: "요청",
    "": "평서",
}
TENSE_NAMES = {
    PAST: "과거",
    "present": "현재",
    PROGRESSIVE: "진행",
    FUTURE: "미래",
    EMBEDDED: "바람·명사절",
    UNKNOWN: "—",
}
QUALIFIER_REACH = 8
COMPLETION_KEYS = frozenset("완료 마치 끝내 끝나 준공 완공 달성 마무리 개통 완성 종료 이루".split())
MIN_SYLLABLES = 4
CELL_PARTS = frozenset({"table", "fact"})


@dataclass(frozen=True, slots=True)
class Source:
    """One source sentence for the comparison: its text (without spaces too) and its meaning."""

    text: str
    meaning: Meaning

    @property
    def compact(self) -> str:
        """The text without whitespace."""
        return re.sub(r"\s+", "", self.text)


def meaning_problems(
    claim: Meaning,
    text: str,
    sources: Sequence[Source],
    part: str = "body",
    release_compact: str = "",
    focused: bool = True,
) -> list[Problem]:
    """Every way ``claim`` (an article sentence) says something its source sentences do not mean.

    Args:
        claim: the article sentence's meaning.
        text: its text.
        sources: the source sentences it rests on (cited or retrieved), best first.
        part: the article part ('body', 'headline', …): labels are not judged on tense or open endings.
        release_compact: the whole release without whitespace (for places); '' skips the place check.
        focused: the sources are the ones the claim cites (the gate); otherwise (``check``) ranges,
            qualifiers and comparisons are compared with the closest source sentence only.
    """
    problems: list[Problem] = []
    fragment = _fragment(claim, text, sources, part)
    if fragment is not None:
        problems.append(fragment)
    if release_compact:
        problems.extend(_places(claim, release_compact))
    if not sources:
        return problems
    checks = [_tense_or_modality, _attribution]
    if len(re.findall(r"[가-힣]", text)) >= MIN_SYLLABLES and (focused or part not in CELL_PARTS):
        checks += [_ranges, _qualifiers, _comparisons]
    for check in checks:
        found = check(
            claim, text, sources if focused or check in (_tense_or_modality, _attribution) else sources[:1], part
        )
        if found is not None:
            problems.append(found)
    return problems


def predicate_change(claim: Meaning, sources: Sequence[Meaning], label: bool = False, texts: Sequence[str] = ()) -> str:
    """'tense' or 'modality' when the claim's main predicate says it in another time or mood than the source, else ''."""
    main = claim.main
    if main is None or main.quoted:
        return ""
    candidates = source_predicates(main, sources, texts)
    if not candidates:
        return "tense" if _plan_reported_done(main, sources) else ""
    changes = [_change(main, c, label) for c in candidates]
    if "" in changes:
        return ""
    return "tense" if "tense" in changes else changes[0]


def _plan_reported_done(main: Predicate, sources: Sequence[Meaning]) -> bool:
    """'신축을 완료했다' where the source only plans it ('추진할 예정이다', '(~’29년)')."""
    if main.tense != PAST or main.key not in COMPLETION_KEYS or not sources:
        return False
    closest = sources[0].main
    return closest is not None and (_mood(closest.modality) == PLAN or closest.tense == FUTURE)


def source_predicates(main: Predicate, sources: Sequence[Meaning], texts: Sequence[str] = ()) -> list[Predicate]:
    """The source predicates the claim's main predicate stands for: those of the first (best) source sentence
    that has it, the sentence-final ones when the claim's is final too. When ``texts`` are given, a closer
    source that names the word only as a noun ('12명 감소') ends the search: it states no tense."""
    for position, source in enumerate(sources):
        found = [p for p in source.predicates if p.key == main.key and not p.quoted]
        if not found and position < len(texts) and main.key in texts[position]:
            return []
        if found:
            finals = [p for p in found if p.final]
            return finals if main.final and finals else found
    return []


def _change(claim: Predicate, source: Predicate, label: bool) -> str:
    if source.tense == EMBEDDED:
        return "tense" if claim.tense == PAST and claim.final else ""
    headline_present = label and source.tense == PAST and claim.tense != FUTURE and claim.modality == ""
    if claim.tense and source.tense and (claim.tense == PAST) != (source.tense == PAST) and not headline_present:
        return "tense"
    mine, theirs = _mood(claim.modality), _mood(source.modality)
    if mine == theirs:
        return ""
    if mine == PLAN and theirs == "":
        return "modality" if source.tense == PROGRESSIVE or source.tense == PAST else ""
    if theirs == PLAN and mine == "":
        return "" if claim.tense != PAST else "tense"
    if mine in STRONG_MODALITIES or theirs in STRONG_MODALITIES:
        return "modality"
    return ""


def _mood(modality: str) -> str:
    return PLAN if modality in (PLAN, INTENTION) else modality


def _tense_or_modality(claim: Meaning, text: str, sources: Sequence[Source], part: str) -> Problem | None:
    change = predicate_change(
        claim, [s.meaning for s in sources], label=part in LABEL_PARTS, texts=[s.text for s in sources]
    )
    if not change:
        return None
    main = claim.main
    assert main is not None
    found = source_predicates(main, [s.meaning for s in sources], [s.text for s in sources])
    closest = sources[0].meaning.main
    source = found[0] if found else closest
    assert source is not None
    if change == "tense":
        message = f"원문은 {TENSE_NAMES.get(source.tense, source.tense)}인데 {TENSE_NAMES.get(main.tense, main.tense)}로 썼습니다 (tense changed)"
        return Problem("tense", main.key, message, TENSE_NAMES.get(source.tense, source.tense))
    message = (
        f"원문은 '{MODALITY_NAMES.get(_mood(source.modality), source.modality)}'인데 "
        f"'{MODALITY_NAMES.get(_mood(main.modality), main.modality)}'로 바뀌었습니다 (modality changed)"
    )
    return Problem("modality", main.key, message, MODALITY_NAMES.get(_mood(source.modality), ""))


def _attribution(claim: Meaning, text: str, sources: Sequence[Source], part: str) -> Problem | None:
    """A third party's claim ('…고 보도했다', '…고 지적했다') written as a fact."""
    if (claim.attribution is not None and claim.attribution.third_party) or claim.main is None:
        return None
    for source in sources:
        frame = source.meaning.attribution
        if frame is None or not frame.third_party:
            continue
        reported = {p.key for p in source.meaning.predicates if not p.final and p.key != frame.verb}
        speaker_changed = claim.attribution is not None and claim.attribution.subject != frame.subject
        if claim.attribution is not None and not speaker_changed:
            continue
        said = (
            claim.main.key if claim.attribution is None else next((p.key for p in claim.predicates if not p.final), "")
        )
        if said in reported:
            message = f"원문은 {frame.subject or '다른 주체'}의 주장({frame.verb})인데 사실처럼 썼습니다 (attribution dropped)"
            return Problem("attribution", claim.main.key, message, frame.subject)
    return None


def _ranges(claim: Meaning, text: str, sources: Sequence[Source], part: str) -> Problem | None:
    """A range ('2~3시간', '4~6월', '~’29년') of which the claim keeps one end only."""
    compact = re.sub(r"\s+", "", text)
    kept = {(r.lo, r.hi) for r in claim.ranges}
    for source in sources:
        for span in source.meaning.ranges:
            if not _same_context(span.text, source.text, compact):
                continue
            if (span.lo, span.hi) in kept or (span.lo and _near_each_other(span.lo, span.hi, compact)):
                continue
            if any(r.hi == span.hi and r.unit[:1] == span.unit[:1] and (r.lo or not span.lo) for r in claim.ranges):
                continue
            if not span.lo and re.search(
                rf"{_year_or(span.hi, span.unit)}\s*{re.escape(span.unit[:1])}[^\s]{{0,3}}까지", compact
            ):
                continue
            ends = [n for n in (span.lo, span.hi) if n]
            if any(
                re.search(rf"(?<![\d.~∼’']){_year_or(n, span.unit)}{re.escape(span.unit[:1])}", compact) for n in ends
            ):
                message = f"원문의 범위 '{span.text}'가 한쪽 끝만 남았습니다 (range collapsed)"
                return Problem("range", span.hi + span.unit, message, span.text)
    return None


def _same_context(written: str, source: str, compact: str) -> bool:
    """The claim names what the source's range belongs to ('대기 2~3시간': 대기); ranges elsewhere in the source do not count."""
    position = source.find(written)
    before = re.findall(r"[가-힣]{2,}", source[max(0, position - 14) : max(position, 0)])
    return not before or before[-1][:2] in compact


def _year_or(number: str, unit: str) -> str:
    if unit.startswith("년") and len(number) == 4 and number.startswith("20"):
        return f"(?:20)?{re.escape(number[2:])}"
    return re.escape(number)


def _near_each_other(low: str, high: str, compact: str, reach: int = 16) -> bool:
    """Both ends written close together ('2시간에서 3시간', '4월부터 6월까지')."""
    plain = compact.replace(",", "")
    lows = [m.start() for m in re.finditer(rf"(?<![\d.]){_year_or(low, '년' if len(low) == 4 else '')}(?![\d])", plain)]
    highs = [
        m.start() for m in re.finditer(rf"(?<![\d.]){_year_or(high, '년' if len(high) == 4 else '')}(?![\d])", plain)
    ]
    return any(0 < h - lo <= reach for lo in lows for h in highs)


def _qualifiers(claim: Meaning, text: str, sources: Sequence[Source], part: str) -> Problem | None:
    """'약 400명' → '400명', '유럽을 제외한 모든 지역' → '모든 지역': a qualifier the claim lost."""
    compact = re.sub(r"\s+", "", text)
    for source in sources:
        for qualifier in source.meaning.qualifiers:
            if qualifier.group == "exclusion":
                problem = _lost_exclusion(qualifier.head, compact, source)
            else:
                problem = _lost_qualifier(qualifier.group, qualifier.word, qualifier.head, compact)
            if problem is not None:
                return problem
    return None


def _lost_qualifier(group: str, word: str, head: str, compact: str) -> Problem | None:
    pattern = rf"(?<![\d.,]){re.escape(head)}" if head[:1].isdigit() else re.escape(head)
    if head[-1:].isdigit():
        pattern += r"(?![\d.,]*\d)"
    if head[:1].isdigit() and head.isdigit() and len(head) < 2:
        return None
    places = [m.start() for m in re.finditer(pattern, compact.replace(",", ""))]
    if not places:
        return None
    plain = compact.replace(",", "")
    words = QUALIFIER_GROUPS[group]
    for start in places:
        window = plain[max(0, start - QUALIFIER_REACH) : start + len(head) + QUALIFIER_REACH]
        if any(_written(w, window) for w in words):
            return None
    return Problem(
        "qualifier",
        head,
        f"원문의 '{word}'가 빠졌습니다 (qualifier lost)",
        f"{word} {head}" if word in ("약", "최대", "최소", "일부") else f"{head} {word}",
    )


def _written(word: str, window: str) -> bool:
    """A qualifier in a window of text; one-syllable ones only where they qualify a number ('약3', '300여')."""
    if word == "약":
        return re.search(r"약\d", window) is not None
    if word.startswith("여"):
        return re.search(rf"\d{word}", window) is not None
    return word in window


def _lost_exclusion(excluded: str, compact: str, source: Source) -> Problem | None:
    after = re.search(r"제외(?:한|하고|하면)\s*(\S+\s*\S*)", source.text)
    if after is None:
        return None
    following = re.sub(r"[^가-힣]", "", after.group(1))[:4]
    if (
        len(following) < 2
        or following not in compact
        or any(w in compact for w in ("제외", "빼고", "뺀", "외에", "밖에"))
    ):
        return None
    return Problem(
        "qualifier", following, f"원문의 '{excluded} 제외'가 빠졌습니다 (exception lost)", f"{excluded}을(를) 제외한"
    )


def _comparisons(claim: Meaning, text: str, sources: Sequence[Source], part: str) -> Problem | None:
    """'A는 B보다 …' written as 'B는 A보다 …', or 'A는 B와 유사하다' written as a statement about B."""
    compact = re.sub(r"\s+", "", text)
    mine = {(c.kind, c.standard) for c in claim.comparisons}
    for source in sources:
        for comparison in source.meaning.comparisons:
            if any(kind == comparison.kind and _same(standard, comparison.standard) for kind, standard in mine):
                continue
            swapped = [s for kind, s in mine if kind == comparison.kind and s in source.compact]
            if swapped:
                message = f"비교 기준이 '{comparison.standard}'에서 '{swapped[0]}'로 바뀌었습니다 (comparison reversed)"
                return Problem("comparison", swapped[0], message, comparison.standard)
            if comparison.kind == "like" and comparison.standard in compact and not any(k == "like" for k, _ in mine):
                message = f"원문은 '{comparison.standard}'와(과) 비슷하다는 비교입니다 (comparison dropped)"
                return Problem("comparison", comparison.standard, message, comparison.standard)
    return None


def _same(a: str, b: str) -> bool:
    return a == b or a.endswith(b) or b.endswith(a)


def _fragment(claim: Meaning, text: str, sources: Sequence[Source], part: str) -> Problem | None:
    reason = claim.fragment
    if not reason or part in CELL_PARTS or len(text.strip()) < 6:
        return None
    compact = re.sub(r"\s+", "", text)
    ends_open = not text.strip().startswith(reason) and text.strip()[:1] not in ",.;:)]}·~"
    if ends_open and (part in LABEL_PARTS or any(s.compact.rstrip().endswith(compact[-8:]) for s in sources)):
        return None
    opens_with_mark = text.strip()[:1] in ",.;:)]}·~"
    if (
        not ends_open
        and not opens_with_mark
        and any(s.compact.lstrip("(ⅰⅱⅲivx)0123456789.*▴▪□ㅇ○-").startswith(compact[:12]) for s in sources)
    ):
        return None
    message = f"문장이 '{reason}'(으)로 {'끝나' if ends_open else '시작하'}는 조각입니다 (sentence fragment)"
    return Problem("fragment", reason, message)


def _places(claim: Meaning, release_compact: str) -> list[Problem]:
    out = []
    for venue in claim.venues:
        if re.sub(r"\s+", "", venue) not in release_compact:
            out.append(Problem("place", venue, f"원문에 없는 장소입니다: {venue} (place not in the source)"))
    return out
