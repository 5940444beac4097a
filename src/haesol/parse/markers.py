"""Bullet markers of Korean releases (□ ㅇ ○ - * ※ ▲ …), their levels, and space normalisation."""

from __future__ import annotations

import re
from dataclasses import dataclass

ODD_SPACES_RE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\ufeff]")
ZERO_WIDTH_RE = re.compile(r"[\u200b-\u200d\u2060]")

LEVEL_OF_MARKER = {
    "□": 1,
    "■": 1,
    "◼": 1,
    "▣": 1,
    "◈": 1,
    "◆": 1,
    "❏": 1,
    "❑": 1,
    "ㅇ": 2,
    "○": 2,
    "◦": 2,
    "❍": 2,
    "●": 2,
    "•": 2,
    "◯": 2,
    "∘": 2,
    "⚬": 2,
    "◇": 2,
    "▶": 2,
    "▷": 2,
    "➢": 2,
    "-": 3,
    "–": 3,
    "―": 3,
    "−": 3,
    "·": 3,
    "‧": 3,
    "∙": 3,
    "*": 4,
    "※": 4,
    "▲": 3,
    "△": 3,
}
NOTE_MARKERS = frozenset({"*", "※"})
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"

_SYMBOLS = "".join(sorted((m for m in LEVEL_OF_MARKER if len(m) == 1 and m != "ㅇ" and m != "-"), key=ord))
MARKER_RE = re.compile(
    r"^(?P<marker>"
    rf"[{re.escape(_SYMBOLS)}]"
    r"|ㅇ(?=\s)"
    r"|[oO](?=\s+[가-힣“‘'\"(\[])"
    r"|-(?=\s*\S)(?!\d)"
    rf"|[{CIRCLED}]"
    r"|\(?\d{1,2}\)(?=\s)"
    r"|\d{1,2}\.(?=\s)(?!\s*\d)"
    r"|[가-하]\.(?=\s)"
    r"|\([가-하]\)(?=\s)"
    r")\s*"
)

SENTENCE_END_RE = re.compile(r"(다|요|음|임|함|됨|함\.|까|니다|오)[.!?。]?[\"”’')\]]*\s*$|[.!?。][\"”’')\]]*\s*$")


@dataclass(frozen=True, slots=True)
class MarkedLine:
    """A line split into its bullet marker (may be empty), level and text."""

    marker: str
    level: int
    text: str
    indent: int


def normalize_spaces(text: str) -> str:
    """Turn NBSP and other odd spaces into plain spaces and drop zero-width characters (tabs stay)."""
    return ZERO_WIDTH_RE.sub("", ODD_SPACES_RE.sub(" ", text))


def clean_text(text: str) -> str:
    """Normalise a paragraph as a file holds it: odd spaces and tabs to ' ', line ends to '\\n',
    trailing spaces stripped, leading spaces (hierarchy) kept."""
    text = normalize_spaces(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")
    text = text.replace("\u00ad", "").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def split_marker(line: str, given_marker: str = "") -> MarkedLine:
    """Split a leading bullet marker from a line and assign its hierarchy level.

    Args:
        line: the line as written, with its leading spaces.
        given_marker: an automatic marker a format parser found outside the text.

    Returns:
        The marker ('' for a plain paragraph), its level (0 plain, 1 □, 2 ㅇ, 3 -, 4 notes) and text.
    """
    indent = len(line) - len(line.lstrip(" "))
    stripped = line.strip()
    match = MARKER_RE.match(stripped)
    if match and len(stripped) > match.end():
        marker = match.group("marker")
        return MarkedLine(marker, level_of(marker, indent), stripped[match.end() :].strip(), indent)
    if given_marker:
        return MarkedLine(given_marker, level_of(given_marker, indent), stripped, indent)
    return MarkedLine("", 0, stripped, indent)


def level_of(marker: str, indent: int = 0) -> int:
    """The hierarchy level of a marker; numbered markers nest by indentation."""
    if marker in ("o", "O"):
        return 2
    if marker in LEVEL_OF_MARKER:
        return LEVEL_OF_MARKER[marker]
    if marker and marker[0] in CIRCLED:
        return 2
    if re.fullmatch(r"\d{1,2}\.", marker):
        return 1 if indent == 0 else 2
    if re.fullmatch(r"[가-하]\.|\(?\d{1,2}\)|\([가-하]\)", marker):
        return 2 if indent < 2 else 3
    return 2


def is_note(marker: str) -> bool:
    """Whether a marker introduces a footnote or an aside (* or ※)."""
    return marker in NOTE_MARKERS


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a finished sentence (final ending or full stop)."""
    return bool(SENTENCE_END_RE.search(text.strip()))
