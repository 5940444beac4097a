"""Typed records that the pipeline stages exchange: parse → analyze → compose → verify → render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

# ---------------------------------------------------------------------------
# parse: what a format parser hands to the release structurer
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TableCell:
    """One cell of a table; spans count grid rows and columns."""

    text: str
    row_span: int = 1
    col_span: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A table as rows of cells, with its caption (``< 제목 >``) when the source has one."""

    rows: tuple[tuple[TableCell, ...], ...]
    caption: str = ""

    def grid(self) -> list[list[str]]:
        """Expand merged cells into a rectangular grid of strings (a merged cell repeats)."""
        placed: dict[tuple[int, int], str] = {}
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in placed:
                    c += 1
                for dr in range(max(cell.row_span, 1)):
                    for dc in range(max(cell.col_span, 1)):
                        placed.setdefault((r + dr, c + dc), cell.text)
                c += max(cell.col_span, 1)
        if not placed:
            return []
        height = max(r for r, _ in placed) + 1
        width = max(c for _, c in placed) + 1
        return [[placed.get((r, c), "") for c in range(width)] for r in range(height)]


@dataclass(frozen=True, slots=True)
class RawParagraph:
    """One paragraph as a format parser saw it; ``marker`` is an automatic bullet not in the text."""

    text: str
    marker: str = ""
    level: int | None = None
    is_caption: bool = False
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class RawTable:
    """A table as a format parser saw it."""

    table: Table


RawItem = RawParagraph | RawTable


@dataclass(frozen=True, slots=True)
class Dropped:
    """Content a stage left out on purpose, with the reason (never lose content silently)."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Facts a container (a web page, an API record) states about the release it carries."""

    title: str = ""
    subtitle: str = ""
    agency: str = ""
    published: str = ""
    url: str = ""
    news_id: str = ""
    kogl_type: int | None = None
    kogl_evidence: str = ""
    site: str = ""


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Ordered paragraphs and tables from one source file, plus what its container says."""

    items: tuple[RawItem, ...]
    format: str
    meta: PageMeta = field(default_factory=PageMeta)
    dropped: tuple[Dropped, ...] = ()


# ---------------------------------------------------------------------------
# the release
# ---------------------------------------------------------------------------


class BlockKind(StrEnum):
    """What a body block is."""

    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    NOTE = "note"
    HEADING = "heading"
    TABLE = "table"
    CAPTION = "caption"


class Part(StrEnum):
    """Where in the release a block sits: the main body, a 참고 section or a 붙임."""

    BODY = "body"
    REFERENCE = "reference"
    APPENDIX = "appendix"


@dataclass(frozen=True, slots=True)
class Block:
    """One body unit: a paragraph, a bullet line with its level, a table or a photo caption."""

    id: str
    kind: BlockKind
    text: str
    level: int = 0
    marker: str = ""
    part: Part = Part.BODY
    parent: str | None = None
    table: Table | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact row of the 담당 table: department, role (책임자/담당자), position, name, phone."""

    department: str
    role: str = ""
    position: str = ""
    name: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Timing:
    """A 보도시점 or 배포 statement: the text as written and what it means."""

    raw: str = ""
    date: dt.date | None = None
    time: dt.time | None = None
    edition: str = ""
    immediate: bool = False

    @property
    def embargo_until(self) -> dt.datetime | None:
        """The earliest moment (KST) the release may be published; conservative for 조간/석간."""
        if self.immediate or self.date is None:
            return None
        if self.time is not None:
            moment = self.time
        elif self.edition == "석간":
            moment = dt.time(12, 0)
        else:
            moment = dt.time(0, 0)
        return dt.datetime.combine(self.date, moment, tzinfo=KST)


KST = dt.timezone(dt.timedelta(hours=9), "KST")


@dataclass(frozen=True, slots=True)
class License:
    """The KOGL (공공누리) type found for the text, and where it was found."""

    kogl_type: int | None = None
    evidence: str = ""
    scope: str = "text_only"

    @property
    def allows_changes(self) -> bool:
        """Types 0, 1 and 2 allow derivative works; 3 and 4 forbid changes."""
        return self.kogl_type in (0, 1, 2)

    @property
    def allows_commercial(self) -> bool:
        """Types 0, 1 and 3 allow commercial use."""
        return self.kogl_type in (0, 1, 3)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where the release came from."""

    format: str
    path: str = ""
    url: str = ""
    news_id: str = ""
    sha256: str = ""
    size: int = 0


@dataclass(frozen=True, slots=True)
class Release:
    """A parsed 보도자료: header fields, contacts and body blocks in order."""

    title: str
    blocks: tuple[Block, ...]
    source: SourceInfo
    subtitles: tuple[str, ...] = ()
    doc_type: str = "보도자료"
    agency: str = ""
    timing: Timing = field(default_factory=Timing)
    distributed: Timing = field(default_factory=Timing)
    contacts: tuple[Contact, ...] = ()
    license: License = field(default_factory=License)
    style: str = "paragraph"
    dropped: tuple[Dropped, ...] = ()

    def body_blocks(self) -> tuple[Block, ...]:
        """Blocks of the main body, without 참고/붙임 and without captions."""
        return tuple(b for b in self.blocks if b.part is Part.BODY and b.kind is not BlockKind.CAPTION)

    @property
    def date(self) -> dt.date | None:
        """The release date: the 보도시점 date, else the 배포 date."""
        return self.timing.date or self.distributed.date


# ---------------------------------------------------------------------------
# analyze
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Morph:
    """One morpheme from Kiwi; ``start`` is relative to its sentence."""

    form: str
    tag: str
    lemma: str
    start: int
    length: int

    @property
    def end(self) -> int:
        """Offset just after the morpheme in its sentence."""
        return self.start + self.length


class FactKind(StrEnum):
    """The kinds of checkable facts in a sentence."""

    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    PHONE = "phone"
    PERSON = "person"
    TITLE = "title"
    ORG = "org"
    PLACE = "place"
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact a reader can check: its kind, the text as written, and a normalised value."""

    kind: FactKind
    text: str
    value: str
    start: int
    end: int
    speaker: str = ""


class Origin(StrEnum):
    """Which part of the source a sentence comes from."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    BODY = "body"
    TABLE = "table"
    REFERENCE = "reference"
    APPENDIX = "appendix"
    CAPTION = "caption"
    CONTACT = "contact"
    HEADER = "header"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One source sentence with its id (``b3.s1``), morphemes and facts."""

    id: str
    text: str
    block_id: str
    origin: Origin
    morphs: tuple[Morph, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """A release with its sentences analysed once, and the date relative dates resolve against."""

    release: Release
    sentences: tuple[Sentence, ...]
    anchor: dt.date

    def sentence(self, sentence_id: str) -> Sentence:
        """Look a sentence up by id.

        Raises:
            KeyError: when no sentence has that id.
        """
        for s in self.sentences:
            if s.id == sentence_id:
                return s
        raise KeyError(sentence_id)

    def of_block(self, block_id: str) -> tuple[Sentence, ...]:
        """The sentences of one block, in order."""
        return tuple(s for s in self.sentences if s.block_id == block_id)


# ---------------------------------------------------------------------------
# compose
# ---------------------------------------------------------------------------


class PartName(StrEnum):
    """Where a sentence sits in the article (the ``part`` field of the JSON output)."""

    HEADLINE = "headline"
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


UNSOURCED_PARTS = frozenset({PartName.FAQ_QUESTION, PartName.LABEL})


@dataclass(frozen=True, slots=True)
class Line:
    """One article sentence with the ids of the source sentences it comes from."""

    text: str
    part: PartName
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleTable:
    """A source table carried over cell by cell: every cell is a line with its source cell id."""

    caption: Line | None
    rows: tuple[tuple[Line, ...], ...]

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

    def lines(self) -> list[Line]:
        """Every line of the article in reading order."""
        out: list[Line] = [self.headline, *self.lead]
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


# ---------------------------------------------------------------------------
# verify
# ---------------------------------------------------------------------------


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
class Finding:
    """A coded observation about a whole document (attribution, omissions, format defects)."""

    code: str
    message: str
    severity: str = "warning"
    detail: str = ""


# ---------------------------------------------------------------------------
# check: an article under audit
# ---------------------------------------------------------------------------


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
