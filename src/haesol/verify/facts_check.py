"""Hard constraints: every number, date, name, title, place and quote of a claim must be in the source."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from haesol.analyze.facts import compact
from haesol.data.lexicon import load_lexicon
from haesol.models import Fact, FactKind, Morph, Problem
from haesol.verify.index import SourceIndex, normalize_compact, word_variants

LOGGER = logging.getLogger(__name__)

AMOUNT_RE = re.compile(r"-?[\d.]*")
COUNTER_RE = re.compile(r"\s?([가-힣])")
PARTICLE_STARTS = frozenset("은는이가을를으로에의와과도까부및씩")
TITLE_QUALIFIERS = ("직무대행", "권한대행", "내정자", "후보자", "당선인", "전")
CONTRADICTION_TYPES = frozenset(
    {"number", "date", "time", "name", "title", "quote", "quote_speaker", "term", "negation", "place", "phone"}
)
NAMES = {
    FactKind.NUMBER: "number",
    FactKind.DATE: "date",
    FactKind.TIME: "time",
    FactKind.PHONE: "phone",
    FactKind.PERSON: "name",
    FactKind.TITLE: "title",
    FactKind.ORG: "org",
    FactKind.PLACE: "place",
    FactKind.QUOTE: "quote",
}


@dataclass(frozen=True, slots=True)
class FactOutcome:
    """Where a claim fact was found, or the problem it raises."""

    found_in: tuple[str, ...] = ()
    problem: Problem | None = None
    contradicts: bool = False


def check_fact(
    fact: Fact, evidence: list[str], index: SourceIndex, strict: bool, allow_meta: bool = False, claim: str = ""
) -> FactOutcome:
    """Check one claim fact against the evidence sentences (and, unless strict, the whole source).

    Args:
        fact: the claim's fact.
        evidence: ids of the sentences the claim rests on.
        index: the source index.
        strict: only the evidence counts (the ``write`` gate); otherwise any body sentence may support it.
        allow_meta: header and contact lines may support it too (for credit and contact lines).
        claim: the claim's text: a number without a unit must keep the word that counts it ('3실').
    """
    matcher: Callable[[Fact, SourceIndex, list[str]], bool] = _MATCHERS.get(fact.kind, _match_value)
    if fact.kind is FactKind.NUMBER:
        matcher = functools.partial(_match_number, counter=counter_after(claim, fact.end))
    in_evidence = [i for i in evidence if matcher(fact, index, [i])]
    if in_evidence:
        return FactOutcome(tuple(in_evidence))
    elsewhere = [] if strict else _supporting_elsewhere(fact, index, matcher, allow_meta)
    if elsewhere:
        return FactOutcome(tuple(elsewhere[:2]))
    return _problem_for(fact, evidence, index)


def _supporting_elsewhere(
    fact: Fact, index: SourceIndex, matcher: Callable[[Fact, SourceIndex, list[str]], bool], allow_meta: bool
) -> list[str]:
    candidates = index.fact_ids(fact) or list(index.by_id)
    usable = [
        i
        for i in candidates
        if index.is_evidence(i) or (allow_meta and index.by_id[i].origin.value in ("header", "contact"))
    ]
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
    message = f"원문에 없는 {_label(fact.kind)}입니다: {fact.text} ({kind_name} not in the source)"
    return FactOutcome(problem=Problem(kind_name, fact.text, message), contradicts=fact.kind is FactKind.TITLE)


def _label(kind: FactKind) -> str:
    return {
        FactKind.NUMBER: "수치",
        FactKind.DATE: "날짜",
        FactKind.TIME: "시각",
        FactKind.PHONE: "전화번호",
        FactKind.PERSON: "인명",
        FactKind.TITLE: "직함",
        FactKind.ORG: "기관명",
        FactKind.PLACE: "지명",
        FactKind.QUOTE: "인용",
    }[kind]


def _unit(value: str) -> str:
    """The unit of a normalised number value ('32000000000원' → '원', '71.3%' → '%', '1240' → '')."""
    match = AMOUNT_RE.match(value)
    return value[match.end() :] if match else value


def _amount(value: str) -> Decimal | None:
    digits = value[: len(value) - len(_unit(value))]
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _match_value(fact: Fact, index: SourceIndex, ids: list[str]) -> bool:
    return any(f.value == fact.value for f in index.facts_of(ids, fact.kind))


def counter_after(text: str, end: int) -> str:
    """The Hangul syllable right after a number ('3실씩' → '실'), or '' when none follows it (or a particle does)."""
    match = COUNTER_RE.match(text, end) if text else None
    return match.group(1) if match and match.group(1) not in PARTICLE_STARTS else ""


def _match_number(fact: Fact, index: SourceIndex, ids: list[str], counter: str = "") -> bool:
    """Same value and unit. A number without a unit that counts something ('3실') must not count
    something else in the source ('3일'); where the source writes it bare, the value decides."""
    amount, unit = _amount(fact.value), _unit(fact.value)
    if not unit and counter:
        texts = [index.compact_by_id.get(i, "") for i in ids]
        if any(_written_with(fact.text, counter, text) for text in texts):
            return True
        if any(_written_with(fact.text, "[가-힣]", text, pattern=True) for text in texts):
            return False
    for other in index.facts_of(ids, FactKind.NUMBER):
        if other.value == fact.value:
            return True
        if amount is not None and _amount(other.value) == amount and (not unit or not _unit(other.value)):
            return True
    return any(_written_with(fact.text, "", index.compact_by_id.get(i, "")) for i in ids)


def _written_with(number: str, counter: str, text: str, pattern: bool = False) -> bool:
    """Whether ``text`` (without spaces) has ``number`` (commas optional) as a whole number, then ``counter``
    (a literal, or a regular expression when ``pattern``)."""
    digits = re.sub(r"[\s,]", "", number)
    if not digits:
        return False
    written = ",?".join(re.escape(d) for d in digits)
    after = counter if pattern else re.escape(counter)
    return re.search(rf"(?<![\d.,]){written}(?!\d|[,.]\d){after}", text) is not None


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
    claim = canonical_title(compact(fact.text))
    for other in index.facts_of(ids, FactKind.TITLE):
        source = canonical_title(compact(other.text))
        if claim in source and _same_qualifiers(claim, source):
            return True
    return any(claim in index.compact_by_id.get(i, "") and _qualifiers_near(claim, index.compact_by_id[i]) for i in ids)


def canonical_title(title: str) -> str:
    """A title with its agency written in full ('문체부관광정책실장' → '문화체육관광부관광정책실장')."""
    lexicon = load_lexicon()
    for length in range(min(len(title) - 1, 15), 1, -1):
        canonical = lexicon.agency(title[:length])
        if canonical:
            return canonical.replace(" ", "") + title[length:]
    return title


def plausible_facts(facts: tuple[Fact, ...], morphs: tuple[Morph, ...]) -> tuple[Fact, ...]:
    """The facts without 'persons' that are ordinary words; quotes they spoke get the next speaker before."""
    kept = tuple(f for f in facts if plausible_fact(f, morphs))
    if len(kept) == len(facts):
        return kept
    dropped = {f.value for f in facts if f not in kept}
    return tuple(
        replace(f, speaker=_speaker_before(kept, f.start)) if f.kind is FactKind.QUOTE and f.speaker in dropped else f
        for f in kept
    )


def _speaker_before(facts: tuple[Fact, ...], position: int) -> str:
    people = [f.value for f in facts if f.kind is FactKind.PERSON and f.end <= position]
    titles = [f.value for f in facts if f.kind is FactKind.TITLE and f.end <= position]
    return (people or titles or [""])[-1]


def plausible_fact(fact: Fact, morphs: tuple[Morph, ...]) -> bool:
    """False for a 'person' that Kiwi reads as an ordinary word ('함께', '기간에' before an ambiguous title)."""
    if fact.kind is not FactKind.PERSON or "○" in fact.text:
        return True
    first = next((m for m in morphs if m.start == fact.start), None)
    if first is None:
        return True
    if first.tag in ("MAG", "MAJ", "VV", "VA", "XR", "MM"):
        return False
    return not (
        first.tag in ("NNG", "NNB")
        and first.end < fact.end
        and any(m.tag.startswith("J") for m in morphs if first.end <= m.start < fact.end)
    )


def _same_qualifiers(claim: str, source: str) -> bool:
    return all((q in claim) == (q in source) for q in TITLE_QUALIFIERS[:-1])


def _qualifiers_near(claim: str, text: str) -> bool:
    position = text.find(claim)
    after = text[position + len(claim) : position + len(claim) + 4]
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
    grams_a = {a[i : i + 2] for i in range(len(a) - 1)}
    grams_b = {b[i : i + 2] for i in range(len(b) - 1)}
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
    if not speakers or any(_compatible_speakers(fact.speaker, s, index) for s in speakers):
        return None
    expected = sorted(speakers)[0]
    message = f"인용문의 화자가 원문과 다릅니다: 원문은 {expected} (quote attributed to the wrong speaker)"
    return Problem("quote_speaker", fact.speaker, message, expected)


def _same_person(a: str, b: str) -> bool:
    return a == b or a in b or b in a


def _compatible_speakers(claimed: str, source: str, index: SourceIndex) -> bool:
    """The same person, or one side names the speaker only by a title the source gives the other."""
    return _same_person(claimed, source) or _title_of(claimed, source, index) or _title_of(source, claimed, index)


def _title_of(title: str, person: str, index: SourceIndex) -> bool:
    """Whether ``title`` (a speaker named only by a title, '직무대행') is the title of ``person`` in the source."""
    needle = compact(title)
    if not needle or not load_lexicon().title_pattern().search(needle):
        return False
    return any(person in text and needle in text for text in index.compact_by_id.values())


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


# -- numbers in the wrong place: the word a number counts says another number in the source ------


ANCHOR_HEDGES = frozenset({"정도", "가량", "약", "수준", "평균", "내외", "안팎", "최대", "최소", "총", "모두", "각각"})
ANCHOR_REACH = 12


def displaced_number(
    fact: Fact, morphs: tuple[Morph, ...], facts: tuple[Fact, ...], evidence: list[str], index: SourceIndex
) -> Problem | None:
    """A number whose noun ('취수장 320곳') is followed by another number of the same unit in the evidence
    ('취수장 18곳') and nowhere in the source by this one: a figure copied from elsewhere in the source."""
    anchor = _number_anchor(fact, morphs, facts)
    if anchor is None:
        return None
    unit = _unit(fact.value)
    seen = [f for f in index.numbers_after(anchor, evidence, ANCHOR_REACH) if _unit(f.value) == unit]
    if not seen or any(f.value == fact.value for f in seen):
        return None
    everywhere = [i for i in index.by_id if index.is_evidence(i)]
    if any(f.value == fact.value for f in index.numbers_after(anchor, everywhere, ANCHOR_REACH)):
        return None
    message = f"원문과 다릅니다: 원문은 '{seen[0].text}' ({NAMES[fact.kind]} differs from the source)"
    return Problem("number", fact.text, message, seen[0].text)


def number_not_in(
    fact: Fact, sentence_ids: list[str], numbers: list[Fact], index: SourceIndex, claim: str
) -> Problem | None:
    """A number (with a unit) missing from every sentence that alone says what the claim says, where the
    first of them has another number of the same unit that the claim does not mention."""
    unit = _unit(fact.value)
    sentence = index.by_id.get(sentence_ids[0]) if sentence_ids else None
    if not unit or sentence is None or _match_number(fact, index, sentence_ids, counter_after(claim, fact.end)):
        return None
    mentioned = {f.value for f in numbers}
    rivals = [
        f for f in sentence.facts if f.kind is FactKind.NUMBER and _unit(f.value) == unit and f.value not in mentioned
    ]
    if not rivals:
        return None
    message = f"원문과 다릅니다: 원문은 '{rivals[0].text}' ({NAMES[fact.kind]} differs from the source)"
    return Problem("number", fact.text, message, rivals[0].text)


def _number_anchor(fact: Fact, morphs: tuple[Morph, ...], facts: tuple[Fact, ...]) -> str | None:
    """The noun right before a number ('취수장' in '취수장 18곳'), skipping hedges and other facts."""
    before = [m for m in morphs if m.end <= fact.start and fact.start - m.end <= ANCHOR_REACH]
    for morph in reversed(before[-4:]):
        if any(f.start <= morph.start < f.end for f in facts):
            return None
        if morph.tag in ("NNG", "NNP") and morph.form not in ANCHOR_HEDGES and len(morph.form) >= 2:
            return morph.form
    return None


# -- facts the analyser can miss: titles written together with an agency, places Kiwi splits ---------


ORG_ENDINGS = ("부", "처", "청", "원", "실", "국", "과", "관", "위원회", "단", "본부", "사령부", "공사", "공단")
PLACE_SUFFIX_RE = re.compile(r"(?<![가-힣])(?P<name>[가-힣]{2,4}(?:시|군|구))(?=[은는이가을를의과와에도·\s,.)]|에서|$)")
WORD_RE = re.compile(r"(?<![가-힣])[가-힣]{2,}")
TAIL_RE = re.compile(r"\s?(?:직무\s?대행|권한\s?대행)")


def supplementary_facts(text: str, morphs: tuple[Morph, ...], facts: tuple[Fact, ...]) -> tuple[Fact, ...]:
    """Facts the analyser can miss: titles written together with their agency ('교육부장관',
    '보건복지부차관') and places that Kiwi splits ('음성군', '진해시'), where no fact covers them yet."""
    titles = [f for f in _title_words(text) if not _overlaps(f, facts, (FactKind.TITLE, FactKind.PERSON))]
    places = [f for f in _place_words(text, morphs) if not _overlaps(f, facts, (FactKind.PLACE, FactKind.ORG))]
    return (*titles, *places)


def _overlaps(fact: Fact, facts: tuple[Fact, ...], kinds: tuple[FactKind, ...]) -> bool:
    return any(f.kind in kinds and f.start < fact.end and fact.start < f.end for f in facts)


def _title_words(text: str) -> list[Fact]:
    lexicon = load_lexicon()
    out: list[Fact] = []
    for match in WORD_RE.finditer(text):
        word = word_variants(match.group(0))[-1]
        title = _title_suffix(word, lexicon.titles)
        if not title or any(f.start <= match.start() < f.end for f in out):
            continue
        prefix = word[: len(word) - len(title)]
        if not prefix.endswith(ORG_ENDINGS) and not lexicon.agency(prefix):
            continue
        end = match.start() + len(word)
        tail = TAIL_RE.match(text, end) if len(word) == len(match.group(0)) else None
        end = tail.end() if tail else end
        phrase = text[match.start() : end]
        out.append(Fact(FactKind.TITLE, phrase, compact(phrase), match.start(), end))
    return out


def _title_suffix(word: str, titles: frozenset[str]) -> str:
    """The longest title that ``word`` ends with ('교육부장관' → '장관' or a longer listed form), or ''."""
    for length in range(min(len(word), 12), 1, -1):
        if word[-length:] in titles:
            return word[-length:]
    return ""


def _place_words(text: str, morphs: tuple[Morph, ...]) -> list[Fact]:
    """Administrative names (…시, …군, …구) from the word list, or unknown ones whose stem Kiwi tags as a proper noun."""
    lexicon = load_lexicon()
    proper_starts = {m.start for m in morphs if m.tag == "NNP"}
    out = []
    for match in PLACE_SUFFIX_RE.finditer(text):
        name = match.group("name")
        canonical = lexicon.place(name)
        if canonical or match.start() in proper_starts:
            out.append(Fact(FactKind.PLACE, name, canonical or name, match.start(), match.end()))
    return out
