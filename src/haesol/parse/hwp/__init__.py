"""HWP 5.0 binary documents (OLE compound files): body text, tables and notes in reading order."""

from __future__ import annotations

import io
import logging
import re
import struct
from typing import TYPE_CHECKING

from haesol.errors import HaesolError, ParseError, ProtectedDocumentError, UnsupportedVersionError
from haesol.models import RawDocument
from haesol.parse.hwp.body import BodyReader
from haesol.parse.hwp.docinfo import DocInfo, HeadNumberer, parse_doc_info
from haesol.parse.hwp.recordio import (
    FORMAT,
    MAX_STREAM_BYTES,
    FileHeader,
    build_tree,
    inflate,
    parse_file_header,
    read_records,
)
from haesol.parse.parser import FormatParser
from haesol.parse.sniff import DRM_MAGICS, HWP3_MAGIC, OLE_MAGIC

if TYPE_CHECKING:
    import olefile

LOGGER = logging.getLogger(__name__)

SECTION_RE = re.compile(r"^Section(\d{1,5})$")
MAX_SECTIONS = 1_000
MAX_TOTAL_INFLATED = 256 * 1024 * 1024
PROTECTION_HINTS = {
    "drm": ("DRM으로 보호된", "DRM-protected"),
    "password": ("암호가 걸린", "password-protected HWP"),
    "distribution": ("배포용", "distribution-protected HWP"),
}


class HwpParser(FormatParser):
    """Reads the BodyText sections of an HWP 5.x file; refuses protected and HWP 3.0 files."""

    format = "hwp"

    def parse(self, data: bytes, source: str = "") -> RawDocument:
        """Parse an HWP 5.x file into paragraphs and tables in reading order.

        Args:
            data: the whole file.
            source: a path or label used in messages.

        Returns:
            The document; headers, footers, pictures and page numbers are listed in ``dropped``.

        Raises:
            ProtectedDocumentError: for 배포용, password-protected or DRM-wrapped files.
            UnsupportedVersionError: for HWP 3.0 and other non-5.x versions.
            ParseError: for corrupt, truncated or non-HWP bytes.
        """
        _check_magic(data, source)
        ole = _open_ole(data, source)
        try:
            return _read_document(ole, source)
        except HaesolError:
            raise
        except (RecursionError, MemoryError, ValueError, IndexError, KeyError, struct.error, OSError) as exc:
            # A last net: a structure no check above foresaw must still end as a ParseError.
            raise ParseError(
                FORMAT, f"문서 구조가 비정상적임 (malformed structure: {type(exc).__name__})", source=source
            ) from exc
        finally:
            ole.close()


def _check_magic(data: bytes, source: str) -> None:
    if data.startswith(HWP3_MAGIC):
        raise UnsupportedVersionError("HWP 3.0", "HWP 3.0 files are not supported; save as HWPX or PDF", source=source)
    if data[:1024].lstrip().startswith(DRM_MAGICS):
        raise _protected("drm", source)
    if not data.startswith(OLE_MAGIC):
        raise ParseError(FORMAT, "OLE 복합 파일이 아님 (not an OLE compound file)", source=source)


def _protected(kind: str, source: str) -> ProtectedDocumentError:
    protection, gloss = PROTECTION_HINTS[kind]
    return ProtectedDocumentError(protection, gloss, source=source)


def _open_ole(data: bytes, source: str) -> olefile.OleFileIO:
    import olefile

    try:
        # A BytesIO, never raw bytes: olefile takes short bytes for a file name.
        return olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises many types on corrupt input; this is the boundary
        raise ParseError(FORMAT, f"손상된 OLE 파일 (corrupt OLE file: {exc})", source=source) from exc


def _read_stream(ole: olefile.OleFileIO, path: str, source: str) -> bytes:
    try:
        with ole.openstream(path) as stream:
            data: bytes = stream.read()
    except Exception as exc:  # olefile boundary: broken sector chains raise assorted errors
        raise ParseError(FORMAT, f"스트림을 읽을 수 없음 (unreadable stream {path}: {exc})", source=source) from exc
    return data


def _read_document(ole: olefile.OleFileIO, source: str) -> RawDocument:
    # 1. FileHeader: version and protection flags
    if not ole.exists("FileHeader"):
        raise ParseError(FORMAT, "FileHeader 스트림이 없음 (no FileHeader stream)", source=source)
    header = parse_file_header(_read_stream(ole, "FileHeader", source), source)
    _check_header(header, source)
    # 2. DocInfo: automatic bullets and numbers
    budget = _Budget(MAX_TOTAL_INFLATED, source)
    info = _read_doc_info(ole, header, budget, source)
    # 3. BodyText sections, in numeric order
    sections = _section_paths(ole, source)
    reader = BodyReader(HeadNumberer(info))
    for path in sections:
        data = _record_stream(ole, path, header, budget, source)
        reader.read_section(build_tree(read_records(data, path, source)))
    LOGGER.debug("%s: HWP %s, %d sections, %d items", source, header.version_text, len(sections), len(reader.items))
    return RawDocument(items=tuple(reader.items), format="hwp", dropped=tuple(reader.dropped))


def _check_header(header: FileHeader, source: str) -> None:
    if header.drm:
        raise _protected("drm", source)
    if header.password:
        raise _protected("password", source)
    if header.distribution:
        raise _protected("distribution", source)
    if header.version[0] != 5:
        raise UnsupportedVersionError(
            f"HWP {header.version_text}",
            f"HWP {header.version_text} is not supported; save as HWPX or PDF",
            source=source,
        )


def _read_doc_info(ole: olefile.OleFileIO, header: FileHeader, budget: _Budget, source: str) -> DocInfo:
    if not ole.exists("DocInfo"):
        LOGGER.info("%s: no DocInfo stream; automatic bullets and numbers are lost", source)
        return DocInfo()
    return parse_doc_info(read_records(_record_stream(ole, "DocInfo", header, budget, source), "DocInfo", source))


def _section_paths(ole: olefile.OleFileIO, source: str) -> list[str]:
    numbered: list[tuple[int, str]] = []
    has_view_text = False
    for parts in ole.listdir(streams=True, storages=False):
        if len(parts) == 2 and parts[0] == "ViewText":
            has_view_text = True
        match = SECTION_RE.match(parts[1]) if len(parts) == 2 and parts[0] == "BodyText" else None
        if match:
            numbered.append((int(match.group(1)), "/".join(parts)))
    if not numbered:
        if has_view_text:
            raise _protected("distribution", source)
        raise ParseError(FORMAT, "본문 스트림이 없음 (no BodyText sections)", source=source)
    if len(numbered) > MAX_SECTIONS:
        raise ParseError(FORMAT, f"구역이 너무 많음 (too many sections: {len(numbered)})", source=source)
    return [path for _, path in sorted(numbered)]


def _record_stream(ole: olefile.OleFileIO, path: str, header: FileHeader, budget: _Budget, source: str) -> bytes:
    raw = _read_stream(ole, path, source)
    limit = max(1, min(MAX_STREAM_BYTES, budget.remaining))
    data = inflate(raw, path, source, limit=limit) if header.compressed else raw
    budget.spend(len(data))
    return data


class _Budget:
    """How many inflated bytes the whole document may still produce (a zip-bomb guard)."""

    def __init__(self, limit: int, source: str) -> None:
        self.remaining = limit
        self.source = source

    def spend(self, size: int) -> None:
        self.remaining -= size
        if self.remaining < 0:
            raise ParseError(FORMAT, "압축 해제 크기 초과 (document inflates beyond the limit)", source=self.source)
