"""Meaning corruptions (tense, modality, attribution, range, qualifier, comparison, fragment, place) and faithful rephrasings."""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer
from haesol.analyze.meaning import (
    OBLIGATION,
    PAST,
    PLAN,
    POSSIBILITY,
    PROGRESSIVE,
    REQUEST,
    Meaning,
    Predicate,
    meaning_of,
)
from haesol.models import Morph

LOGGER = logging.getLogger(__name__)

ENDINGS: dict[str, list[tuple[str, str]]] = {
    "past": [("었", "EP"), ("다", "EF")],
    "present": [("ᆫ다", "EF")],
    "plan": [("ᆯ", "ETM"), ("계획", "NNG"), ("이", "VCP"), ("다", "EF")],
    "schedule": [("ᆯ", "ETM"), ("예정", "NNG"), ("이", "VCP"), ("다", "EF")],
    "possibility": [("ᆯ", "ETM"), ("수", "NNB"), ("있", "VV"), ("다", "EF")],
    "obligation": [("어야", "EC"), ("하", "VV"), ("ᆫ다", "EF")],
}
VENUES = (
    "세종컨벤션센터",
    "대전컨벤션센터",
    "창원실내체육관",
    "한울아트홀",
    "부산시청",
    "삼학도공원",
    "제주국제공항",
    "김대중컨벤션센터",
    "강원 춘천시",
    "전남 순천시",
    "충북 제천시",
    "경북 안동시",
)
QUALIFIER_DROPS = (
    (re.compile(r"(?<![가-힣])약 (?=\d)"), ""),
    (re.compile(r"(?<![가-힣])최대 (?=\d)"), ""),
    (re.compile(r"(?<![가-힣])최소 (?=\d)"), ""),
    (re.compile(r"(?<=\d[가-힣%]) ?이상(?=[을를이가은는의에으로 ])"), ""),
    (re.compile(r"(?<=[가-힣%]) 이하(?=[로의 ])"), ""),
    (re.compile(r"(?<=[가-힣%]) 미만(?=[의 ])"), ""),
    (re.compile(r"(?<=\d)여(?= ?[대명곳개])"), ""),
    (re.compile(r"(?<=\d[가-힣%]) ?(?:가량|안팎|정도)"), ""),
    (re.compile(r"(?<![가-힣])일부(?:는)? "), ""),
    (re.compile(r"\S+(?:을|를) 제외한 "), ""),
)
QUOTATIVE_RE = re.compile(
    r"(?P<end>다|이라|라)고 (?:(?:\d{1,2}일 )?)(?P<verb>보도|주장|지적|비판|우려|말|제기)(?:했|하였)다\.$"
)


@dataclass(frozen=True, slots=True)
class Variant:
    """One rewritten sentence and what the rule did (label 'faithful' or a meaning type)."""

    text: str
    label: str
    rule: str


Rule = Callable[[str, tuple[Morph, ...], Meaning, random.Random], list[Variant]]


class Rewriter:
    """Re-ends a sentence's main predicate with Kiwi (so that the conjugation is right)."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer

    def reend(self, text: str, morphs: tuple[Morph, ...], main: Predicate, ending: str) -> str:
        """The sentence with its main predicate re-ended ('추진했다' → '추진할 계획이다')."""
        stem = next((i for i, m in enumerate(morphs) if m.start == main.start), None)
        if stem is None:
            return ""
        word_start = text.rfind(" ", 0, morphs[stem].start) + 1
        head = [m for m in morphs[: stem + 1] if m.start >= word_start]
        if morphs[stem].tag in ("XSV", "XSA") and stem > 0 and morphs[stem - 1].start < word_start:
            return ""
        tail = ENDINGS[ending] if morphs[stem].tag not in ("VA", "XSA") or ending != "present" else [("다", "EF")]
        word = self.analyzer.join([(m.form, m.tag) for m in head] + tail)
        return text[:word_start] + word + "."

    def corruptions(self, text: str, morphs: tuple[Morph, ...], meaning: Meaning, rng: random.Random) -> list[Variant]:
        """Every meaning corruption the sentence admits."""
        out: list[Variant] = []
        out.extend(self._tense_and_modality(text, morphs, meaning))
        for rule in (
            attribution_dropped,
            range_collapsed,
            qualifier_dropped,
            comparison_changed,
            fragments,
            place_moved,
        ):
            out.extend(rule(text, morphs, meaning, rng))
        return [v for v in out if v.text and v.text != text]

    def faithful(self, text: str, morphs: tuple[Morph, ...], meaning: Meaning, rng: random.Random) -> list[Variant]:
        """Rephrasings that keep the meaning: endings, connectives, word order, voice, range and qualifier wording."""
        out: list[Variant] = []
        main = meaning.main
        if main is not None and not main.quoted and text.endswith("다."):
            if main.modality == PLAN and "계획이다" in text[-8:]:
                out.append(Variant(text[: text.rfind("계획이다")] + "예정이다.", "faithful", "ending_plan"))
            if (
                main.modality == ""
                and main.tense != PAST
                and main.tense != PROGRESSIVE
                and "ᆫ다" in [m.form for m in morphs[-3:]]
            ):
                out.append(Variant(self.reend(text, morphs, main, "schedule"), "faithful", "ending_schedule"))
        out.extend(rephrasings(text, rng))
        return [v for v in out if v.text and v.text != text]

    def _tense_and_modality(self, text: str, morphs: tuple[Morph, ...], meaning: Meaning) -> list[Variant]:
        main = meaning.main
        if main is None or main.quoted or not main.final or not text.endswith("다.") or meaning.attribution is not None:
            return []
        if _quote_at_end(text):
            return []
        plans: list[tuple[str, str]] = []
        if main.tense == PAST:
            plans = [("present", "tense"), ("plan", "tense")]
        elif main.tense == PROGRESSIVE:
            plans = [("past", "tense"), ("schedule", "modality")]
        elif main.modality in (POSSIBILITY, OBLIGATION, REQUEST):
            plans = [("present", "modality"), ("past", "tense")]
        elif main.modality == PLAN:
            plans = [("past", "tense"), ("possibility", "modality")]
        elif main.tense:
            plans = [("past", "tense"), ("possibility", "modality"), ("obligation", "modality")]
        return [
            Variant(
                self.reend(text, morphs, main, ending), label, f"{label}:{main.tense or '-'}{main.modality}->{ending}"
            )
            for ending, label in plans
        ]


def _quote_at_end(text: str) -> bool:
    return bool(re.search(r"[”\"’']\s*(?:라고|고|며|라며)?\s*\S*\.$", text))


def attribution_dropped(text: str, morphs: tuple[Morph, ...], meaning: Meaning, rng: random.Random) -> list[Variant]:
    """'한빛일보는 …다고 보도했다' → '…다.' (and variants): a third party's claim stated as fact."""
    frame = meaning.attribution
    match = QUOTATIVE_RE.search(text)
    if frame is None or not frame.third_party or match is None:
        return []
    body = text[: match.start("end")] + match.group("end")
    topic = re.match(r"^(?:(?:또|또한|한편|다만) )?\S+(?:은|는|이|가|도) ", body)
    clause = body[topic.end() :] if topic else body
    clause = re.sub(r"^(?:\d{1,2}월 \d{1,2}일 자 기사에서|같은 기사에서|지난 \d{1,2}월) ", "", clause)
    if len(clause) < 8:
        return []
    stated = clause.rstrip("이라").rstrip() + ("다." if not clause.endswith("다") else ".")
    return [
        Variant(stated, "attribution", "attribution:frame_dropped"),
        Variant("또한 " + stated, "attribution", "attribution:frame_dropped_connective"),
        Variant(body + ".", "attribution", "attribution:verb_dropped"),
        Variant("실제로 " + stated, "attribution", "attribution:asserted"),
        Variant(f"정부는 {clause}고 밝혔다.", "attribution", "attribution:given_to_government"),
    ]


def range_collapsed(text: str, morphs: tuple[Morph, ...], meaning: Meaning, rng: random.Random) -> list[Variant]:
    """'2~3시간' → '3시간' or '2시간'; '(~’29년)' → '(2029년)'."""
    out = []
    for span in meaning.ranges:
        position = text.find(span.text)
        if position < 0:
            continue
        unit = span.unit
        if span.lo:
            low = re.sub(r"^[’'‘]", "", span.text.split("~")[0].split("∼")[0]).strip()
            low = low if not low[-1:].isdigit() else low + unit
            high = span.text[len(span.text.split("~")[0].split("∼")[0]) + 1 :].strip()
            out.append(Variant(text[:position] + low + text[position + len(span.text) :], "range", "range:low_only"))
            out.append(Variant(text[:position] + high + text[position + len(span.text) :], "range", "range:high_only"))
            out.append(
                Variant(text[:position] + "최대 " + high + text[position + len(span.text) :], "range", "range:max_only")
            )
        else:
            out.append(
                Variant(
                    text[:position] + f"{span.hi}{unit}" + text[position + len(span.text) :],
                    "range",
                    "range:open_closed",
                )
            )
    return out


def qualifier_dropped(text: str, morphs: tuple[Morph, ...], meaning: Meaning, rng: random.Random) -> list[Variant]:
    """'약 400명' → '400명', '100명 이하로' → '100명으로', '유럽을 제외한 모든 지역' → '모든 지역'."""
    out = []
    for pattern, replacement in QUALIFIER_DROPS:
        for match in pattern.finditer(text):
            changed = text[: match.start()] + replacement + text[match.end() :]
            if _still_qualified(changed, match.start()):
                continue
            changed = re.sub(r"(\d[가-힣%]*)(로|으로)", r"\1\2", changed)
            out.append(Variant(changed, "qualifier", f"qualifier:{match.group(0).strip()}"))
    return out


def _still_qualified(text: str, position: int) -> bool:
    """'약 6,300여명' without '약' is still approximate: not a lost qualifier."""
    window = text[max(0, position - 10) : position + 14]
    return bool(re.search(r"\d여|약 \d|가량|정도|안팎|내외|이상|이하|미만|초과", window))


def comparison_changed(text: str, morphs: tuple[Morph, ...], meaning: Meaning, rng: random.Random) -> list[Variant]:
    """'올해 …는 지난해보다 …' → '지난해 …는 올해보다 …'; 'X와 유사한 방식' → 'X 방식'."""
    out = []
    like = re.search(r"(\S+)(와|과) (?:유사한|비슷한|같은) ", text)
    if like:
        out.append(
            Variant(
                text[: like.start()] + like.group(1) + " " + text[like.end() :], "comparison", "comparison:like_dropped"
            )
        )
        out.append(
            Variant(
                text[: like.start()] + like.group(1) + "보다 앞선 " + text[like.end() :],
                "comparison",
                "comparison:like_to_than",
            )
        )
    than = re.search(r"(?<![가-힣])([가-힣]{2,})(?:\([^()]*\))?\s?(보다|대비|에 비해) ", text)
    topic = re.search(r"(?<![가-힣])([가-힣]{2,})(은|는) ", text)
    inside_quote = than is not None and text[: than.start()].count("“") > text[: than.start()].count("”")
    after_digit = than is not None and text[max(0, than.start() - 1) : than.start()].isdigit()
    if (
        than
        and topic
        and not inside_quote
        and not after_digit
        and than.start() > topic.end()
        and than.group(1) != topic.group(1)
        and topic.group(1) not in ("이는", "이번")
    ):
        standard, subject = than.group(1), topic.group(1)
        particle = (
            ("은" if _final(standard) else "는")
            if topic.group(2) in ("은", "는")
            else ("이" if _final(standard) else "가")
        )
        than_word = than.group(2) if than.group(2) != "대비" else " 대비"
        swapped = (
            text[: topic.start()]
            + f"{standard}{particle} "
            + text[topic.end() : than.start()]
            + f"{subject}{than_word} "
            + text[than.end() :]
        )
        out.append(Variant(swapped, "comparison", "comparison:swapped"))
    year = re.search(r"(올해|지난해|작년|전년|개보수 전)(.*?)(지난해|올해|전년|2019년|작년)(보다|대비)", text)
    if year and year.group(1) != year.group(3):
        first, second = year.group(1), year.group(3)
        swapped = text[: year.start()] + second + year.group(2) + first + year.group(4) + text[year.end() :]
        out.append(Variant(swapped, "comparison", "comparison:periods_swapped"))
    return out


def fragments(text: str, morphs: tuple[Morph, ...], meaning: Meaning, rng: random.Random) -> list[Variant]:
    """The half sentences a bad cut leaves: '있는 상황에서 …', '및 …', ', …', '…착공하고,'."""
    out = []
    for match in re.finditer(r"\S+(고|며|면서) (있는|있다|하는|및) ", text):
        out.append(
            Variant(text[match.end() - len(match.group(2)) - 1 :].lstrip(), "fragment", "fragment:dependent_start")
        )
    for match in re.finditer(r" 및 ", text):
        if match.start() > 8:
            out.append(Variant(text[match.start() + 1 :], "fragment", "fragment:and_start"))
            break
    for match in re.finditer(r"(\S+(?:고|며|으며|면서|했으며|하며)), ", text):
        if match.end() > 12 and len(text) - match.end() > 8:
            out.append(Variant(text[: match.end() - 1].rstrip(",") + ",", "fragment", "fragment:open_end"))
            out.append(Variant(", " + text[match.end() :], "fragment", "fragment:comma_start"))
            break
    return out


def place_moved(text: str, morphs: tuple[Morph, ...], meaning: Meaning, rng: random.Random) -> list[Variant]:
    """An event put at a venue the release never names ('…는 세종컨벤션센터에서 …')."""
    topic = re.match(r"^(\S+(?:은|는)) ", text)
    if not topic or meaning.attribution is not None:
        return []
    venue = rng.choice(VENUES)
    existing = re.search(r"(\S+(?:센터|체육관|홀|시청|공원|누리집))에서 ", text)
    if existing:
        return [
            Variant(
                text[: existing.start()] + venue + "에서 " + text[existing.end() :], "place", "place:venue_replaced"
            )
        ]
    return [Variant(f"{topic.group(0)}{venue}에서 {text[topic.end() :]}", "place", "place:venue_added")]


RANGE_WORDS = re.compile(r"(?<![\d.’'])(\d+)~(\d+)(월|년|시간|개월|%|분|일)")


def rephrasings(text: str, rng: random.Random) -> list[Variant]:
    """Faithful rewordings: connectives, endings, ranges spelt out, qualifiers moved, word order, voice."""
    out = []
    for old, new in (
        ("했으며, ", "했고, "),
        ("하며, ", "하고, "),
        ("되며, ", "되고, "),
        ("하고, ", "하며, "),
        ("했다.", "하였다."),
        ("됐다.", "되었다."),
    ):
        if old in text:
            out.append(Variant(text.replace(old, new, 1), "faithful", f"connective:{old.strip()}"))
            break
    match = RANGE_WORDS.search(text)
    if match:
        lo, hi, unit = match.groups()
        spelt = f"{lo}{unit}부터 {hi}{unit}까지" if unit in ("월", "년") else f"{lo}{unit}에서 {hi}{unit}"
        out.append(Variant(text[: match.start()] + spelt + text[match.end() :], "faithful", "range:spelt_out"))
        out.append(
            Variant(
                text[: match.start()] + f"{lo}{unit}~{hi}{unit}" + text[match.end() :], "faithful", "range:both_units"
            )
        )
    approx = re.search(r"(?<![가-힣])약 (\d[\d,.]*)(억 원|명|곳|대|%|개)", text)
    if approx:
        out.append(
            Variant(
                text[: approx.start()] + f"{approx.group(1)}{approx.group(2)}가량" + text[approx.end() :],
                "faithful",
                "qualifier:moved",
            )
        )
    front = re.match(r"^(\S+(?:은|는)) ((?:올해|지난해|현재|\d{4}년|\d{1,2}월 \d{1,2}일부터|\d{1,2}월 중)[^ ]*) ", text)
    if front:
        out.append(
            Variant(f"{front.group(2)} {front.group(1)} {text[front.end() :]}", "faithful", "order:time_fronted")
        )
    voice = re.search(r"(?<= )(\S+?)(을|를) (\S+?)했다\.$", text)
    if voice and len(voice.group(1)) >= 2:
        noun = voice.group(1)
        particle = "이" if _final(noun) else "가"
        out.append(
            Variant(text[: voice.start()] + f"{noun}{particle} {voice.group(3)}됐다.", "faithful", "voice:passive")
        )
    polite = re.search(r"(했|됐|였)다\.$", text)
    if polite:
        out.append(Variant(text[: polite.start()] + polite.group(1) + "습니다.", "faithful", "ending:polite"))
    return out


def _final(word: str) -> bool:
    last = word[-1]
    return "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 != 0


def meaning_and_morphs(analyzer: Analyzer, text: str) -> tuple[tuple[Morph, ...], Meaning]:
    """Morphemes and meaning of a base sentence (Kiwi analyses it once)."""
    morphs = analyzer.morphs(text)
    return morphs, meaning_of(text, morphs)
