"""Character spans of a text: edited regions and the spacing differences between two versions of it."""

from __future__ import annotations

import logging
from collections.abc import Sequence

LOGGER = logging.getLogger(__name__)

NUMBER_WORDS = frozenset("만억조천")
Region = tuple[int, int]


def spacing_changes(text: str, spaced: str) -> list[tuple[int, str]]:
    """Where ``spaced`` (the same characters) has a space ``text`` lacks ('+') or lacks one it has ('-').

    Returns positions in ``text``; an empty list when the two differ in anything but spaces.
    Changes right after a digit or a number word (만, 억, 조, 천) are left out: numbers keep the
    source's spacing ('300만~400만원'), which Kiwi's model would split.
    """
    changes: list[tuple[int, str]] = []
    i = j = 0
    while i < len(text) and j < len(spaced):
        if text[i] == spaced[j]:
            i, j = i + 1, j + 1
        elif text[i] == " ":
            if not _after_number(text, i):
                changes.append((i, "-"))
            i += 1
        elif spaced[j] == " ":
            if not _after_number(text, i):
                changes.append((i, "+"))
            j += 1
        else:
            return []
    return changes


def _after_number(text: str, position: int) -> bool:
    before = text[:position].rstrip()[-1:]
    return before.isdigit() or before in NUMBER_WORDS


def near(position: int, regions: Sequence[Region]) -> bool:
    """Whether a position lies inside or on the edge of one of the regions."""
    return any(s <= position <= e for s, e in regions)
