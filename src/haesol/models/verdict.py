"""Verification: verdicts, problems, sentence checks, findings and the checker protocol."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from haesol.models.analysis import Analysis, Morph
from haesol.models.article import PartName


class Verdict(StrEnum):
    """How well the source supports a sentence."""

    SUPPORTED = "supported"
    PARTIAL = "partial"
    UNSUPPORTED = "unsupported"
    CONTRADICTED = "contradicted"


@dataclass(frozen=True, slots=True)
class Problem:
    """One specific defect in a sentence: its type, the span, and what the source says instead."""

    type: str
    span: str
    message: str
    expected: str = ""


@dataclass(frozen=True, slots=True)
class SentenceCheck:
    """The verdict on one sentence, with its evidence (source sentence ids) and problems."""

    text: str
    verdict: Verdict
    evidence: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    coverage: float = 0.0
    part: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """An article sentence to check: its text, where it sits, and the sources it names (if any)."""

    text: str
    part: str = PartName.BODY.value
    sources: tuple[str, ...] | None = None


class ClaimChecker(Protocol):
    """What judges one article sentence against the source (the verify stage's Checker)."""

    def check(self, claim: Claim, morphs: tuple[Morph, ...] | None = None) -> SentenceCheck: ...


CheckerFactory = Callable[["Analysis"], ClaimChecker]


@dataclass(frozen=True, slots=True)
class Finding:
    """A coded observation about a whole document (attribution, omissions, format defects)."""

    code: str
    message: str
    severity: str = "warning"
    detail: str = ""
