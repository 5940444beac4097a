"""Automatic paragraph heads of HWPX (글머리표, 문단 번호, 개요 번호) generated from header.xml."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from lxml import etree

from haesol.parse.numbering import format_number

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
