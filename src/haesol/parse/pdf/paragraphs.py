"""Rejoin the wrapped lines of a PDF text region into paragraphs."""

from __future__ import annotations

import itertools
import logging
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from haesol.parse.pdf.text_lines import TextLine

LOGGER = logging.getLogger(__name__)

# A line starting with one of these opens a paragraph (□ ㅇ ○ - * ※ ① 1. 가. (1) < [ …).
MARKER = re.compile(
    r"^(?:[□■◇◆○●◦❍◎▶▷►•∙·※☐➢❖➊-➓①-⑳⑴-⒇㉠-㉭㉮-㉻<\[【〈《]"
    r"|ㅇ\s|[-–—]\s|\*+\s?\S|\d{1,2}[.)]\s|[가-하][.)]\s|\(\d{1,2}\)|\([가-하]\)|붙임|참고\s*\d?\s)"
)
FULL_SLACK = 1.2  # a line ending within this many glyph heights of the right edge is full
GAP_FACTOR = 1.3  # a line pitch this much above the usual one opens a paragraph
MIN_GAP_BREAK = 1.8  # ... but a pitch below this many line heights never opens one by itself
TITLE_SIZE = 1.15  # centred lines at least this much larger than body text are title lines
INDENT = 0.6  # continuation lines align within this many glyph heights
MAX_WORD = 7.0  # a wrapped word is at most this many glyph heights wide
WRITTEN_SPACES_SHARE = 0.25
PUNCTUATION = ".,;:!?()[]{}<>「」『』“”‘’'\"·"
OPENERS = "([{「『“‘<"
CLOSERS = ")]}」』”’>.,"


@dataclass(frozen=True, slots=True)
class Frame:
    """The box text wraps in: the page's text column, a framed box or a table cell."""

    left: float
    right: float
    strict: bool = False  # only lines reaching the right edge wrap (table cells: short lines are deliberate)

    @property
    def centre(self) -> float:
        """Horizontal centre of the frame."""
        return (self.left + self.right) / 2


@dataclass(frozen=True, slots=True)
class TextStyle:
    """Measurements of the whole document that line joining relies on."""

    pitch: float = 1.5
    body_height: float = 12.0
    written_spaces: bool = False
    words: frozenset[str] = frozenset()


UNDECIDED = "\x00"  # a wrap between Hangul syllables that the word list cannot settle


@dataclass(slots=True)
class Paragraph:
    """Lines joined into one paragraph; ``joins[i]`` goes between line i and line i + 1."""

    lines: list[TextLine]
    joins: list[str] = field(default_factory=list)

    @property
    def top(self) -> float:
        """Top edge of the first line."""
        return self.lines[0].top

    def text(self, undecided: str = "") -> str:
        """The paragraph text with wrapped lines rejoined; ``undecided`` fills unsettled wraps."""
        parts = [self.lines[0].text]
        for join, line in zip(self.joins, self.lines[1:], strict=False):
            parts.extend((undecided if join == UNDECIDED else join, line.text))
        return "".join(parts).strip()

    def extend(self, other: Paragraph, join: str) -> None:
        """Append the lines of ``other`` (a paragraph continued on the next page)."""
        self.joins.extend([join, *other.joins])
        self.lines.extend(other.lines)


def undecided_join(paragraphs: Iterable[Paragraph], style: TextStyle) -> str:
    """Settle wraps the word list could not: a space when the settled ones were mostly between words.

    Writers that cut words anywhere (Hancom's 글자 단위 line breaking) leave many cuts inside
    words; writers that wrap at spaces leave none.
    """
    inside = between = 0
    for paragraph in paragraphs:
        for before, after in itertools.pairwise(paragraph.lines):
            verdict = _word_verdict(before, after, style)
            inside += verdict == ""
            between += verdict == " "
    return " " if between >= inside else ""


def measure_style(lines: Sequence[TextLine], frame: Frame, all_lines: Sequence[TextLine] = ()) -> TextStyle:
    """Measure line pitch, body glyph height and line-end spaces on the page flow.

    Args:
        lines: flow lines of every page, each page's lines in order.
        frame: the document's text column.
        all_lines: every line of the document (flow and cells), for the word list.

    Returns:
        The measured style; defaults when there are too few lines.
    """
    if not lines:
        return TextStyle(words=_inner_words(all_lines))
    body_height = statistics.median(line.height for line in lines)
    ratios = [
        (after.top - before.top) / before.height
        for before, after in itertools.pairwise(lines)
        if abs(after.height - before.height) < 0.15 * before.height
        and 0.8 < (after.top - before.top) / before.height < 4
    ]
    pitch = statistics.median(ratios) if ratios else 1.5
    full = [line for line in lines[:-1] if frame.right - line.x1 < FULL_SLACK * line.height]
    written = bool(full) and sum(line.trailing_space for line in full) >= WRITTEN_SPACES_SHARE * len(full)
    return TextStyle(
        pitch=pitch, body_height=body_height, written_spaces=written, words=_inner_words(all_lines or lines)
    )


def _inner_words(lines: Sequence[TextLine]) -> frozenset[str]:
    """Words seen away from line ends, where no wrap can have cut them."""
    words: set[str] = set()
    for line in lines:
        words.update(_bare(word) for word in line.text.split()[1:-1])
    return frozenset(words)


def _bare(word: str) -> str:
    return word.strip(PUNCTUATION)


def column_frame(lines: Sequence[TextLine]) -> Frame:
    """The text column shared by most lines: the rightmost right edge and leftmost left edge that recur."""
    if not lines:
        return Frame(0.0, 0.0)
    return Frame(
        _recurring(sorted(line.x0 for line in lines)), _recurring(sorted((line.x1 for line in lines), reverse=True))
    )


def _recurring(values: list[float]) -> float:
    need = min(3, len(values))
    for index, value in enumerate(values):
        if sum(1 for other in values[index:] if abs(other - value) <= 2.0) >= need:
            return value
    return values[0]


def build_paragraphs(lines: Sequence[TextLine], frame: Frame, style: TextStyle) -> list[Paragraph]:
    """Join lines that continue the paragraph above them.

    A line opens a new paragraph when it starts with a bullet or number marker, when the gap
    above it is larger than the usual line pitch, when the line above it ends short of the right
    edge (with room for this line's first word), or when its indent differs from the lines
    that continue the paragraph. Centred title lines of the same large size are joined.

    Args:
        lines: the region's lines, top to bottom.
        frame: the region the text wraps in.
        style: document measurements.

    Returns:
        Paragraphs in order.
    """
    paragraphs: list[Paragraph] = []
    for line in lines:
        join = _join(paragraphs[-1], line, frame, style) if paragraphs else None
        if join is None:
            paragraphs.append(Paragraph([line]))
        else:
            paragraphs[-1].lines.append(line)
            paragraphs[-1].joins.append(join)
    return paragraphs


def join_across_pages(paragraph: Paragraph, following: Paragraph, frame: Frame, style: TextStyle) -> str | None:
    """How the first paragraph of a page continues the last one of the page before, if it does.

    Returns:
        The text to put between them, or None when ``following`` opens a new paragraph.
    """
    last, line = paragraph.lines[-1], following.lines[0]
    if MARKER.match(line.text) or abs(line.height - last.height) > 0.2 * last.height:
        return None
    aligned = abs(line.x0 - frame.left) <= INDENT * last.height or (
        len(paragraph.lines) >= 2 and abs(line.x0 - last.x0) <= INDENT * last.height
    )
    if not aligned or frame.right - last.x1 >= FULL_SLACK * last.height:
        return None
    return _separator(last, line, style)


def _join(paragraph: Paragraph, line: TextLine, frame: Frame, style: TextStyle) -> str | None:
    last = paragraph.lines[-1]
    if MARKER.match(line.text) or abs(line.height - last.height) > 0.2 * last.height:
        return None
    if _opens_by_gap(paragraph, line, style):
        return None
    if _is_title_pair(last, line, frame, style):
        return " "
    if len(paragraph.lines) >= 2 and abs(line.x0 - last.x0) > INDENT * last.height:
        return None
    return _separator(last, line, style) if _is_full(last, line, frame) else None


def _opens_by_gap(paragraph: Paragraph, line: TextLine, style: TextStyle) -> bool:
    """A gap above the line clearly larger than the usual pitch (document-wide and in this paragraph)."""
    last = paragraph.lines[-1]
    pitch = (line.top - last.top) / last.height
    if line.top < last.top or pitch > max(style.pitch * GAP_FACTOR, MIN_GAP_BREAK):
        return True
    if len(paragraph.lines) >= 2:
        before = paragraph.lines[-2]
        return line.top - last.top > GAP_FACTOR * max(last.top - before.top, 1.0)
    return False


def _is_full(last: TextLine, line: TextLine, frame: Frame) -> bool:
    room = frame.right - last.x1
    if room < FULL_SLACK * last.height:
        return True
    if frame.strict:
        return False
    return room < min(line.first_word_width + 0.3 * line.height, MAX_WORD * line.height)


def _is_title_pair(last: TextLine, line: TextLine, frame: Frame, style: TextStyle) -> bool:
    if last.height < TITLE_SIZE * style.body_height:
        return False
    width = max(frame.right - frame.left, 1.0)
    return all(abs(item.centre_x - frame.centre) < 0.05 * width for item in (last, line))


def _separator(before: TextLine, after: TextLine, style: TextStyle) -> str:
    """Whether a wrapped line break stood for a space.

    Writers that keep the space at the end of a wrapped line settle it. Otherwise a break
    between Hangul syllables is settled by the document's own words, or left UNDECIDED.
    """
    if before.trailing_space:
        return " "
    if style.written_spaces:
        return ""
    end, start = before.text[-1], after.text[0]
    if end in OPENERS or start in CLOSERS:
        return ""
    if not _is_hangul(start) or not (_is_hangul(end) or end.isdigit()):
        return " "
    verdict = _word_verdict(before, after, style)
    if verdict is None and _bare(after.text.split()[0]) in style.words:
        return " "  # the next word is seen on its own elsewhere
    return UNDECIDED if verdict is None else verdict


def _word_verdict(before: TextLine, after: TextLine, style: TextStyle) -> str | None:
    """ "" when the joined word is seen elsewhere, " " when both halves are, else None."""
    if not before.text or not after.text or not _is_hangul(after.text[0]):
        return None
    head, tail = _bare(before.text.split()[-1]), _bare(after.text.split()[0])
    if head + tail in style.words:
        return ""
    if tail in style.words and head in style.words:
        return " "
    return None


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e"
