"""What every renderer shares: the fixed labels and the flat, self-checking list of sentences."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import ClassVar

from haesol.models import Analysis, Article, Line, PartName, Section

LOGGER = logging.getLogger(__name__)

KEY_POINTS_LABEL = "핵심 정리"
WHAT_NEXT_LABEL = "앞으로"
FACT_TABLE_LABEL = "한눈에 보기"
FACT_TABLE_HEAD = ("항목", "내용")
FAQ_LABEL = "자주 묻는 질문"
SOURCE_LABEL = "출처와 문의"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A cited source sentence: its id and exact text."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class RenderedSentence:
    """One entry of the flat ``sentences`` list: text, part, and the source sentences it comes from."""

    text: str
    part: str
    sources: tuple[SourceRef, ...]


def label(text: str) -> Line:
    """A fixed-wording label line (no sources)."""
    return Line(text, PartName.LABEL)


def split_sections(article: Article) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """The context paragraphs right after the lead (leading sections without a heading), and the rest."""
    count = 0
    while count < len(article.sections) and not article.sections[count].heading.text:
        count += 1
    return article.sections[:count], article.sections[count:]


def top_lines(article: Article) -> list[Line]:
    """Headline, dek and dateline: what sits above the lead."""
    out = [article.headline]
    out.extend(line for line in (article.dek, article.dateline) if line is not None and line.text)
    return out


def reading_order(article: Article) -> list[Line]:
    """Every line of the article as rendered, labels included, in reading order."""
    out: list[Line] = [*top_lines(article), *article.lead]
    context, sections = split_sections(article)
    for section in context:
        out.extend(_section_lines(section))
    if article.key_points:
        out.append(label(KEY_POINTS_LABEL))
        out.extend(article.key_points)
    for section in sections:
        out.extend(_section_lines(section))
    if article.fact_rows:
        out.extend([label(FACT_TABLE_LABEL), label(FACT_TABLE_HEAD[0]), label(FACT_TABLE_HEAD[1])])
        for row in article.fact_rows:
            out.extend((row.label, row.value))
    if article.faq:
        out.append(label(FAQ_LABEL))
        for item in article.faq:
            out.extend((item.question, item.answer))
    out.extend(article.contact)
    out.extend(article.source)
    return out


def _section_lines(section: Section) -> list[Line]:
    out = [section.heading] if section.heading.text else []
    for paragraph in section.paragraphs:
        out.extend(paragraph)
    for table in section.tables:
        out.extend(line for line in table.lines() if line.text)
    return out


def flat_sentences(article: Article, analysis: Analysis) -> list[RenderedSentence]:
    """The flat list anyone can re-check without haesol: each sentence with its sources' exact text."""
    texts = {s.id: s.text for s in analysis.sentences}
    out = []
    for line in reading_order(article):
        refs = tuple(SourceRef(i, texts[i]) for i in line.sources if i in texts)
        out.append(RenderedSentence(line.text, line.part.value, refs))
    return out


class Renderer:
    """Turns a WriteResult into text of one format."""

    name: ClassVar[str] = ""
    extension: ClassVar[str] = ""

    def render(self, result: object) -> str:
        """Render a ``haesol.pipeline.WriteResult``."""
        raise NotImplementedError
