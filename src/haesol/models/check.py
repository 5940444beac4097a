"""An article under audit (`haesol check`): its units, the input and the report."""

from __future__ import annotations

from dataclasses import dataclass

from haesol.models.verdict import Finding, SentenceCheck


@dataclass(frozen=True, slots=True)
class ArticleUnit:
    """A sentence (or heading, bullet, cell) of an article under audit, with where it sits."""

    text: str
    part: str
    block: int = 0


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article read for auditing: its units in order, and what else the page carries."""

    units: tuple[ArticleUnit, ...]
    format: str
    images: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    flattened_tables: tuple[str, ...] = ()
    ragged_tables: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The audit of one article: a verdict per sentence, document findings, and the score."""

    sentences: tuple[SentenceCheck, ...]
    findings: tuple[Finding, ...]
    score: int
    counts: tuple[tuple[str, int], ...] = ()
