"""Negating morphemes: how many a sentence has (않다, 못하다, 없다, 아니다, 안, 못)."""

from __future__ import annotations

import logging

from haesol.models import Morph

LOGGER = logging.getLogger(__name__)

NEGATION_LEMMAS = frozenset({"않다", "못하다", "없다", "아니다", "말다"})
NEGATION_ADVERBS = frozenset({"안", "못", "미처"})


def negation_count(morphs: tuple[Morph, ...]) -> int:
    """How many negating morphemes a sentence has (않다, 못하다, 없다, 아니다, 안, 못)."""
    count = 0
    for morph in morphs:
        if (morph.tag in ("VX", "VA", "VCN", "VV") and morph.lemma in NEGATION_LEMMAS) or (
            morph.tag == "MAG" and morph.form in NEGATION_ADVERBS
        ):
            count += 1
    return count
