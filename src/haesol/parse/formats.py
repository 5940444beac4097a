"""The format parsers haesol owns, by format name: the one table the parse stage and the registry read."""

from __future__ import annotations

import importlib
import logging

from haesol.errors import UnsupportedFormatError
from haesol.parse.parser import FormatParser

LOGGER = logging.getLogger(__name__)

PARSERS: dict[str, str] = {
    "text": "haesol.parse.text:TextParser",
    "html": "haesol.parse.html:HtmlParser",
    "hwpx": "haesol.parse.hwpx:HwpxParser",
    "hwp": "haesol.parse.hwp:HwpParser",
    "hwp3": "haesol.parse.hwp:HwpParser",
    "drm": "haesol.parse.hwp:HwpParser",
    "pdf": "haesol.parse.pdf:PdfParser",
    "docx": "haesol.parse.docx:DocxParser",
    "odt": "haesol.parse.odt:OdtParser",
}


def get_parser(fmt: str) -> FormatParser:
    """An instance of the parser registered for ``fmt``.

    Raises:
        UnsupportedFormatError: when no parser reads that format.
    """
    if fmt not in PARSERS:
        raise UnsupportedFormatError(fmt)
    module_name, _, attr = PARSERS[fmt].partition(":")
    parser: FormatParser = getattr(importlib.import_module(module_name), attr)()
    return parser
