"""The default engine: an article built only from the release's own sentences, offline and deterministic."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer, get_analyzer
from haesol.compose.attribution import build_attribution, source_lines
from haesol.compose.compress import heading_phrase, key_point
from haesol.compose.draft import Draft
from haesol.compose.explanation import BOX_LABEL_RE, explanation_leads, story_section
from haesol.compose.facts_table import build_fact_rows
from haesol.compose.faq import build_faq
from haesol.compose.layout import Group, group_body, section_heading, table_of
from haesol.compose.plan import (
    PlannedSection,
    is_pointer,
    merge_headless,
    restates,
    take_context,
    take_what_next,
)
from haesol.compose.plan import paragraphs as paragraphs_of
from haesol.compose.prose import ProseWriter
from haesol.compose.quote_only import compose_quote_only
from haesol.compose.top import (
    OPENING_CONNECTIVE_RE,
    dateline,
    dek,
    key_point_sentences,
    reported,
    with_speakers,
    with_subject,
)
from haesol.config import Config
from haesol.models import (
    Analysis,
    Article,
    BlockKind,
    CheckerFactory,
    Claim,
    FaqItem,
    Line,
    PartName,
    Section,
    Verdict,
)

LOGGER = logging.getLogger(__name__)

WHAT_NEXT_LABEL = "앞으로"

POLITE_TITLE_ENDINGS = (
    ("있습니다", "있다"),
    ("했습니다", "했다"),
    ("합니다", "한다"),
    ("됩니다", "된다"),
    ("입니다", "이다"),
)
LEAD_MAX_SENTENCES = 2
LEAD_SECOND_MAX_CHARS = 160
HEADLINE_MAX_CHARS = 40
LEAD_POINTER_RE = re.compile(r"다음과 같|아래와 같")
LABELLED_LIST_RE = re.compile(r"^[^:：]{1,24}[:：]\s")
TIME_WORD_RE = re.compile(r"\d{1,2}월|\d{1,2}일|분기|상반기|하반기|올해|내년|연내|연말|(?:19|20)\d{2}년")
TIME_PHRASE_RE = re.compile(
    r"^(?:(?:19|20)\d{2}년\s?)?(?:\d{1,2}월|내년|올해|연말|상반기|하반기|(?:19|20)\d{2}년)(?:부터|까지)(?=\s)"
)


@dataclass(frozen=True, slots=True)
class ComposeOptions:
    """What the caller wants: register, the article's date, and quote-only mode."""

    style: str = "news"
    article_date: dt.date | None = None
    quote_only: bool = False


class ExtractiveEngine:
    """Composes every part of the article from transformed source sentences."""

    name = "extractive"

    def __init__(
        self, analyzer: Analyzer | None = None, config: Config | None = None, make_checker: CheckerFactory | None = None
    ) -> None:
        self.analyzer = analyzer or get_analyzer()
        self.config = config
        self.make_checker = make_checker  # pre-checks the lines the engine has alternatives for (보도설명자료 lead)

    def compose(self, analysis: Analysis, options: ComposeOptions) -> Article:
        """Build the article.

        Args:
            analysis: the analysed release.
            options: register, article date and quote-only mode.
        """
        article_date = options.article_date or analysis.release.date or dt.date.today()
        if options.quote_only:
            return compose_quote_only(analysis, article_date)
        release = analysis.release
        writer = ProseWriter(self.analyzer, options.style, article_date, analysis.anchor)
        parents = {b.id: b.parent for b in release.blocks}
        # 1. prose for every group of the body (a □ point with its ㅇ/- lines, or a paragraph)
        story = story_section(
            analysis, options.style
        )  # 보도설명자료: the outlet's report is quoted as theirs, not narrated
        skipped = set(story[0]) if story else set()
        groups = group_body(release)
        prose = [self._group_prose(group, analysis, writer, skipped) for group in groups]
        # 2. the agency's first person becomes reported speech
        prose = [
            [reported(self.analyzer, d, release.agency, options.style) for d in drafts if not is_pointer(d)]
            for drafts in prose
        ]
        # 3. lead: the first sentences of the first group that has prose (보도설명자료: who answers which report)
        lead, prose = _take_lead(prose, parents)
        lead = self._explained(analysis, lead, options.style)
        # 4. the plan: context after the lead, sections that follow the release's points, what comes next
        planned = [
            PlannedSection(
                None,
                list(drafts),  # a copy: planning moves sentences between sections, the prose stays whole
                [table_of(b) for b in g.blocks if b.kind is BlockKind.TABLE and b.table and b.id not in skipped],
            )
            for g, drafts in zip(groups, prose, strict=True)
        ]
        context = take_context(planned, lead)
        what_next = take_what_next(planned, lead)
        for group, section in zip(groups, planned, strict=True):
            section.heading = section_heading(group, section.drafts, analysis) if section.drafts else None
            if isinstance(section.heading, Draft):
                section.drafts = [d for d in section.drafts if not restates(d, section.heading.text)]
        planned = merge_headless([s for s in planned if s.drafts or s.tables])
        if context and planned and planned[0].heading is None and len(context) + len(planned[0].drafts) <= 4:
            context, planned[0].drafts = context + planned[0].drafts, []
            planned = [s for s in planned if s.drafts or s.tables]
        _attribute_quotes(self.analyzer, lead, planned)
        sections = self._sections(planned, context, what_next, parents)
        if story is not None:  # after the context, before the ministry's points
            leading = next((i for i, s in enumerate(sections) if s.heading.text), len(sections))
            sections = (*sections[:leading], story[1], *sections[leading:])
        # 5. key points, fact table, FAQ
        all_drafts = [d for group in prose for d in group]
        bullets = key_point_sentences(self.analyzer, all_drafts, lead + context)
        fact_rows = build_fact_rows(analysis, lead + all_drafts)
        faq = build_faq(
            self.analyzer, [d for d in all_drafts if not OPENING_CONNECTIVE_RE.match(d.text)], writer.finish_clause
        )
        # 6. contact and source block
        attribution = build_attribution(analysis)
        headline = with_subject(self.analyzer, _headline(analysis, writer), analysis)
        if not headline.text.strip():
            headline = _headline_from(lead + all_drafts) or _headline_from_tables(sections) or headline
        return Article(
            headline=self._line(headline, PartName.HEADLINE),
            lead=tuple(self._line(d, PartName.LEAD) for d in lead),
            sections=sections,
            key_points=tuple(self._line(d, PartName.BULLET) for d in bullets),
            fact_rows=fact_rows,
            faq=tuple(
                FaqItem(
                    Line(q.text, PartName.FAQ_QUESTION, q.answer.sources), self._line(q.answer, PartName.FAQ_ANSWER)
                )
                for q in faq
            ),
            contact=contact_lines(analysis),
            source=source_lines(analysis, attribution),
            attribution=attribution,
            engine=self.name,
            style=options.style,
            date=article_date,
            dek=dek(analysis, headline.text),
            dateline=dateline(release),
        )

    def _explained(self, analysis: Analysis, lead: list[Draft], style: str) -> list[Draft]:
        """A 보도설명자료's lead: the first candidate the checker accepts, else the release's own lead."""
        checker = self.make_checker(analysis) if self.make_checker is not None else None
        for candidate in explanation_leads(self.analyzer, analysis, lead, style):
            opening = candidate[0]
            if checker is None:
                return candidate
            if checker.check(Claim(opening.text, PartName.LEAD.value, opening.sources)).verdict is Verdict.SUPPORTED:
                return candidate
        return lead

    def _line(self, draft: Draft, part: PartName) -> Line:
        if draft.morphs:
            self.analyzer.remember(draft.text, draft.morphs)
        return Line(draft.text, part, draft.sources)

    def _group_prose(
        self, group: Group, analysis: Analysis, writer: ProseWriter, skipped: set[str] | frozenset[str] = frozenset()
    ) -> list[Draft]:
        """Finished sentences of one group: fragments split over lines are merged, long sentences split."""
        sentences = [
            sentence
            for block in group.blocks
            if block.kind is not BlockKind.TABLE and not LABELLED_LIST_RE.match(block.text) and block.id not in skipped
            for sentence in analysis.of_block(block.id)
        ]
        return writer.write(sentences)

    def _sections(
        self,
        planned: list[PlannedSection],
        context: list[Draft],
        what_next: list[Draft],
        parents: dict[str, str | None],
    ) -> tuple[Section, ...]:
        """Sections in reading order: a headless context section, the release's points, then '앞으로'."""
        sections = []
        if context:
            sections.append(Section(Line("", PartName.LABEL), (tuple(self._line(d, PartName.BODY) for d in context),)))
        for part in planned:
            if part.heading is None:  # a headless first point: context-like, right after the lead
                heading = Line("", PartName.LABEL)
            elif isinstance(part.heading, Draft):
                heading = self._line(part.heading, PartName.HEADING)
            else:
                heading = part.heading
            paragraphs = tuple(
                tuple(self._line(d, PartName.BODY) for d in paragraph)
                for paragraph in paragraphs_of(part.drafts, parents)
            )
            sections.append(Section(heading, paragraphs, tuple(part.tables)))
        if what_next:
            lines = tuple(tuple(self._line(d, PartName.BODY) for d in p) for p in paragraphs_of(what_next, parents))
            sections.append(Section(Line(WHAT_NEXT_LABEL, PartName.LABEL), lines))
        return tuple(sections)


def _attribute_quotes(analyzer: Analyzer, lead: list[Draft], planned: list[PlannedSection]) -> None:
    """Every quote gets its speaker: a quote without one takes the speaker last named before it."""
    flat = [*lead, *(d for s in planned for d in s.drafts)]
    named = with_speakers(analyzer, flat)[len(lead) :]
    for section in planned:
        section.drafts, named = named[: len(section.drafts)], named[len(section.drafts) :]


def _take_lead(prose: list[list[Draft]], parents: dict[str, str | None]) -> tuple[list[Draft], list[list[Draft]]]:
    """The first sentences of the first point that can lead: who (a topic) did what, when, not a quote or a pointer."""
    leading = [i for i, drafts in enumerate(prose) if drafts and _can_lead(drafts[0])]
    first_with_prose = next((i for i, drafts in enumerate(prose) if drafts), None)
    start = (
        leading[0] if leading and (first_with_prose is None or leading[0] - first_with_prose <= 1) else first_with_prose
    )
    for index, drafts in enumerate(prose):
        if not drafts or start is None or index < start:
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
        rest[index] = drafts[len(lead) :]
        return lead, rest
    return [], prose


def _can_lead(draft: Draft) -> bool:
    """A lead names its actor (a topic or subject) and is not a quote or a pointer to what follows."""
    if draft.text.startswith(("“", '"')) or LEAD_POINTER_RE.search(draft.text):
        return False
    return any(m.tag in ("JX", "JKS") and m.form in ("은", "는", "이", "가") for m in draft.morphs)


def _same_block(first: Draft, second: Draft, parents: dict[str, str | None]) -> bool:
    """Whether the second draft comes from the first's block or from a line under it."""
    first_block = first.sources[0].split(".")[0]
    second_block = second.sources[0].split(".")[0]
    return first_block == second_block or parents.get(second_block) == first_block


def _headline(analysis: Analysis, writer: ProseWriter) -> Draft:
    """The title as a headline: dates cleaned, no '!'/'?' or tags, at most 40 characters where a safe cut exists.

    A title without a time phrase takes the subtitle's opening one ('11월부터', '내년부터') when it fits.
    """
    sentences = {s.id: s for s in analysis.sentences}
    title = sentences.get("title")
    if title is None:
        return Draft(analysis.release.title, (), ("title",))
    text = _clean_title(writer.prepare(title).text)
    sources: tuple[str, ...] = ("title",)
    if len(text) > HEADLINE_MAX_CHARS:
        text = _safe_cut(text)
    elif not TIME_WORD_RE.search(text):
        for sub_id in ("sub1", "sub2"):
            subtitle = sentences.get(sub_id)
            when = TIME_PHRASE_RE.match(writer.prepare(subtitle).text) if subtitle is not None else None
            if when and len(text) + len(when.group(0)) + 1 <= HEADLINE_MAX_CHARS:
                text, sources = _with_time(text, when.group(0).strip()), ("title", sub_id)
                break
    return Draft(text, writer.analyzer.morphs(text), sources)


def _headline_from(drafts: list[Draft]) -> Draft | None:
    """A headline for a release without a title: the first sentence that compresses to a short phrase."""
    for draft in drafts[:3]:
        for phrase in (key_point(draft), heading_phrase(draft)):
            if phrase is not None and 6 <= len(phrase.text) <= HEADLINE_MAX_CHARS:
                return phrase
    return None


def _headline_from_tables(sections: tuple[Section, ...]) -> Draft | None:
    """A last resort for a titleless form: its first short, wordy table line ('국세확정전 보전압류한 채권의 수납방법')."""
    for section in sections:
        for table in section.tables:
            for line in table.lines():
                if 8 <= len(line.text) <= HEADLINE_MAX_CHARS and len(line.text.split()) >= 2 and line.sources:
                    return Draft(line.text, (), line.sources)
    return None


def _clean_title(text: str) -> str:
    text = BOX_LABEL_RE.sub("", text)
    for polite, plain in POLITE_TITLE_ENDINGS:  # a headline is never in 합쇼체
        text = re.sub(rf"{polite}([.!]?)\s*$", rf"{plain}\1", text)
    text = re.sub(r"^\s*(?:\[[^\]]{1,12}\]|<[^>]{1,12}>|【[^】]{1,12}】|\((?:종합|속보|보도자료)\))\s*", "", text)
    text = re.sub(r"\s*(?:\[[^\]]*\d[^\]]*\])\s*$", "", text)
    return re.sub(r"\s+", " ", text.replace("!", "").replace("?", "")).strip().rstrip(".。").strip()


def _safe_cut(text: str) -> str:
    """The longest safe cut of a long title that fits: one side of '…' or ', ', no slogan, no leading modifier clause."""
    parts = [part.strip() for part in re.split(r"…|⋯|···|\s[-–]\s", text) if part.strip()]
    lead_part = parts[0] if len(parts) > 1 else ""
    candidates = list(parts)
    candidates += [re.sub(r"\s*[‘“][^’”]+[’”]\s*$", "", text).strip(), re.sub(r"^[‘“][^’”]+[’”]\s*", "", text).strip()]
    candidates += [part.strip() for part in text.split(", ")] + [re.sub(r"\s*\([^()]*\)", "", text).strip()]
    candidates.append(re.sub(r"^(?:\S+\s){0,5}?\S+(?:하는|한|된|되는|할|인)\s(?=\S)", "", text, count=1))
    fitting = [
        c
        for c in candidates
        if 10 <= len(c) <= HEADLINE_MAX_CHARS and c.count("‘") == c.count("’") and c.count("“") == c.count("”")
    ]
    return (
        max(fitting, key=lambda c: (c == lead_part, text.endswith(c), bool(re.search(r"\d", c)), len(c)))
        if fitting
        else text
    )


def _with_time(title: str, when: str) -> str:
    """The subtitle's time phrase goes before the title's closing figure and act.

    '… 난방 개선에 320억 원 투입' + '11월부터' → '… 난방 개선에 11월부터 320억 원 투입'.
    """
    words = title.split(" ")
    position = len(words) - 1
    while position > 1:
        previous = words[position - 1]
        counted = len(previous) <= 3 and re.search(r"\d", words[position - 2]) is not None
        if not (re.search(r"\d", previous) or counted):
            break
        position -= 1
    return " ".join([*words[:position], when, *words[position:]])


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
