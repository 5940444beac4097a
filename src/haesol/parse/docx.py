"""DOCX parser: body paragraphs and tables in document order, with list levels, headings and captions."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from haesol.errors import ParseError, ProtectedDocumentError
from haesol.models import Dropped, RawDocument, RawItem, RawParagraph, RawTable, Table, TableCell
from haesol.parse.markers import clean_text
from haesol.parse.numbering import format_word_number
from haesol.parse.parser import FormatParser
from haesol.parse.safety import SafeZip, parse_xml

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

LOGGER = logging.getLogger(__name__)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
DTD_MARKERS = tuple(
    marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
MAX_TABLE_DEPTH = 8
# python-docx lets these through on broken packages (missing parts, bad content types, bad XML)
DOCX_ERRORS = (
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    NotImplementedError,
    etree.LxmlError,
    zipfile.BadZipFile,
    OSError,
    EOFError,
)
PART_ERRORS = (KeyError, ValueError, AttributeError, NotImplementedError, etree.LxmlError)
HEADING_STYLE = re.compile(r"^(?:heading|제목)\s*\d$", re.IGNORECASE)
CAPTION_STYLES = frozenset({"caption", "캡션"})
SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# Bullets that Word draws from the Symbol and Wingdings fonts (private-use code points).
SYMBOL_BULLETS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf0a8": "□",
    "\uf06e": "■",
    "\uf06c": "●",
    "\uf075": "◆",
    "\uf076": "❖",
    "\uf0d8": "➢",
    "\uf0fc": "✓",
    "\uf0e0": "➢",
    "\uf09f": "•",
    "\uf0a1": "○",
}


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag."""
    return f"{{{W}}}{tag}"


class DocxParser(FormatParser):
    """Read a Word document's body: paragraphs (list level, marker, heading, caption) and tables."""

    format = "docx"

    def parse(self, data: bytes, source: str = "") -> RawDocument:
        """Parse DOCX bytes.

        Args:
            data: the whole file.
            source: a path or label for messages.

        Returns:
            Body paragraphs and tables in document order.

        Raises:
            ProtectedDocumentError: the document is password-encrypted.
            ParseError: the file is corrupt, truncated, a zip bomb or carries a DTD.
        """
        if data.startswith(OLE_MAGIC) and ENCRYPTED_PACKAGE in data:
            raise ProtectedDocumentError("암호가 걸린", "password-protected DOCX", source=source)
        _check_package(SafeZip(data, "DOCX", source), source)
        document = _open_document(data, source)
        reader = _BodyReader(_read_styles(document), _Numbering.of(document))
        items = list(reader.blocks(document.element.body, 0))
        dropped = reader.dropped + _furniture(document)
        return RawDocument(items=tuple(items), format=self.format, dropped=tuple(dropped))


def _check_package(package: SafeZip, source: str) -> None:
    """Read every XML part under the zip limits and refuse DTDs (XXE, entity bombs)."""
    for name in package.names:
        if name.endswith((".xml", ".rels")):
            head = package.read(name)
            if any(marker in head for marker in DTD_MARKERS):
                raise ParseError("DOCX", f"DTD 선언이 있는 XML (XML with a DTD: {name})", source=source)


def _open_document(data: bytes, source: str) -> DocxDocument:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except DOCX_ERRORS as exc:
        raise ParseError("DOCX", f"문서를 열 수 없음 (cannot open document: {exc})", source=source) from exc


# ---------------------------------------------------------------------------
# styles and numbering
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str
    num_id: str
    ilvl: int


def _read_styles(document: DocxDocument) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    try:
        root = document.styles.element
    except PART_ERRORS:  # a document without a usable styles part
        return styles
    for style in root.iter(w("style")):
        num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
        num_id, ilvl = _num_pr(num_pr) if num_pr is not None else ("", 0)
        styles[style.get(w("styleId"), "")] = _Style(
            name=_val(style.find(w("name"))), based_on=_val(style.find(w("basedOn"))), num_id=num_id, ilvl=ilvl
        )
        if style.get(w("default")) in ("1", "true") and style.get(w("type")) == "paragraph":
            styles[""] = styles[style.get(w("styleId"), "")]
    return styles


def _val(element: etree._Element | None) -> str:
    return "" if element is None else element.get(w("val"), "")


def _num_pr(num_pr: etree._Element) -> tuple[str, int]:
    ilvl = _val(num_pr.find(w("ilvl")))
    return _val(num_pr.find(w("numId"))), int(ilvl) if ilvl.isdigit() else 0


@dataclass(slots=True)
class _Numbering:
    """numbering.xml: formats per (numId, level) and running counters."""

    levels: dict[str, dict[int, tuple[str, str, int]]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: DocxDocument) -> _Numbering:
        try:
            root = document.part.part_related_by(REL_BASE + "numbering").element  # type: ignore[attr-defined]
        except PART_ERRORS:  # no numbering part
            return cls()
        abstract = {a.get(w("abstractNumId"), ""): _levels(a) for a in root.iter(w("abstractNum"))}
        levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for num in root.iter(w("num")):
            defined = dict(abstract.get(_val(num.find(w("abstractNumId"))), {}))
            for override in num.iter(w("lvlOverride")):
                ilvl = int(override.get(w("ilvl"), "0") or 0)
                start = _val(override.find(w("startOverride")))
                if ilvl in defined and start.isdigit():
                    defined[ilvl] = (defined[ilvl][0], defined[ilvl][1], int(start))
            levels[num.get(w("numId"), "")] = defined
        return cls(levels)

    def marker(self, num_id: str, ilvl: int) -> str:
        """The bullet or the next number of list ``num_id`` at ``ilvl`` (advancing its counter)."""
        defined = self.levels.get(num_id, {})
        if ilvl not in defined:
            return ""
        fmt, text, _ = defined[ilvl]
        if fmt == "bullet":
            return "".join(SYMBOL_BULLETS.get(ch, ch) if "\uf000" <= ch <= "\uf0ff" else ch for ch in text).strip()
        counts = self.counters.setdefault(num_id, [defined[i][2] - 1 if i in defined else 0 for i in range(9)])
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = defined[deeper][2] - 1 if deeper in defined else 0
        if fmt == "none":
            return ""
        return re.sub(r"%([1-9])", lambda m: self._level_text(defined, counts, int(m.group(1)) - 1), text).strip()

    @staticmethod
    def _level_text(defined: dict[int, tuple[str, str, int]], counts: list[int], level: int) -> str:
        fmt = defined[level][0] if level in defined else "decimal"
        return format_word_number(max(counts[level], 1), fmt)


def _levels(abstract: etree._Element) -> dict[int, tuple[str, str, int]]:
    levels: dict[int, tuple[str, str, int]] = {}
    for lvl in abstract.iter(w("lvl")):
        ilvl = lvl.get(w("ilvl"), "0")
        start = _val(lvl.find(w("start")))
        if ilvl.isdigit():
            fmt = _val(lvl.find(w("numFmt"))) or "decimal"
            levels[int(ilvl)] = (fmt, _val(lvl.find(w("lvlText"))), int(start) if start.isdigit() else 1)
    return levels


# ---------------------------------------------------------------------------
# body
# ---------------------------------------------------------------------------

TRANSPARENT = frozenset(
    w(t) for t in ("hyperlink", "ins", "smartTag", "customXml", "fldSimple", "moveTo", "dir", "bdo")
)


@dataclass(slots=True)
class _BodyReader:
    styles: dict[str, _Style]
    numbering: _Numbering
    dropped: list[Dropped] = field(default_factory=list)

    def blocks(self, container: etree._Element, depth: int) -> Iterator[RawItem]:
        """Paragraphs and tables of a body, cell or text box, in order."""
        for child in container:
            if child.tag == w("p"):
                yield from self._paragraph(child, depth)
            elif child.tag == w("tbl"):
                yield self._table(child, depth)
            elif child.tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent"))
                yield from self.blocks(child if content is None else content, depth)
            elif child.tag == w("altChunk"):
                self.dropped.append(Dropped("altChunk", "embedded document part"))

    def _paragraph(self, p: etree._Element, depth: int) -> Iterator[RawItem]:
        parts: list[str] = []
        boxes: list[etree._Element] = []
        self._inline(p, parts, boxes)
        text = clean_text("".join(parts))
        if text.strip():
            yield self._make_paragraph(p, text)
        for box in boxes:
            yield from self.blocks(box, depth)

    def _make_paragraph(self, p: etree._Element, text: str) -> RawParagraph:
        style_id = _val(p.find(f"{w('pPr')}/{w('pStyle')}"))
        style = self.styles.get(style_id) or self.styles.get("")
        name = style.name.strip().lower() if style else ""
        marker, level = self._list_item(p, style)
        return RawParagraph(
            text,
            marker=marker,
            level=level,
            is_caption=name in CAPTION_STYLES,
            is_heading=bool(HEADING_STYLE.match(name)),
        )

    def _list_item(self, p: etree._Element, style: _Style | None) -> tuple[str, int | None]:
        num_pr = p.find(f"{w('pPr')}/{w('numPr')}")
        num_id, ilvl = _num_pr(num_pr) if num_pr is not None else ("", 0)
        seen = 0
        while not num_id and style is not None and seen < 20:  # numbering inherited from the style chain
            num_id, ilvl = style.num_id, style.ilvl
            style, seen = self.styles.get(style.based_on) if style.based_on else None, seen + 1
        if not num_id or num_id == "0":
            return "", None
        return self.numbering.marker(num_id, ilvl), ilvl + 1

    def _inline(self, element: etree._Element, parts: list[str], boxes: list[etree._Element]) -> None:
        for child in element:
            tag = child.tag
            if tag == w("r"):
                self._run(child, parts, boxes)
            elif tag in TRANSPARENT:
                self._inline(child, parts, boxes)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, parts, boxes)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self._inline(choice, parts, boxes)

    def _run(self, run: etree._Element, parts: list[str], boxes: list[etree._Element]) -> None:
        for child in run:
            tag = child.tag
            if tag == w("t"):
                parts.append(child.text or "")
            elif tag in (w("tab"), w("ptab")):
                parts.append(" ")
            elif tag == w("br"):
                parts.append("" if child.get(w("type")) in ("page", "column") else "\n")
            elif tag == w("cr"):
                parts.append("\n")
            elif tag == w("noBreakHyphen"):
                parts.append("-")
            elif tag == w("sym"):
                parts.append(_symbol(child.get(w("char"), "")))
            elif tag in (w("drawing"), w("pict"), w("object"), f"{{{MC}}}AlternateContent"):
                self._graphic(child, boxes)

    def _graphic(self, graphic: etree._Element, boxes: list[etree._Element]) -> None:
        if graphic.tag == f"{{{MC}}}AlternateContent":
            choice = graphic.find(f"{{{MC}}}Choice")
            graphic = graphic if choice is None else choice
        boxes.extend(graphic.iter(w("txbxContent")))
        for doc_pr in graphic.iter(f"{{{WP}}}docPr"):
            label = ": ".join(v for v in (doc_pr.get("name", ""), doc_pr.get("descr", "")) if v)
            self.dropped.append(Dropped(label[:80] or "image", "image"))

    def _table(self, tbl: etree._Element, depth: int) -> RawItem:
        rows = self._table_rows(tbl, depth)
        if depth >= 1:
            return RawParagraph(_flatten(rows))
        return RawTable(
            Table(rows=tuple(tuple(TableCell(c.text, c.row_span, c.col_span) for c in row) for row in rows))
        )

    def _table_rows(self, tbl: etree._Element, depth: int) -> list[list[_Cell]]:
        rows: list[list[_Cell]] = []
        open_cells: dict[int, _Cell] = {}
        for tr in _children(tbl, w("tr")):
            row: list[_Cell] = []
            column = _int(tr.find(f"{w('trPr')}/{w('gridBefore')}"), 0)
            for tc in _children(tr, w("tc")):
                span = max(1, _int(tc.find(f"{w('tcPr')}/{w('gridSpan')}"), 1))
                merge = tc.find(f"{w('tcPr')}/{w('vMerge')}")
                if merge is not None and merge.get(w("val"), "continue") == "continue" and column in open_cells:
                    open_cells[column].row_span += 1
                else:
                    cell = _Cell(self._cell_text(tc, depth), 1, span)
                    row.append(cell)
                    open_cells[column] = cell
                column += span
            rows.append(row)
        return rows

    def _cell_text(self, tc: etree._Element, depth: int) -> str:
        if depth + 1 > MAX_TABLE_DEPTH:
            return clean_text(" ".join(t.text or "" for t in tc.iter(w("t"))))
        texts: list[str] = []
        for item in self.blocks(tc, depth + 1):
            texts.append(item.text if isinstance(item, RawParagraph) else _flatten_table(item))
        return "\n".join(text for text in texts if text)


@dataclass(slots=True)
class _Cell:
    text: str
    row_span: int
    col_span: int


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent"))
            yield from _children(child if content is None else content, tag)


def _int(element: etree._Element | None, default: int) -> int:
    value = _val(element)
    return int(value) if value.isdigit() else default


def _symbol(code: str) -> str:
    try:
        char = chr(int(code, 16))
    except ValueError:
        return ""
    if "\uf000" <= char <= "\uf0ff":
        return SYMBOL_BULLETS.get(char, "")
    return char


def _flatten(rows: list[list[_Cell]]) -> str:
    return "\n".join(" | ".join(cell.text.replace("\n", " ") for cell in row) for row in rows if row)


def _flatten_table(item: RawItem) -> str:
    if isinstance(item, RawTable):
        return "\n".join(" | ".join(c.text.replace("\n", " ") for c in row) for row in item.table.rows)
    return item.text


def _furniture(document: DocxDocument) -> list[Dropped]:
    """Page headers, footers and footnotes: left out of the body, recorded as dropped."""
    reasons = {"header": "page header", "footer": "page footer", "footnotes": "footnote", "endnotes": "endnote"}
    dropped: list[Dropped] = []
    try:
        relationships = list(document.part.rels.values())
    except PART_ERRORS:
        return dropped
    for rel in relationships:
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind not in reasons or rel.is_external:
            continue
        element = _part_element(rel.target_part)
        for p in [] if element is None else element.iter(w("p")):
            text = clean_text("".join(t.text or "" for t in p.iter(w("t")))).strip()
            if text:
                dropped.append(Dropped(text[:80], reasons[kind]))
    return dropped


def _part_element(part: object) -> etree._Element | None:
    element = getattr(part, "element", None)
    if isinstance(element, etree._Element):
        return element
    try:
        return parse_xml(getattr(part, "blob", b""), "DOCX")
    except ParseError:
        return None
