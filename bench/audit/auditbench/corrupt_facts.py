"""Corruptions of hard facts: a changed number, a changed date, a swapped name or title, an invented place."""

from __future__ import annotations

import datetime as dt
import logging
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from auditbench.hangul import FINAL_RIEUL, final_of, has_final
from auditbench.paraphrase import mask_quotes, unmask_quotes

LOGGER = logging.getLogger(__name__)

BIG = {
    "조": Decimal(10) ** 12,
    "억": Decimal(10) ** 8,
    "천만": Decimal(10) ** 7,
    "만": Decimal(10) ** 4,
    "천": Decimal(1000),
}
UNITS = (
    "원|달러|명분|명|곳|개국|개월|개|건|회|대|톤|kg|㎞|km|mL|ha|%포인트|%p|%|퍼센트|배|주|분|시간|세|실|포기|노선|척"
)
TOKEN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MENTION_RE = re.compile(
    rf"(?<![\d.,])(?<!\d시 )(?<!\d시)(?P<amount>(?:(?:{TOKEN})\s*(?:조|억|천만|만|천)\s*)*(?:{TOKEN})(?:\s*(?:조|억|천만|만|천))?)"
    rf"(?!\s*(?:년|월|일|시(?!간)|학년|분기|단계|순위|:|\.\s*\d))\s*(?P<unit>{UNITS})?"
)
TOKEN_RE = re.compile(TOKEN)
DATE_RE = re.compile(
    r"(?P<full>(?P<y1>20\d{2})년 (?P<m1>\d{1,2})월 (?P<d1>\d{1,2})일)"
    r"|(?P<dotted>(?P<y2>20\d{2})\. ?(?P<m2>\d{1,2})\. ?(?P<d2>\d{1,2})\.)"
    r"|(?P<ym>(?P<y3>20\d{2})년 (?P<m3>\d{1,2})월)"
    r"|(?P<md>(?<!\d)(?P<m4>\d{1,2})월 (?P<d4>\d{1,2})일)"
    r"|(?P<day>(?<![\d.,~월])(?<!월 )(?P<d5>\d{1,2})일(?!간|째|자|차|로|\s*(?:동안|늘|줄|이상|이내|만에)))"
    r"|(?P<month>(?<![\d.])(?P<m6>\d{1,2})월(?! \d{1,2}일))"
    r"|(?P<year>(?P<y7>20\d{2})년(?!도? \d{1,2}월))"
)
SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길위표명기반왕금옥육인맹제모탁국어은편용예봉경"
INVENTED_NAMES = (
    "김태오",
    "이수민",
    "박정호",
    "최유진",
    "강민석",
    "조아라",
    "신동혁",
    "권나래",
    "황보람",
    "안재성",
    "송지우",
    "류현아",
)
TITLE_SWAPS = (
    (" 직무대행", ""),
    ("장관", "차관"),
    ("차관", "장관"),
    ("청장", "차장"),
    ("본부장", "차장"),
    ("위원장", "부위원장"),
    ("정책실장", "정책국장"),
    ("실장", "국장"),
    ("정책관", "국장"),
)
TITLE_RE = re.compile(
    r"(?:[가-힣]*(?:장관|차관|청장|실장|본부장|위원장|정책관|국장))(?: 직무대행)?(?=[은는이가을를의과와께에도,.\s”\"’)]|$)|직무대행"
)
NAME_RE = re.compile(
    r"(?<![가-힣])(?P<name>[가-힣]{3})(?= (?:[가-힣]+ )?[가-힣]*(?:장관|차관|청장|실장|본부장|위원장|정책관)(?:[은는이가을를의과와께에도,\s”\"’)]|$))"
    r"|(?<=(?:장관|차관|청장|실장|대행) )(?P<after>[가-힣]{3})(?=[)은는이가])"
)
PLACE_POOL = (
    ("충남", "아산시"),
    ("경기", "파주시"),
    ("전남", "순천시"),
    ("경북", "구미시"),
    ("충북", "제천시"),
    ("강원", "속초시"),
    ("경남", "통영시"),
    ("전북", "군산시"),
    ("경기", "이천시"),
    ("전남", "목포시"),
    ("경북", "영주시"),
    ("충남", "당진시"),
    ("강원", "삼척시"),
    ("경남", "거제시"),
    ("충북", "음성군"),
    ("전북", "고창군"),
    ("부산", "해운대구"),
    ("인천", "연수구"),
    ("대전", "유성구"),
    ("울산", "울주군"),
    ("경남", "진해시"),
    ("경남", "마산시"),
    ("제주", "서귀포시"),
    ("경기", "양평군"),
)
LOCAL_NOUNS = ("지역", "부대", "학교", "센터", "시장", "대피소", "취수장", "정류장", "마을", "축제", "매장", "산지")


@dataclass(frozen=True, slots=True)
class Corruption:
    """A corrupted sentence and what was changed."""

    text: str
    detail: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SourceFacts:
    """What a corruption must avoid: values, days, months, years and words the source already has."""

    text: str
    compact: str
    anchor: dt.date
    numbers: frozenset[tuple[Decimal, str]]
    amounts: tuple[tuple[str, Decimal, str], ...] = ()

    @classmethod
    def of(cls, text: str, anchor: dt.date) -> SourceFacts:
        """Collect the source's number mentions (written amount, value, unit) once."""
        amounts = []
        for match in MENTION_RE.finditer(text):
            value = amount_value(match.group("amount"))
            if value is not None:
                amounts.append((match.group("amount").strip(), value, normalize_unit(match.group("unit") or "")))
        numbers = frozenset((value, unit) for _, value, unit in amounts)
        return cls(text, re.sub(r"\s+", "", text), anchor, numbers, tuple(dict.fromkeys(amounts)))

    def has_number(self, value: Decimal, unit: str) -> bool:
        """Whether the source mentions this amount with this unit (or with no unit)."""
        return (
            (value, unit) in self.numbers
            or (value, "") in self.numbers
            or (not unit and any(v == value for v, _ in self.numbers))
        )

    def has_day(self, day: int) -> bool:
        """Whether any date of the source falls on this day of a month."""
        return bool(re.search(rf"(?<![\d.,]){day}\s*일|\.\s*{day}\.(?!\d)", self.text))

    def has_month(self, month: int) -> bool:
        """Whether any date of the source is in this month (also as 지난달, 이달 or 다음 달)."""
        near = {(self.anchor.month + delta - 1) % 12 + 1 for delta in (-1, 0, 1)}
        if month in near and re.search(r"지난달|이달|이번 ?달|다음 ?달|내달|전월|익월", self.text):
            return True
        return bool(
            re.search(rf"(?<![\d.,]){month}\s*월|(?:20\d\d|^|\s)\.?\s*{month}\s*\.\s*\d|(?<=~){month}\.", self.text)
        )

    def has_year(self, year: int) -> bool:
        """Whether the source names this year, directly or as 지난해/올해/내년."""
        return str(year) in self.text or abs(year - self.anchor.year) <= 1


def normalize_unit(unit: str) -> str:
    """One spelling per unit ('퍼센트' → '%', '㎞' → 'km')."""
    return {"퍼센트": "%", "㎞": "km", "%포인트": "%p"}.get(unit, unit)


def amount_value(amount: str) -> Decimal | None:
    """The value of '8억 2천만', '1,240' or '71.3'."""
    total, pending = Decimal(0), Decimal(0)
    for match in re.finditer(rf"(?P<n>{TOKEN})\s*(?P<big>조|억|천만|만|천)?", amount):
        try:
            number = Decimal(match.group("n").replace(",", ""))
        except InvalidOperation:
            return None
        big = match.group("big")
        if big in ("천",):
            pending += number * BIG["천"]
        elif big:
            total += (pending + number) * BIG[big]
            pending = Decimal(0)
        else:
            pending += number
    return total + pending


def change_token(token: str, rng: random.Random) -> list[str]:
    """Plausible wrong versions of a written number, most plausible first ('1,240' → '1,340', '1,250' …)."""
    digits = token.replace(",", "")
    out = []
    for position in range(len(digits)):
        if not digits[position].isdigit() or (position == 0 and len(digits.split(".")[0]) > 1 and rng.random() < 0.5):
            continue
        for delta in rng.sample([1, 2, 3, -1, -2], 5):
            new_digit = (int(digits[position]) + delta) % 10
            if position == 0 and new_digit == 0:
                continue
            changed = digits[:position] + str(new_digit) + digits[position + 1 :]
            out.append(_with_commas(changed) if "," in token else changed)
    rng.shuffle(out)
    return out


def _with_commas(digits: str) -> str:
    whole, _, fraction = digits.partition(".")
    grouped = f"{int(whole):,}"
    return grouped + (f".{fraction}" if fraction else "")


def corrupt_number(text: str, facts: SourceFacts, rng: random.Random) -> Corruption | None:
    """Change one written amount to a value the source does not have."""
    masked, quotes = mask_quotes(text)
    mentions = [m for m in MENTION_RE.finditer(masked) if _is_amount(masked, m)]
    rng.shuffle(mentions)
    for mention in mentions:
        tokens = list(TOKEN_RE.finditer(mention.group("amount")))
        token = rng.choice(tokens)
        for new in change_token(token.group(0), rng):
            amount = mention.group("amount")
            changed_amount = amount[: token.start()] + new + amount[token.end() :]
            value = amount_value(changed_amount)
            unit = normalize_unit(mention.group("unit") or "")
            if value is None or facts.has_number(value, unit):
                continue
            start = mention.start("amount")
            result = masked[:start] + changed_amount + masked[mention.end("amount") :]
            return Corruption(
                unmask_quotes(result, quotes),
                {"from": mention.group(0).strip(), "to": (changed_amount + " " + unit).strip()},
            )
    return None


def swap_number(text: str, facts: SourceFacts, rng: random.Random) -> Corruption | None:
    """Replace one amount with another amount of the same unit that the source gives elsewhere."""
    masked, quotes = mask_quotes(text)
    mentions = [m for m in MENTION_RE.finditer(masked) if m.group("unit") and _is_amount(masked, m)]
    rng.shuffle(mentions)
    in_sentence = {amount_value(m.group("amount")) for m in MENTION_RE.finditer(masked)}
    for mention in mentions:
        unit = normalize_unit(mention.group("unit"))
        others = [a for a, value, u in facts.amounts if u == unit and value not in in_sentence]
        if others:
            new = rng.choice(others)
            result = masked[: mention.start("amount")] + new + masked[mention.end("amount") :]
            return Corruption(unmask_quotes(result, quotes), {"from": mention.group(0).strip(), "to": f"{new} {unit}"})
    return None


def _is_amount(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 1) : match.start()]
    if before in ("-", "(") and re.match(r"\d{3,4}-\d{4}", text[match.start() :]):
        return False
    return bool(match.group("unit")) or any(b in match.group("amount") for b in BIG)


def corrupt_date(text: str, facts: SourceFacts, rng: random.Random) -> Corruption | None:
    """Move one date (day, month or year) to a value the source never mentions."""
    masked, quotes = mask_quotes(text)
    matches = list(DATE_RE.finditer(masked))
    rng.shuffle(matches)
    for match in matches:
        replaced = _shift_date(match, facts, rng)
        if replaced:
            result = masked[: match.start()] + replaced + masked[match.end() :]
            return Corruption(unmask_quotes(result, quotes), {"from": match.group(0), "to": replaced})
    return None


def _shift_date(match: re.Match[str], facts: SourceFacts, rng: random.Random) -> str:
    written = match.group(0)
    groups = {k: v for k, v in match.groupdict().items() if v is not None and k[0] in "ymd" and k[1:].isdigit()}
    parts = sorted(groups, key=lambda k: "dmy".index(k[0]))
    if len(parts) > 1 and rng.random() < 0.3:
        parts = parts[1:]
    key = parts[0]
    old = int(groups[key])
    for delta in rng.sample([1, 2, 3, 4, 5, -1, -2, -3], 8):
        new = _valid(key[0], old + delta, facts)
        if new:
            start = match.start(key) - match.start()
            return written[:start] + str(new) + written[start + len(groups[key]) :]
    return ""


def _valid(kind: str, value: int, facts: SourceFacts) -> int:
    if kind == "d":
        return value if 1 <= value <= 28 and not facts.has_day(value) else 0
    if kind == "m":
        return value if 1 <= value <= 12 and not facts.has_month(value) else 0
    return value if 2000 < value < 2100 and not facts.has_year(value) else 0


def corrupt_name(text: str, facts: SourceFacts, rng: random.Random) -> Corruption | None:
    """Give a person another name, or change a title ('장관 직무대행' → '장관', '실장' → '국장')."""
    masked, quotes = mask_quotes(text)
    options = []
    for match in NAME_RE.finditer(masked):
        name = match.group("name") or match.group("after")
        if name[0] in SURNAMES and name in facts.compact:
            options.append(("name", match.start("name" if match.group("name") else "after"), name))
    for match in TITLE_RE.finditer(masked):
        options.append(("title", match.start(), match.group(0)))
    rng.shuffle(options)
    for kind, start, old in options:
        new = _new_name(old, facts, rng) if kind == "name" else _new_title(old, facts, rng)
        if new:
            result = masked[:start] + new + masked[start + len(old) :]
            return Corruption(unmask_quotes(result, quotes), {"from": old, "to": new, "kind": kind})
    return None


def _new_name(old: str, facts: SourceFacts, rng: random.Random) -> str:
    pool = [n for n in INVENTED_NAMES if n not in facts.compact and n != old]
    same_surname = [old[0] + n[1:] for n in pool if old[0] + n[1:] not in facts.compact]
    choices = same_surname + pool
    return rng.choice(choices) if choices else ""


def _new_title(old: str, facts: SourceFacts, rng: random.Random) -> str:
    swaps = [(a, b) for a, b in TITLE_SWAPS if a in old]
    rng.shuffle(swaps)
    for a, b in swaps:
        new = old.replace(a, b, 1)
        if new and re.sub(r"\s+", "", new) not in facts.compact:
            return new
        if a == " 직무대행":
            return new
    return ""


def corrupt_place(text: str, facts: SourceFacts, rng: random.Random, known_places: dict[str, str]) -> Corruption | None:
    """Replace a place with one the source never names, or put an invented place before a local noun."""
    masked, quotes = mask_quotes(text)
    pool = [
        p
        for p in PLACE_POOL
        if p[0] not in facts.compact and p[1] not in facts.compact and p[1][:-1] not in facts.compact
    ]
    if not pool:
        return None
    province, city = rng.choice(pool)
    for match in re.finditer(r"[가-힣]{2,6}", masked):
        word = _strip_particle(match.group(0))
        if len(word) >= 2 and word in known_places and word in facts.compact:
            new = city if word.endswith(("시", "군", "구")) else province
            if new == word:
                continue
            rest = fix_particle(new, masked[match.start() + len(word) :])
            result = masked[: match.start()] + new + rest
            return Corruption(unmask_quotes(result, quotes), {"from": word, "to": new, "kind": "replaced"})
    for match in re.finditer(r"(?<![가-힣])(" + "|".join(LOCAL_NOUNS) + r")", masked):
        result = masked[: match.start()] + f"{province} {city}의 " + masked[match.start() :]
        return Corruption(unmask_quotes(result, quotes), {"to": f"{province} {city}", "kind": "inserted"})
    return None


PARTICLE_PAIRS = (("으로", "로"), ("과", "와"), ("이", "가"), ("은", "는"), ("을", "를"))


def fix_particle(word: str, rest: str) -> str:
    """The text after a replaced word, with its particle agreeing with the new word ('속초시' + '과' → '와')."""
    for closed_form, open_form in PARTICLE_PAIRS:
        for particle in (closed_form, open_form):
            following = rest[len(particle) : len(particle) + 1]
            if rest.startswith(particle) and not ("가" <= following <= "힣"):
                rieul = particle in ("으로", "로") and final_of(word[-1]) == FINAL_RIEUL
                closed = has_final(word) and not rieul
                return (closed_form if closed else open_form) + rest[len(particle) :]
    return rest


def _strip_particle(word: str) -> str:
    return re.sub(r"(에서|으로|까지|부터|의|와|과|에|은|는|이|가|을|를|로|도)$", "", word)
