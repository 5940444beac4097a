"""Guards for untrusted containers: zip-bomb limits and XML parsing without external entities."""

from __future__ import annotations

import io
import logging
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from haesol.errors import ParseError

LOGGER = logging.getLogger(__name__)

MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_TOTAL_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_MEMBER_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """Caps applied before a zip member is inflated."""

    entries: int = MAX_ZIP_ENTRIES
    total_bytes: int = MAX_ZIP_TOTAL_BYTES
    ratio: int = MAX_ZIP_RATIO
    member_bytes: int = MAX_ZIP_MEMBER_BYTES


class SafeZip:
    """A zip archive opened under limits on entry count, total size and compression ratio."""

    def __init__(self, data: bytes, fmt: str, source: str = "", limits: ZipLimits = ZipLimits()) -> None:
        self.fmt = fmt
        self.source = source
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise ParseError(fmt, f"손상된 zip 파일 (corrupt zip: {exc})", source=source) from exc
        self._check(infos)
        self.names = [i.filename for i in infos]

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > self.limits.entries:
            raise self._error(f"항목이 너무 많음 (too many entries: {len(infos)})")
        seen: set[str] = set()
        for info in infos:
            if info.filename in seen:  # zipfile would silently read the last one
                raise self._error(f"같은 이름의 항목이 두 개 이상 (duplicate entry name: {info.filename})")
            seen.add(info.filename)
        total = sum(i.file_size for i in infos)
        if total > self.limits.total_bytes:
            raise self._error(f"압축 해제 크기 초과 (uncompressed size {total} bytes over the limit)")
        for info in infos:
            if info.file_size > 1_000_000 and info.file_size > self.limits.ratio * max(info.compress_size, 1):
                raise self._error(f"압축률이 비정상적임 (zip bomb suspected: {info.filename})")

    def _error(self, reason: str) -> ParseError:
        return ParseError(self.fmt, reason, source=self.source)

    def read(self, name: str) -> bytes:
        """Read one member, inflating at most ``member_bytes``.

        Raises:
            ParseError: when the member is missing, encrypted, corrupt or too large.
        """
        try:
            info = self._zip.getinfo(name)
            if info.flag_bits & 0x1:
                raise self._error(f"암호화된 항목 (encrypted entry: {name})")
            with self._zip.open(info) as member:
                data = member.read(self.limits.member_bytes + 1)
        except KeyError as exc:
            raise self._error(f"항목 없음 (missing entry: {name})") from exc
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            ValueError,
            EOFError,
            RuntimeError,
            NotImplementedError,
        ) as exc:
            raise self._error(f"항목을 읽을 수 없음 (unreadable entry {name}: {type(exc).__name__}: {exc})") from exc
        if len(data) > self.limits.member_bytes:
            raise self._error(f"항목이 너무 큼 (entry too large: {name})")
        return data


def parse_xml(data: bytes, fmt: str, source: str = "") -> etree._Element:
    """Parse untrusted XML: no external entities, no network, no DTD loading, no huge trees.

    Raises:
        ParseError: when the XML is malformed.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(fmt, f"XML 오류 (malformed XML: {exc})", source=source) from exc
