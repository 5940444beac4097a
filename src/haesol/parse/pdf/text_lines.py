"""Positioned characters, text lines and ruling lines read from one PDF page through PDFium."""

from __future__ import annotations

import ctypes
import itertools
import logging
import statistics
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

LOGGER = logging.getLogger(__name__)

MAX_CHARS_PER_PAGE = 200_000
MAX_OBJECTS_PER_PAGE = 40_000
MAX_FORM_DEPTH = 4
THIN = 3.0  # a path whose box is thinner than this (pt) is a ruling line
MIN_BOX = 15.0  # closed shapes smaller than this in both directions (checkboxes, glyphs) are ignored
LINE_OVERLAP = 0.5  # share of the smaller glyph height two chars must share to sit on one line
SPACE_GAP = 0.3  # a horizontal gap wider than this share of the glyph height is a space
DUPLICATE_SHIFT = 0.3  # the same glyph repainted within this share of its size is one glyph
MAX_DUPLICATE_LOOKBACK = 64
MAX_ACTIVE_ROWS = 32  # open lines a glyph is compared with (damaged files can keep thousands open)

SPACE_CHARS = frozenset(" \u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffe\uffff")


@dataclass(slots=True)
class Char:
    """One glyph in top-down page coordinates (points); flags tell whether a space followed it."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    space_after: bool = False
    written_space_after: bool = False

    @property
    def height(self) -> float:
        """Glyph box height, at least 1 pt."""
        return max(self.bottom - self.top, 1.0)

    @property
    def centre_x(self) -> float:
        """Horizontal centre."""
        return (self.x0 + self.x1) / 2

    @property
    def centre_y(self) -> float:
        """Vertical centre."""
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class TextLine:
    """Characters that share a baseline, in left-to-right order, with their box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    height: float
    first_word_width: float
    trailing_space: bool
    chars: tuple[Char, ...] = field(default=(), repr=False, compare=False)

    @property
    def centre_x(self) -> float:
        """Horizontal centre."""
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class Segment:
    """A horizontal or vertical ruling line: ``pos`` is its y (horizontal) or x (vertical)."""

    horizontal: bool
    pos: float
    start: float
    end: float

    @property
    def length(self) -> float:
        """Extent along the line."""
        return self.end - self.start


# ---------------------------------------------------------------------------
# characters
# ---------------------------------------------------------------------------


def read_chars(textpage: ctypes.c_void_p, page_height: float) -> list[Char]:
    """Read the glyphs of a PDFium text page in content-stream order.

    Args:
        textpage: a raw ``FPDF_TEXTPAGE`` handle.
        page_height: the page height in points, to flip y so that it grows downwards.

    Returns:
        Visible characters; spaces become flags on the character before them.
    """
    count = min(pdfium_c.FPDFText_CountChars(textpage), MAX_CHARS_PER_PAGE)
    rect = pdfium_c.FS_RECTF()
    chars: list[Char] = []
    seen: dict[str, list[Char]] = {}
    for index in range(count):
        text = _char_text(pdfium_c.FPDFText_GetUnicode(textpage, index))
        generated = bool(pdfium_c.FPDFText_IsGenerated(textpage, index))
        if text in SPACE_CHARS or text == " ":
            if chars:
                chars[-1].space_after = True
                chars[-1].written_space_after = chars[-1].written_space_after or not generated
            continue
        if not text or generated:
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect):
            continue
        char = Char(text, rect.left, page_height - rect.top, rect.right, page_height - rect.bottom)
        if not _is_repeat(char, seen.setdefault(text, [])):
            chars.append(char)
    return chars


def _is_repeat(char: Char, same_text: list[Char]) -> bool:
    """Fake bold and shadow effects paint the same glyph again, shifted by a fraction of its size."""
    reach_x = DUPLICATE_SHIFT * max(char.x1 - char.x0, 0.5)
    reach_y = DUPLICATE_SHIFT * char.height
    for other in same_text[-MAX_DUPLICATE_LOOKBACK:]:
        if abs(other.x0 - char.x0) < reach_x and abs(other.top - char.top) < reach_y:
            return True
    same_text.append(char)
    return False


def _char_text(code: int) -> str:
    if code < 0x20 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return ""
    text = chr(code)
    if text in ZERO_WIDTH or unicodedata.category(text) == "Cc":
        return ""
    return " " if text in SPACE_CHARS else text


# ---------------------------------------------------------------------------
# lines
# ---------------------------------------------------------------------------


def group_lines(chars: Iterable[Char]) -> list[TextLine]:
    """Group characters into lines (by vertical overlap), top to bottom.

    Args:
        chars: characters of one region (the page flow or one table cell).

    Returns:
        Lines sorted by their top edge, then their left edge.
    """
    rows: list[list[Char]] = []
    bounds: list[tuple[float, float]] = []
    active: list[int] = []
    for char in sorted(chars, key=lambda c: (c.top, c.x0)):
        active = [i for i in active[-MAX_ACTIVE_ROWS:] if bounds[i][1] > char.top]
        best = _best_row(char, active, bounds)
        if best is None:
            rows.append([char])
            bounds.append((char.top, char.bottom))
            active.append(len(rows) - 1)
            continue
        rows[best].append(char)
        top, bottom = bounds[best]
        bounds[best] = (min(top, char.top), max(bottom, char.bottom))
    lines = sorted((_make_line(row) for row in rows), key=lambda line: (round(line.top, 1), line.x0))
    return _merge_stacked(lines)


def _merge_stacked(lines: list[TextLine]) -> list[TextLine]:
    """Fold two short lines stacked beside a taller line into it (``보도시점 [바로 보도하여/주시기 바랍니다] 배포``)."""
    index = 1
    while index < len(lines) - 1:
        above, middle, below = lines[index - 1], lines[index], lines[index + 1]
        if _is_stacked_beside(above, middle, below):
            lines[index - 1 : index + 2] = [_fold(above, middle, below)]
        index += 1
    return lines


def _is_stacked_beside(above: TextLine, middle: TextLine, below: TextLine) -> bool:
    if not (above.top < middle.top < below.top and above.bottom > middle.top and below.top < middle.bottom):
        return False
    left, right = min(above.x0, below.x0), max(above.x1, below.x1)
    if max(above.x0, below.x0) > min(above.x1, below.x1):  # the two are not one above the other
        return False
    return not any(left - 1.0 < c.centre_x < right + 1.0 for c in middle.chars)


def _fold(above: TextLine, middle: TextLine, below: TextLine) -> TextLine:
    before = [c for c in middle.chars if c.centre_x < above.x0]
    after = [c for c in middle.chars if c.centre_x > above.x0]
    parts = [_make_line(before).text if before else "", above.text, below.text, _make_line(after).text if after else ""]
    return TextLine(
        text=" ".join(part for part in parts if part),
        x0=min(above.x0, middle.x0, below.x0),
        top=above.top,
        x1=max(above.x1, middle.x1, below.x1),
        bottom=below.bottom,
        height=middle.height,
        first_word_width=middle.first_word_width,
        trailing_space=middle.trailing_space,
        chars=(*before, *above.chars, *below.chars, *after),
    )


def _best_row(char: Char, active: list[int], bounds: list[tuple[float, float]]) -> int | None:
    best: int | None = None
    best_share = LINE_OVERLAP
    for index in active:
        top, bottom = bounds[index]
        overlap = min(bottom, char.bottom) - max(top, char.top)
        share = overlap / max(min(bottom - top, char.height), 1.0)
        if share >= best_share:
            best, best_share = index, share
    return best


def _make_line(row: list[Char]) -> TextLine:
    row.sort(key=lambda c: c.x0)
    height = statistics.median(c.height for c in row)
    parts: list[str] = [row[0].text]
    first_word_end = row[0].x1
    in_first_word = True
    for before, after in itertools.pairwise(row):
        gap = after.x0 - before.x1
        spaced = before.space_after or gap > SPACE_GAP * min(before.height, after.height)
        if spaced and after.x0 > before.x0:
            parts.append(" ")
            in_first_word = False
        parts.append(after.text)
        if in_first_word:
            first_word_end = after.x1
    return TextLine(
        text="".join(parts),
        x0=row[0].x0,
        top=min(c.top for c in row),
        x1=max(c.x1 for c in row),
        bottom=max(c.bottom for c in row),
        height=height,
        first_word_width=first_word_end - row[0].x0,
        trailing_space=row[-1].written_space_after,
        chars=tuple(row),
    )


# ---------------------------------------------------------------------------
# ruling lines
# ---------------------------------------------------------------------------

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def read_segments(page: ctypes.c_void_p, page_height: float) -> list[Segment]:
    """Read horizontal and vertical strokes (table rulings) drawn on a page.

    Args:
        page: a raw ``FPDF_PAGE`` handle.
        page_height: the page height in points.

    Returns:
        Axis-aligned segments in top-down coordinates, not yet merged.
    """
    objects = [pdfium_c.FPDFPage_GetObject(page, i) for i in range(_count(pdfium_c.FPDFPage_CountObjects(page)))]
    reader = _PathReader()
    reader.walk(objects, IDENTITY, 0)
    segments: list[Segment] = []
    for x0, y0, x1, y1 in reader.edges:
        if abs(y1 - y0) <= abs(x1 - x0):
            segments.append(Segment(True, page_height - (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        else:
            segments.append(Segment(False, (x0 + x1) / 2, page_height - max(y0, y1), page_height - min(y0, y1)))
    return segments


def _count(value: int) -> int:
    return max(0, min(value, MAX_OBJECTS_PER_PAGE))


class _PathReader:
    """Collects straight edges of visible paths, reusing its ctypes buffers (pages have thousands)."""

    def __init__(self) -> None:
        self.edges: list[tuple[float, float, float, float]] = []
        self._box = [ctypes.c_float() for _ in range(4)]
        self._mode = (ctypes.c_int(), ctypes.c_int())
        self._budget = MAX_OBJECTS_PER_PAGE

    def walk(self, objects: list[ctypes.c_void_p], matrix: Matrix, depth: int) -> None:
        """Visit path objects, descending into form XObjects."""
        for obj in objects:
            self._budget -= 1
            if self._budget < 0:
                return
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                self._path(obj, matrix)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                inner = _compose(_object_matrix(obj), matrix)
                count = _count(pdfium_c.FPDFFormObj_CountObjects(obj))
                self.walk([pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(count)], inner, depth + 1)

    def _path(self, obj: ctypes.c_void_p, matrix: Matrix) -> None:
        left, bottom, right, top = self._box
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            return
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        if matrix is not IDENTITY:
            x0, y0 = _apply(matrix, x0, y0)
            x1, y1 = _apply(matrix, x1, y1)
        width, height = abs(x1 - x0), abs(y1 - y0)
        if width <= THIN or height <= THIN:
            if width < height:
                x0 = x1 = (x0 + x1) / 2
            else:
                y0 = y1 = (y0 + y1) / 2
            self.edges.append((x0, y0, x1, y1))
        elif (width >= MIN_BOX or height >= MIN_BOX) and self._is_stroked(obj):
            # fills (shading, highlights) are no borders; only stroked outlines are
            self.edges.extend(_segment_edges(obj, _compose(_object_matrix(obj), matrix)))

    def _is_stroked(self, obj: ctypes.c_void_p) -> bool:
        fill_mode, stroke = self._mode
        return not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke) or bool(stroke.value)


def _segment_edges(obj: ctypes.c_void_p, matrix: Matrix) -> Iterator[tuple[float, float, float, float]]:
    count = min(pdfium_c.FPDFPath_CountSegments(obj), MAX_OBJECTS_PER_PAGE)
    x, y = ctypes.c_float(), ctypes.c_float()
    start = previous = (0.0, 0.0)
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = _apply(matrix, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            yield from _straight(previous, point)
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            yield from _straight(point, start)
        previous = point


def _straight(a: tuple[float, float], b: tuple[float, float]) -> Iterator[tuple[float, float, float, float]]:
    if abs(a[0] - b[0]) < 1.0 or abs(a[1] - b[1]) < 1.0:
        yield a[0], a[1], b[0], b[1]


def _object_matrix(obj: ctypes.c_void_p) -> Matrix:
    raw = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, raw):
        return IDENTITY
    return (raw.a, raw.b, raw.c, raw.d, raw.e, raw.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    oa, ob, oc, od, oe, of = outer
    return (
        a * oa + b * oc,
        a * ob + b * od,
        c * oa + d * oc,
        c * ob + d * od,
        e * oa + f * oc + oe,
        e * ob + f * od + of,
    )


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f
