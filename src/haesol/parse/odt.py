"""ODT parser: content.xml headings, paragraphs, lists (with levels) and tables in document order."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from haesol.errors import ParseError, ProtectedDocumentError
from haesol.models import Dropped, RawDocument, RawItem, RawParagraph, RawTable, Table, TableCell
from haesol.parse.markers import clean_text
from haesol.parse.numbering import format_word_number
from haesol.parse.parser import FormatParser
from haesol.parse.safety import SafeZip, parse_xml

LOGGER = logging.getLogger(__name__)

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
CAPTION_STYLES = frozenset({"caption", "illustration", "figure", "drawing", "table", "캡션"})
MAX_DEPTH = 8
MAX_REPEAT = 1_000  # rows or cells a single repeat attribute may stand for


def q(prefix: str, tag: str) -> str:
    """Clark name of an ODF tag."""
    return f"{{{NS[prefix]}}}{tag}"


TEXT_P, TEXT_H, TEXT_LIST, TABLE = q("text", "p"), q("text", "h"), q("text", "list"), q("table", "table")
CONTAINERS = frozenset({q("text", "section"), q("text", "index-body"), q("text", "table-of-content")})
SKIPPED_INLINE = frozenset(
    {q("text", "note"), q("office", "annotation"), q("text", "tracked-changes"), q("office", "annotation-end")}
)


class OdtParser(FormatParser):
    """Read an OpenDocument text file without a third-party ODF library."""

    format = "odt"

    def parse(self, data: bytes, source: str = "") -> RawDocument:
        """Parse ODT bytes.

        Args:
            data: the whole file.
            source: a path or label for messages.

        Returns:
            Body paragraphs and tables in document order.

        Raises:
            ProtectedDocumentError: content.xml is encrypted.
            ParseError: the file is corrupt, truncated, a zip bomb or carries a DTD.
        """
        package = SafeZip(data, "ODT", source)
        _check_encryption(package, source)
        content = _read_xml(package, "content.xml", source)
        styles = _read_xml(package, "styles.xml", source) if "styles.xml" in package.names else None
        reader = _Reader(_StyleIndex.of(content, styles))
        body = content.find(f"{q('office', 'body')}/{q('office', 'text')}")
        items = [] if body is None else list(reader.blocks(body, 0))
        dropped = reader.dropped + _furniture(styles)
        return RawDocument(items=tuple(items), format=self.format, dropped=tuple(dropped))


def _check_encryption(package: SafeZip, source: str) -> None:
    if "META-INF/manifest.xml" not in package.names:
        return
    manifest = _read_xml(package, "META-INF/manifest.xml", source)
    for entry in manifest.iter(q("manifest", "file-entry")):
        if entry.find(q("manifest", "encryption-data")) is not None:
            raise ProtectedDocumentError("암호가 걸린", "password-protected ODT", source=source)


def _read_xml(package: SafeZip, name: str, source: str) -> etree._Element:
    raw = package.read(name)
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise ParseError("ODT", f"DTD 선언이 있는 XML (XML with a DTD: {name})", source=source)
    return parse_xml(raw, "ODT", source)


@dataclass(frozen=True, slots=True)
class _ListLevel:
    bullet: str = ""
    num_format: str = ""
    prefix: str = ""
    suffix: str = ""


@dataclass(slots=True)
class _StyleIndex:
    """Paragraph style parents (to spot captions) and list styles (for markers)."""

    parents: dict[str, str] = field(default_factory=dict)
    lists: dict[str, dict[int, _ListLevel]] = field(default_factory=dict)

    @classmethod
    def of(cls, *roots: etree._Element | None) -> _StyleIndex:
        index = cls()
        for root in roots:
            if root is None:
                continue
            for style in root.iter(q("style", "style")):
                index.parents[style.get(q("style", "name"), "")] = style.get(q("style", "parent-style-name"), "")
            for list_style in root.iter(q("text", "list-style")):
                index.lists[list_style.get(q("style", "name"), "")] = _list_levels(list_style)
        return index

    def is_caption(self, style_name: str) -> bool:
        """Whether the style, or a style it derives from, is a caption style."""
        for _ in range(10):
            if style_name.replace("_20_", " ").strip().lower() in CAPTION_STYLES:
                return True
            style_name = self.parents.get(style_name, "")
            if not style_name:
                return False
        return False


def _list_levels(list_style: etree._Element) -> dict[int, _ListLevel]:
    levels: dict[int, _ListLevel] = {}
    for level_style in list_style:
        level = level_style.get(q("text", "level"), "")
        if not level.isdigit():
            continue
        if level_style.tag == q("text", "list-level-style-bullet"):
            levels[int(level)] = _ListLevel(bullet=level_style.get(q("text", "bullet-char"), ""))
        elif level_style.tag == q("text", "list-level-style-number"):
            levels[int(level)] = _ListLevel(
                num_format=level_style.get(q("style", "num-format"), ""),
                prefix=level_style.get(q("style", "num-prefix"), ""),
                suffix=level_style.get(q("style", "num-suffix"), ""),
            )
    return levels


@dataclass(slots=True)
class _Reader:
    styles: _StyleIndex
    dropped: list[Dropped] = field(default_factory=list)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def blocks(self, container: etree._Element, depth: int, list_style: str = "", level: int = 0) -> Iterator[RawItem]:
        """Headings, paragraphs, list items and tables of a container, in order."""
        for child in container:
            if not isinstance(child.tag, str):  # comments and processing instructions
                continue
            if child.tag in (TEXT_P, TEXT_H):
                yield from self._paragraph(child, depth, list_style, level)
            elif child.tag == TEXT_LIST:
                yield from self._list(child, depth, list_style, level)
            elif child.tag == TABLE:
                yield self._table(child, depth)
            elif child.tag in CONTAINERS or child.tag.endswith("-index"):
                yield from self.blocks(child, depth, list_style, level)

    def _list(self, element: etree._Element, depth: int, list_style: str, level: int) -> Iterator[RawItem]:
        style = element.get(q("text", "style-name"), "") or list_style
        if (
            level == 0
            and element.get(q("text", "continue-numbering")) != "true"
            and not element.get(q("text", "continue-list"))
        ):
            self.counters.pop(style, None)
        for item in element:
            if item.tag in (q("text", "list-item"), q("text", "list-header")):
                start = item.get(q("text", "start-value"), "")
                if start.isdigit():
                    self.counters.setdefault(style, [0] * 10)[level] = int(start) - 1
                yield from self.blocks(item, depth, style, level + 1)

    def _paragraph(self, element: etree._Element, depth: int, list_style: str, level: int) -> Iterator[RawItem]:
        parts: list[str] = []
        boxes: list[etree._Element] = []
        self._inline(element, parts, boxes)
        text = clean_text("".join(parts))
        if text.strip():
            style = element.get(q("text", "style-name"), "")
            yield RawParagraph(
                text,
                marker=self._marker(list_style, level) if level else "",
                level=level or None,
                is_caption=self.styles.is_caption(style),
                is_heading=element.tag == TEXT_H,
            )
        for box in boxes:
            yield from self.blocks(box, depth)

    def _marker(self, list_style: str, level: int) -> str:
        spec = self.styles.lists.get(list_style, {}).get(level)
        if spec is None:
            return ""
        if spec.bullet:
            return spec.bullet
        if not spec.num_format:
            return ""
        counts = self.counters.setdefault(list_style, [0] * 10)
        index = min(level, 9)
        counts[index] += 1
        counts[index + 1 :] = [0] * (9 - index)
        return f"{spec.prefix}{format_word_number(counts[index], spec.num_format)}{spec.suffix}"

    def _inline(self, element: etree._Element, parts: list[str], boxes: list[etree._Element]) -> None:
        parts.append(element.text or "")
        for child in element:
            tag = child.tag
            if tag == q("text", "s"):
                count = child.get(q("text", "c"), "1")
                parts.append(" " * min(int(count) if count.isdigit() else 1, 100))
            elif tag == q("text", "tab"):
                parts.append(" ")
            elif tag == q("text", "line-break"):
                parts.append("\n")
            elif tag == q("draw", "frame"):
                self._frame(child, boxes)
            elif tag in SKIPPED_INLINE:
                self._note(child)
            elif isinstance(tag, str):
                self._inline(child, parts, boxes)
            parts.append(child.tail or "")

    def _frame(self, frame: etree._Element, boxes: list[etree._Element]) -> None:
        boxes.extend(frame.findall(q("draw", "text-box")))
        if frame.find(q("draw", "image")) is not None:
            name = frame.get(q("draw", "name"), "") or "image"
            title = frame.findtext(q("svg", "title")) or frame.findtext(q("svg", "desc")) or ""
            self.dropped.append(Dropped(": ".join(v for v in (name, title) if v)[:80], "image"))

    def _note(self, element: etree._Element) -> None:
        if element.tag == q("text", "note"):
            body = element.find(q("text", "note-body"))
            text = clean_text(_text_of(body)).strip() if body is not None else ""
            if text:
                self.dropped.append(Dropped(text[:80], "footnote"))

    def _table(self, element: etree._Element, depth: int) -> RawItem:
        rows = self._rows(element, depth)
        if depth >= 1:
            return RawParagraph("\n".join(" | ".join(c.text.replace("\n", " ") for c in row) for row in rows if row))
        return RawTable(Table(rows=tuple(tuple(row) for row in rows)))

    def _rows(self, element: etree._Element, depth: int) -> list[list[TableCell]]:
        rows: list[list[TableCell]] = []
        for row in _table_rows(element):
            cells: list[TableCell] = []
            for cell in row:
                if cell.tag != q("table", "table-cell"):
                    continue  # covered-table-cell: part of a merged cell
                repeat = _count(cell, "number-columns-repeated")
                text = self._cell_text(cell, depth)
                span = TableCell(text, _count(cell, "number-rows-spanned"), _count(cell, "number-columns-spanned"))
                cells.extend([span] * repeat)
            rows.extend([cells] * _count(row, "number-rows-repeated"))
            if len(rows) > MAX_REPEAT * 10:
                break
        return rows

    def _cell_text(self, cell: etree._Element, depth: int) -> str:
        if depth + 1 > MAX_DEPTH:
            return clean_text(_text_of(cell, " ")).strip()
        texts = [item.text for item in self.blocks(cell, depth + 1) if isinstance(item, RawParagraph)]
        return "\n".join(text for text in texts if text)


def _table_rows(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if child.tag == q("table", "table-row"):
            yield child
        elif child.tag in (q("table", "table-header-rows"), q("table", "table-rows"), q("table", "table-row-group")):
            yield from _table_rows(child)


def _count(element: etree._Element, attribute: str) -> int:
    value = element.get(q("table", attribute), "1")
    return max(1, min(int(value), MAX_REPEAT)) if value.isdigit() else 1


def _furniture(styles: etree._Element | None) -> list[Dropped]:
    """Page headers and footers of the master pages, recorded as dropped."""
    dropped: list[Dropped] = []
    if styles is None:
        return dropped
    for kind, reason in (("header", "page header"), ("footer", "page footer")):
        for part in styles.iter(q("style", kind)):
            text = clean_text(_text_of(part)).strip()
            if text:
                dropped.append(Dropped(text[:80], reason))
    return dropped


def _text_of(element: etree._Element, separator: str = "") -> str:
    return separator.join(str(piece) for piece in element.itertext())
