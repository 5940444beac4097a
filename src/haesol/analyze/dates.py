"""Dates as releases write them ('2026. 10. 8.(목)', '’24년', '31일', '오늘(1월 23일)'), resolved to values."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from haesol.parse.structure.header import WEEKDAYS, pin_year

LOGGER = logging.getLogger(__name__)

WEEKDAY = r"(?:\s*\(\s*[월화수목금토일]\s*\))?"
_DATE_PATTERNS = (
    (
        "full",
        rf"(?P<y>(?:19|20)\d{{2}})\s*(?:\.\s*(?P<m>\d{{1,2}})\s*\.\s*(?P<d>\d{{1,2}})\s*\.?(?!\d)|년\s*(?P<m_k>\d{{1,2}})\s*월\s*(?P<d_k>\d{{1,2}})\s*일){WEEKDAY}",
    ),
    ("short_full", rf"[’‘'′](?P<y>\d{{2}})\s*\.\s*(?P<m>\d{{1,2}})\s*\.\s*(?P<d>\d{{1,2}})\s*\.?{WEEKDAY}"),
    (
        "year_month",
        r"(?P<y>(?:19|20)\d{2})\s*(?:\.\s*(?P<m>\d{1,2})\s*\.?(?![\s\d]*[\d만천억%])|년\s*(?P<m2>\d{1,2})\s*월)",
    ),
    ("short_year_month", r"[’‘'′](?P<y>\d{2})\s*(?:\.|년)\s*(?P<m>\d{1,2})\s*(?:월|\.)(?!\s*\d)"),
    ("short_year", r"[’‘'′](?P<y>\d{2})\s*(?:년|(?=\s*[)\]~,]))"),
    ("year", r"(?P<y>(?:19|20)\d{2})\s*년(?:도)?"),
    ("month_day", rf"(?<![\d.])(?P<m>\d{{1,2}})\s*월\s*(?P<d>\d{{1,2}})\s*일{WEEKDAY}"),
    ("dotted", rf"(?<![\d.,])(?P<m>\d{{1,2}})\s*\.\s*(?P<d>\d{{1,2}})\s*\.(?!\d){WEEKDAY}"),
    ("month_range", r"(?<![\d.])(?P<m1>\d{1,2})\s*[~∼]\s*(?P<m>\d{1,2})\s*월(?![\d일])"),
    ("month", r"(?<![\d.])(?P<m>\d{1,2})\s*월(?![\d일])"),
    ("range_month", r"(?<=~)\s*(?P<m>\d{1,2})\s*\.(?!\s*\d)"),
    ("day", r"(?<![\d.,:~월])(?P<d>\d{1,2})\s*일(?![간째분자차수치])"),
)
DATE_RE = re.compile(
    "|".join(f"(?P<{name}>{pattern.replace('?P<', f'?P<{name}_')})" for name, pattern in _DATE_PATTERNS)
)
RELATIVE_RE = re.compile(
    r"(?<![가-힣])(?P<word>오늘|어제|내일|모레|금일|명일|올해|금년|지난해|작년|전년|내년|이듬해|이달|이번\s*달|지난달|전월|다음\s*달|내달|익월)"
    r"(?:\s*\(\s*(?P<inner>[^()]{3,20})\s*\))?"
)
WEEKDAY_IN_RE = re.compile(r"\(\s*(?P<w>[월화수목금토일])\s*\)")
PAST_PREFIX_RE = re.compile(r"(지난|전날|지난해)\s*$")
FUTURE_PREFIX_RE = re.compile(r"(오는|다음|내년)\s*$")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date in a text: where it is, how it was written, and its resolved year/month/day."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    kind: str

    @property
    def value(self) -> str:
        """ISO-like value at the precision written: '2026-10-07', '2026-10' or '2026'."""
        parts = [f"{self.year:04d}" if self.year else "????"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        elif self.day:
            parts.extend(["??", f"{self.day:02d}"])
        return "-".join(parts)


def find_dates(text: str, anchor: dt.date | None) -> list[DateMention]:
    """Find and resolve every date in ``text`` against ``anchor`` (the release date).

    A range such as '11. 2.~12. 18.' gives two mentions; a later end inherits the start's year.
    A weekday in parentheses pins the year ('1. 2.(화)' → the Tuesday nearest the anchor). With no
    anchor, a partial date keeps no year unless its weekday pins one; relative words stay unresolved.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for match in RELATIVE_RE.finditer(text):
        mention = _relative(match, text, anchor)
        if mention:
            found.append(mention)
            taken.append((match.start(), match.end()))
    for match in DATE_RE.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        mention = _absolute(match, text, anchor, sorted(found, key=lambda m: m.start))
        if mention:
            found = [m for m in found if m.start != mention.start] if mention.kind == "relative" else found
            found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _group(match: re.Match[str], kind: str, name: str) -> int | None:
    try:
        value = match.group(f"{kind}_{name}")
    except IndexError:
        return None
    return int(value) if value else None


def _absolute(
    match: re.Match[str], text: str, anchor: dt.date | None, earlier: list[DateMention]
) -> DateMention | None:
    kind = match.lastgroup or ""
    year = _group(match, kind, "y")
    month = _group(match, kind, "m") or _group(match, kind, "m2") or _group(match, kind, "m_k")
    day = _group(match, kind, "d") or _group(match, kind, "d_k")
    if year is not None and year < 100:
        year += 2000
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    if kind == "dotted" and not _plausible_dotted(text, match):
        return None
    previous = (
        earlier[-1] if earlier and text[earlier[-1].end : match.start()].strip() in ("~", "-", "∼", "부터") else None
    )
    last = earlier[-1] if earlier else None
    joins_relative_month = (
        kind == "day" and last is not None and last.kind == "relative" and last.day is None and bool(last.month)
    )
    if last is not None and joins_relative_month and not text[last.end : match.start()].strip():
        return DateMention(
            last.start, match.end(), text[last.start : match.end()], last.year, last.month, day, "relative"
        )
    written_year = year
    year, month = _resolve(text[: match.start()], anchor, year, month, day, previous)
    weekday = WEEKDAY_IN_RE.search(match.group(0))
    if written_year is None and weekday and month and day:
        year = pin_year(month, day, WEEKDAYS.index(weekday.group("w")), anchor) or year
    return DateMention(match.start(), match.end(), match.group(0), year, month, day, kind)


def _plausible_dotted(text: str, match: re.Match[str]) -> bool:
    after = text[match.end() : match.end() + 2]
    before = text[max(0, match.start() - 1) : match.start()]
    return not after.startswith(("%", "배")) and before not in ("제",)


def _resolve(
    before: str,
    anchor: dt.date | None,
    year: int | None,
    month: int | None,
    day: int | None,
    previous: DateMention | None,
) -> tuple[int | None, int | None]:
    if year is not None:
        return year, month
    if previous is not None and previous.year:
        base_year = previous.year
        if month is None and day is not None:
            month = previous.month
        if month is not None and previous.month and month < previous.month:
            base_year += 1
        return base_year, month
    if anchor is None:
        return None, month
    if month is None and day is not None:
        month = anchor.month
        if PAST_PREFIX_RE.search(before) and day > anchor.day:
            month = 12 if anchor.month == 1 else anchor.month - 1
        elif FUTURE_PREFIX_RE.search(before) and day < anchor.day:
            month = 1 if anchor.month == 12 else anchor.month + 1
        year = (
            anchor.year - 1
            if month == 12 and anchor.month == 1
            else anchor.year + (1 if month == 1 and anchor.month == 12 else 0)
        )
        return year, month
    year = anchor.year
    if month is not None:
        if PAST_PREFIX_RE.search(before) and month > anchor.month:
            year -= 1
        elif FUTURE_PREFIX_RE.search(before) and month < anchor.month:
            year += 1
    return year, month


def _relative(match: re.Match[str], text: str, anchor: dt.date | None) -> DateMention | None:
    inner = match.group("inner")
    if inner:
        inner_dates = find_dates(inner, anchor)
        if inner_dates:
            d = inner_dates[0]
            return DateMention(match.start(), match.end(), match.group(0), d.year, d.month, d.day, "relative")
    word = re.sub(r"\s+", "", match.group("word"))
    if anchor is None:
        return DateMention(match.start(), match.end(), match.group(0), None, None, None, "relative")
    day_offsets = {"오늘": 0, "금일": 0, "어제": -1, "내일": 1, "명일": 1, "모레": 2}
    if word in day_offsets:
        day = anchor + dt.timedelta(days=day_offsets[word])
        return DateMention(match.start(), match.end(), match.group(0), day.year, day.month, day.day, "relative")
    year_offsets = {"올해": 0, "금년": 0, "지난해": -1, "작년": -1, "전년": -1, "내년": 1, "이듬해": 1}
    if word in year_offsets:
        return DateMention(
            match.start(), match.end(), match.group(0), anchor.year + year_offsets[word], None, None, "relative"
        )
    month_offsets = {"이달": 0, "이번달": 0, "지난달": -1, "전월": -1, "다음달": 1, "내달": 1, "익월": 1}
    offset = month_offsets.get(word)
    if offset is None:
        return None
    index = anchor.year * 12 + anchor.month - 1 + offset
    return DateMention(match.start(), match.end(), match.group(0), index // 12, index % 12 + 1, None, "relative")
