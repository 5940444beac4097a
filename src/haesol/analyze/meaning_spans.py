"""Spans of meaning in a sentence: who it reports (attribution), ranges, qualifiers and comparisons."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from haesol.models import Morph

LOGGER = logging.getLogger(__name__)

REPORTING_VERBS = frozenset(
    "보도 지적 주장 비판 제기 의혹 우려 밝히 말하 전하 언급 설명 강조 발표 답하 덧붙이 전망 평가 분석 알리 소개 보고 당부 요청 촉구".split()
)
THIRD_PARTY_VERBS = frozenset("보도 지적 주장 비판 제기 의혹 우려".split())
THIRD_PARTY_NOUNS = re.compile(
    r"(일보|신문|방송|언론|매체|기사|뉴스|보고서|단체|시민단체|업계|야당|의원|노조|전문가|일각|연구진)$"
)
QUOTATIVE_ENDINGS = frozenset({"다고", "라고", "자고", "냐고", "고", "라며", "다며", "라면서", "다면서", "며", "면서"})
RANGE_RE = re.compile(
    r"(?P<lo>[’'‘]?\d[\d,.]*)\s*(?P<lo_unit>[가-힣%]{0,2})\s*[~∼〜～–]\s*[’'‘]?(?P<hi>\d[\d,.]*)\s*(?P<unit>[가-힣%]{1,2})"
)
OPEN_RANGE_RE = re.compile(r"(?<![\d가-힣])[~∼〜～]\s*[’'‘]?(?P<hi>\d[\d,.]*)\s*(?P<unit>[가-힣%]{1,2})")
QUALIFIER_GROUPS: dict[str, frozenset[str]] = {
    "approx": frozenset(
        {"약", "가량", "정도", "여", "내외", "안팎", "쯤", "남짓", "대략", "여명", "여개", "여곳", "여건", "여종"}
    ),
    "upper": frozenset({"이하", "미만", "최대", "이내", "못미치", "넘지"}),
    "lower": frozenset({"이상", "초과", "최소", "넘", "넘는", "넘게", "웃도", "이상의"}),
    "exclusion": frozenset({"제외", "빼", "제외한", "외"}),
    "partial": frozenset({"일부", "부분"}),
}
PREFIX_QUALIFIERS = {"약": "approx", "최대": "upper", "최소": "lower", "일부": "partial", "대략": "approx"}
NUMERIC_PREFIXES = frozenset({"약", "최대", "최소", "대략"})
SUFFIX_QUALIFIERS = {
    "여": "approx",
    "가량": "approx",
    "정도": "approx",
    "내외": "approx",
    "안팎": "approx",
    "남짓": "approx",
    "이하": "upper",
    "미만": "upper",
    "이내": "upper",
    "이상": "lower",
    "초과": "lower",
}
COMPARISON_MARKERS = {
    "보다": "than",
    "대비": "than",
    "비하": "than",
    "비해": "than",
    "유사": "like",
    "비슷": "like",
    "비슷하": "like",
    "마찬가지": "like",
    "처럼": "like",
    "같이": "like",
}


@dataclass(frozen=True, slots=True)
class Range:
    """A range as written ('2~3시간', '4~6월', '~’29년'): its ends and unit (lo '' for an open range)."""

    text: str
    lo: str
    hi: str
    unit: str


@dataclass(frozen=True, slots=True)
class Qualifier:
    """A qualifier ('약', '이상', '제외') and what it qualifies (a number or the noun after it)."""

    group: str
    word: str
    head: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """A comparison: 'than' (보다, 대비) or 'like' (유사한, 처럼) and its standard (the noun compared with)."""

    kind: str
    standard: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting frame ('…고 보도했다'): the reporting verb, its subject, and whether it is a third party's."""

    verb: str
    subject: str
    third_party: bool


# -- attribution ----------------------------------------------------------------------------------


def attribution_of(morphs: tuple[Morph, ...]) -> Attribution | None:
    """'○○일보는 …다고 보도했다', '…에 따르면': who the sentence reports."""
    for index, morph in enumerate(morphs):
        if morph.form == "따르" and index > 0 and morphs[index - 1].form == "에":
            subject = _noun_before(morphs, index - 1)
            return Attribution("따르다", subject, bool(THIRD_PARTY_NOUNS.search(subject)))
        if morph.tag not in ("VV", "XSV", "NNG") or index == 0:
            continue
        verb = _verb_key(morphs, index) if morph.tag != "NNG" else morph.form
        if verb not in REPORTING_VERBS:
            continue
        before = morphs[max(0, index - 4) : index]
        if not any(m.tag in ("EC", "JKQ") and m.form in QUOTATIVE_ENDINGS | {"고", "라고", "이라고"} for m in before):
            continue
        subject = _topic(morphs[:index])
        third = verb in THIRD_PARTY_VERBS or bool(THIRD_PARTY_NOUNS.search(subject))
        return Attribution(verb, subject, third)
    return None


def _topic(morphs: tuple[Morph, ...]) -> str:
    for index, morph in enumerate(morphs):
        if morph.tag in ("JX", "JKS") and morph.form in ("은", "는", "이", "가") and index > 0:
            return _noun_before(morphs, index)
    return ""


def _noun_before(morphs: tuple[Morph, ...], index: int) -> str:
    words = []
    for back in range(index - 1, max(index - 4, -1), -1):
        if morphs[back].tag not in ("NNG", "NNP", "SL", "SN", "XSN"):
            break
        words.append(morphs[back].form)
    return "".join(reversed(words))


# -- ranges, qualifiers, comparisons ------------------------------------------------------------


def ranges_of(text: str) -> tuple[Range, ...]:
    out = []
    for m in RANGE_RE.finditer(text):
        if m.group("lo").count(".") < 2:
            unit = m.group("unit")
            out.append(Range(m.group(0), _digits(m.group("lo"), unit), _digits(m.group("hi"), unit), unit))
    covered = [(m.start(), m.end()) for m in RANGE_RE.finditer(text)]
    for m in OPEN_RANGE_RE.finditer(text):
        if not any(s <= m.start() < e for s, e in covered):
            out.append(Range(m.group(0), "", _digits(m.group("hi"), m.group("unit")), m.group("unit")))
    return tuple(out)


def _digits(written: str, unit: str) -> str:
    """A range end as digits; a two-digit year ('’29년') is written out ('2029')."""
    digits = written.strip("’'‘").replace(",", "")
    if unit.startswith("월") and re.fullmatch(r"\d{2}\.\d{1,2}", digits):
        return digits.split(".")[1]  # '’26.2월' ends in February
    return f"20{digits}" if unit.startswith("년") and len(digits) == 2 and digits.isdigit() else digits


def qualifiers_of(text: str, morphs: tuple[Morph, ...]) -> tuple[Qualifier, ...]:
    out: list[Qualifier] = []
    for index, morph in enumerate(morphs):
        group = PREFIX_QUALIFIERS.get(morph.form) if morph.tag in ("MM", "NNG", "MAG", "XPN", "NNB") else None
        if group is not None:
            head = _head_after(morphs, index)
            if head and (head[:1].isdigit() or morph.form not in NUMERIC_PREFIXES):
                out.append(Qualifier(group, morph.form, head))
        group = SUFFIX_QUALIFIERS.get(morph.form) if morph.tag in ("NNG", "NNB", "XSN", "NR") else None
        if group is not None:
            head = _number_before(morphs, index)
            if head:
                out.append(Qualifier(group, morph.form, head))
        if morph.form == "여" and morph.tag == "XSN" and index and morphs[index - 1].tag == "SN":
            out.append(Qualifier("approx", "여", morphs[index - 1].form.replace(",", "")))
        if morph.form == "제외" and morph.tag == "NNG":
            head = _noun_before(morphs, index - 1 if index and morphs[index - 1].tag == "JKO" else index)
            if head:
                out.append(Qualifier("exclusion", "제외", head))
    return tuple(out)


def _head_after(morphs: tuple[Morph, ...], index: int) -> str:
    for position, morph in enumerate(morphs[index + 1 : index + 3], start=index + 1):
        if morph.tag == "SN":
            rest = morphs[position + 1 : position + 4]
            if len(rest) >= 2 and rest[0].form in ("~", "∼") and rest[1].tag == "SN":  # '약 2~3주'
                range_unit = rest[2].form if len(rest) > 2 and rest[2].tag in ("NNB", "SW", "NR", "NNG") else ""
                return f"{morph.form}~{rest[1].form}{range_unit}".replace(",", "")
            after = morphs[position + 1] if position + 1 < len(morphs) else None
            counted = (
                after.form
                if after is not None and after.tag in ("NNB", "SW", "NR") and after.start == morph.end
                else ""
            )
            return morph.form.replace(",", "") + counted
        if morph.tag in ("NNG", "NNP"):
            return morph.form
    return ""


def _number_before(morphs: tuple[Morph, ...], index: int) -> str:
    for back in range(index - 1, max(-1, index - 4), -1):
        morph = morphs[back]
        if morph.tag == "SN":
            unit = morphs[back + 1] if back + 1 < index else None
            counted = (
                unit.form
                if unit is not None and unit.tag in ("NNB", "SW", "NR", "NNG") and unit.start == morph.end
                else ""
            )
            return morph.form.replace(",", "") + counted
        if morph.tag not in ("NNB", "NR", "NNG", "SW", "SL"):
            return ""
    return ""


def comparisons_of(morphs: tuple[Morph, ...]) -> tuple[Comparison, ...]:
    out = []
    for index, morph in enumerate(morphs):
        key = morph.lemma[:-1] if morph.tag in ("VV", "VA") and morph.lemma.endswith("다") else morph.form
        if morph.form == "비" and morph.tag == "NNG" and index + 1 < len(morphs) and morphs[index + 1].tag == "XSV":
            key = "비하"  # '에 비해' read as 비/NNG + 하/XSV
        kind = COMPARISON_MARKERS.get(key)
        if kind is None or (key in ("같이",) and morph.tag != "JKB"):
            continue
        start = index - 1 if index and morphs[index - 1].tag in ("JKB", "JKO", "JC") else index
        start = _before_aside(morphs, start)
        standard = _head_noun_before(morphs, start)
        if standard:
            out.append(Comparison(kind, standard))
    return tuple(out)


def _before_aside(morphs: tuple[Morph, ...], index: int) -> int:
    """Step back over a parenthetical aside: '전년 동기(163.4억 달러) 대비' compares with 동기."""
    if index == 0 or morphs[index - 1].form != ")":
        return index
    for back in range(index - 2, max(index - 12, -1), -1):
        if morphs[back].form == "(":
            return back
    return index


def _head_noun_before(morphs: tuple[Morph, ...], index: int) -> str:
    """The noun right before ``index`` with its suffixes ('예방/접종/률' → '접종률')."""
    words: list[str] = []
    for back in range(index - 1, max(index - 4, -1), -1):
        morph = morphs[back]
        if morph.tag == "XSN":
            words.append(morph.form)
            continue
        if morph.tag in ("NNG", "NNP", "SL"):
            words.append(morph.form)
        break
    return "".join(reversed(words)) if words and morphs[index - len(words)].tag != "XSN" else ""


def _verb_key(morphs: tuple[Morph, ...], index: int) -> str:
    """'보도' for 보도/NNG + 하/XSV, the stem for a verb ('밝히')."""
    morph = morphs[index]
    if morph.tag in ("XSV", "XSA") and index > 0:
        return morphs[index - 1].form
    return morph.lemma[:-1] if morph.lemma.endswith("다") else morph.lemma
