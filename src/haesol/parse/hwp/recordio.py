"""Low-level HWP 5.0 reading: the FileHeader, bounded stream inflation and the record tree."""

from __future__ import annotations

import logging
import struct
import zlib
from dataclasses import dataclass, field

from haesol.errors import ParseError

LOGGER = logging.getLogger(__name__)

FORMAT = "HWP"
SIGNATURE = b"HWP Document File"
FILE_HEADER_SIZE = 256

FLAG_COMPRESSED = 1 << 0
FLAG_PASSWORD = 1 << 1
FLAG_DISTRIBUTION = 1 << 2
FLAG_DRM = 1 << 4
FLAG_CERTIFICATE_ENCRYPTION = 1 << 8
FLAG_CERTIFICATE_DRM = 1 << 10

MAX_STREAM_BYTES = 64 * 1024 * 1024
MAX_RECORDS = 2_000_000

# Record tags (HWPTAG_BEGIN = 16); DocInfo
TAG_NUMBERING = 23
TAG_BULLET = 24
TAG_PARA_SHAPE = 25
# BodyText
TAG_PARA_HEADER = 66
TAG_PARA_TEXT = 67
TAG_CTRL_HEADER = 71
TAG_LIST_HEADER = 72
TAG_SHAPE_COMPONENT = 76
TAG_TABLE = 77
TAG_OLE = 84
TAG_PICTURE = 85
TAG_EQEDIT = 88
TAG_CHART_DATA = 95
TAG_VIDEO_DATA = 98


@dataclass(frozen=True, slots=True)
class FileHeader:
    """The fixed 256-byte FileHeader stream: format version and property flags."""

    version: tuple[int, int, int, int]
    flags: int

    @property
    def compressed(self) -> bool:
        """Whether DocInfo and BodyText streams are raw-deflate compressed."""
        return bool(self.flags & FLAG_COMPRESSED)

    @property
    def password(self) -> bool:
        """Whether the document is encrypted with a password."""
        return bool(self.flags & FLAG_PASSWORD)

    @property
    def distribution(self) -> bool:
        """Whether the document is 배포용 (its body sits encrypted in ViewText)."""
        return bool(self.flags & FLAG_DISTRIBUTION)

    @property
    def drm(self) -> bool:
        """Whether DRM or certificate encryption protects the document."""
        return bool(self.flags & (FLAG_DRM | FLAG_CERTIFICATE_DRM | FLAG_CERTIFICATE_ENCRYPTION))

    @property
    def version_text(self) -> str:
        """The version as written by Hancom, e.g. ``5.0.3.0``."""
        return ".".join(str(part) for part in self.version)


@dataclass(slots=True)
class Record:
    """One data record: its tag, its level in the record hierarchy, its payload and its children."""

    tag: int
    level: int
    payload: bytes
    children: list[Record] = field(default_factory=list)


def parse_file_header(data: bytes, source: str = "") -> FileHeader:
    """Read the FileHeader stream.

    Args:
        data: the bytes of the ``FileHeader`` stream.
        source: a path or label used in messages.

    Returns:
        The version and property flags.

    Raises:
        ParseError: when the stream is short or lacks the HWP signature.
    """
    if len(data) < 40 or not data.startswith(SIGNATURE):
        raise ParseError(FORMAT, "FileHeader 서명이 없음 (missing HWP FileHeader signature)", source=source)
    raw_version, flags = struct.unpack_from("<II", data, 32)
    version = (raw_version >> 24 & 0xFF, raw_version >> 16 & 0xFF, raw_version >> 8 & 0xFF, raw_version & 0xFF)
    return FileHeader(version=version, flags=flags)


def inflate(data: bytes, name: str, source: str = "", limit: int = MAX_STREAM_BYTES) -> bytes:
    """Inflate a raw-deflate stream, refusing output over ``limit`` bytes and truncated input.

    Raises:
        ParseError: when the stream is corrupt, truncated or inflates beyond the limit.
    """
    inflater = zlib.decompressobj(-15)
    try:
        out = inflater.decompress(data, limit)
    except zlib.error as exc:
        raise ParseError(FORMAT, f"압축 스트림 오류 (bad deflate stream {name}: {exc})", source=source) from exc
    if inflater.unconsumed_tail:
        raise ParseError(FORMAT, f"압축 해제 크기 초과 (stream {name} inflates beyond {limit} bytes)", source=source)
    if not inflater.eof:
        raise ParseError(FORMAT, f"압축 스트림이 잘림 (truncated deflate stream {name})", source=source)
    return out


def read_records(data: bytes, name: str, source: str = "") -> list[Record]:
    """Split a record stream into records, checking every size against the stream length.

    Raises:
        ParseError: when a record header claims more bytes than the stream holds.
    """
    records: list[Record] = []
    pos, end = 0, len(data)
    unpack = struct.unpack_from
    while pos + 4 <= end:
        header = unpack("<I", data, pos)[0]
        pos += 4
        size = header >> 20
        if size == 0xFFF:
            if pos + 4 > end:
                raise _record_error(name, pos, source)
            size = unpack("<I", data, pos)[0]
            pos += 4
        if pos + size > end:
            raise _record_error(name, pos, source)
        records.append(Record(header & 0x3FF, (header >> 10) & 0x3FF, data[pos : pos + size]))
        pos += size
        if len(records) > MAX_RECORDS:
            raise ParseError(FORMAT, f"레코드가 너무 많음 (too many records in {name})", source=source)
    if pos != end:
        LOGGER.debug("%s: %d stray bytes at the end of %s", source, end - pos, name)
    return records


def _record_error(name: str, pos: int, source: str) -> ParseError:
    return ParseError(
        FORMAT, f"레코드 크기가 스트림을 넘음 (record at byte {pos} of {name} overruns the stream)", source=source
    )


def build_tree(records: list[Record]) -> list[Record]:
    """Nest records by level: a record is a child of the nearest earlier record one level up.

    A record that jumps more than one level deeper is attached to the deepest open record, so a
    hostile level never creates phantom depth.

    Returns:
        The top-level records, in stream order.
    """
    roots: list[Record] = []
    stack: list[Record] = []
    for record in records:
        while stack and stack[-1].level >= record.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(record)
        stack.append(record)
    return roots


def u16(payload: bytes, offset: int, default: int = 0) -> int:
    """An unsigned 16-bit little-endian value, or ``default`` when the payload is too short."""
    return struct.unpack_from("<H", payload, offset)[0] if len(payload) >= offset + 2 else default


def u32(payload: bytes, offset: int, default: int = 0) -> int:
    """An unsigned 32-bit little-endian value, or ``default`` when the payload is too short."""
    return struct.unpack_from("<I", payload, offset)[0] if len(payload) >= offset + 4 else default


def ctrl_id(record: Record) -> str:
    """The four-character control id of a CTRL_HEADER record (stored byte-reversed), e.g. ``tbl ``."""
    return record.payload[:4][::-1].decode("latin-1")


def wide_string(payload: bytes, offset: int) -> str:
    """A WORD-length-prefixed UTF-16LE string at ``offset``, or '' when it does not fit."""
    length = u16(payload, offset)
    start = offset + 2
    if length == 0 or start + 2 * length > len(payload):
        return ""
    return payload[start : start + 2 * length].decode("utf-16-le", "replace")
