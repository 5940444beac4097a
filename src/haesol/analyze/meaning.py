"""A sentence's meaning from its Kiwi morphemes: predicates with tense and modality, attribution, ranges, qualifiers, comparisons."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from haesol.analyze.meaning_spans import (
    Attribution,
    Comparison,
    Qualifier,
    Range,
    attribution_of,
    comparisons_of,
    qualifiers_of,
    ranges_of,
)
from haesol.models import Morph

LOGGER = logging.getLogger(__name__)

PAST, PRESENT, PROGRESSIVE, FUTURE, UNKNOWN = "past", "present", "progressive", "future", ""
EMBEDDED = "embedded"  # '누비고 … 누리길 희망하는': a clause inside a noun phrase, not an event that happened
PLAN, INTENTION, POSSIBILITY, OBLIGATION, REQUEST = "plan", "intention", "possibility", "obligation", "request"
PREDICATE_TAGS = frozenset({"VV", "VA", "XSV", "XSA"})
POSTPOSITION_VERBS = frozenset(
    {
        "위하",
        "대하",
        "관하",
        "통하",
        "따르",
        "의하",
        "인하",
        "향하",
        "한하",
        "비롯하",
        "포함하",
        "불구하",
        "걸치",
        "거치",
        "맞추",
    }
)
PAST_FORMS = frozenset({"었", "았", "였", "ㅆ"})
PLAN_NOUNS = frozenset({"예정", "계획", "방침", "방안", "전망", "목표"})
INHERITING_ENDINGS = frozenset({"고", "며", "으며", "면서", "으면서", "고서", "어", "아", "여", "어서", "아서", "여서"})
NOMINAL_ENDINGS = frozenset({"ᆷ", "음", "슴"})
REQUEST_ENDINGS = frozenset({"시오", "십시오", "으십시오", "세요", "으세요", "ᆸ시오"})
DEPENDENT_STARTS = frozenset(
    {
        "있는",
        "있다",
        "하는",
        "되는",
        "및",
        "또는",
        "등",
        "등의",
        "이며",
        "하며",
        "하고",
        "있어",
        "있고",
        "있도록",
        "없는",
        "것으로",
        "것이다",
        "수",
        "데",
        "바",
    }
)
DEPENDENT_START_TAGS = frozenset(
    {"EC", "ETM", "EF", "EP", "JKS", "JKO", "JKB", "JKG", "JX", "JC", "VX", "XSV", "XSA", "XSN", "ETN", "VCP"}
)
OPEN_ENDINGS = frozenset(
    {
        "고",
        "며",
        "으며",
        "면서",
        "으면서",
        "지만",
        "는데",
        "ᆫ데",
        "어",
        "아",
        "여",
        "어서",
        "아서",
        "도록",
        "게",
        "으나",
        "나",
    }
)
VENUE_RE = re.compile(
    r"([가-힣A-Za-z0-9]{1,12}(?:컨벤션센터|센터|아트홀|홀|회관|광장|공원|체육관|경기장|전시장|박물관|미술관|도서관|기념관|문화관|"
    r"호텔|대학교|청사|시청|도청|군청|구청|해수욕장|공항|터미널|수목원|휴양림|운동장|아레나)|(?<![가-힣])(?:코엑스|벡스코|킨텍스|엑스코|세텍|aT센터|DDP))"
)


@dataclass(frozen=True, slots=True)
class Predicate:
    """One predicate of a sentence: its key ('채용', '누비다'), tense, modality and negation."""

    key: str
    start: int
    tense: str
    modality: str
    negated: bool
    final: bool
    quoted: bool
    clause: bool = True


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a sentence says beyond its tokens."""

    predicates: tuple[Predicate, ...]
    attribution: Attribution | None
    ranges: tuple[Range, ...]
    qualifiers: tuple[Qualifier, ...]
    comparisons: tuple[Comparison, ...]
    fragment: str
    venues: tuple[str, ...]

    @property
    def main(self) -> Predicate | None:
        """The predicate that ends the sentence (outside quotes), if any."""
        finals = [p for p in self.predicates if p.final and not p.quoted]
        if finals:
            return finals[-1]
        unquoted = [p for p in self.predicates if not p.quoted]
        clauses = [p for p in unquoted if p.clause]
        return clauses[-1] if clauses else None


def meaning_of(text: str, morphs: tuple[Morph, ...]) -> Meaning:
    """The meaning model of one sentence from its morphemes (no new analysis)."""
    quoted = _quoted_spans(text)
    return Meaning(
        predicates=_predicates(morphs, quoted),
        attribution=attribution_of(morphs),
        ranges=ranges_of(text),
        qualifiers=qualifiers_of(text, morphs),
        comparisons=comparisons_of(morphs),
        fragment=fragment_reason(text, morphs),
        venues=tuple(dict.fromkeys(m.group(1) for m in VENUE_RE.finditer(text))),
    )


# -- predicates ---------------------------------------------------------------------------------


def predicate_key(morphs: tuple[Morph, ...], index: int) -> str:
    """'채용' for 채용/NNG + 하/XSV, the lemma for a verb or adjective."""
    morph = morphs[index]
    if morph.tag in ("XSV", "XSA") and index > 0:
        return morphs[index - 1].form
    return morph.lemma[:-1] if morph.lemma.endswith("다") else morph.lemma


def _predicates(morphs: tuple[Morph, ...], quoted: list[tuple[int, int]]) -> tuple[Predicate, ...]:
    found: list[Predicate] = []
    index = 0
    while index < len(morphs):
        morph = morphs[index]
        if morph.tag in PREDICATE_TAGS and not _auxiliary(morphs, index) and not _modal_support(morphs, index):
            end_of_word = index
            predicate, index = _read_predicate(morphs, index)
            inside = any(s <= morph.start < e for s, e in quoted)
            stopped_at_noun_ending = index < len(morphs) and morphs[index].tag == "ETN"
            clause = predicate[4] or morphs[index - 1].tag == "EC" or index >= len(morphs) or index == end_of_word + 1
            clause = clause and not stopped_at_noun_ending
            if predicate[0] not in POSTPOSITION_VERBS:
                found.append(
                    Predicate(
                        predicate[0],
                        morph.start,
                        predicate[1],
                        predicate[2],
                        predicate[3],
                        predicate[4],
                        inside,
                        clause,
                    )
                )
            continue
        index += 1
    return _inherit(found)


def _auxiliary(morphs: tuple[Morph, ...], index: int) -> bool:
    """'있' in '하고 있다', '하' in '해야 한다' or '하기로 했다': part of the predicate before."""
    if index == 0:
        return False
    before = morphs[index - 1]
    return (
        before.tag in ("EC", "ETN")
        and morphs[index].lemma in ("하다", "있다", "없다", "되다", "않다", "못하다", "말다")
        and before.form in ("고", "어야", "아야", "여야", "기로", "지", "게", "도록", "어", "아")
    )


def _modal_support(morphs: tuple[Morph, ...], index: int) -> bool:
    """'하' of '할 수 있다' is the predicate; '있' after 수 is not another one."""
    return index > 0 and morphs[index - 1].form == "수" and morphs[index].lemma in ("있다", "없다")


def _read_predicate(morphs: tuple[Morph, ...], index: int) -> tuple[tuple[str, str, str, bool, bool], int]:
    """Key, tense, modality, negation, finality of the predicate at ``index``; the index after it."""
    key = predicate_key(morphs, index)
    tag = morphs[index].tag
    tense, modality, negated = UNKNOWN, "", False
    position = index + 1
    while position < len(morphs):
        morph = morphs[position]
        nxt = morphs[position + 1] if position + 1 < len(morphs) else None
        if morph.tag == "EP" and morph.form in PAST_FORMS:
            tense = PAST
        elif morph.tag == "EP" and morph.form == "겠":
            modality = modality or INTENTION
        elif (
            morph.tag == "EC"
            and morph.form == "고"
            and nxt is not None
            and nxt.lemma == "있다"
            and nxt.tag in ("VX", "VV", "VA")
        ):
            tense, position = (tense or PROGRESSIVE), position + 1
        elif (
            morph.tag == "EC"
            and morph.form in ("어야", "아야", "여야")
            and nxt is not None
            and nxt.lemma in ("하다", "되다")
        ):
            modality, position = OBLIGATION, position + 1
        elif morph.tag == "EC" and morph.form == "지" and nxt is not None and nxt.lemma in ("않다", "못하다", "말다"):
            negated, position = True, position + 1
        elif (
            morph.tag == "EC"
            and morph.form == "지"
            and nxt is not None
            and nxt.form == "못"
            and position + 2 < len(morphs)
        ):
            negated, position = True, position + 2  # '못했다' read as 못/MAG + 하/XSV
        elif (morph.tag == "EC" and morph.form == "기로") or (
            morph.tag == "ETN" and nxt is not None and nxt.form == "로" and position + 2 < len(morphs)
        ):
            modality = PLAN
            position += 1 if morph.tag == "EC" else 2
        elif morph.tag == "EC" and morph.form in ("고자", "려고", "으려고"):
            modality = modality or INTENTION
            return (key, tense, modality, negated, False), position + 1
        elif morph.tag == "EC" and morph.form in ("어", "아", "여") and nxt is not None and nxt.tag == "VX":
            if nxt.lemma in ("주다", "드리다") and _requested(morphs, position + 2):
                modality = REQUEST
            position += 1
        elif (
            morph.tag == "ETM"
            and nxt is not None
            and nxt.form == "수"
            and position + 2 < len(morphs)
            and morphs[position + 2].lemma in ("있다", "없다")
        ):
            modality, position = POSSIBILITY, position + 2
            negated = negated or morphs[position].lemma == "없다"
        elif morph.tag == "ETM" and morph.form in ("ᆯ", "을") and nxt is not None and nxt.form in PLAN_NOUNS:
            modality, tense, position = PLAN, FUTURE, position + 1
            if position + 1 < len(morphs) and morphs[position + 1].tag == "VCP":
                position += 1
        elif morph.tag == "ETM":
            return (key, tense or _adnominal_tense(morph, tag), modality, negated, False), position + 1
        elif morph.tag == "ETN" and morph.form == "기" and nxt is not None and nxt.lemma in ("바라다",):
            return (key, tense, REQUEST, negated, True), position + 2
        elif morph.tag == "EF":
            if morph.form in REQUEST_ENDINGS:
                modality = REQUEST
            nominal = morph.form in NOMINAL_ENDINGS  # 개조식 '~함', '~음': the tense is not written
            return (key, tense or (UNKNOWN if nominal else PRESENT), modality, negated, True), position + 1
        elif morph.tag == "EC":
            inherits = morph.form in INHERITING_ENDINGS and tag not in ("VA", "XSA")
            return (
                key,
                tense or ("inherit" if inherits else UNKNOWN),
                modality or ("inherit" if inherits else ""),
                negated,
                False,
            ), position + 1
        elif morph.tag in ("VX", "XSV", "XSA", "VCP", "EP") or (
            morph.tag == "VV" and morph.lemma in ("나가다", "가다", "오다")
        ):
            pass
        else:
            break
        position += 1
    return (key, tense, modality, negated, False), position


def _requested(morphs: tuple[Morph, ...], position: int) -> bool:
    window = morphs[position : position + 4]
    return any(m.tag == "EF" and m.form in REQUEST_ENDINGS for m in window) or any(m.lemma == "바라다" for m in window)


def _adnominal_tense(ending: Morph, tag: str) -> str:
    if ending.form in ("ᆯ", "을"):
        return FUTURE
    if ending.form in ("ᆫ", "은") and tag in ("VV", "XSV"):
        return PAST
    return PRESENT


def _inherit(found: list[Predicate]) -> tuple[Predicate, ...]:
    """A '-고'/'-며' clause takes the tense and modality of the next predicate that has its own."""
    out = list(found)
    for position in range(len(out) - 2, -1, -1):
        current = out[position]
        if current.tense != "inherit" and current.modality != "inherit":
            continue
        following = next(
            (p for p in out[position + 1 :] if p.clause and p.tense not in ("inherit", UNKNOWN)), out[position + 1]
        )
        nominal = not out[position + 1].clause and out[position + 1].tense == UNKNOWN  # '누리길': a noun clause
        if current.tense == "inherit" and nominal:
            following = Predicate(following.key, following.start, EMBEDDED, "", False, False, False)
        tense = following.tense if current.tense == "inherit" else current.tense
        inherited = following.modality if _mood_spreads(following.modality) else ""
        modality = inherited if current.modality == "inherit" else current.modality
        tense = "" if tense == "inherit" else tense
        modality = "" if modality == "inherit" else modality
        out[position] = Predicate(
            current.key, current.start, tense, modality, current.negated, False, current.quoted, current.clause
        )
    if out and (out[-1].tense == "inherit" or out[-1].modality == "inherit"):
        last = out[-1]
        out[-1] = Predicate(
            last.key,
            last.start,
            "" if last.tense == "inherit" else last.tense,
            "" if last.modality == "inherit" else last.modality,
            last.negated,
            False,
            last.quoted,
            last.clause,
        )
    return tuple(out)


def _mood_spreads(modality: str) -> bool:
    """A plan spreads over the '-고' clauses before it; possibility, obligation and requests do not."""
    return modality in (PLAN, INTENTION)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[“\"‘'][^”\"’']{2,}[”\"’']", text)]


# -- fragments ------------------------------------------------------------------------------------


def fragment_reason(text: str, morphs: tuple[Morph, ...]) -> str:
    """Why a sentence is not a whole sentence: it opens with a dependent form, or ends on a connective ending."""
    stripped = text.strip()
    if not stripped:
        return ""
    if stripped[0] in ",.;:)]}·~":
        return stripped[:2]
    first_word = stripped.split()[0].rstrip(",")
    if first_word in DEPENDENT_STARTS:
        return first_word
    if morphs and morphs[0].tag in DEPENDENT_START_TAGS:
        return first_word
    return _open_ending(stripped, morphs)


def _open_ending(text: str, morphs: tuple[Morph, ...]) -> str:
    """'…선별한 후,' or '…누비고': the sentence stops where its clause goes on."""
    if text.rstrip().endswith((",", "，", "·")):
        return text.rstrip()[-8:]
    content = [m for m in morphs if m.tag not in ("SF", "SP", "SE", "SS", "SSO", "SSC", "SW", "SO")]
    if not content or text.rstrip()[-1:] in ".!?":
        return ""
    last = content[-1]
    if last.tag == "EC" and last.form in OPEN_ENDINGS:
        return text[-8:]
    return ""
