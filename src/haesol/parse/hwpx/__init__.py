"""HWPX (OWPML zip) releases: sections in spine order, automatic heads, tables, notes and text boxes."""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass

from lxml import etree

from haesol.errors import ParseError, ProtectedDocumentError
from haesol.models import Dropped, RawDocument, RawItem
from haesol.parse.hwpx.heads import HeadNumberer, read_head_styles
from haesol.parse.hwpx.walker import SectionWalker, local_name
from haesol.parse.parser import FormatParser
from haesol.parse.safety import SafeZip, parse_xml

LOGGER = logging.getLogger(__name__)

FORMAT = "hwpx"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MANIFEST_PATH = "META-INF/manifest.xml"
CONTAINER_PATH = "META-INF/container.xml"
DEFAULT_PACKAGE_PATH = "Contents/content.hpf"
DEFAULT_HEADER_PATH = "Contents/header.xml"
PACKAGE_MEDIA_TYPE = "application/hwpml-package+xml"
SECTION_NAME_RE = re.compile(r"(?:^|/)section(\d+)\.xml$", re.IGNORECASE)
CONTENTS_SECTION_RE = re.compile(r"^Contents/section(\d+)\.xml$", re.IGNORECASE)
ENCRYPTION_MARK = b"encryption-data"


@dataclass(frozen=True, slots=True)
class PackageDocument:
    """The OPF package document (``Contents/content.hpf``): where it is and its parsed XML."""

    path: str
    root: etree._Element


class HwpxParser(FormatParser):
    """Reads an HWPX package: ``Contents/section*.xml`` in spine order, heads resolved via header.xml."""

    format = FORMAT

    def parse(self, data: bytes, source: str = "") -> RawDocument:
        """Parse HWPX bytes into paragraphs and tables in reading order.

        Args:
            data: the bytes of the .hwpx file.
            source: a path or label used in messages.

        Returns:
            The document; no items when the document is blank.

        Raises:
            ParseError: for a corrupt, truncated or hostile zip, a zip that is not HWPX, or malformed XML.
            ProtectedDocumentError: when the package is encrypted (password or 배포용 protection).
        """
        try:
            return self._parse(data, source)
        except (RecursionError, MemoryError, ValueError, KeyError, IndexError, TypeError, OSError) as exc:
            LOGGER.debug("hwpx parse failed", exc_info=True)
            raise ParseError(FORMAT, f"{type(exc).__name__}: {exc}", source=source) from exc

    def _parse(self, data: bytes, source: str) -> RawDocument:
        # 1. open the package under zip-bomb limits
        if data.startswith(OLE_MAGIC):
            raise ParseError(FORMAT, "HWP 5 (OLE) 파일입니다 (an HWP 5 OLE file, not an HWPX zip)", source=source)
        package = SafeZip(data, FORMAT, source)
        # 2. refuse encrypted packages before touching their ciphertext
        check_protection(package, source)
        # 3. find the sections (spine order, or sorted Contents/section*.xml)
        package_doc = read_package_document(package, source)
        sections = section_paths(package, package_doc, source)
        # 4. resolve automatic heads from header.xml
        styles = read_head_styles(read_header(package, package_doc, source))
        # 5. walk every section in order
        dropped: list[Dropped] = []
        walker = SectionWalker(HeadNumberer(styles), dropped)
        items: list[RawItem] = []
        for path in sections:
            items.extend(walker.walk(parse_xml(package.read(path), FORMAT, source)))
        LOGGER.debug("hwpx %s: %d sections, %d items, %d dropped", source, len(sections), len(items), len(dropped))
        return RawDocument(items=tuple(items), format=FORMAT, dropped=tuple(dropped))


def check_protection(package: SafeZip, source: str = "") -> None:
    """Raise when META-INF/manifest.xml declares ODF encryption of the package's parts.

    Hancom encrypts password-protected HWPX (and, per public reports, 배포용 HWPX too) with ODF
    package encryption; no public marker tells the two apart, so both are reported as locked.

    Args:
        package: the opened zip.
        source: a path or label used in messages.

    Raises:
        ProtectedDocumentError: when any part is encrypted.
    """
    if MANIFEST_PATH not in package.names:
        return
    manifest = package.read(MANIFEST_PATH)
    if ENCRYPTION_MARK not in manifest:
        return
    try:
        root = parse_xml(manifest, FORMAT, source)
        encrypted = any(local_name(element) == "encryption-data" for element in root.iter())
    except ParseError:
        encrypted = True
    if encrypted:
        raise ProtectedDocumentError("암호가 걸린", "password-protected HWPX", source=source)


def read_package_document(package: SafeZip, source: str = "") -> PackageDocument | None:
    """Parse the OPF package document named by META-INF/container.xml (default Contents/content.hpf).

    Args:
        package: the opened zip.
        source: a path or label used in messages.

    Returns:
        The package document, or None when it is absent or unreadable (sections are then found by name).
    """
    path = _package_document_path(package, source)
    if path not in package.names:
        return None
    try:
        return PackageDocument(path, parse_xml(package.read(path), FORMAT, source))
    except ParseError:
        LOGGER.debug("hwpx %s: unreadable %s, falling back to section names", source, path)
        return None


def _package_document_path(package: SafeZip, source: str) -> str:
    if CONTAINER_PATH not in package.names:
        return DEFAULT_PACKAGE_PATH
    try:
        root = parse_xml(package.read(CONTAINER_PATH), FORMAT, source)
    except ParseError:
        return DEFAULT_PACKAGE_PATH
    for rootfile in root.iter("{*}rootfile"):
        if rootfile.get("media-type") == PACKAGE_MEDIA_TYPE and rootfile.get("full-path"):
            return str(rootfile.get("full-path", DEFAULT_PACKAGE_PATH))
    return DEFAULT_PACKAGE_PATH


def section_paths(package: SafeZip, package_doc: PackageDocument | None, source: str = "") -> list[str]:
    """The section parts in reading order: the OPF spine when it names them, else sorted by number.

    Args:
        package: the opened zip.
        package_doc: the package document, when there is one.
        source: a path or label used in messages.

    Returns:
        Zip member names such as ``Contents/section0.xml``.

    Raises:
        ParseError: when the zip holds no section at all (it is not an HWPX package).
    """
    if package_doc is not None:
        listed = _spine_sections(package, package_doc)
        if listed:
            return listed
    numbered = sorted((int(m.group(1)), name) for name in package.names if (m := CONTENTS_SECTION_RE.match(name)))
    if not numbered:
        raise ParseError(FORMAT, "본문 구역이 없음 (no Contents/section*.xml: not an HWPX package)", source=source)
    return [name for _, name in numbered]


def _spine_sections(package: SafeZip, package_doc: PackageDocument) -> list[str]:
    hrefs = {item.get("id", ""): item.get("href", "") for item in package_doc.root.iter("{*}item")}
    spine = [hrefs.get(ref.get("idref", ""), "") for ref in package_doc.root.iter("{*}itemref")]
    ordered = [href for href in spine if SECTION_NAME_RE.search(href)]
    if not ordered:
        ordered = sorted((h for h in hrefs.values() if SECTION_NAME_RE.search(h)), key=_section_number)
    found: list[str] = []
    for href in ordered:
        name = _resolve(package, package_doc.path, href)
        if name and name not in found:
            found.append(name)
    return found


def _section_number(href: str) -> int:
    match = SECTION_NAME_RE.search(href)
    return int(match.group(1)) if match else 0


def _resolve(package: SafeZip, package_path: str, href: str) -> str | None:
    """Find a manifest href in the zip: as a package path, or relative to the package document."""
    relative = posixpath.normpath(posixpath.join(posixpath.dirname(package_path), href))
    for candidate in (href.lstrip("/"), relative):
        if candidate in package.names:
            return candidate
    return None


def read_header(package: SafeZip, package_doc: PackageDocument | None, source: str = "") -> etree._Element | None:
    """Parse header.xml (paragraph shapes, bullets, numberings).

    Args:
        package: the opened zip.
        package_doc: the package document, which may name the header part.
        source: a path or label used in messages.

    Returns:
        The header root, or None when the package has no header.

    Raises:
        ParseError: when header.xml is malformed.
    """
    path = DEFAULT_HEADER_PATH
    if package_doc is not None:
        for item in package_doc.root.iter("{*}item"):
            href = item.get("href", "")
            if item.get("id") == "header" or href.lower().endswith("header.xml"):
                path = _resolve(package, package_doc.path, href) or path
                break
    if path not in package.names:
        return None
    return parse_xml(package.read(path), FORMAT, source)
