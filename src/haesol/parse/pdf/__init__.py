"""PDF parser: the text layer through PDFium, rejoined into paragraphs, with ruled tables."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from haesol.errors import ImageOnlyPdfError, ParseError, ProtectedDocumentError
from haesol.models import Dropped, RawDocument, RawItem, RawParagraph, RawTable, Table, TableCell
from haesol.parse.parser import FormatParser
from haesol.parse.pdf.furniture import PageLines, find_furniture
from haesol.parse.pdf.paragraphs import (
    Frame,
    Paragraph,
    TextStyle,
    build_paragraphs,
    column_frame,
    join_across_pages,
    measure_style,
    undecided_join,
)
from haesol.parse.pdf.tables import CellBox, GridTable, find_tables
from haesol.parse.pdf.text_lines import Char, TextLine, group_lines, read_chars, read_segments

if TYPE_CHECKING:
    from pypdfium2 import PdfDocument

LOGGER = logging.getLogger(__name__)

MAX_PAGES = 500
MAX_PADDING = 6.0  # pt of inner padding assumed at most for framed boxes and cells
# PDFium is not thread-safe: one document at a time per process.
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class _Page:
    """What one page yields before layout analysis: characters and ruled regions."""

    height: float
    flow: tuple[TextLine, ...]
    boxes: tuple[GridTable, ...]
    tables: tuple[tuple[GridTable, dict[CellBox, list[TextLine]]], ...]
    char_count: int


class PdfParser(FormatParser):
    """Read the text layer of a PDF in reading order: paragraphs and ruled tables."""

    format = "pdf"

    def parse(self, data: bytes, source: str = "") -> RawDocument:
        """Parse PDF bytes.

        Args:
            data: the whole file.
            source: a path or label for messages.

        Returns:
            Paragraphs and tables in reading order, without page headers, footers and numbers.

        Raises:
            ProtectedDocumentError: the PDF needs a password.
            ImageOnlyPdfError: no page has a text layer.
            ParseError: the file is corrupt or truncated beyond repair.
        """
        pages, skipped = _read_pages(data, source)
        if pages and not any(page.char_count for page in pages):
            raise ImageOnlyPdfError(source=source)
        items, dropped = _assemble(pages)
        if skipped:
            dropped.append(Dropped(f"{skipped} pages", f"page limit ({MAX_PAGES})"))
        return RawDocument(items=tuple(items), format=self.format, dropped=tuple(dropped))


# ---------------------------------------------------------------------------
# 1. read pages through PDFium
# ---------------------------------------------------------------------------


def _read_pages(data: bytes, source: str) -> tuple[list[_Page], int]:
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise _open_error(exc, source) from exc
        try:
            total = len(document)
            pages = [_read_page(document, index) for index in range(min(total, MAX_PAGES))]
        except pdfium.PdfiumError as exc:
            raise ParseError("PDF", f"페이지를 읽을 수 없음 (unreadable page: {exc})", source=source) from exc
        finally:
            document.close()
    return pages, max(0, total - MAX_PAGES)


def _open_error(exc: Exception, source: str) -> Exception:
    import pypdfium2.raw as pdfium_c

    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return ProtectedDocumentError("암호가 걸린", "password-protected PDF", source=source)
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return ProtectedDocumentError(
            "지원하지 않는 방식으로 암호화된", "PDF with an unsupported security handler", source=source
        )
    return ParseError("PDF", f"손상된 PDF (corrupt or truncated PDF: {exc})", source=source)


def _read_page(document: PdfDocument, index: int) -> _Page:
    page = document[index]
    try:
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            chars = read_chars(textpage.raw, height)
        finally:
            textpage.close()
        grids = find_tables(read_segments(page.raw, height), chars)
    finally:
        page.close()
    return _split_regions(height, chars, grids)


def _split_regions(height: float, chars: list[Char], grids: list[GridTable]) -> _Page:
    tables = [grid for grid in grids if not grid.is_box]
    cell_chars: dict[int, dict[CellBox, list[Char]]] = {i: {} for i in range(len(tables))}
    flow: list[Char] = []
    for char in chars:
        placed = _place(char, tables)
        if placed is None:
            flow.append(char)
        else:
            cell_chars[placed[0]].setdefault(placed[1], []).append(char)
    cell_lines = tuple(
        (table, {cell: group_lines(found) for cell, found in cell_chars[i].items()}) for i, table in enumerate(tables)
    )
    boxes = tuple(grid for grid in grids if grid.is_box)
    return _Page(height, tuple(group_lines(flow)), boxes, cell_lines, len(chars))


def _place(char: Char, tables: list[GridTable]) -> tuple[int, CellBox] | None:
    x, y = char.centre_x, char.centre_y
    for index, table in enumerate(tables):
        if table.contains(x, y):
            cell = table.cell_at(x, y)
            if cell is not None:
                return index, cell
    return None


# ---------------------------------------------------------------------------
# 2. drop furniture, rejoin lines, order paragraphs and tables
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """One item of a page and its top edge: a paragraph, or a table with its cells' paragraphs."""

    top: float
    paragraph: Paragraph | None = None
    in_flow: bool = False
    table: GridTable | None = None
    cells: dict[CellBox, list[Paragraph]] = field(default_factory=dict)

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph of the entry."""
        if self.paragraph is not None:
            yield self.paragraph
        for found in self.cells.values():
            yield from found


def _assemble(pages: list[_Page]) -> tuple[list[RawItem], list[Dropped]]:
    # 1. page furniture, 2. document measurements, 3. paragraphs per page, 4. text
    drop, dropped = find_furniture([PageLines(page.height, page.flow) for page in pages])
    kept = [
        [line for line_no, line in enumerate(page.flow) if (page_no, line_no) not in drop]
        for page_no, page in enumerate(pages)
    ]
    column_lines = [
        line for page, lines in zip(pages, kept, strict=False) for line in lines if _box_of(line, page.boxes) is None
    ]
    cell_lines = [line for page in pages for _, cells in page.tables for found in cells.values() for line in found]
    frame = column_frame(column_lines)
    style = measure_style(column_lines, frame, [line for lines in kept for line in lines] + cell_lines)
    entries: list[_Entry] = []
    for page, lines in zip(pages, kept, strict=False):
        page_entries = sorted(_page_entries(page, lines, frame, style), key=lambda entry: entry.top)
        if entries and page_entries:
            _carry_over(entries[-1], page_entries[0], frame, style)
        entries.extend(page_entries)
    join = undecided_join((p for entry in entries for p in entry.paragraphs()), style)
    items = [_entry_item(entry, join) for entry in entries]
    return [item for item in items if item is not None], dropped


def _carry_over(previous: _Entry, first: _Entry, frame: Frame, style: TextStyle) -> None:
    """Join a paragraph cut by a page break into the paragraph it continues."""
    if not (previous.in_flow and first.in_flow) or previous.paragraph is None or first.paragraph is None:
        return
    join = join_across_pages(previous.paragraph, first.paragraph, frame, style)
    if join is not None:
        previous.paragraph.extend(first.paragraph, join)
        first.paragraph = None


def _entry_item(entry: _Entry, join: str) -> RawItem | None:
    if entry.table is not None:
        return _build_table(entry.table, entry.cells, join)
    text = entry.paragraph.text(join) if entry.paragraph is not None else ""
    return RawParagraph(text) if text else None


def _page_entries(page: _Page, lines: list[TextLine], frame: Frame, style: TextStyle) -> Iterator[_Entry]:
    regions: dict[int, list[TextLine]] = {}
    for line in lines:
        box = _box_of(line, page.boxes)
        regions.setdefault(-1 if box is None else box, []).append(line)
    for key, region in regions.items():
        region_frame = frame if key == -1 else _inner_frame(page.boxes[key], region)
        for paragraph in build_paragraphs(region, region_frame, style):
            yield _Entry(paragraph.top, paragraph, in_flow=key == -1)
    for table, cells in page.tables:
        paragraphs = {cell: build_paragraphs(found, _inner_frame(cell, found), style) for cell, found in cells.items()}
        yield _Entry(table.top, table=table, cells=paragraphs)


def _inner_frame(box: GridTable | CellBox, lines: Sequence[TextLine]) -> Frame:
    """The text area of a box or cell: its edges less the padding seen on the left (at most 6 pt)."""
    padding = max(0.0, min(MAX_PADDING, min(line.x0 for line in lines) - box.x0))
    return Frame(box.x0 + padding, box.x1 - padding, strict=isinstance(box, CellBox))


def _box_of(line: TextLine, boxes: Sequence[GridTable]) -> int | None:
    x, y = line.centre_x, (line.top + line.bottom) / 2
    inside = [i for i, box in enumerate(boxes) if box.contains(x, y)]
    if not inside:
        return None
    return min(inside, key=lambda i: (boxes[i].x1 - boxes[i].x0) * (boxes[i].bottom - boxes[i].top))


def _build_table(table: GridTable, cells: dict[CellBox, list[Paragraph]], join: str) -> RawTable | None:
    starts = sorted({cell.row for cell in table.cells})
    rows: dict[int, list[TableCell]] = {}
    for cell in table.cells:
        text = "\n".join(t for t in (p.text(join) for p in cells.get(cell, [])) if t)
        # grid rows in which no cell starts are folded away, so spans count only real rows
        span = sum(1 for row in starts if cell.row <= row < cell.row + cell.row_span)
        rows.setdefault(cell.row, []).append(TableCell(text, span, cell.col_span))
    if not any(cell.text for row in rows.values() for cell in row):
        return None
    return RawTable(Table(rows=tuple(tuple(rows[r]) for r in starts)))
