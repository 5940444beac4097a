"""Notes to reporters that are not the story: photo/video flags, embargo requests, '붙임 참고' pointers, markings."""

from __future__ import annotations

import logging
import re

from haesol.models import EditorNote

LOGGER = logging.getLogger(__name__)

NOTE_MAX_CHARS = 90
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "photo",
        re.compile(
            r"^[\s※*▶]*(?:\[?\s*(?:현장\s*)?사\s*진\s*\]?\s*(?:있\s*음|없\s*음)|"
            r".{0,30}(?:사진|영상|동영상).{0,20}(?:별도\s*)?(?:배포|제공|첨부|송부)\s*(?:예정|합니다|함|됨)?\.?)\s*$"
        ),
    ),
    ("video", re.compile(r"^[\s※*▶]*\[?\s*(?:동\s*)?영\s*상\s*\]?\s*(?:있\s*음|없\s*음)\s*$")),
    ("marking", re.compile(r"^\s*[<\[(]?\s*(?:공\s*개\s*용|대\s*외\s*비|비\s*공\s*개|내\s*부\s*용)\s*[>\])]?\s*$")),
    ("embargo", re.compile(r"엠\s*바\s*고|보도\s*(?:시점|일시)\s*(?:을|를)?\s*(?:꼭\s*)?(?:준수|지켜)")),
    (
        "attachment",
        re.compile(
            r"^[\s※*▶]*(?:자세한|세부|상세)?.{0,30}(?:붙\s*임|별\s*첨|첨\s*부)\s*(?:자료\s*)?\d*\s*참\s*(?:고|조)"
        ),
    ),
)


def editor_note(line: str) -> EditorNote | None:
    """The note a short line is (photo, video, embargo, attachment pointer), or None for content."""
    text = " ".join(line.split())
    if not text or len(text) > NOTE_MAX_CHARS:
        return None
    for kind, pattern in _RULES:
        if pattern.search(text):
            return EditorNote(kind, text)
    return None
