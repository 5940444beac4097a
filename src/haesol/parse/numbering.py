"""Automatic list numbers (1. 가. ① Ⅳ 일 갑 …) written the way Hangul and Word write them, shared by the parsers."""

from __future__ import annotations

from collections.abc import Callable

CIRCLED_DIGITS = (
    [chr(0x2460 + i) for i in range(20)] + [chr(0x3251 + i) for i in range(15)] + [chr(0x32B1 + i) for i in range(15)]
)
HANGUL_INITIALS = (0, 2, 3, 5, 6, 7, 9, 11, 12, 14, 15, 16, 17, 18)  # ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅅ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
HANGUL_MEDIALS = (0, 4, 8, 13, 18, 20)  # ㅏ ㅓ ㅗ ㅜ ㅡ ㅣ
HANGUL_JAMO = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
CIRCLED_JAMO = "㉠㉡㉢㉣㉤㉥㉦㉧㉨㉩㉪㉫㉬㉭"
CIRCLED_SYLLABLES = "㉮㉯㉰㉱㉲㉳㉴㉵㉶㉷㉸㉹㉺㉻"
HANGUL_DIGITS = "일이삼사오육칠팔구"
HANJA_DIGITS = "一二三四五六七八九"
CIRCLED_HANJA = "㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉"
DECAGON = "갑을병정무기경신임계"
DECAGON_HANJA = "甲乙丙丁戊己庚辛壬癸"
ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)

# Hancom's numeric number shapes (HWP 5.0 DocInfo) in the order of their codes 0–16.
HWP_SHAPES = (
    "DIGIT",
    "CIRCLED_DIGIT",
    "ROMAN_CAPITAL",
    "ROMAN_SMALL",
    "LATIN_CAPITAL",
    "LATIN_SMALL",
    "CIRCLED_LATIN_CAPITAL",
    "CIRCLED_LATIN_SMALL",
    "HANGUL_SYLLABLE",
    "CIRCLED_HANGUL_SYLLABLE",
    "HANGUL_JAMO",
    "CIRCLED_HANGUL_JAMO",
    "HANGUL_PHONETIC",
    "IDEOGRAPH",
    "CIRCLED_IDEOGRAPH",
    "DECAGON_CIRCLE",
    "DECAGON_CIRCLE_HANJA",
)
# Word/ODF list formats (lower-cased) and the OWPML format they write like.
WORD_FORMATS = {
    "decimal": "DIGIT",
    "1": "DIGIT",
    "ganada": "HANGUL_SYLLABLE",
    "가": "HANGUL_SYLLABLE",
    "korean-ganada": "HANGUL_SYLLABLE",
    "chosung": "HANGUL_JAMO",
    "ㄱ": "HANGUL_JAMO",
    "korean-chosung": "HANGUL_JAMO",
    "decimalenclosedcircle": "CIRCLED_DIGIT",
    "①": "CIRCLED_DIGIT",
    "upperletter": "LATIN_CAPITAL",
    "a": "LATIN_SMALL",
    "lowerletter": "LATIN_SMALL",
    "upperroman": "ROMAN_CAPITAL",
    "i": "ROMAN_SMALL",
    "lowerroman": "ROMAN_SMALL",
}


def format_number(value: int, num_format: str) -> str:
    """Write ``value`` (1-based) in an OWPML number format such as DIGIT, HANGUL_SYLLABLE or CIRCLED_DIGIT.

    Args:
        value: the counter value; 0 or less gives ''.
        num_format: the ``numFormat`` attribute; unknown formats fall back to digits.

    Returns:
        The written number.
    """
    if value <= 0:
        return ""
    writer = _NUMBER_WRITERS.get(num_format)
    return writer(value) if writer else str(value)


def _cycle(chars: str) -> Callable[[int], str]:
    return lambda value: chars[(value - 1) % len(chars)]


def _hangul_syllable(value: int) -> str:
    index = (value - 1) % (len(HANGUL_INITIALS) * len(HANGUL_MEDIALS))
    medial, initial = divmod(index, len(HANGUL_INITIALS))
    return chr(0xAC00 + (HANGUL_INITIALS[initial] * 21 + HANGUL_MEDIALS[medial]) * 28)


def _roman(value: int) -> str:
    out = []
    for amount, letters in ROMAN:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def _sino(digits: str, ten: str) -> Callable[[int], str]:
    def write(value: int) -> str:
        value = (value - 1) % 99 + 1
        tens, ones = divmod(value, 10)
        prefix = "" if tens == 0 else (ten if tens == 1 else digits[tens - 1] + ten)
        return prefix + (digits[ones - 1] if ones else "")

    return write


def _circled_digit(value: int) -> str:
    return CIRCLED_DIGITS[value - 1] if value <= len(CIRCLED_DIGITS) else str(value)


_NUMBER_WRITERS: dict[str, Callable[[int], str]] = {
    "DIGIT": str,
    "CIRCLED_DIGIT": _circled_digit,
    "ROMAN_CAPITAL": _roman,
    "ROMAN_SMALL": lambda value: _roman(value).lower(),
    "LATIN_CAPITAL": lambda value: chr(ord("A") + (value - 1) % 26),
    "LATIN_SMALL": lambda value: chr(ord("a") + (value - 1) % 26),
    "CIRCLED_LATIN_CAPITAL": lambda value: chr(0x24B6 + (value - 1) % 26),
    "CIRCLED_LATIN_SMALL": lambda value: chr(0x24D0 + (value - 1) % 26),
    "HANGUL_SYLLABLE": _hangul_syllable,
    "CIRCLED_HANGUL_SYLLABLE": _cycle(CIRCLED_SYLLABLES),
    "HANGUL_JAMO": _cycle(HANGUL_JAMO),
    "CIRCLED_HANGUL_JAMO": _cycle(CIRCLED_JAMO),
    "HANGUL_PHONETIC": _sino(HANGUL_DIGITS, "십"),
    "IDEOGRAPH": _sino(HANJA_DIGITS, "十"),
    "CIRCLED_IDEOGRAPH": _cycle(CIRCLED_HANJA),
    "DECAGON_CIRCLE": _cycle(DECAGON),
    "DECAGON_CIRCLE_HANJA": _cycle(DECAGON_HANJA),
}


def format_hwp_number(value: int, shape: int) -> str:
    """Write ``value`` in one of Hancom's numeric number shapes (0 = 1,2,3; 1 = ①②③; 8 = 가나다 …)."""
    name = HWP_SHAPES[shape] if 0 <= shape < len(HWP_SHAPES) else "DIGIT"
    return format_number(value, name) or str(value)


def format_word_number(value: int, fmt: str) -> str:
    """Write ``value`` in a Word/ODF list format (decimal, ganada, chosung, upperRoman …)."""
    lowered = fmt.lower()
    if lowered == "decimalzero":
        return f"{value:02d}"
    if lowered == "a" and fmt == "A":
        return format_number(value, "LATIN_CAPITAL")
    if lowered == "i" and fmt == "I":
        return format_number(value, "ROMAN_CAPITAL")
    return format_number(value, WORD_FORMATS.get(lowered, "DIGIT")) or str(value)
