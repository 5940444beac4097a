"""HWP DocInfo: paragraph heads (automatic bullets and numbers) from ParaShape, Numbering and Bullet."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from haesol.parse.hwp.chars import clean_marker
from haesol.parse.hwp.recordio import TAG_BULLET, TAG_NUMBERING, TAG_PARA_SHAPE, Record, u16, u32
from haesol.parse.numbering import format_hwp_number

LOGGER = logging.getLogger(__name__)

HEAD_NONE, HEAD_OUTLINE, HEAD_NUMBER, HEAD_BULLET = 0, 1, 2, 3
LEVELS = 7
HEAD_INFO_SIZE = 12
PARA_SHAPE_HEAD_ID_OFFSET = 30
LEVEL_CODE_RE = re.compile(r"\^(10|[1-9]|[Nn])")


@dataclass(frozen=True, slots=True)
class ParaHead:
    """What a paragraph shape puts before its text: kind (outline/number/bullet), level and list id."""

    kind: int
    level: int
    ref_id: int


@dataclass(frozen=True, slots=True)
class Head:
    """The automatic head of one paragraph: its marker, 1-based level, and whether it is an outline heading."""

    marker: str = ""
    level: int | None = None
    is_heading: bool = False


NO_HEAD = Head()


@dataclass(frozen=True, slots=True)
class Numbering:
    """One numbering definition: a format (``^1.``) and a number shape per level, and the start."""

    formats: tuple[str, ...]
    shapes: tuple[int, ...]
    start: int = 1


@dataclass(frozen=True, slots=True)
class DocInfo:
    """The parts of DocInfo the text extraction needs."""

    para_heads: tuple[ParaHead | None, ...] = ()
    numberings: tuple[Numbering, ...] = ()
    bullets: tuple[str, ...] = ()


def parse_doc_info(records: list[Record]) -> DocInfo:
    """Collect paragraph heads, numbering definitions and bullet characters from DocInfo records.

    Args:
        records: the flat record list of the DocInfo stream.

    Returns:
        The heads indexed by paragraph-shape id, numberings and bullets indexed by id - 1.
    """
    heads: list[ParaHead | None] = []
    numberings: list[Numbering] = []
    bullets: list[str] = []
    for record in records:
        if record.tag == TAG_PARA_SHAPE:
            heads.append(_para_head(record.payload))
        elif record.tag == TAG_NUMBERING:
            numberings.append(_numbering(record.payload))
        elif record.tag == TAG_BULLET:
            bullets.append(_bullet(record.payload))
    return DocInfo(tuple(heads), tuple(numberings), tuple(bullets))


def _para_head(payload: bytes) -> ParaHead | None:
    properties = u32(payload, 0)
    kind = (properties >> 23) & 0x3
    if kind == HEAD_NONE:
        return None
    return ParaHead(kind=kind, level=(properties >> 25) & 0x7, ref_id=u16(payload, PARA_SHAPE_HEAD_ID_OFFSET))


def _numbering(payload: bytes) -> Numbering:
    formats: list[str] = []
    shapes: list[int] = []
    pos = 0
    for _ in range(LEVELS):
        if pos + HEAD_INFO_SIZE + 2 > len(payload):
            break
        shapes.append((u32(payload, pos) >> 5) & 0xF)
        pos += HEAD_INFO_SIZE
        length = u16(payload, pos)
        pos += 2
        formats.append(payload[pos : pos + 2 * length].decode("utf-16-le", "replace"))
        pos += 2 * length
    start = u16(payload, pos, 1) if pos + 2 <= len(payload) else 1
    return Numbering(tuple(formats), tuple(shapes), max(start, 1))


def _bullet(payload: bytes) -> str:
    char = u16(payload, HEAD_INFO_SIZE)
    return clean_marker(chr(char)) if char else "•"


@dataclass(slots=True)
class HeadNumberer:
    """Turns paragraph shapes into markers, counting numbered paragraphs in reading order."""

    info: DocInfo
    outline_id: int = 1
    _counters: dict[int, list[int]] = field(default_factory=dict)

    def head(self, para_shape_id: int) -> Head:
        """The automatic head of a paragraph with this paragraph shape (``NO_HEAD`` when it has none).

        Numbered heads advance their list's counter, so call this once per paragraph, in order.
        Outline heads (개요) number with the section's outline numbering and count as headings.
        """
        if not 0 <= para_shape_id < len(self.info.para_heads):
            return NO_HEAD
        head = self.info.para_heads[para_shape_id]
        if head is None:
            return NO_HEAD
        if head.kind == HEAD_BULLET:
            return Head(self._bullet(head.ref_id), head.level + 1)
        if head.kind == HEAD_OUTLINE:
            return Head(self._number(self.outline_id, head.level), head.level + 1, is_heading=True)
        return Head(self._number(head.ref_id, head.level), head.level + 1)

    def _bullet(self, ref_id: int) -> str:
        bullets = self.info.bullets
        return bullets[ref_id - 1] if 1 <= ref_id <= len(bullets) else "•"

    def _number(self, ref_id: int, level: int) -> str:
        if not 1 <= ref_id <= len(self.info.numberings):
            return ""
        numbering = self.info.numberings[ref_id - 1]
        counters = self._counters.setdefault(ref_id, [0] * LEVELS)
        for upper in range(level):
            counters[upper] = counters[upper] or numbering.start
        counters[level] = counters[level] + 1 if counters[level] else numbering.start
        for deeper in range(level + 1, LEVELS):
            counters[deeper] = 0
        if level >= len(numbering.formats):
            return ""
        return _render_format(numbering, counters, level)


def _render_format(numbering: Numbering, counters: list[int], level: int) -> str:
    def replace(match: re.Match[str]) -> str:
        token = match.group(1)
        index = level if token in "Nn" else int(token) - 1
        if index > level or index >= len(numbering.shapes):
            return ""
        return format_hwp_number(max(counters[index], 1), numbering.shapes[index])

    return LEVEL_CODE_RE.sub(replace, numbering.formats[level]).strip()
