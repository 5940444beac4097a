"""The front of a release: banner (보도자료…), 보도시점/배포, title and `- … -` subtitles, in text or tables."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace

from haesol.models import EditorNote, RawItem, RawParagraph, RawTable, Timing
from haesol.parse.markers import split_marker
from haesol.parse.structure import boilerplate
from haesol.parse.structure.agency import agency_in_banner
from haesol.parse.structure.header import (
    DATE_IN_TIMING_RE,
    DOC_TYPES,
    TIMING_LABEL_RE,
    detect_doc_type,
    is_contact_line,
    parse_timing,
    parse_timing_line,
)
from haesol.parse.structure.notes import editor_note
from haesol.parse.structure.titles import cut_title

LOGGER = logging.getLogger(__name__)

MAX_FRONT_ITEMS = 16
TITLE_MAX_CHARS = 90
BODY_MIN_CHARS = 95
SECOND_TITLE_LINE_MAX = 45
LONG_TITLE_MAX_CHARS = 300  # longer first lines are body text, not a title
SENTENCE_END_RE = re.compile(r"(?:다|요|음|함|임)\s*[.。]?\s*$")
SUBTITLE_RE = re.compile(r"^\s*[-–―~]\s*(?P<text>.+?)\s*[-–―~]?\s*$")
LABEL_RE = re.compile(r"보\s*도\s*(시\s*점|일\s*시)|배\s*포\s*(일\s*시)?|담\s*당|책\s*임\s*자|사진\s*(있음|없음)")
DEPARTMENT_RE = re.compile(r"담\s*당\s*부\s*서|담\s*당\s*과(?!\s*장)")
BANNER_MAX_CHARS = 30
SENTENCE_END_RE = re.compile(r"(?:다|요|음|함|임)\s*[.。]\s*$|[.。]\s*[”\"’]?\s*$")
TYPE_AT_END_RE = re.compile(
    r"^(?P<agency>.{2,60}?)\s*[\[<(【]?\s*(?P<type>" + "|".join(DOC_TYPES) + r")\s*[\]>)】]?\s*$"
)


@dataclass
class Front:
    """What the front matter says, and where the body starts."""

    doc_type: str = ""
    timing: Timing = field(default_factory=Timing)
    distributed: Timing = field(default_factory=Timing)
    title: str = ""
    subtitles: list[str] = field(default_factory=list)
    contact_lines: list[str] = field(default_factory=list)
    banner_texts: list[str] = field(default_factory=list)
    notes: list[EditorNote] = field(default_factory=list)
    title_from_table: bool = False
    body_start: int = 0
    title_tail: str = ""  # what a cut of an over-long title left out (recorded as dropped)


def item_lines(item: RawItem) -> list[str]:
    """A paragraph's text, or a table's rows each flattened to one line (merged cells once)."""
    if isinstance(item, RawParagraph):
        return [item.text]
    return [" ".join(dedupe_row(row)) for row in item.table.grid()]


def dedupe_row(row: list[str]) -> list[str]:
    """The distinct non-empty cells of a grid row (a merged cell repeats in the grid)."""
    out: list[str] = []
    for cell in row:
        text = " ".join(cell.split())
        if text and (not out or out[-1] != text):
            out.append(text)
    return out


def read_front(items: list[RawItem], page_title: str = "", page_subtitle: str = "") -> Front:
    """Walk the first items until the body starts, collecting header fields, the title and subtitles."""
    front = Front(title=page_title.strip())
    if page_subtitle:
        front.subtitles = [s.strip(" -") for s in page_subtitle.split("\n") if s.strip(" -")]
    index = 0
    while index < min(len(items), MAX_FRONT_ITEMS):
        item = items[index]
        if _is_body_start(item):
            break
        if _take_header(item, front) or _take_title(item, front) or _skippable(item, front):
            index += 1
            continue
        break
    front.body_start = index
    if front.distributed.date is not None and front.timing.raw and not DATE_IN_TIMING_RE.search(front.timing.raw):
        front.timing = parse_timing(front.timing.raw, front.distributed.date)  # '3. 4.(화) 조간': pin near 배포
    return front


def _is_body_start(item: RawItem) -> bool:
    if not isinstance(item, RawParagraph):
        return False
    text = item.text.strip()
    marked = split_marker(text, item.marker)
    if marked.marker and marked.level in (1, 2) and not SUBTITLE_RE.match(text):
        return True
    return len(text) >= BODY_MIN_CHARS


def _take_header(item: RawItem, front: Front) -> bool:
    """Consume banner, timing and contact lines; True when the item was header matter."""
    lines = item_lines(item)
    found = _take_banner(item, front)
    for line in lines:
        doc_type = detect_doc_type(line)
        if doc_type:
            front.doc_type = front.doc_type or doc_type
            found = True
        note = editor_note(line) if isinstance(item, RawParagraph) or len(lines) == 1 else None
        if note is not None:
            front.notes.append(note)
            found = True
            continue
        fields = parse_timing_line(line)
        if fields.release is not None:
            front.timing = _more_timing(front.timing, fields.release)
            found = True
        if fields.distributed is not None:
            front.distributed = front.distributed if front.distributed.raw else fields.distributed
            found = True
        if is_contact_line(line) or (DEPARTMENT_RE.search(line) and not front.title):
            front.contact_lines.append(line)
            found = True
    if isinstance(item, RawTable) and not found:
        found = all(not line.strip() or LABEL_RE.search(line) or detect_doc_type(line) for line in lines)
    return found


def _more_timing(known: Timing, found: Timing) -> Timing:
    """The first 보도시점 read wins; a second value (온라인 / 지면 rows) is kept in ``raw``, never lost."""
    if not known.raw:
        return found
    if found.raw and found.raw not in known.raw:
        return replace(known, raw=f"{known.raw} / {found.raw}")
    return known


def _take_banner(item: RawItem, front: Front) -> bool:
    """The banner (T1): the type word with the agency beside it, in a table row or one text line."""
    if isinstance(item, RawTable):
        grid = item.table.grid()
        if len(grid) > 2:
            return False
        cells = [" ".join(c.split()) for row in grid for c in dedupe_row(row)]
        if not any(detect_doc_type(c) for c in cells):
            return False
        front.doc_type = front.doc_type or next(detect_doc_type(c) for c in cells if detect_doc_type(c))
        front.banner_texts.extend(c for c in cells if not detect_doc_type(c))
        return True
    text = " ".join(item.text.split())
    label = TIMING_LABEL_RE.search(text)
    text = text[: label.start()].strip() if label and label.start() > 0 else text  # a PDF may join the lines
    if front.title or not text or len("".join(text.split())) > BANNER_MAX_CHARS:
        return False
    if label and detect_doc_type(text):
        front.doc_type = front.doc_type or detect_doc_type(text)
        return True
    typed = TYPE_AT_END_RE.match(text)
    if typed and agency_in_banner(typed.group("agency")):
        front.doc_type = front.doc_type or detect_doc_type(typed.group("type"))
        front.banner_texts.append(typed.group("agency"))
        return True
    if not front.banner_texts and not LABEL_RE.search(text) and _squeeze_agency(text):
        front.banner_texts.append(text)
        return True
    return False


def _squeeze_agency(text: str) -> str:
    """The text without spaces when it is nothing but an agency's name ('해 양 수 산 부'), else ''."""
    squeezed = "".join(text.split())
    return squeezed if agency_in_banner(text) == squeezed else ""


def _take_title(item: RawItem, front: Front) -> bool:
    """The first title-like paragraph or single-column table; then subtitles and a second title line."""
    if isinstance(item, RawTable):
        return _title_from_table(item, front)
    text = item.text.strip()
    subtitle = SUBTITLE_RE.match(text)
    if front.title:
        if subtitle and subtitle.group("text").strip() in front.subtitles:
            return True
        if subtitle and len(front.subtitles) < 3:
            front.subtitles.append(subtitle.group("text").strip())
            return True
        if not front.subtitles and not front.title_from_table and _second_title_line(text, front.title):
            front.title = f"{front.title} {text}"
            return True
        return False
    if subtitle or boilerplate.is_boilerplate(text):
        return False
    if len(text) > TITLE_MAX_CHARS:
        return _take_long_title(text, front)
    front.title = text
    return True


def _take_long_title(text: str, front: Front) -> bool:
    """A long first line that is no sentence and no bullet is the title, cut at a safe point."""
    if split_marker(text).marker or SENTENCE_END_RE.search(text) or len(text) > LONG_TITLE_MAX_CHARS:
        return False
    front.title = cut_title(text, TITLE_MAX_CHARS)
    front.title_tail = text[len(front.title) :].strip()
    return True


def _title_from_table(item: RawTable, front: Front) -> bool:
    grid = item.table.grid()
    cells = list(dict.fromkeys(cell for row in grid for cell in row if cell.strip()))
    if front.title or not cells or (len(grid[0]) > 2 and len(dedupe_row(grid[0])) > 1):
        return False
    lines = [line.strip() for cell in cells for line in cell.split("\n") if line.strip()]
    title_lines = [line for line in lines if not SUBTITLE_RE.match(line)]
    if (
        not title_lines
        or any(LABEL_RE.search(line) for line in title_lines)
        or len(" ".join(title_lines)) > 2 * TITLE_MAX_CHARS
    ):
        return False
    if any(split_marker(line).marker in ("□", "ㅇ", "○") for line in title_lines):
        return False
    front.title = " ".join(title_lines)
    front.title_from_table = True
    front.subtitles.extend(m.group("text").strip() for m in map(SUBTITLE_RE.match, lines) if m)
    return True


def _second_title_line(text: str, first: str) -> bool:
    if not text or SUBTITLE_RE.match(text) or split_marker(text).marker or len(text) > SECOND_TITLE_LINE_MAX:
        return False
    if SENTENCE_END_RE.search(text):
        return False  # a finished sentence is the body's first line, not the title's second (family D)
    return not first.endswith((".", "다")) and len(first) <= SECOND_TITLE_LINE_MAX + 10


def _skippable(item: RawItem, front: Front) -> bool:
    """Empty or boilerplate paragraphs before the title."""
    if isinstance(item, RawTable):
        return False
    text = item.text.strip()
    return not text or (boilerplate.is_boilerplate(text) and not front.title)
