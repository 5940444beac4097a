"""Build the LLM article: sentences that passed the gate, extractive sentences in place of those that did not."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from haesol.compose.llm.prompt import GenArticle, GenFaq, GenSection, GenSentence
from haesol.compose.llm.vetting import Fate, Outcome, Resolution
from haesol.models import Article, FaqItem, GenerationStats, Line, PartName, Section

LOGGER = logging.getLogger(__name__)

FALLBACK_HEADING = ""  # no heading: the section runs on from the one before
MAX_NOTES = 20
MIN_KEY_POINTS = 3
PARTNER_FAILED = "짝을 이루는 질문 또는 답이 검증에 실패 (its FAQ partner failed)"
T = TypeVar("T")


@dataclass
class _Tally:
    """Counts of sentence fates and the notes to report."""

    accepted: int = 0
    regenerated: int = 0
    replaced: int = 0
    dropped: int = 0
    notes: list[str] = field(default_factory=list)

    def stats(self, extra: Iterable[str] = ()) -> GenerationStats:
        notes = [*extra, *self.notes]
        if self.dropped:
            notes.append(
                f"근거 문장을 찾지 못해 뺀 문장 {self.dropped}개 (dropped {self.dropped} sentences with no extractive replacement)"
            )
        if len(notes) > MAX_NOTES:
            notes = [*notes[:MAX_NOTES], f"… 외 {len(notes) - MAX_NOTES}개 (and {len(notes) - MAX_NOTES} more)"]
        return GenerationStats(self.accepted, self.regenerated, self.replaced, tuple(notes))


class ArticleAssembler:
    """Turns a generated article plus the gate's resolution into an Article.

    Fact table, tables, contact and source block come from the extractive article, and so does
    the replacement for each sentence that failed twice: for each id it cited, the extractive
    line that cites the same id.
    """

    def __init__(self, extractive: Article, resolution: Resolution) -> None:
        self.extractive = extractive
        self.resolution = resolution
        self.tally = _Tally()
        self._used: set[tuple[str, str]] = set()
        self._prose = [*extractive.lead, *(line for s in extractive.sections for p in s.paragraphs for line in p)]

    def assemble(self, generated: GenArticle, notes: Iterable[str] = ()) -> Article:
        """The article, with ``generation`` telling how many sentences were accepted, regenerated and replaced."""
        fills: list[str] = []
        headline = self._headline(generated.headline)
        lead = self._fill(self._prose_lines(generated.lead, PartName.LEAD), self.extractive.lead, "리드 (lead)", fills)
        sections = self._sections(generated.sections)
        sections = self._fill_sections(sections, fills)
        key_points = self._top_up(self._bullets(generated.key_points), fills)
        faq = self._fill(self._faq(generated.faq), self.extractive.faq, "FAQ", fills)
        return replace(
            self.extractive,
            headline=headline,
            lead=lead,
            sections=sections,
            key_points=key_points,
            faq=faq,
            engine="llm",
            generation=self.tally.stats([*notes, *fills]),
        )

    # -- per part ------------------------------------------------------------------------------

    def _outcome(self, part: PartName, sentence: GenSentence) -> Outcome:
        return self.resolution.outcome(part, sentence)

    def _count(self, outcome: Outcome) -> None:
        if outcome.fate is Fate.ACCEPTED:
            self.tally.accepted += 1
        elif outcome.fate is Fate.REGENERATED:
            self.tally.regenerated += 1

    def _headline(self, sentence: GenSentence | None) -> Line:
        if sentence is None:
            return self.extractive.headline
        outcome = self._outcome(PartName.HEADLINE, sentence)
        if outcome.sentence is not None:
            self._count(outcome)
            return Line(outcome.sentence.text, PartName.HEADLINE, outcome.sentence.ids)
        self._replaced(PartName.HEADLINE, sentence, outcome)
        return self.extractive.headline

    def _prose_lines(self, sentences: Iterable[GenSentence], part: PartName) -> tuple[Line, ...]:
        lines: list[Line] = []
        for sentence in sentences:
            outcome = self._outcome(part, sentence)
            if outcome.sentence is not None:
                self._count(outcome)
                lines.append(Line(outcome.sentence.text, part, outcome.sentence.ids))
                continue
            found, fresh = self._matches(self._prose, outcome.replace_ids, "prose")
            lines.extend(Line(line.text, part, line.sources) for line in fresh)
            self._settle(found, part, sentence, outcome)
        return tuple(lines)

    def _sections(self, generated: tuple[GenSection, ...]) -> tuple[Section, ...]:
        sections = []
        for section in generated:
            paragraphs = tuple(p for p in (self._prose_lines(p, PartName.BODY) for p in section.paragraphs) if p)
            if not paragraphs:
                continue
            cited = {i for p in paragraphs for line in p for i in line.sources}
            sections.append(Section(self._heading(section.heading, cited), paragraphs))
        return self._attach_tables(sections)

    def _heading(self, sentence: GenSentence | None, cited: set[str]) -> Line:
        headings = [s.heading for s in self.extractive.sections]
        if sentence is not None:
            outcome = self._outcome(PartName.HEADING, sentence)
            if outcome.sentence is not None:
                self._count(outcome)
                return Line(outcome.sentence.text, PartName.HEADING, outcome.sentence.ids)
            self._replaced(PartName.HEADING, sentence, outcome)
            cited = cited | set(outcome.replace_ids)
        for heading in headings:
            if (
                heading.part is PartName.HEADING
                and cited & set(heading.sources)
                and ("heading", heading.text) not in self._used
            ):
                self._used.add(("heading", heading.text))
                return heading
        return Line(FALLBACK_HEADING, PartName.LABEL)

    def _attach_tables(self, sections: list[Section]) -> tuple[Section, ...]:
        """Each extractive section's tables go to the generated section citing most of its ids."""
        for source in self.extractive.sections:
            if not source.tables:
                continue
            ids = {i for p in source.paragraphs for line in p for i in line.sources} | set(source.heading.sources)
            overlaps = [len(ids & {i for p in s.paragraphs for line in p for i in line.sources}) for s in sections]
            best = max(range(len(sections)), key=lambda k: overlaps[k], default=-1)
            if best >= 0 and overlaps[best] > 0:
                sections[best] = replace(sections[best], tables=sections[best].tables + source.tables)
            else:
                sections.append(Section(source.heading, (), source.tables))
        return tuple(sections)

    def _bullets(self, sentences: Iterable[GenSentence]) -> tuple[Line, ...]:
        lines = []
        for sentence in sentences:
            outcome = self._outcome(PartName.BULLET, sentence)
            if outcome.sentence is not None:
                self._count(outcome)
                lines.append(Line(outcome.sentence.text, PartName.BULLET, outcome.sentence.ids))
                continue
            found, fresh = self._matches(list(self.extractive.key_points), outcome.replace_ids, "bullet")
            lines.extend(fresh[:1])
            self._settle(found, PartName.BULLET, sentence, outcome)
        return tuple(lines)

    def _faq(self, items: Iterable[GenFaq]) -> tuple[FaqItem, ...]:
        out = []
        for item in items:
            question = self._outcome(PartName.FAQ_QUESTION, item.question)
            answer = self._outcome(PartName.FAQ_ANSWER, item.answer)
            if question.sentence is not None and answer.sentence is not None:
                self._count(question)
                self._count(answer)
                out.append(
                    FaqItem(
                        Line(question.sentence.text, PartName.FAQ_QUESTION, question.sentence.ids),
                        Line(answer.sentence.text, PartName.FAQ_ANSWER, answer.sentence.ids),
                    )
                )
                continue
            out.extend(self._faq_replacement(item, question, answer))
        return tuple(out)

    def _faq_replacement(self, item: GenFaq, question: Outcome, answer: Outcome) -> list[FaqItem]:
        """The extractive FAQ item answering from the same ids; the pair is replaced as a whole."""
        ids = {i for o in (question, answer) for i in (o.sentence.ids if o.sentence is not None else o.replace_ids)}
        for candidate in self.extractive.faq:
            key = ("faq", candidate.answer.text)
            if ids & set(candidate.answer.sources) and key not in self._used:
                self._used.add(key)
                self._replaced(PartName.FAQ_QUESTION, item.question, question)
                self._replaced(PartName.FAQ_ANSWER, item.answer, answer)
                return [candidate]
        self._dropped(PartName.FAQ_QUESTION, item.question, question)
        self._dropped(PartName.FAQ_ANSWER, item.answer, answer)
        return []

    # -- replacements and fill-ins -------------------------------------------------------------

    def _matches(self, pool: list[Line], ids: tuple[str, ...], kind: str) -> tuple[bool, list[Line]]:
        """For each cited id, the first pool line citing it: (any found, the ones not used yet)."""
        found = False
        fresh: list[Line] = []
        for sentence_id in ids:
            line = next((candidate for candidate in pool if sentence_id in candidate.sources), None)
            if line is None:
                continue
            found = True
            if (kind, line.text) not in self._used:
                self._used.add((kind, line.text))
                fresh.append(line)
        return found, fresh

    def _settle(self, found: bool, part: PartName, sentence: GenSentence, outcome: Outcome) -> None:
        if found:
            self._replaced(part, sentence, outcome)
        else:
            self._dropped(part, sentence, outcome)

    def _replaced(self, part: PartName, sentence: GenSentence, outcome: Outcome) -> None:
        self.tally.replaced += 1
        self.tally.notes.append(
            f"검증 실패로 추출 문장으로 교체 (replaced by the extractive sentence) [{part.value}]: "
            f"{sentence.text} — {'; '.join(outcome.problems or (PARTNER_FAILED,))}"
        )

    def _dropped(self, part: PartName, sentence: GenSentence, outcome: Outcome) -> None:
        self.tally.dropped += 1
        self.tally.notes.append(
            f"검증 실패로 뺀 문장 (dropped: failed verification, no extractive line for its ids) [{part.value}]: "
            f"{sentence.text} — {'; '.join(outcome.problems or (PARTNER_FAILED,))}"
        )

    def _fill(self, lines: tuple[T, ...], extractive: tuple[T, ...], what: str, fills: list[str]) -> tuple[T, ...]:
        if lines or not extractive:
            return lines
        fills.append(
            f"{what}: 생성된 문장이 없어 추출 기사의 것을 썼습니다 (none generated; the extractive one is used)"
        )
        return extractive

    def _top_up(self, lines: tuple[Line, ...], fills: list[str]) -> tuple[Line, ...]:
        """At least MIN_KEY_POINTS key points: extractive ones about other source sentences are added."""
        if len(lines) >= MIN_KEY_POINTS:
            return lines
        cited = {i for line in lines for i in line.sources}
        extra = [
            line
            for line in self.extractive.key_points
            if not cited & set(line.sources) and ("bullet", line.text) not in self._used
        ][: MIN_KEY_POINTS - len(lines)]
        if extra:
            fills.append(
                f"핵심 요약: 추출 기사의 요점 {len(extra)}개를 보탰습니다 (key points topped up from the extractive article)"
            )
        return lines + tuple(extra)

    def _fill_sections(self, sections: tuple[Section, ...], fills: list[str]) -> tuple[Section, ...]:
        if any(s.paragraphs for s in sections):
            return sections
        fills.append(
            "본문: 생성된 문단이 없어 추출 기사의 것을 썼습니다 (no generated paragraphs; the extractive sections are used)"
        )
        return self.extractive.sections
