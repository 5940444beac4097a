"""Formats are detected from bytes, never from names."""

from __future__ import annotations

import pytest

from haesol.errors import ParseError, ProtectedDocumentError, UnsupportedFormatError
from haesol.parse import parse_bytes, time_limit
from haesol.parse.sniff import OLE_MAGIC, detect_format


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        pytest.param(b"%PDF-1.7\n", "pdf", id="pdf"),
        pytest.param(b"HWP Document File V3.00 \x1a", "hwp3", id="hwp3"),
        pytest.param(b"<MARKANY_DOCUMENTSAFER>...", "drm", id="drm"),
        pytest.param(b"<!DOCTYPE html><html><body>x</body></html>", "html", id="html"),
        pytest.param("보도자료\n제목".encode(), "text", id="text"),
    ],
)
def test_detect(data: bytes, fmt: str) -> None:
    assert detect_format(data) == fmt


def test_encrypted_office_file_is_protected() -> None:
    data = OLE_MAGIC + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600
    assert detect_format(data) == "docx"
    with pytest.raises((ProtectedDocumentError, ParseError)):
        parse_bytes(data, "secret.docx")


def test_other_ole_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormatError):
        parse_bytes(OLE_MAGIC + b"\x00" * 2000, "old.doc")


def test_time_limit_stops_a_stuck_parser() -> None:
    import time

    with pytest.raises(ParseError, match="1초"), time_limit(1, "pdf", "slow.pdf"):
        time.sleep(3)
