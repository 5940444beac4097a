"""HWP BodyText: paragraphs, tables, notes and text boxes of a record tree, in reading order."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from haesol.models import Dropped, RawItem, RawParagraph, RawTable, Table, TableCell
from haesol.parse.hwp.chars import clean_text, decode_para_text
from haesol.parse.hwp.docinfo import Head, HeadNumberer
from haesol.parse.hwp.recordio import (
    TAG_CHART_DATA,
    TAG_CTRL_HEADER,
    TAG_EQEDIT,
    TAG_LIST_HEADER,
    TAG_OLE,
    TAG_PARA_HEADER,
    TAG_PARA_TEXT,
    TAG_PICTURE,
    TAG_SHAPE_COMPONENT,
    TAG_TABLE,
    TAG_VIDEO_DATA,
    Record,
    ctrl_id,
    u16,
    wide_string,
)

LOGGER = logging.getLogger(__name__)

MAX_DEPTH = 24
MAX_TABLE_ROWS = 10_000
DROP_TEXT_CHARS = 80
PARA_SHAPE_OFFSET = 8
CELL_ADDRESS_OFFSET = 8
SECTION_OUTLINE_OFFSET = 18
NOTE_MARKER = "*"
OBJECT_KINDS = {
    TAG_PICTURE: "그림 (picture)",
    TAG_OLE: "OLE 개체 (embedded object)",
    TAG_CHART_DATA: "차트 (chart)",
    TAG_VIDEO_DATA: "동영상 (video)",
}
DROPPED_LISTS = {
    "head": "머리말 (page header)",
    "foot": "꼬리말 (page footer)",
    "tcmt": "숨은 설명 (hidden comment)",
    "secd": "바탕쪽 (master page)",
}


@dataclass(slots=True)
class BodyReader:
    """Walks the record trees of the BodyText sections and collects items and drops."""

    numberer: HeadNumberer
    items: list[RawItem] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    _notes: list[RawParagraph] = field(default_factory=list)

    def read_section(self, roots: list[Record]) -> None:
        """Append the items of one section; notes follow the top-level paragraph that anchors them."""
        for record in roots:
            if record.tag != TAG_PARA_HEADER:
                continue
            self.items.extend(self.paragraph(record, 0))
            if self._notes:
                self.items.extend(self._notes)
                self._notes.clear()

    def paragraph(self, record: Record, depth: int) -> list[RawItem]:
        """The items of one paragraph: its text, split where a table or text box is anchored."""
        text_payload = b""
        controls: list[Record] = []
        for child in record.children:
            if child.tag == TAG_PARA_TEXT:
                text_payload = child.payload
            elif child.tag == TAG_CTRL_HEADER:
                controls.append(child)
        builder = _ParagraphBuilder(self.numberer.head(u16(record.payload, PARA_SHAPE_OFFSET)))
        paired: set[int] = set()
        for token in decode_para_text(text_payload):
            if isinstance(token, str):
                builder.add_text(token)
            elif token < len(controls):
                paired.add(token)
                self._place_control(controls[token], depth, builder)
        for index, control in enumerate(controls):
            if index not in paired:
                self._place_control(control, depth, builder)
        return builder.finish()

    def _place_control(self, control: Record, depth: int, builder: _ParagraphBuilder) -> None:
        kind = ctrl_id(control)
        if kind == "tbl ":
            builder.add_objects(self.table(control, depth))
        elif kind == "gso ":
            builder.add_objects(self.drawing(control, depth))
        elif kind in ("fn  ", "en  "):
            self._note(control, depth)
        elif kind in ("tcps", "tdut"):  # overlapped characters, 덧말: their main text reads inline
            builder.add_text(wide_string(control.payload, 4))
        elif kind == "secd":
            self.numberer.outline_id = u16(control.payload, SECTION_OUTLINE_OFFSET, 1) or 1
            self._drop_list(control, depth, DROPPED_LISTS[kind])
        elif kind in DROPPED_LISTS:
            self._drop_list(control, depth, DROPPED_LISTS[kind])
        elif kind == "pgnp":
            self.dropped.append(Dropped("쪽 번호", "쪽 번호 (page number)"))
        elif kind == "eqed":
            self.dropped.append(Dropped("수식", "수식 (equation)"))

    def list_items(self, records: list[Record], depth: int) -> list[RawItem]:
        """The items of the paragraphs among ``records`` (a paragraph list of a cell, note or box)."""
        items: list[RawItem] = []
        if depth >= MAX_DEPTH:
            self.dropped.append(Dropped("…", "너무 깊이 중첩된 개체 (nesting too deep)"))
            return items
        for record in records:
            if record.tag == TAG_PARA_HEADER:
                items.extend(self.paragraph(record, depth + 1))
        return items

    def table(self, control: Record, depth: int) -> list[RawItem]:
        """A table control as one RawTable, its cells in row order with their spans."""
        caption: list[Record] = []
        cells: list[tuple[Record, list[Record]]] = []
        seen_table = False
        for child in control.children:
            if child.tag == TAG_TABLE:
                seen_table = True
            elif child.tag == TAG_LIST_HEADER and seen_table:
                cells.append((child, []))
            elif child.tag == TAG_PARA_HEADER:
                (cells[-1][1] if cells else caption).append(child)
        placed = [self._cell(header, paragraphs, depth) for header, paragraphs in cells]
        if not placed:
            return []
        caption_text = items_text(self.list_items(caption, depth))
        return [RawTable(Table(rows=_rows(placed), caption=caption_text))]

    def _cell(self, header: Record, paragraphs: list[Record], depth: int) -> tuple[int, int, TableCell]:
        payload = header.payload
        col, row = u16(payload, CELL_ADDRESS_OFFSET), u16(payload, CELL_ADDRESS_OFFSET + 2)
        col_span = max(u16(payload, CELL_ADDRESS_OFFSET + 4, 1), 1)
        row_span = max(u16(payload, CELL_ADDRESS_OFFSET + 6, 1), 1)
        text = items_text(self.list_items(paragraphs, depth))
        return row, col, TableCell(text, row_span=row_span, col_span=col_span)

    def drawing(self, control: Record, depth: int) -> list[RawItem]:
        """A drawing object: the text of its text boxes, then its caption; pictures are dropped."""
        captions: list[Record] = []
        body: list[RawItem] = []
        for child in control.children:
            if child.tag == TAG_PARA_HEADER:
                captions.append(child)
            elif child.tag == TAG_SHAPE_COMPONENT:
                body.extend(self._shape(child, depth + 1))
        for item in self.list_items(captions, depth):
            body.append(
                RawParagraph(item.text, item.marker, item.level, is_caption=True, is_heading=item.is_heading)
                if isinstance(item, RawParagraph)
                else item
            )
        return body

    def _shape(self, shape: Record, depth: int) -> list[RawItem]:
        items: list[RawItem] = []
        paragraphs = [child for child in shape.children if child.tag == TAG_PARA_HEADER]
        if paragraphs:
            items.extend(self.list_items(paragraphs, depth))
        for child in shape.children:
            if child.tag in OBJECT_KINDS:
                self.dropped.append(Dropped(OBJECT_KINDS[child.tag].split(" ")[0], OBJECT_KINDS[child.tag]))
            elif child.tag == TAG_EQEDIT:
                self.dropped.append(Dropped("수식", "수식 (equation)"))
            elif child.tag == TAG_SHAPE_COMPONENT and depth < MAX_DEPTH:
                items.extend(self._shape(child, depth + 1))
        return items

    def _note(self, control: Record, depth: int) -> None:
        text = items_text(self.list_items(control.children, depth)).strip()
        if text:
            self._notes.append(RawParagraph(text, marker=NOTE_MARKER))

    def _drop_list(self, control: Record, depth: int, reason: str) -> None:
        text = items_text(self.list_items(control.children, depth)).strip()
        if text:
            self.dropped.append(Dropped(_short(text), reason))


@dataclass(slots=True)
class _ParagraphBuilder:
    """Gathers a paragraph's text and cuts it where an object (table, text box) sits in the flow."""

    head: Head
    items: list[RawItem] = field(default_factory=list)
    _buffer: list[str] = field(default_factory=list)

    def add_text(self, text: str) -> None:
        self._buffer.append(text)

    def add_objects(self, objects: list[RawItem]) -> None:
        if objects:
            self._flush()
            self.items.extend(objects)

    def finish(self) -> list[RawItem]:
        self._flush()
        return self.items

    def _flush(self) -> None:
        text = clean_text("".join(self._buffer))
        self._buffer.clear()
        if text.strip():
            head = self.head
            self.items.append(RawParagraph(text, marker=head.marker, level=head.level, is_heading=head.is_heading))
            self.head = Head(level=head.level, is_heading=head.is_heading)


def _rows(placed: list[tuple[int, int, TableCell]]) -> tuple[tuple[TableCell, ...], ...]:
    by_row: dict[int, list[tuple[int, TableCell]]] = {}
    for row, col, cell in placed:
        by_row.setdefault(row, []).append((col, cell))
    last = max(by_row)
    indexes = range(last + 1) if last < MAX_TABLE_ROWS else sorted(by_row)
    return tuple(tuple(cell for _, cell in sorted(by_row.get(r, []), key=lambda pair: pair[0])) for r in indexes)


def items_text(items: list[RawItem]) -> str:
    """Flatten items into text: paragraphs (with their markers) by line, a nested table row by row."""
    lines: list[str] = []
    for item in items:
        if isinstance(item, RawParagraph):
            lines.append(f"{item.marker} {item.text}" if item.marker else item.text)
        else:
            if item.table.caption:
                lines.append(item.table.caption)
            lines.extend(" | ".join(" ".join(cell.text.split("\n")) for cell in row) for row in item.table.rows)
    return "\n".join(lines)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= DROP_TEXT_CHARS else flat[: DROP_TEXT_CHARS - 1] + "…"
