"""Detect a source's format from its bytes, never from its file name."""

from __future__ import annotations

import io
import logging
import zipfile
import zlib

LOGGER = logging.getLogger(__name__)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
HWP3_MAGIC = b"HWP Document File V3"
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
DRM_MAGICS = (b"<MARKANY_DOCUMENTSAFER>", b"<DOCUMENTSAFER", b"SCDSA00", b"%DRMONE")
IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
DAMAGED_ZIP_HINTS = (
    (b"hwp+zip", "hwpx"),
    (b"Contents/section", "hwpx"),
    (b"Contents/content.hpf", "hwpx"),
    (b"word/document.xml", "docx"),
    (b"opendocument.text", "odt"),
)
HTML_HINTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<article", b"<div")


def detect_format(data: bytes) -> str:
    """Name the format of ``data``: hwpx, hwp, hwp3, drm, pdf, docx, odt, zip, ole, image, html or text.

    Args:
        data: the whole file or at least its first few kilobytes (zip detection needs it all).

    Returns:
        The format name; ``text`` when nothing else matches.
    """
    head = data[:1024]
    if head.startswith(PDF_MAGIC) or PDF_MAGIC in head[:64]:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if head.startswith(OLE_MAGIC):
        if _ole_is_hwp(data):
            return "hwp"
        return "docx" if ENCRYPTED_OOXML in data else "ole"
    if head.startswith(IMAGE_MAGICS) or (head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(HWP3_MAGIC):
        return "hwp3"
    if any(head.lstrip().startswith(m) for m in DRM_MAGICS):
        return "drm"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(lowered.startswith(h) for h in HTML_HINTS) or b"<html" in head.lower():
        return "html"
    return "text"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zlib.error, OSError, KeyError, ValueError, EOFError, NotImplementedError):
        return _damaged_zip_kind(data)
    if b"hwp+zip" in mimetype or any(n.startswith("Contents/section") for n in names):
        return "hwpx"
    if "word/document.xml" in names:
        return "docx"
    if b"opendocument.text" in mimetype:
        return "odt"
    return "zip"


def _damaged_zip_kind(data: bytes) -> str:
    """A zip whose directory is broken: name its kind from the entry names in its local headers.

    Then the format's parser reports the damage ("corrupt HWPX"), not "unsupported format (zip)".
    """
    for hint, kind in DAMAGED_ZIP_HINTS:
        if hint in data:
            return kind
    return "zip"


def _ole_is_hwp(data: bytes) -> bool:
    # The FileHeader stream begins with this signature; it sits in the first sectors of the file.
    return b"HWP Document File" in data[:65536] or b"F\x00i\x00l\x00e\x00H\x00e\x00a\x00d\x00e\x00r" in data[:65536]
