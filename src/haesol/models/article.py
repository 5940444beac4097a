"""The composed article: lines with provenance, sections, tables, facts, FAQ and attribution."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class PartName(StrEnum):
    """Where a sentence sits in the article (the ``part`` field of the JSON output)."""

    HEADLINE = "headline"
    DEK = "dek"
    DATELINE = "dateline"
    LEAD = "lead"
    HEADING = "heading"
    BODY = "body"
    BULLET = "bullet"
    TABLE = "table"
    FAQ_QUESTION = "faq_question"
    FAQ_ANSWER = "faq_answer"
    CONTACT = "contact"
    SOURCE = "source"
    LABEL = "label"


UNSOURCED_PARTS = frozenset({PartName.FAQ_QUESTION, PartName.LABEL, PartName.DATELINE})


@dataclass(frozen=True, slots=True)
class Line:
    """One article sentence with the ids of the source sentences it comes from."""

    text: str
    part: PartName
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleTable:
    """A source table carried over cell by cell: every cell is a line with its source cell id.

    ``spans`` keeps merged header cells (row span, column span per cell); ``as_list`` marks a layout table
    (nested or mostly empty) that renders as a list of its non-empty cells.
    """

    caption: Line | None
    rows: tuple[tuple[Line, ...], ...]
    spans: tuple[tuple[tuple[int, int], ...], ...] = ()
    as_list: bool = False

    def span(self, row: int, column: int) -> tuple[int, int]:
        """The (row span, column span) of a cell; (1, 1) when the table carries no spans."""
        if row < len(self.spans) and column < len(self.spans[row]):
            return self.spans[row][column]
        return (1, 1)

    def lines(self) -> list[Line]:
        """The caption and every cell, row by row."""
        out = [self.caption] if self.caption is not None else []
        for row in self.rows:
            out.extend(row)
        return out


@dataclass(frozen=True, slots=True)
class Section:
    """A heading, its paragraphs (each a tuple of lines) and the source tables that belong to it."""

    heading: Line
    paragraphs: tuple[tuple[Line, ...], ...]
    tables: tuple[ArticleTable, ...] = ()


@dataclass(frozen=True, slots=True)
class FactRow:
    """A row of the fact table: a fixed label and a sourced value."""

    label: Line
    value: Line


@dataclass(frozen=True, slots=True)
class FaqItem:
    """A reader's question and its sourced answer."""

    question: Line
    answer: Line


@dataclass(frozen=True, slots=True)
class Attribution:
    """The source block: who published what, when, where, under which licence."""

    agency: str
    title: str
    date_text: str
    url: str
    notice: str
    kogl_type: int | None


@dataclass(frozen=True, slots=True)
class GenerationStats:
    """How a generating engine's sentences fared at its own gate."""

    accepted: int = 0
    regenerated: int = 0
    replaced: int = 0
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """A composed article: every sentence is a Line carrying its provenance."""

    headline: Line
    lead: tuple[Line, ...]
    sections: tuple[Section, ...]
    key_points: tuple[Line, ...]
    fact_rows: tuple[FactRow, ...]
    faq: tuple[FaqItem, ...]
    contact: tuple[Line, ...]
    source: tuple[Line, ...]
    attribution: Attribution
    engine: str = "extractive"
    style: str = "news"
    date: dt.date | None = None
    quote_only: bool = False
    generation: GenerationStats | None = None
    dek: Line | None = None
    dateline: Line | None = None

    def lines(self) -> list[Line]:
        """Every line of the article in reading order."""
        out: list[Line] = [self.headline]
        if self.dek is not None:
            out.append(self.dek)
        out.extend(self.lead)
        for section in self.sections:
            out.append(section.heading)
            for paragraph in section.paragraphs:
                out.extend(paragraph)
            for table in section.tables:
                out.extend(table.lines())
        out.extend(self.key_points)
        for row in self.fact_rows:
            out.extend((row.label, row.value))
        for item in self.faq:
            out.extend((item.question, item.answer))
        out.extend(self.contact)
        out.extend(self.source)
        return out
