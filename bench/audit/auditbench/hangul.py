"""Hangul helpers for rewriting rules: final consonants, particles and syllable edits."""

from __future__ import annotations

import logging

LOGGER = logging.getLogger(__name__)

BASE = 0xAC00
LAST = 0xD7A3
MEDIALS = 21
FINALS = 28
FINAL_NIEUN = 4
FINAL_BIEUP = 17
FINAL_RIEUL = 8
# vowel pairs a typist or a speech-to-text engine confuses (ㅏ/ㅑ, ㅓ/ㅕ, ㅗ/ㅛ, ㅜ/ㅠ, ㅐ/ㅔ, ㅡ/ㅜ)
VOWEL_SWAPS = {0: 2, 2: 0, 4: 6, 6: 4, 8: 12, 12: 8, 13: 17, 17: 13, 1: 5, 5: 1, 18: 13, 20: 18}


def is_syllable(char: str) -> bool:
    """Whether ``char`` is a precomposed Hangul syllable."""
    return len(char) == 1 and BASE <= ord(char) <= LAST


def final_of(char: str) -> int:
    """The final-consonant index of a syllable (0 = none); 0 for anything else."""
    return (ord(char) - BASE) % FINALS if is_syllable(char) else 0


def has_final(word: str) -> bool:
    """Whether the last syllable of ``word`` ends in a consonant (digits read the Korean way)."""
    if not word:
        return False
    last = word[-1]
    if last.isdigit():
        return last in "0136789"
    return final_of(last) != 0


def with_final(char: str, final: int) -> str:
    """The syllable with its final consonant replaced."""
    code = ord(char) - BASE
    return chr(BASE + code - code % FINALS + final)


def swap_vowel(char: str) -> str:
    """The syllable with its vowel replaced by an easily confused one, or '' when there is none."""
    if not is_syllable(char):
        return ""
    code = ord(char) - BASE
    initial, medial, final = code // (MEDIALS * FINALS), (code // FINALS) % MEDIALS, code % FINALS
    other = VOWEL_SWAPS.get(medial)
    if other is None:
        return ""
    return chr(BASE + (initial * MEDIALS + other) * FINALS + final)


def topic_to_subject(word: str) -> str:
    """'국방부는' → '국방부가', '소방청은' → '소방청이'; '' when ``word`` has no topic particle."""
    if word.endswith("는") and len(word) >= 3 and not has_final(word[:-1]):
        return word[:-1] + "가"
    if word.endswith("은") and len(word) >= 3 and has_final(word[:-1]):
        return word[:-1] + "이"
    return ""


def polite_ending(word: str) -> str:
    """A sentence-final 해라체 predicate in 합쇼체: '늘린다' → '늘립니다', '했다' → '했습니다'; '' if unknown."""
    if not word.endswith("다") or len(word) < 2:
        return ""
    stem, last = word[:-1], word[-2]
    if stem.endswith("는") and len(stem) >= 2:
        return stem[:-1] + "습니다"
    if stem.endswith("이") and len(stem) >= 2:
        return stem[:-1] + "입니다"
    if final_of(last) == FINAL_NIEUN:
        return stem[:-1] + with_final(last, FINAL_BIEUP) + "니다"
    if final_of(last) not in (0, FINAL_NIEUN, FINAL_RIEUL):
        return stem + "습니다"
    return ""
