"""Stored drafts as Articles again: read the JSON document back, apply the editors' changes, re-check sentences."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from haesol.models import Claim, Line, PartName, Problem, SentenceCheck, Verdict
from haesol.render.stored_article import apply_edits, article_from_document, map_lines, positions
from haesol.verify.checker import Checker
from haesol.verify.content import check_claim

LOGGER = logging.getLogger(__name__)

# Reading stored documents back lives in haesol.render.stored_article (publishing needs it too); re-exported here.
__all__ = [
    "BLOCKING",
    "DeskCheck",
    "apply_edits",
    "article_from_document",
    "check_from_json",
    "check_to_json",
    "desk_check",
    "editable",
    "map_lines",
    "positions",
]

VERDICT_RANK = {Verdict.CONTRADICTED: 0, Verdict.UNSUPPORTED: 1, Verdict.PARTIAL: 2, Verdict.SUPPORTED: 3}
BLOCKING = frozenset({Verdict.CONTRADICTED, Verdict.UNSUPPORTED})


def editable(line: Line) -> bool:
    """Whether an editor may change (and the desk checks) this line: everything but fixed labels and the dateline."""
    return line.part not in (PartName.LABEL, PartName.DATELINE) and bool(line.text.strip())


@dataclass(frozen=True, slots=True)
class DeskCheck:
    """A sentence's verdict at the desk: the check, and whether it came from its own sources or from retrieval."""

    check: SentenceCheck
    retrieved: bool = False

    @property
    def sources(self) -> tuple[str, ...]:
        """The source sentences that now back the sentence (its evidence)."""
        return self.check.evidence


def desk_check(checker: Checker, text: str, part: str, sources: tuple[str, ...]) -> DeskCheck:
    """Check a sentence against its own sources first; when that fails, against the whole source (retrieval).

    Retrieval wins when it supports the sentence, or when it is better and the sentence's own sources
    did not contradict it: a number that differs from its own source stays contradicted.
    """
    strict = check_claim(checker, Claim(text, part, sources)) if sources else None
    if strict is not None and strict.verdict is Verdict.SUPPORTED:
        return DeskCheck(strict)
    found = check_claim(checker, Claim(text, part))
    if strict is None or found.verdict is Verdict.SUPPORTED:
        return DeskCheck(found, True)
    if strict.verdict is Verdict.CONTRADICTED or VERDICT_RANK[strict.verdict] >= VERDICT_RANK[found.verdict]:
        return DeskCheck(strict)
    return DeskCheck(found, True)


def check_from_json(data: dict[str, Any]) -> SentenceCheck:
    """A SentenceCheck saved with ``check_to_json``."""
    problems = tuple(
        Problem(p["type"], p["span"], p["message"], p.get("expected") or "") for p in data.get("problems", ())
    )
    return SentenceCheck(
        data["text"],
        Verdict(data["verdict"]),
        tuple(data.get("evidence", ())),
        problems,
        float(data.get("coverage", 0.0)),
        data.get("part", ""),
    )


def check_to_json(check: SentenceCheck) -> dict[str, Any]:
    """A SentenceCheck as plain data (what a saved edit keeps)."""
    return {
        "text": check.text,
        "verdict": check.verdict.value,
        "evidence": list(check.evidence),
        "coverage": check.coverage,
        "part": check.part,
        "problems": [
            {"type": p.type, "span": p.span, "message": p.message, "expected": p.expected} for p in check.problems
        ],
    }
