"""Automatic paragraph heads of HWPX (글머리표, 문단 번호, 개요 번호) generated from header.xml."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

LOGGER = logging.getLogger(__name__)

MAX_LEVELS = 10
DEFAULT_BULLET = "•"
DEFAULT_OUTLINE_ID = "1"
LEVEL_TOKEN_RE = re.compile(r"\^([1-9]|10|N|n)")

# Wingdings code points that Hangul stores in the U+F0xx private-use area for bullet characters.
WINGDINGS_BULLETS = {
    0x6C: "●",
    0x6D: "❍",
    0x6E: "■",
    0x6F: "□",
    0x71: "❑",
    0x72: "❒",
    0x73: "⬧",
    0x74: "⧫",
    0x75: "◆",
    0x76: "❖",
    0x77: "⬥",
    0x9E: "·",
    0x9F: "•",
    0xA0: "▪",
    0xA1: "○",
    0xA4: "◉",
    0xA5: "◎",
    0xA7: "▪",
    0xA8: "◻",
    0xAA: "✦",
    0xAB: "★",
    0xD8: "➢",
    0xE8: "➔",
    0xF0: "⇨",
    0xFC: "✓",
}

CIRCLED_DIGITS = (
    [chr(0x2460 + i) for i in range(20)] + [chr(0x3251 + i) for i in range(15)] + [chr(0x32B1 + i) for i in range(15)]
)
HANGUL_INITIALS = (0, 2, 3, 5, 6, 7, 9, 11, 12, 14, 15, 16, 17, 18)  # ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅅ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
HANGUL_MEDIALS = (0, 4, 8, 13, 18, 20)  # ㅏ ㅓ ㅗ ㅜ ㅡ ㅣ
HANGUL_JAMO = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
CIRCLED_JAMO = "㉠㉡㉢㉣㉤㉥㉦㉧㉨㉩㉪㉫㉬㉭"
CIRCLED_SYLLABLES = "㉮㉯㉰㉱㉲㉳㉴㉵㉶㉷㉸㉹㉺㉻"
HANGUL_DIGITS = "일이삼사오육칠팔구"
HANJA_DIGITS = "一二三四五六七八九"
CIRCLED_HANJA = "㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉"
DECAGON = "갑을병정무기경신임계"
DECAGON_HANJA = "甲乙丙丁戊己庚辛壬癸"
ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


@dataclass(frozen=True, slots=True)
class ParaHead:
    """One level of a numbering: its format string (``^1.``), number style and start value."""

    text: str
    num_format: str = "DIGIT"
    start: int = 1


@dataclass(frozen=True, slots=True)
class Heading:
    """The head a paragraph shape asks for: BULLET, NUMBER or OUTLINE, a list id and a 0-based level."""

    kind: str
    id_ref: str
    level: int


@dataclass(frozen=True, slots=True)
class HeadStyles:
    """What header.xml says about automatic heads, keyed by the ids the section XML refers to."""

    headings: dict[str, Heading] = field(default_factory=dict)
    bullets: dict[str, str] = field(default_factory=dict)
    numberings: dict[str, dict[int, ParaHead]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Head:
    """The generated head of one paragraph."""

    marker: str = ""
    level: int | None = None
    is_heading: bool = False


def read_head_styles(root: etree._Element | None) -> HeadStyles:
    """Collect paragraph-shape headings, bullet characters and numberings from a parsed header.xml.

    Args:
        root: the header.xml root, or None when the package has no header.

    Returns:
        The head styles (empty when there is no header).
    """
    if root is None:
        return HeadStyles()
    return HeadStyles(headings=_read_headings(root), bullets=_read_bullets(root), numberings=_read_numberings(root))


def _read_headings(root: etree._Element) -> dict[str, Heading]:
    headings: dict[str, Heading] = {}
    for para_pr in root.iter("{*}paraPr"):
        heading = para_pr.find("{*}heading")
        if heading is None:
            heading = next(para_pr.iter("{*}heading"), None)
        kind = heading.get("type", "NONE").upper() if heading is not None else "NONE"
        if heading is not None and kind in ("BULLET", "NUMBER", "OUTLINE"):
            level = min(max(_to_int(heading.get("level"), 0), 0), MAX_LEVELS - 1)
            headings[para_pr.get("id", "")] = Heading(kind, heading.get("idRef", "0"), level)
    return headings


def _read_bullets(root: etree._Element) -> dict[str, str]:
    bullets: dict[str, str] = {}
    for bullet in root.iter("{*}bullet"):
        bullets[bullet.get("id", "")] = bullet_character(bullet.get("char", ""))
    return bullets


def _read_numberings(root: etree._Element) -> dict[str, dict[int, ParaHead]]:
    numberings: dict[str, dict[int, ParaHead]] = {}
    for numbering in root.iter("{*}numbering"):
        levels: dict[int, ParaHead] = {}
        for head in numbering.iter("{*}paraHead"):
            level = _to_int(head.get("level"), 0)
            if 1 <= level <= MAX_LEVELS:
                start = _to_int(head.get("start"), 1)
                levels[level - 1] = ParaHead(head.text or "", head.get("numFormat", "DIGIT").upper(), start)
        numberings[numbering.get("id", "")] = levels
    return numberings


def bullet_character(char: str) -> str:
    """Turn a bullet character from header.xml into a visible Unicode character.

    Hangul stores Wingdings bullets as private-use code points (U+F06C for ●); known ones are
    mapped, unknown private-use ones become ``•``.

    Args:
        char: the ``char`` attribute of ``hh:bullet``.

    Returns:
        One visible character.
    """
    char = char.strip()[:1]
    if not char:
        return DEFAULT_BULLET
    code = ord(char)
    if 0xF000 <= code <= 0xF0FF:
        return WINGDINGS_BULLETS.get(code - 0xF000, DEFAULT_BULLET)
    if 0xE000 <= code <= 0xF8FF:
        return DEFAULT_BULLET
    return char


def _to_int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _ListCounter:
    """Counters of one kind of list (numbering or outline) over the levels of the current list."""

    def __init__(self) -> None:
        self.list_id: str | None = None
        self.values = [0] * MAX_LEVELS

    def advance(self, list_id: str, level: int, levels: dict[int, ParaHead]) -> list[int]:
        if list_id != self.list_id:
            self.list_id = list_id
            self.values = [0] * MAX_LEVELS
        for upper in range(level):
            if self.values[upper] == 0:
                self.values[upper] = _start(levels, upper)
        current = self.values[level]
        self.values[level] = current + 1 if current > 0 else _start(levels, level)
        for deeper in range(level + 1, MAX_LEVELS):
            self.values[deeper] = 0
        return list(self.values)


def _start(levels: dict[int, ParaHead], level: int) -> int:
    head = levels.get(level)
    return max(head.start, 1) if head is not None else 1


class HeadNumberer:
    """Generates the head of each paragraph in reading order, keeping the list counters."""

    def __init__(self, styles: HeadStyles) -> None:
        self.styles = styles
        self.outline_id = DEFAULT_OUTLINE_ID
        self._numbers = _ListCounter()
        self._outline = _ListCounter()

    def start_section(self, outline_id: str | None) -> None:
        """Restart the counters for a new section, whose outline numbering is ``outline_id``."""
        self.outline_id = outline_id or DEFAULT_OUTLINE_ID
        self._numbers = _ListCounter()
        self._outline = _ListCounter()

    def head_for(self, para_pr_id: str | None) -> Head:
        """Return the head of a paragraph with this paragraph shape id (advancing the counters)."""
        heading = self.styles.headings.get(para_pr_id or "")
        if heading is None:
            return Head()
        if heading.kind == "BULLET":
            marker = self.styles.bullets.get(heading.id_ref, DEFAULT_BULLET)
            return Head(marker, heading.level + 1)
        if heading.kind == "NUMBER":
            return Head(self._number(self._numbers, heading.id_ref, heading.level), heading.level + 1)
        return Head(self._number(self._outline, self.outline_id, heading.level), heading.level + 1, True)

    def _number(self, counter: _ListCounter, list_id: str, level: int) -> str:
        levels = self.styles.numberings.get(list_id) or self.styles.numberings.get(DEFAULT_OUTLINE_ID)
        if not levels or level not in levels:
            return ""
        values = counter.advance(list_id, level, levels)
        return format_head(levels[level].text, values, levels, level)


def format_head(template: str, values: list[int], levels: dict[int, ParaHead], level: int) -> str:
    """Fill a paraHead template: ``^k`` is level k's number in level k's style, ``^N`` the current one.

    Args:
        template: the paraHead text, e.g. ``^1.^2.`` or ``(^3)``.
        values: the counters of levels 0-9 (0 = not started).
        levels: the numbering's paraHeads by 0-based level.
        level: the 0-based level of the paragraph.

    Returns:
        The head, e.g. ``3.1.`` or ``가.``.
    """

    def replace(match: re.Match[str]) -> str:
        token = match.group(1)
        index = level if token in ("N", "n") else int(token) - 1
        if index > level or values[index] <= 0:
            return ""
        head = levels.get(index)
        return format_number(values[index], head.num_format if head else "DIGIT")

    return LEVEL_TOKEN_RE.sub(replace, template).strip()


def format_number(value: int, num_format: str) -> str:
    """Write ``value`` (1-based) in an OWPML number format such as DIGIT, HANGUL_SYLLABLE or CIRCLED_DIGIT.

    Args:
        value: the counter value; 0 or less gives ''.
        num_format: the ``numFormat`` attribute; unknown formats fall back to digits.

    Returns:
        The written number.
    """
    if value <= 0:
        return ""
    writer = _NUMBER_WRITERS.get(num_format)
    return writer(value) if writer else str(value)


def _cycle(chars: str) -> Callable[[int], str]:
    return lambda value: chars[(value - 1) % len(chars)]


def _hangul_syllable(value: int) -> str:
    index = (value - 1) % (len(HANGUL_INITIALS) * len(HANGUL_MEDIALS))
    medial, initial = divmod(index, len(HANGUL_INITIALS))
    return chr(0xAC00 + (HANGUL_INITIALS[initial] * 21 + HANGUL_MEDIALS[medial]) * 28)


def _roman(value: int) -> str:
    out = []
    for amount, letters in ROMAN:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def _sino(digits: str, ten: str) -> Callable[[int], str]:
    def write(value: int) -> str:
        value = (value - 1) % 99 + 1
        tens, ones = divmod(value, 10)
        prefix = "" if tens == 0 else (ten if tens == 1 else digits[tens - 1] + ten)
        return prefix + (digits[ones - 1] if ones else "")

    return write


def _circled_digit(value: int) -> str:
    return CIRCLED_DIGITS[value - 1] if value <= len(CIRCLED_DIGITS) else str(value)


_NUMBER_WRITERS: dict[str, Callable[[int], str]] = {
    "DIGIT": str,
    "CIRCLED_DIGIT": _circled_digit,
    "ROMAN_CAPITAL": _roman,
    "ROMAN_SMALL": lambda value: _roman(value).lower(),
    "LATIN_CAPITAL": lambda value: chr(ord("A") + (value - 1) % 26),
    "LATIN_SMALL": lambda value: chr(ord("a") + (value - 1) % 26),
    "CIRCLED_LATIN_CAPITAL": lambda value: chr(0x24B6 + (value - 1) % 26),
    "CIRCLED_LATIN_SMALL": lambda value: chr(0x24D0 + (value - 1) % 26),
    "HANGUL_SYLLABLE": _hangul_syllable,
    "CIRCLED_HANGUL_SYLLABLE": _cycle(CIRCLED_SYLLABLES),
    "HANGUL_JAMO": _cycle(HANGUL_JAMO),
    "CIRCLED_HANGUL_JAMO": _cycle(CIRCLED_JAMO),
    "HANGUL_PHONETIC": _sino(HANGUL_DIGITS, "십"),
    "IDEOGRAPH": _sino(HANJA_DIGITS, "十"),
    "CIRCLED_IDEOGRAPH": _cycle(CIRCLED_HANJA),
    "DECAGON_CIRCLE": _cycle(DECAGON),
    "DECAGON_CIRCLE_HANJA": _cycle(DECAGON_HANJA),
}
