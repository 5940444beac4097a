"""A sentence with no content (only punctuation, symbols or spaces) is never 'supported', whatever it matches."""

from __future__ import annotations

import logging
import unicodedata

from haesol.models import Claim, ClaimChecker, Problem, SentenceCheck, Verdict

LOGGER = logging.getLogger(__name__)

CONTENT_FREE = "content_free"
EXEMPT_PARTS = frozenset({"table", "cell", "label"})


def is_content_free(text: str) -> bool:
    """True when ``text`` holds no letter and no digit (e.g. '…', '|---|', '※ ※', '· · ·')."""
    return not any(unicodedata.category(ch)[0] in "LN" for ch in text)


def check_claim(checker: ClaimChecker, claim: Claim) -> SentenceCheck:
    """The checker's verdict, except that a content-free sentence is 'unsupported' with a problem saying why.

    Table cells are exempt: '-' or '·' in a cell means "none" and is what the source table says.
    """
    if claim.part not in EXEMPT_PARTS and is_content_free(claim.text):
        problem = Problem(
            CONTENT_FREE, claim.text[:40], "내용이 없는 문장입니다 (no words or numbers: punctuation or symbols only)"
        )
        return SentenceCheck(claim.text, Verdict.UNSUPPORTED, problems=(problem,), part=claim.part)
    return checker.check(claim)
