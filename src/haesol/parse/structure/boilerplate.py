"""Lines that are never release content: picture placeholders, licence notices, portal chrome."""

from __future__ import annotations

import re

KOGL_TYPE_RE = re.compile(r"공공누리\s*(?:\(KOGL\)\s*)?제\s*([0-4])\s*유형|open_type0?([0-4])")

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s*그림입니다\.?\s*$"), "그림 자리표시 (image placeholder)"),
    (
        re.compile(r"^\s*(원본 그림의 (이름|크기)|사진 찍은 날짜|프로그램 이름|카메라 (제조사|모델)|해상도)\s*[:：]"),
        "그림 정보 (picture metadata)",
    ),
    (re.compile(r"공공누리|KOGL|저작권법\s*제\s*37\s*조|텍스트에\s*한하여"), "저작권·라이선스 고지 (licence notice)"),
    (re.compile(r"보도자료를\s*전재하여\s*제공|이\s*자료는\s*.{0,30}\s*전재"), "전재 고지 (reprint notice)"),
    (re.compile(r"정책브리핑이\s*저작권을\s*보유하고\s*있지\s*않"), "저작권 고지 (copyright notice)"),
    (
        re.compile(r"무단\s*전재|재배포\s*금지|ⓒ\s*\S+|Copyright|All rights reserved", re.I),
        "저작권 고지 (copyright notice)",
    ),
    (
        re.compile(
            r"^\s*(저작권정책|담당자안내|공유하기|바로보기|내려받기|본문듣기|글자크기|댓글|운영원칙|인쇄|목록)\s*$"
        ),
        "화면 메뉴 (page chrome)",
    ),
    (re.compile(r"^\s*-\s*\d{1,3}\s*-\s*$|^\s*\d{1,3}\s*/\s*\d{1,3}\s*$"), "쪽 번호 (page number)"),
    (
        re.compile(r"자세한\s*(내용|사항)[을은]?\s*원하시면|연락\s*주시기\s*바랍니다|문의하시기\s*바랍니다"),
        "문의 안내 (contact notice)",
    ),
)


def drop_reason(text: str) -> str:
    """Why a line is dropped as boilerplate, or '' when it is content."""
    for pattern, reason in _RULES:
        if pattern.search(text):
            return reason
    return ""


def is_boilerplate(text: str) -> bool:
    """Whether a line is boilerplate."""
    return bool(drop_reason(text))


def kogl_type_in(text: str) -> int | None:
    """The KOGL type a notice states ('공공누리 제1유형' → 1), or None."""
    match = KOGL_TYPE_RE.search(text)
    if not match:
        return None
    return int(match.group(1) or match.group(2))
