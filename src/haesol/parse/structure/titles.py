"""Cutting an over-long title at a safe point: whole words, closed quotes and brackets, never empty."""

from __future__ import annotations

import logging
import re

LOGGER = logging.getLogger(__name__)

MIN_CUT_CHARS = 10  # a word-boundary cut shorter than this is worse than a hard cut
PAIRS = (("“", "”"), ("‘", "’"), ("(", ")"), ("[", "]"), ("<", ">"), ("「", "」"), ("『", "』"), ("《", "》"))
TRAILING = " ,·…-–—:;/"
SPACE_RE = re.compile(r"\s+")


def cut_title(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else its longest safe prefix that does.

    Safe: ends at a word boundary, leaves no quotation mark or bracket open, drops trailing commas
    and dashes. When every word cut would leave a quotation open, the longest one without its
    unmatched marks; with no word boundary at all, a hard cut at ``limit``. Never empty for a text
    with any non-space character.
    """
    text = SPACE_RE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    longest = ""
    for end in (m.start() for m in reversed(list(SPACE_RE.finditer(text, 0, limit + 1)))):
        head = text[:end].rstrip(TRAILING)
        if len(head) < MIN_CUT_CHARS:
            break
        longest = longest or head
        if _balanced(head):
            return head
    if longest:  # every word cut leaves a quotation open: keep the words, drop the unmatched marks
        return _without_open_marks(longest)
    return text[:limit].rstrip(TRAILING) or text[:limit]


def _without_open_marks(text: str) -> str:
    for opening, closing in PAIRS:
        if text.count(opening) != text.count(closing):
            text = text.replace(opening, "").replace(closing, "")
    return SPACE_RE.sub(" ", text.replace('"', "") if text.count('"') % 2 else text).strip()


def _balanced(text: str) -> bool:
    if text.count('"') % 2 or text.count("'") % 2:
        return False
    return all(text.count(opening) == text.count(closing) for opening, closing in PAIRS)
