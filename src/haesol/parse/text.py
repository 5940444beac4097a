"""Plain-text releases: decode UTF-8/UTF-16/CP949, then lines, wrapped lines and simple tables."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from haesol.errors import DecodeError
from haesol.models import Dropped, RawDocument, RawItem, RawParagraph, RawTable, Table, TableCell
from haesol.parse.markers import MARKER_RE, ends_sentence, normalize_spaces
from haesol.parse.parser import FormatParser
from haesol.parse.structure.header import TIMING_LABEL_RE, is_contact_line

LOGGER = logging.getLogger(__name__)

WRAP_MIN_CHARS = 34
WRAP_PLAIN_MIN_CHARS = 50
TABLE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


UNDECODABLE_REASON = "읽을 수 없는 바이트 (undecodable bytes)"
MAX_BAD_SHARE = 0.001  # more undecodable bytes than this (0.1 %) and the text is refused
ESCAPED_BYTE_RE = re.compile("[\udc80-\udcff]+")
DETECT_SAMPLE = 200_000  # bytes charset detection looks at; the whole text is always decoded


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text decoded from bytes, with the undecodable bytes that became U+FFFD (never silently cut)."""

    text: str
    encoding: str
    bad_bytes: int = 0
    first_bad: int = -1

    def dropped(self) -> tuple[Dropped, ...]:
        """A record of the replaced bytes, for the release's dropped list and the CLI's warnings."""
        if not self.bad_bytes:
            return ()
        note = f"{self.encoding}: {self.bad_bytes}바이트를 U+FFFD로 바꿈 (replaced; first at byte {self.first_bad})"
        return (Dropped(note, UNDECODABLE_REASON),)


def decode_text(data: bytes, source: str = "") -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or CP949/EUC-KR.

    Raises:
        DecodeError: when no encoding gives readable text.
    """
    return decode_whole(data, source).text


def decode_whole(data: bytes, source: str = "") -> DecodedText:
    """Decode every byte; a few undecodable bytes become U+FFFD and are counted, many are refused.

    Raises:
        DecodeError: when no encoding gives readable text, or too many bytes are undecodable.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_with_replacement(data, "utf-16", source)
    for encoding in ("utf-8", "cp949"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return DecodedText(text, encoding)
    counts = {name: _decode_counting(data, name)[1:] for name in ("utf-8", "cp949")}
    encoding = min(counts, key=lambda name: counts[name][0])
    if counts[encoding][0] > max(1, len(data) * MAX_BAD_SHARE):
        bad, first = counts[encoding]
        detail = f"{encoding}: {bad} bytes undecodable; first bad byte at offset {first}"
        encoding = _detected_encoding(data, source, detail)
    return _decode_with_replacement(data, encoding, source)


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int, int]:
    """The text with U+FFFD for bad bytes, how many bytes were bad, and the offset of the first."""
    escaped = data.decode(encoding, errors="surrogateescape")
    first_match = ESCAPED_BYTE_RE.search(escaped)
    if first_match is None:
        return escaped, 0, -1
    bad = sum(len(m.group()) for m in ESCAPED_BYTE_RE.finditer(escaped))
    first = len(escaped[: first_match.start()].encode(encoding, errors="surrogateescape"))
    return ESCAPED_BYTE_RE.sub(lambda m: "\ufffd" * len(m.group()), escaped), bad, first


def _decode_with_replacement(data: bytes, encoding: str, source: str) -> DecodedText:
    text, bad, first = _decode_counting(data, encoding)
    if bad > max(1, len(data) * MAX_BAD_SHARE) or not _looks_like_text(text):
        where = f"; 첫 오류 위치 {first}바이트 (first bad byte at offset {first})" if first >= 0 else ""
        raise DecodeError(detail=f"{encoding}, {bad} bytes{where}", source=source)
    if bad:
        LOGGER.warning("%s: %d undecodable bytes replaced with U+FFFD (first at %d)", source, bad, first)
    return DecodedText(text, encoding, bad, first)


def _detected_encoding(data: bytes, source: str, detail: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_SAMPLE]).best()
    if best is None or best.encoding not in {"utf_8", "cp949", "euc_kr", "johab", "utf_16", "iso2022_kr"}:
        raise DecodeError(detail=detail, source=source)
    return best.encoding


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    sample = text[:20_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    odd = sum(1 for ch in sample if 0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd")
    return (controls + odd) / len(sample) < 0.01


class TextParser(FormatParser):
    """Reads a release copied from an HWP viewer or a web page as plain text."""

    format = "text"

    def parse(self, data: bytes, source: str = "") -> RawDocument:
        """Decode ``data`` and split it into paragraphs and tables."""
        decoded = decode_whole(data, source)
        return RawDocument(items=tuple(split_text(decoded.text)), format=self.format, dropped=decoded.dropped())


def split_text(text: str) -> list[RawItem]:
    """Split text into paragraphs, joining wrapped continuation lines and grouping table rows."""
    lines = [normalize_spaces(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    items: list[RawItem] = []
    table_rows: list[list[str]] = []
    previous: str | None = None
    for line in lines:
        cells = _table_cells(line)
        if cells is not None:
            table_rows.append(cells)
            previous = None
            continue
        if table_rows:
            items.append(_make_table(table_rows))
            table_rows = []
        if not line.strip():
            previous = None
            continue
        if previous is not None and _continues(previous, line):
            merged = previous.rstrip() + " " + line.strip()
            items[-1] = RawParagraph(merged)
            previous = merged
            continue
        line = line.replace("\t", " ").rstrip()
        items.append(RawParagraph(line))
        previous = line
    if table_rows:
        items.append(_make_table(table_rows))
    return items


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` is a wrapped continuation of ``previous`` rather than a new paragraph."""
    if MARKER_RE.match(line.strip()) or ends_sentence(previous):
        return False
    if ":" in line.strip()[:8]:
        return False
    if TIMING_LABEL_RE.search(previous) or is_contact_line(previous):
        return False
    marked = MARKER_RE.match(previous.strip()) is not None
    indented = line.startswith((" ", "\u3000")) and marked
    long_enough = len(previous.strip()) >= (WRAP_MIN_CHARS if marked else WRAP_PLAIN_MIN_CHARS)
    wrapped = long_enough and not previous.strip().endswith(("-", ">", ")"))
    return indented or wrapped


def _table_cells(line: str) -> list[str] | None:
    """Cells of a table row written with pipes or tabs, or None for an ordinary line."""
    stripped = line.strip()
    if TABLE_SEPARATOR_RE.match(stripped) and "-" in stripped:
        return []
    if stripped.count("|") >= 2 or (stripped.count("|") == 1 and not stripped.startswith("|")):
        cells = [c.strip() for c in stripped.strip("|").split("|")]
        return cells if len(cells) >= 2 else None
    if "\t" in line.strip("\t ") and len([c for c in line.split("\t") if c.strip()]) >= 2:
        return [c.strip() for c in line.strip().split("\t")]
    return None


def _make_table(rows: list[list[str]]) -> RawItem:
    kept = [row for row in rows if row]
    if not kept:  # only separator lines such as |---|---|
        return RawParagraph(" ".join(cell for row in rows for cell in row))
    if len(kept) == 1:
        return RawParagraph(" ".join(kept[0]))
    width = max(len(row) for row in kept)
    cells = tuple(tuple(TableCell(text) for text in row + [""] * (width - len(row))) for row in kept)
    return RawTable(Table(rows=cells))
