"""Walk one HWPX section in reading order: paragraphs, tables, notes and text boxes; drop page furniture."""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field

from lxml import etree

from haesol.models import Dropped, RawItem, RawParagraph, RawTable, Table, TableCell
from haesol.parse.hwpx.heads import Head, HeadNumberer
from haesol.parse.markers import normalize_spaces

LOGGER = logging.getLogger(__name__)

MAX_DEPTH = 24
MAX_SPAN = 1_000
DROP_TEXT_CHARS = 60
NOTE_MARKER = "*"
SHAPES = frozenset({"rect", "ellipse", "polygon", "arc", "curve", "line", "connectLine", "textart"})
EMBEDDED_OBJECTS = {"pic": "image", "ole": "embedded object", "video": "video", "chart": "chart"}
OBJECT_LABELS = {
    "pic": "그림",
    "ole": "OLE 개체",
    "video": "동영상",
    "chart": "차트",
    "header": "머리말",
    "footer": "꼬리말",
}
INLINE_SPACES = {"tab": " ", "fwSpace": " ", "nbSpace": " ", "hyphen": "-", "lineBreak": "\n"}
NUMBERED_OBJECTS = frozenset({"PICTURE", "TABLE", "EQUATION"})
CONTROL_CHARS_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
PRIVATE_USE_RE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U0010ffff]")
PLACEHOLDER_RE = re.compile(
    r"^\s*(?:(?:그림|사진|도형|다각형|사각형|타원|선|묶음 개체|글상자)입니다\.?"
    r"|원본 그림의 (?:이름|크기)\s*:.*|사진 찍은 날짜\s*:.*|프로그램 이름\s*:.*)\s*$"
)

_LOCAL_NAMES: dict[str, str] = {}


def local_name(element: etree._Element) -> str:
    """The tag name without its namespace; '' for comments, entities and processing instructions."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rpartition("}")[2]
    return name


def clean_text(raw: str) -> str:
    """Normalise paragraph text: odd spaces and tabs to ' ', no control characters, no trailing spaces.

    Args:
        raw: text as joined from the runs, with line breaks as '\n'.

    Returns:
        The text with its leading spaces kept, or '' when nothing but spaces is left.
    """
    text = normalize_spaces(raw.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    text = CONTROL_CHARS_RE.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return text if text.strip() else ""


def flatten_table(table: Table) -> str:
    """A nested table as text: rows joined by newlines, cells by ' | '."""
    rows = (" | ".join(cell.text.replace("\n", " ") for cell in row) for row in table.rows)
    return "\n".join(row for row in rows if row.strip(" |"))


@dataclass(slots=True)
class _Flow:
    """One paragraph being read: its head, text so far, items emitted and items waiting for the text."""

    head: Head
    parts: list[str] = field(default_factory=list)
    items: list[RawItem] = field(default_factory=list)
    deferred: list[RawItem] = field(default_factory=list)
    head_used: bool = False


class SectionWalker:
    """Turns section XML into RawParagraph/RawTable items, recording what it drops."""

    def __init__(self, numberer: HeadNumberer, dropped: list[Dropped]) -> None:
        self.numberer = numberer
        self.dropped = dropped
        self._notes: list[RawItem] = []

    def walk(self, root: etree._Element) -> list[RawItem]:
        """Read one section in reading order; pictures and page furniture go to ``dropped``.

        Args:
            root: the parsed section XML (``hs:sec``).

        Returns:
            Paragraphs and tables; notes and text boxes right after the paragraph that anchors them.
        """
        sec_pr = next(root.iter("{*}secPr"), None)
        self.numberer.start_section(sec_pr.get("outlineShapeIDRef") if sec_pr is not None else None)
        items: list[RawItem] = []
        for paragraph in root.iterchildren("{*}p"):
            items.extend(self._paragraph(paragraph, 0))
        return items

    # -- paragraphs ---------------------------------------------------------------------------

    def _paragraph(self, paragraph: etree._Element, depth: int) -> list[RawItem]:
        flow = _Flow(self.numberer.head_for(paragraph.get("paraPrIDRef")))
        for child in paragraph:
            name = local_name(child)
            if name == "run":
                self._inline(child, flow, depth)
            elif name == "switch":
                self._switch(child, flow, depth)
        self._flush(flow, depth)
        return flow.items

    def _inline(self, container: etree._Element, flow: _Flow, depth: int) -> None:
        for child in container:
            name = local_name(child)
            if name == "t":
                flow.parts.append(self._t_text(child))
            elif name == "tbl":
                self._flush(flow, depth)
                flow.items.append(RawTable(self._table(child, depth + 1)))
                if depth == 0:
                    flow.items.extend(self._drain_notes())
            elif name in ("ctrl", "run"):
                self._inline(child, flow, depth)
            elif name == "switch":
                self._switch(child, flow, depth)
            else:
                self._control(child, name, flow, depth)

    def _control(self, element: etree._Element, name: str, flow: _Flow, depth: int) -> None:
        if name in ("footNote", "endNote"):
            self._note(element, depth)
        elif name in ("header", "footer"):
            self._drop(self._plain_text(element) or OBJECT_LABELS[name], f"page {name}")
        elif name == "pageNum":
            self._drop("쪽 번호", "page number")
        elif name == "autoNum":
            self._auto_number(element, flow)
        elif name == "hiddenComment":
            self._drop_if_text(element, "hidden comment")
        elif name == "compose":
            self._compose(element, flow)
        elif name == "dutmal":
            flow.parts.append("".join(self._t_text(main) for main in element.iterchildren("{*}mainText")))
        elif name in EMBEDDED_OBJECTS:
            self._embedded(element, name, flow, depth)
        elif name == "equation":
            self._drop(element.findtext("{*}script") or "수식", "equation")
        elif name == "container":
            self._inline_group(element, flow, depth)
        elif name in SHAPES:
            self._shape(element, flow, depth)

    def _switch(self, element: etree._Element, flow: _Flow, depth: int) -> None:
        branch = element.find("{*}default")
        if branch is None:
            branch = element.find("{*}case")
        if branch is not None:
            self._inline(branch, flow, depth)

    def _flush(self, flow: _Flow, depth: int) -> None:
        text = clean_text("".join(flow.parts))
        flow.parts.clear()
        if text and PLACEHOLDER_RE.match(text):
            self._drop(text, "picture placeholder")
        elif text:
            flow.items.append(self._make_paragraph(text, flow))
        flow.items.extend(flow.deferred)
        flow.deferred.clear()
        if depth == 0:
            flow.items.extend(self._drain_notes())

    @staticmethod
    def _make_paragraph(text: str, flow: _Flow) -> RawParagraph:
        if flow.head_used:
            return RawParagraph(text)
        flow.head_used = True
        head = flow.head
        return RawParagraph(text, marker=head.marker, level=head.level, is_heading=head.is_heading)

    @staticmethod
    def _t_text(element: etree._Element) -> str:
        parts = [element.text or ""]
        for child in element:
            parts.append(INLINE_SPACES.get(local_name(child), ""))
            parts.append(child.tail or "")
        return "".join(parts)

    # -- tables -------------------------------------------------------------------------------

    def _table(self, table: etree._Element, depth: int) -> Table:
        rows = tuple(self._row(row, depth) for row in table.iterchildren("{*}tr"))
        caption = table.find("{*}caption")
        caption_text = "\n".join(self._lines(self._sublist(caption, depth))) if caption is not None else ""
        return Table(rows=tuple(row for row in rows if row), caption=caption_text)

    def _row(self, row: etree._Element, depth: int) -> tuple[TableCell, ...]:
        cells = [self._cell(cell, depth) for cell in row.iterchildren("{*}tc")]
        if all(column is not None for column, _ in cells):
            cells.sort(key=lambda pair: pair[0] or 0)
        return tuple(cell for _, cell in cells)

    def _cell(self, cell: etree._Element, depth: int) -> tuple[int | None, TableCell]:
        parts = {local_name(child): child for child in cell}
        span = parts.get("cellSpan")
        row_span = _span(span.get("rowSpan") if span is not None else None)
        col_span = _span(span.get("colSpan") if span is not None else None)
        address = parts.get("cellAddr")
        column = _number(address.get("colAddr") if address is not None else None)
        text = "\n".join(self._lines(self._paragraphs(parts.get("subList"), depth)))
        return column, TableCell(text, row_span, col_span)

    def _lines(self, items: list[RawItem]) -> list[str]:
        lines: list[str] = []
        for item in items:
            if isinstance(item, RawTable):
                lines.append(flatten_table(item.table))
            elif item.marker:
                lines.append(f"{item.marker} {item.text.lstrip()}")
            else:
                lines.append(item.text)
        return [line for line in lines if line]

    def _sublist(self, element: etree._Element, depth: int) -> list[RawItem]:
        return self._paragraphs(next(element.iterchildren("{*}subList"), None), depth)

    def _paragraphs(self, sublist: etree._Element | None, depth: int) -> list[RawItem]:
        if sublist is None:
            return []
        if depth > MAX_DEPTH:
            self._drop(self._plain_text(sublist), "nested too deep")
            return []
        items: list[RawItem] = []
        for paragraph in sublist.iterchildren("{*}p"):
            items.extend(self._paragraph(paragraph, depth))
        return items

    # -- notes, text boxes, pictures ----------------------------------------------------------------

    def _note(self, element: etree._Element, depth: int) -> None:
        text = "\n".join(self._lines(self._sublist(element, depth + 1)))
        if text:
            self._notes.append(RawParagraph(text, marker=NOTE_MARKER))

    def _drain_notes(self) -> list[RawItem]:
        notes, self._notes = self._notes, []
        return notes

    def _shape(self, element: etree._Element, flow: _Flow, depth: int) -> None:
        draw_text = element.find("{*}drawText")
        if draw_text is not None:
            flow.deferred.extend(self._sublist(draw_text, depth + 1))
        self._caption(element, flow, depth)

    def _inline_group(self, element: etree._Element, flow: _Flow, depth: int) -> None:
        for child in element:
            name = local_name(child)
            if name in SHAPES or name in EMBEDDED_OBJECTS or name == "container":
                self._control(child, name, flow, depth)
        self._caption(element, flow, depth)

    def _embedded(self, element: etree._Element, name: str, flow: _Flow, depth: int) -> None:
        comment = element.find("{*}shapeComment")
        label = (comment.text or "").strip().split("\n")[0] if comment is not None else ""
        self._drop(label or OBJECT_LABELS[name], EMBEDDED_OBJECTS[name])
        self._caption(element, flow, depth)

    def _caption(self, element: etree._Element, flow: _Flow, depth: int) -> None:
        caption = element.find("{*}caption")
        if caption is None:
            return
        for item in self._sublist(caption, depth + 1):
            if isinstance(item, RawParagraph):
                item = dataclasses.replace(item, is_caption=True)
            flow.deferred.append(item)

    # -- small inline controls ------------------------------------------------------------------

    def _auto_number(self, element: etree._Element, flow: _Flow) -> None:
        kind = element.get("numType", "").upper()
        if kind in NUMBERED_OBJECTS:
            flow.parts.append(element.get("num", ""))
        elif kind in ("PAGE", "TOTAL_PAGE"):
            self._drop("쪽 번호", "page number")

    def _compose(self, element: etree._Element, flow: _Flow) -> None:
        composed = element.get("composeText", "")
        readable = PRIVATE_USE_RE.sub("", composed)
        if readable != composed:
            self._drop(f"글자 겹치기 {composed!a}", "composed glyph in private-use characters")
        flow.parts.append(readable)

    def _drop_if_text(self, element: etree._Element, reason: str) -> None:
        text = self._plain_text(element)
        if text:
            self._drop(text, reason)

    def _drop(self, text: str, reason: str) -> None:
        short = " ".join(text.split())
        if len(short) > DROP_TEXT_CHARS:
            short = short[: DROP_TEXT_CHARS - 1] + "…"
        self.dropped.append(Dropped(short, reason))

    @classmethod
    def _plain_text(cls, element: etree._Element) -> str:
        lines = (clean_text(cls._t_text(t)) for t in element.iter("{*}t"))
        return " / ".join(line for line in lines if line)


def _number(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _span(value: str | None) -> int:
    number = _number(value)
    return 1 if number is None else min(max(number, 1), MAX_SPAN)
