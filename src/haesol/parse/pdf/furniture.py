"""Find page furniture in a PDF: running headers and footers and page numbers."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from haesol.models import Dropped
from haesol.parse.pdf.text_lines import TextLine

LOGGER = logging.getLogger(__name__)

EDGE_ZONE = 0.1  # share of the page height at the top and at the bottom where furniture lives
SAME_PLACE = 6.0  # pt: a repeated line must sit this close to the same height on each page
PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|[-–—]\s*[ivxlc]{1,6}\s*[-–—]"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*/\s*\d{1,4})?|\d{1,4}\s*(?:쪽|페이지))$",
    re.IGNORECASE,
)

_NUMBER = r"(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})"
EDGE_NUMBER = re.compile(rf"^{_NUMBER}\s+|\s+{_NUMBER}$")


@dataclass(frozen=True, slots=True)
class PageLines:
    """The flow lines of one page and the page height."""

    height: float
    lines: tuple[TextLine, ...]


def find_furniture(pages: Sequence[PageLines]) -> tuple[set[tuple[int, int]], list[Dropped]]:
    """Spot page numbers and lines repeated at the same place on most pages.

    Args:
        pages: every page's flow lines.

    Returns:
        The (page index, line index) pairs to drop, and one Dropped record per dropped line.
    """
    candidates = [
        (page_no, line_no, line, page.height)
        for page_no, page in enumerate(pages)
        for line_no, line in enumerate(page.lines)
        if _in_edge_zone(line, page.height)
    ]
    needed = max(2, math.ceil(len(pages) / 2))
    places: dict[str, list[tuple[int, float]]] = {}
    for page_no, _, line, _ in candidates:
        places.setdefault(_shape(line.text), []).append((page_no, line.top))
    drop: set[tuple[int, int]] = set()
    dropped: list[Dropped] = []
    for page_no, line_no, line, height in candidates:
        text = line.text.strip()
        if PAGE_NUMBER.match(text):
            reason = "page number"
        elif len(pages) >= 2 and _repeats(line, places[_shape(line.text)]) >= needed:
            reason = "running header" if line.top < height / 2 else "running footer"
        else:
            continue
        drop.add((page_no, line_no))
        dropped.append(Dropped(text[:80], reason))
    return drop, dropped


def _in_edge_zone(line: TextLine, height: float) -> bool:
    return line.bottom < EDGE_ZONE * height or line.top > (1 - EDGE_ZONE) * height


def _shape(text: str) -> str:
    """The line without spaces and without a page number at either end (``보도자료 - 3 -``)."""
    return EDGE_NUMBER.sub("", text.strip()).replace(" ", "")


def _repeats(line: TextLine, places: list[tuple[int, float]]) -> int:
    return len({page_no for page_no, top in places if abs(top - line.top) <= SAME_PLACE})
