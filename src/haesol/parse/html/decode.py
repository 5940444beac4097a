"""Decode the bytes of a saved web page: BOM, declared charset, UTF-8/CP949 trial, then detection."""

from __future__ import annotations

import codecs
import logging
import re

from haesol.errors import DecodeError

LOGGER = logging.getLogger(__name__)

PRESCAN_BYTES = 4096
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels Korean pages use for the KS X 1001 family; CP949 is the superset browsers decode them as.
KOREAN_LABELS = frozenset(
    {
        "euc-kr",
        "euckr",
        "ks_c_5601-1987",
        "ks_c_5601",
        "ksc5601",
        "ksc_5601",
        "korean",
        "cp949",
        "windows-949",
        "x-windows-949",
        "ms949",
        "uhc",
        "iso-ir-149",
        "csksc56011987",
        "x-euc-kr",
    }
)
META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)
SINGLE_BYTE = frozenset({"ascii", "latin-1", "cp1252"})
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_html(data: bytes, source: str = "") -> str:
    """Turn page bytes into text the way a browser would, with Korean legacy encodings in mind.

    Order: a byte-order mark; the charset a ``<meta>`` tag or XML declaration states (tried strictly,
    because Korean sites often declare EUC-KR and serve UTF-8 or the reverse); strict UTF-8; strict
    CP949; charset-normalizer; finally the declared charset with replacement characters.

    Args:
        data: the raw bytes of the page.
        source: path or label used in error messages.

    Returns:
        The page text without NUL and other C0 control characters.

    Raises:
        DecodeError: when no encoding reads the bytes.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _clean(data[len(bom) :].decode(encoding, errors="replace"))
    declared = declared_charset(data)
    for encoding in _candidates(declared):
        try:
            return _clean(data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    detected = _detect(data)
    if detected is not None:
        return _clean(detected)
    if declared:
        LOGGER.warning("%s: undecodable bytes replaced while reading as %s", source or "html", declared)
        return _clean(data.decode(declared, errors="replace"))
    raise DecodeError(source=source)


def declared_charset(data: bytes) -> str:
    """The Python codec name a page declares in its first kilobytes, or '' when none is usable.

    Args:
        data: the raw bytes of the page.

    Returns:
        A codec name (``utf-8``, ``cp949`` …); UTF-16 declarations in ASCII-compatible bytes are
        ignored, as browsers do.
    """
    head = data[:PRESCAN_BYTES]
    match = XML_ENCODING.match(head) or META_CHARSET.search(head)
    if match is None:
        return ""
    label = match.group(1).decode("ascii", errors="ignore").strip().lower()
    if label in KOREAN_LABELS:
        return "cp949"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        LOGGER.debug("unknown charset label %r", label)
        return ""
    return "" if name.startswith(("utf-16", "utf-32")) else name


def _candidates(declared: str) -> list[str]:
    if not declared:
        return ["utf-8", "cp949"]
    if declared in SINGLE_BYTE or declared.startswith("iso8859"):
        # A single-byte codec never fails, and Korean pages often mislabel EUC-KR as Latin-1.
        return list(dict.fromkeys(["utf-8", "cp949", declared]))
    return list(dict.fromkeys([declared, "utf-8", "cp949"]))


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data[:1_000_000]).best()
    except (ValueError, LookupError, RuntimeError) as exc:
        LOGGER.debug("charset detection failed: %s", exc)
        return None
    if best is None or best.encoding is None:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _clean(text: str) -> str:
    return CONTROL_CHARS.sub("", text)
