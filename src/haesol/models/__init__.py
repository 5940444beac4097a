"""Typed records that the pipeline stages exchange: parse → analyze → compose → verify → render."""

from __future__ import annotations

from haesol.models.analysis import Analysis, Fact, FactKind, Morph, Origin, Sentence
from haesol.models.article import (
    UNSOURCED_PARTS,
    Article,
    ArticleTable,
    Attribution,
    FactRow,
    FaqItem,
    GenerationStats,
    Line,
    PartName,
    Section,
)
from haesol.models.check import ArticleInput, ArticleUnit, AuditReport
from haesol.models.document import Dropped, PageMeta, RawDocument, RawItem, RawParagraph, RawTable, Table, TableCell
from haesol.models.release import KST, Block, BlockKind, Contact, License, Part, Release, SourceInfo, Timing
from haesol.models.verdict import CheckerFactory, Claim, ClaimChecker, Finding, Problem, SentenceCheck, Verdict

__all__ = [
    "KST",
    "UNSOURCED_PARTS",
    "Analysis",
    "Article",
    "ArticleInput",
    "ArticleTable",
    "ArticleUnit",
    "Attribution",
    "AuditReport",
    "Block",
    "BlockKind",
    "CheckerFactory",
    "Claim",
    "ClaimChecker",
    "Contact",
    "Dropped",
    "Fact",
    "FactKind",
    "FactRow",
    "FaqItem",
    "Finding",
    "GenerationStats",
    "License",
    "Line",
    "Morph",
    "Origin",
    "PageMeta",
    "Part",
    "PartName",
    "Problem",
    "RawDocument",
    "RawItem",
    "RawParagraph",
    "RawTable",
    "Release",
    "Section",
    "Sentence",
    "SentenceCheck",
    "SourceInfo",
    "Table",
    "TableCell",
    "Timing",
    "Verdict",
]
