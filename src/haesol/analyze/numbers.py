"""Numbers with Korean big units and counters ('320억 원', '1,240곳', '71.3%'), normalised for comparison."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

LOGGER = logging.getLogger(__name__)

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
BIG_UNITS = {"조": Decimal(10) ** 12, "억": Decimal(10) ** 8, "만": Decimal(10) ** 4, "천": Decimal(1000)}
UNITS = (
    "%p",
    "％p",
    "%포인트",
    "퍼센트포인트",
    "%",
    "％",
    "퍼센트",
    "배",
    "원",
    "달러",
    "불",
    "유로",
    "엔",
    "위안",
    "파운드",
    "명",
    "개국",
    "개사",
    "개교",
    "개소",
    "개월",
    "개",
    "곳",
    "건",
    "회",
    "차례",
    "번째",
    "번",
    "가구",
    "세대",
    "호",
    "톤",
    "t",
    "kg",
    "㎏",
    "g",
    "km",
    "㎞",
    "m",
    "㎡",
    "㎢",
    "㎥",
    "ha",
    "평",
    "리터",
    "L",
    "MW",
    "GW",
    "kW",
    "kWh",
    "MWh",
    "대",
    "척",
    "기",
    "편",
    "권",
    "종",
    "과목",
    "시간",
    "주",
    "년간",
    "세",
    "살",
    "위",
    "등",
    "순위",
    "단계",
    "차",
    "학급",
    "병상",
    "마리",
    "그루",
    "필지",
    "동",
    "채",
    "쌍",
    "점",
    "팀",
    "단체",
    "기관",
    "부대",
    "센터",
    "포인트",
    "bp",
)
UNIT_ALIASES = {
    "％": "%",
    "퍼센트": "%",
    "％p": "%p",
    "%포인트": "%p",
    "퍼센트포인트": "%p",
    "㎏": "kg",
    "㎞": "km",
    "불": "달러",
}
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_BIG_GROUP = rf"{NUM}\s*(?:천\s*[억만]?|[조억만])"
NUMBER_RE = re.compile(
    rf"(?<![\d.,])(?P<amount>(?:{_BIG_GROUP}\s*)+(?:{NUM}(?!\s*[조억만천]))?|{NUM})"
    rf"(?:\s*(?P<unit>{_UNIT_RE}))?(?![\d])"
)
RANGE_JOIN_RE = re.compile(r"\s*[~∼]\s*")
_GROUP_RE = re.compile(rf"(?P<n>{NUM})\s*(?P<big>천(?:\s*[억만])?|[조억만])?")


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number in a text with its unit and its exact value."""

    start: int
    end: int
    text: str
    amount: Decimal
    unit: str

    @property
    def value(self) -> str:
        """Normalised value such as '32000000000원' or '71.3%'."""
        amount = self.amount.normalize()
        text = f"{amount:f}"
        return f"{text}{self.unit}"


def parse_amount(text: str) -> Decimal | None:
    """The value of a Korean amount such as '98억 7654만 3150' or '8억 2천만', or None."""
    total = Decimal(0)
    pending = Decimal(0)
    matched = False
    for group in _GROUP_RE.finditer(text):
        matched = True
        try:
            number = Decimal(group.group("n").replace(",", ""))
        except InvalidOperation:
            return None
        big = (group.group("big") or "").replace(" ", "")
        if big.startswith("천") and len(big) == 2:
            total += (pending + number * 1000) * BIG_UNITS[big[1]]
            pending = Decimal(0)
        elif big == "천":
            pending += number * 1000
        elif big:
            total += (pending + number) * BIG_UNITS[big]
            pending = Decimal(0)
        else:
            pending += number
    return total + pending if matched else None


def find_numbers(text: str, skip: list[tuple[int, int]] | None = None) -> list[NumberMention]:
    """Find numbers with their units in ``text``, ignoring the spans in ``skip`` (dates, phones)."""
    skip = skip or []
    found: list[NumberMention] = []
    for match in NUMBER_RE.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in skip):
            continue
        amount = parse_amount(match.group("amount"))
        if amount is None:
            continue
        unit = match.group("unit") or ""
        unit = UNIT_ALIASES.get(unit, unit)
        found.append(NumberMention(match.start(), match.end(), match.group(0), amount, unit))
    return _ranges(text, found)


def _ranges(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """'300~400만원': the lower end takes the upper end's big unit and unit (300 → 3000000원)."""
    out = []
    for mention, following in zip(found, [*found[1:], None], strict=False):
        if following is not None and not mention.unit and RANGE_JOIN_RE.fullmatch(text[mention.end : following.start]):
            amount = mention.amount
            big = re.match(rf"{NUM}\s*(천만|천억|조|억|만|천)", following.text)
            if big and not re.search(r"[조억만천]", mention.text):
                amount *= BIG_UNITS.get(big.group(1)) or (BIG_UNITS["천"] * BIG_UNITS[big.group(1)[1]])
            mention = NumberMention(mention.start, mention.end, mention.text, amount, following.unit)
        out.append(mention)
    return out
