"""The tiny base every format parser shares: bytes in, a RawDocument out."""

from __future__ import annotations

import logging
from typing import ClassVar

from haesol.models import RawDocument

LOGGER = logging.getLogger(__name__)


class FormatParser:
    """Turns the bytes of one format into ordered paragraphs and tables.

    Subclasses set ``format`` and implement ``parse``. They raise only haesol errors
    (``ParseError``, ``ProtectedDocumentError`` …), translated from library errors with ``from``.
    """

    format: ClassVar[str] = ""

    def parse(self, data: bytes, source: str = "") -> RawDocument:
        """Parse ``data`` (read from ``source``, a path or label used in messages)."""
        raise NotImplementedError
