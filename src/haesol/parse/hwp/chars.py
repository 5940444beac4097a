"""HWP text decoding: PARA_TEXT control characters, private-use glyphs and space normalisation."""

from __future__ import annotations

import logging
import re

LOGGER = logging.getLogger(__name__)

WCHAR = 2
CONTROL_WIDTH = 8 * WCHAR
PARA_END = 13
CONTROL_RE = re.compile(rb"[\x00-\x1f]\x00")
EXTENDED_CONTROLS = frozenset({1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23})
INLINE_CONTROLS = frozenset({4, 5, 6, 7, 8, 9, 19, 20})
CHAR_REPLACEMENTS = {9: " ", 10: "\n", 24: "-", 30: " ", 31: " "}

# Symbol-font glyphs (Wingdings, Symbol) that Hancom stores in the private-use area U+F0xx.
PUA_GLYPHS = {
    0xF02A: "*",
    0xF02D: "-",
    0xF06C: "●",
    0xF06D: "❍",
    0xF06E: "■",
    0xF06F: "□",
    0xF070: "□",
    0xF071: "❑",
    0xF072: "❑",
    0xF073: "◆",
    0xF074: "◆",
    0xF075: "◆",
    0xF076: "◆",
    0xF077: "◆",
    0xF09E: "·",
    0xF09F: "•",
    0xF0A1: "○",
    0xF0A2: "○",
    0xF0A4: "○",
    0xF0A5: "○",
    0xF0A7: "□",
    0xF0A8: "□",
    0xF0B7: "•",
    0xF0D8: "➢",
    0xF0E0: "▶",
    0xF0E8: "▶",
    0xF0F0: "▶",
    0xF0FC: "✓",
    0xF0FE: "□",
}
PUA_CLASS = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
LEADING_PUA_RE = re.compile(rf"^([ ]*)[{PUA_CLASS}]", re.M)
PUA_RE = re.compile(rf"[{PUA_CLASS}\ufffd]")
ODD_SPACES_RE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
ZERO_WIDTH_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
TRAILING_SPACES_RE = re.compile(r"[ ]+$", re.M)
FALLBACK_MARKER = "•"


def decode_para_text(payload: bytes) -> list[str | int]:
    """Split a PARA_TEXT payload into text pieces and the indexes of its extended controls.

    Extended controls (tables, drawing objects, notes, headers …) take 8 WCHARs in the text and
    pair, in order, with the paragraph's CTRL_HEADER records; the k-th one is returned as ``k``.
    Inline controls (tabs, field ends) take 8 WCHARs, character controls one.

    Returns:
        Text pieces (raw, not yet cleaned) and integers, in text order.
    """
    tokens: list[str | int] = []
    end = len(payload) - len(payload) % WCHAR
    text_from = search_from = 0
    extended = 0
    while search_from < end:
        match = CONTROL_RE.search(payload, search_from, end)
        if match is None:
            break
        start = match.start()
        if start % WCHAR:
            search_from = start + 1
            continue
        if start > text_from:
            tokens.append(payload[text_from:start].decode("utf-16-le", "replace"))
        code = payload[start]
        if code == PARA_END:
            return tokens
        width = CONTROL_WIDTH if code in EXTENDED_CONTROLS or code in INLINE_CONTROLS else WCHAR
        if code in EXTENDED_CONTROLS:
            tokens.append(extended)
            extended += 1
        elif code in CHAR_REPLACEMENTS:
            tokens.append(CHAR_REPLACEMENTS[code])
        text_from = search_from = min(start + width, end)
    if end > text_from:
        tokens.append(payload[text_from:end].decode("utf-16-le", "replace"))
    return tokens


def clean_text(text: str) -> str:
    """Normalise a paragraph's text: odd spaces and tabs to ' ', symbol glyphs mapped, garbage dropped.

    Private-use glyphs with a known meaning become their Unicode look-alike; an unknown one at the
    start of a line becomes '•', elsewhere it is dropped. Trailing spaces go; leading spaces stay.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ZERO_WIDTH_RE.sub("", ODD_SPACES_RE.sub(" ", text))
    if PUA_RE.search(text):
        text = PUA_RE.sub("", LEADING_PUA_RE.sub(rf"\g<1>{FALLBACK_MARKER}", text.translate(PUA_GLYPHS)))
    text = TRAILING_SPACES_RE.sub("", text)
    return text.strip("\n")


def clean_marker(char: str) -> str:
    """An automatic bullet character made printable: symbol glyphs mapped, others to '•'."""
    if ord(char) in PUA_GLYPHS:
        return PUA_GLYPHS[ord(char)]
    if PUA_RE.match(char) or not char.strip() or ord(char) < 32:
        return FALLBACK_MARKER
    return char
