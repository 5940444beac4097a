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
    and dashes. When no word boundary gives at least ``MIN_CUT_CHARS`` characters, a hard cut at
    ``limit``. The result is never empty for a text with any non-space character.
    """
    text = SPACE_RE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    for end in (m.start() for m in reversed(list(SPACE_RE.finditer(text, 0, limit + 1)))):
        head = text[:end].rstrip(TRAILING)
        if len(head) < MIN_CUT_CHARS:
            break
        if _balanced(head):
            return head
    return text[:limit].rstrip(TRAILING) or text[:limit]


def _balanced(text: str) -> bool:
    if text.count('"') % 2 or text.count("'") % 2:
        return False
    return all(text.count(opening) == text.count(closing) for opening, closing in PAIRS)
