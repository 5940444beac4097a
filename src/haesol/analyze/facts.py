"""Checkable facts of a sentence: dates, times, numbers, phones, quotes, people, titles, agencies, places."""

from __future__ import annotations

import datetime as dt
import logging
import re

from haesol.analyze.dates import find_dates
from haesol.analyze.numbers import find_numbers
from haesol.data.lexicon import load_lexicon
from haesol.models import Fact, FactKind, Morph

LOGGER = logging.getLogger(__name__)

URL_RE = re.compile(r"https?://\S+|www\.\S+")
PHONE_RE = re.compile(r"(?<!\d)0\d{1,2}-\d{3,4}-\d{4}(?!\d)")
TIME_RE = re.compile(
    r"(?<![\d:])(?:(?P<ampm>오전|오후|새벽|밤)\s*)?(?:(?P<h>\d{1,2}):(?P<m>\d{2})(?!\d)|(?P<h2>\d{1,2})\s*시(?![간대각장])(?:\s*(?P<m2>\d{1,2})\s*분)?)"
)
QUOTE_RE = re.compile(
    r"“(?P<a>[^“”]{2,}?)”|\"(?P<b>[^\"]{2,}?)\"|‘(?P<c>[^‘’]{2,}?)’|'(?P<d>[^'\n]{2,40}?)'|「(?P<e>[^「」]{2,}?)」"
)
SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길위표명기반왕금옥육인맹제모탁국어은편용예봉경사부"
)
NAME_STOPWORDS = frozenset(
    "이번 이날 이후 이어 이를 이에 이와 이는 이미 전체 전국 전날 전년 주요 주관 지난 지역 정부 장관 차관 관계 관련 담당 해당 "
    "신임 전임 현직 前 소속 각각 공동 고위 대표 기관 우리 모든 모두 최근 최초 최대 한국 한편 남북 국내 국외 국민 국가 민간 "
    "공공 조사 부처 부대 기자 방문 회의 위원 위원회 원장 사장 이사 인사 양국 양측 정책 조정 조치 한미 한일 한중 미국 미측".split()
)
TITLE_TAIL_RE = re.compile(r"\s*(직무\s*대행|권한\s*대행|내정자|후보자|당선인)")
ORG_JOIN = r"[가-힣A-Za-z0-9·]{0,20}?"
SPEECH_MIN_CHARS = 8


def extract_facts(text: str, morphs: tuple[Morph, ...], anchor: dt.date | None) -> tuple[Fact, ...]:
    """All checkable facts of one sentence, in order of position.

    Args:
        text: the sentence.
        morphs: its morphemes (offsets relative to ``text``).
        anchor: the date that relative dates ('31일', '지난해') resolve against; None keeps them unresolved.
    """
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = [(m.start(), m.end()) for m in URL_RE.finditer(text)]
    for match in PHONE_RE.finditer(text):
        facts.append(Fact(FactKind.PHONE, match.group(0), match.group(0), match.start(), match.end()))
        taken.append((match.start(), match.end()))
    for mention in find_dates(text, anchor):
        if not _overlaps(mention.start, mention.end, taken):
            facts.append(Fact(FactKind.DATE, mention.text, mention.value, mention.start, mention.end))
            taken.append((mention.start, mention.end))
    for match in TIME_RE.finditer(text):
        if not _overlaps(match.start(), match.end(), taken):
            facts.append(Fact(FactKind.TIME, match.group(0), _time_value(match), match.start(), match.end()))
            taken.append((match.start(), match.end()))
    for number in find_numbers(text, taken):
        facts.append(Fact(FactKind.NUMBER, number.text, number.value, number.start, number.end))
    facts.extend(_quotes(text))
    people = _people_and_titles(text)
    facts.extend(people)
    facts.extend(_agencies(text))
    facts.extend(_places(text, morphs))
    return tuple(sorted(_attach_speakers(facts), key=lambda f: (f.start, f.kind)))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _time_value(match: re.Match[str]) -> str:
    hour = int(match.group("h") or match.group("h2"))
    minute = int(match.group("m") or match.group("m2") or 0)
    if match.group("ampm") in ("오후", "밤") and hour < 12:
        hour += 12
    return f"{hour:02d}:{minute:02d}"


def _quotes(text: str) -> list[Fact]:
    out = []
    for match in QUOTE_RE.finditer(text):
        inner = next(g for g in match.groups() if g is not None)
        out.append(Fact(FactKind.QUOTE, match.group(0), normalize_quote(inner), match.start(), match.end()))
    return out


def normalize_quote(text: str) -> str:
    """A quote's text for comparison: spaces folded, outer punctuation dropped."""
    return re.sub(r"\s+", " ", text).strip(" .,…")


def _people_and_titles(text: str) -> list[Fact]:
    lexicon = load_lexicon()
    if not lexicon.titles:
        return []
    pattern = lexicon.title_pattern()
    out: list[Fact] = []
    for match in pattern.finditer(text):
        if match.group(0) in lexicon.ambiguous_titles and not _has_name_near(text, match):
            continue
        if _inside_word(text, match.start(), match.end()):
            continue
        start, end = _extend_title(text, match.start(), match.end())
        phrase = text[start:end]
        out.append(Fact(FactKind.TITLE, phrase, compact(phrase), start, end))
        person = _name_before(text, start) or _name_after(text, end)
        if person:
            out.append(person)
    return _dedupe(out)


def _inside_word(text: str, start: int, end: int) -> bool:
    after = text[end : end + 1]
    return (
        bool(after)
        and "가" <= after <= "힣"
        and text[end : end + 2] not in _PARTICLE_STARTS
        and after not in "은는이가을를의과와도께에"
    )


_PARTICLE_STARTS = frozenset(
    {"으로", "에게", "에서", "께서", "이며", "이자", "이다", "이었", "직무", "권한", "내정", "후보"}
)


def _extend_title(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a title leftwards over an adjoining agency name and rightwards over 직무대행 etc."""
    lexicon = load_lexicon()
    word_start = re.search(r"[가-힣A-Za-z0-9·]*$", text[:start])
    if word_start is not None:
        start = word_start.start()
    before = text[:start]
    org = re.search(r"([가-힣A-Za-z0-9·]+)\s?$", before)
    if org and (lexicon.agency(org.group(1)) or _looks_like_org(org.group(1))):
        start = org.start(1)
    tail = TITLE_TAIL_RE.match(text, end)
    if tail:
        end = tail.end()
    return start, end


def _looks_like_org(word: str) -> bool:
    return len(word) >= 2 and word.endswith(
        ("부", "처", "청", "원", "실", "국", "과", "관", "위원회", "본부", "사령부", "공사", "공단")
    )


def _has_name_near(text: str, match: re.Match[str]) -> bool:
    return _name_before(text, match.start()) is not None or _name_after(text, match.end()) is not None


def _name_before(text: str, title_start: int) -> Fact | None:
    found = re.search(r"(?<![가-힣○])([가-힣][가-힣○◯]{1,3})\s+$", text[:title_start])
    return _name_fact(found.group(1), found.start(1)) if found else None


def _name_after(text: str, title_end: int) -> Fact | None:
    found = re.match(r"\s+([가-힣][가-힣○◯]{1,3})(?=[\s),은는이가을를의과와께]|$)", text[title_end:])
    if not found:
        return None
    return _name_fact(found.group(1), title_end + found.start(1))


def _name_fact(name: str, start: int) -> Fact | None:
    base = name
    if "○" not in name and re.search(r"(은|는|을|를|의|과|와|에게|께서)$", name):
        return None
    if base[0] not in SURNAMES or base in NAME_STOPWORDS or len(base) < 2 or load_lexicon().agency(base):
        return None
    return Fact(FactKind.PERSON, base, base, start, start + len(base))


def _agencies(text: str) -> list[Fact]:
    lexicon = load_lexicon()
    if not lexicon.agencies:
        return []
    out = []
    for match in lexicon.agency_pattern().finditer(text):
        if match.start() > 0 and "가" <= text[match.start() - 1] <= "힣" and text[match.start() - 1] not in "·":
            continue
        canonical = lexicon.agencies[match.group(0).replace(" ", "")]
        out.append(Fact(FactKind.ORG, match.group(0), canonical, match.start(), match.end()))
    return out


def _places(text: str, morphs: tuple[Morph, ...]) -> list[Fact]:
    lexicon = load_lexicon()
    if not lexicon.places:
        return []
    out = []
    for morph in morphs:
        if morph.tag not in ("NNP", "NNG") or len(morph.form) < 2:
            continue
        canonical = lexicon.place(morph.form)
        if canonical and not text[morph.end :].lstrip().startswith("정책브리핑"):
            out.append(Fact(FactKind.PLACE, morph.form, canonical, morph.start, morph.end))
    return out


def _attach_speakers(facts: list[Fact]) -> list[Fact]:
    """Give each double-quoted quote the nearest person (or title) named before it."""
    out = []
    for fact in facts:
        if fact.kind is FactKind.QUOTE and fact.text[:1] in '“"' and _is_speech(fact):
            speaker = _speaker_before(facts, fact.start)
            fact = Fact(fact.kind, fact.text, fact.value, fact.start, fact.end, speaker)
        out.append(fact)
    return out


def _is_speech(fact: Fact) -> bool:
    """A quotation of speech (a clause), not a quoted name such as “누리”."""
    return len(fact.value) >= SPEECH_MIN_CHARS and " " in fact.value


def _speaker_before(facts: list[Fact], position: int) -> str:
    people = [f for f in facts if f.kind is FactKind.PERSON and f.end <= position]
    if people:
        return people[-1].value
    titles = [f for f in facts if f.kind is FactKind.TITLE and f.end <= position]
    return titles[-1].value if titles else ""


def compact(text: str) -> str:
    """Text without spaces, for spacing-insensitive comparison."""
    return re.sub(r"\s+", "", text)


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple[FactKind, int, int]] = set()
    out = []
    for fact in facts:
        key = (fact.kind, fact.start, fact.end)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out
