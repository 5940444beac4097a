"""The default engine: an article built only from the release's own sentences, offline and deterministic."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer, get_analyzer
from haesol.config import Config
from haesol.compose.attribution import build_attribution, source_lines
from haesol.compose.draft import Draft
from haesol.compose.faq import build_faq
from haesol.compose.layout import Group, group_body, key_points, section_heading, table_of
from haesol.compose.facts_table import build_fact_rows
from haesol.compose.prose import ProseWriter
from haesol.compose.quote_only import compose_quote_only
from haesol.models import Analysis, Article, BlockKind, FaqItem, Line, PartName, Section

LOGGER = logging.getLogger(__name__)

LEAD_MAX_SENTENCES = 2
LEAD_SECOND_MAX_CHARS = 160
HEADLINE_MAX_CHARS = 40
LABELLED_LIST_RE = re.compile(r"^[^:：]{1,24}[:：]\s")


@dataclass(frozen=True, slots=True)
class ComposeOptions:
    """What the caller wants: register, the article's date, and quote-only mode."""

    style: str = "news"
    article_date: dt.date | None = None
    quote_only: bool = False


class ExtractiveEngine:
    """Composes every part of the article from transformed source sentences."""

    name = "extractive"

    def __init__(self, analyzer: Analyzer | None = None, config: Config | None = None) -> None:
        self.analyzer = analyzer or get_analyzer()
        self.config = config

    def compose(self, analysis: Analysis, options: ComposeOptions) -> Article:
        """Build the article.

        Args:
            analysis: the analysed release.
            options: register, article date and quote-only mode.
        """
        article_date = options.article_date or dt.date.today()
        if options.quote_only:
            return compose_quote_only(analysis, article_date)
        writer = ProseWriter(self.analyzer, options.style, article_date, analysis.anchor)
        # 1. prose for every group of the body (a □ point with its ㅇ/- lines, or a paragraph)
        groups = group_body(analysis.release)
        prose = [self._group_prose(group, analysis, writer) for group in groups]
        # 2. lead: the first sentences of the first group that has prose
        lead, prose = _take_lead(prose, {b.id: b.parent for b in analysis.release.blocks})
        # 3. sections with headings and their source tables
        sections = self._sections(groups, prose, analysis)
        # 4. key points, fact table, FAQ
        all_drafts = [d for group in prose for d in group]
        bullets = key_points(lead + all_drafts)
        fact_rows = build_fact_rows(analysis, lead + all_drafts)
        faq = build_faq(self.analyzer, lead + all_drafts)
        # 5. contact and source block
        attribution = build_attribution(analysis)
        article = Article(
            headline=self._line(_headline(analysis), PartName.HEADLINE),
            lead=tuple(self._line(d, PartName.LEAD) for d in lead),
            sections=sections,
            key_points=tuple(self._line(d, PartName.BULLET) for d in bullets),
            fact_rows=fact_rows,
            faq=tuple(
                FaqItem(Line(q.text, PartName.FAQ_QUESTION, q.answer.sources), self._line(q.answer, PartName.FAQ_ANSWER))
                for q in faq
            ),
            contact=contact_lines(analysis),
            source=source_lines(analysis, attribution),
            attribution=attribution,
            engine=self.name,
            style=options.style,
            date=article_date,
        )
        return article

    def _line(self, draft: Draft, part: PartName) -> Line:
        self.analyzer.remember(draft.text, draft.morphs)
        return Line(draft.text, part, draft.sources)

    def _group_prose(self, group: Group, analysis: Analysis, writer: ProseWriter) -> list[Draft]:
        """Finished sentences of one group; fragments split over lines are merged first."""
        out: list[Draft] = []
        pending: list[Draft] = []
        for block in group.blocks:
            if block.kind is BlockKind.TABLE or LABELLED_LIST_RE.match(block.text):
                continue
            for sentence in analysis.of_block(block.id):
                draft = writer.prepare(sentence)
                if writer.is_fragment(draft):
                    pending.append(draft)
                    continue
                if pending:
                    from haesol.compose.draft import merge_drafts

                    draft = merge_drafts([*pending, draft])
                    pending = []
                finished = writer.finish(draft)
                if finished is not None:
                    out.append(finished)
        return out

    def _sections(self, groups: list[Group], prose: list[list[Draft]], analysis: Analysis) -> tuple[Section, ...]:
        sections = []
        for group, drafts in zip(groups, prose, strict=True):
            tables = tuple(table_of(block) for block in group.blocks if block.kind is BlockKind.TABLE and block.table)
            if not drafts and not tables:
                continue
            heading = section_heading(group, drafts, analysis)
            paragraphs = (tuple(self._line(d, PartName.BODY) for d in drafts),) if drafts else ()
            heading_line = self._line(heading, PartName.HEADING) if isinstance(heading, Draft) else heading
            sections.append(Section(heading_line, paragraphs, tables))
        return tuple(sections)


def _take_lead(prose: list[list[Draft]], parents: dict[str, str | None]) -> tuple[list[Draft], list[list[Draft]]]:
    for index, drafts in enumerate(prose):
        if not drafts:
            continue
        lead = [drafts[0]]
        second = drafts[1] if len(drafts) > 1 else None
        if (
            second is not None
            and len(second.text) <= LEAD_SECOND_MAX_CHARS
            and "“" not in second.text
            and _same_block(drafts[0], second, parents)
        ):
            lead.append(second)
        rest = [list(d) for d in prose]
        rest[index] = drafts[len(lead):]
        return lead, rest
    return [], prose


def _same_block(first: Draft, second: Draft, parents: dict[str, str | None]) -> bool:
    """Whether the second draft comes from the first's block or from a line under it."""
    first_block = first.sources[0].split(".")[0]
    second_block = second.sources[0].split(".")[0]
    return first_block == second_block or parents.get(second_block) == first_block


def _headline(analysis: Analysis) -> Draft:
    """The release title without '!'/'?', shortened at '…' when it is long."""
    release = analysis.release
    title = release.title.replace("!", "").replace("?", "").strip()
    if len(title) > HEADLINE_MAX_CHARS and "…" in title:
        first = title.split("…")[0].strip()
        title = first if len(first) >= 10 else title
    sentence = next((s for s in analysis.sentences if s.id == "title"), None)
    morphs = sentence.morphs if sentence is not None and sentence.text == title else ()
    return Draft(title, morphs, ("title",))


def contact_lines(analysis: Analysis) -> tuple[Line, ...]:
    """'문의: 국방부 ○○과 (02-…)' for each department, without the contact person's name."""
    lines = []
    seen: set[str] = set()
    for index, contact in enumerate(analysis.release.contacts, 1):
        department = contact.department or analysis.release.agency
        if not department or department in seen or not contact.phone:
            continue
        seen.add(department)
        lines.append(Line(f"문의: {department} ({contact.phone})", PartName.CONTACT, (f"c{index}",)))
    return tuple(lines)
