"""The write gate: every article sentence is checked against the sentences it cites; failures are removed."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from haesol.models import (
    Article,
    ArticleTable,
    Claim,
    FactRow,
    FaqItem,
    Line,
    PartName,
    Section,
    SentenceCheck,
    Verdict,
)
from haesol.verify.checker import Checker
from haesol.verify.content import check_claim
from haesol.verify.release_rules import ReleaseRules

LOGGER = logging.getLogger(__name__)

UNCHECKED_PARTS = frozenset({PartName.LABEL, PartName.DATELINE})
MIN_FAQ_ITEMS = 3


@dataclass(frozen=True, slots=True)
class GateReport:
    """Every check the gate ran, and the ones that failed (their lines were removed)."""

    checks: tuple[SentenceCheck, ...]
    rejected: tuple[SentenceCheck, ...]

    @property
    def passed(self) -> bool:
        """Whether every sentence passed."""
        return not self.rejected


class Gate:
    """Runs the checker over an article and rebuilds it without the lines that failed."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self.rules = ReleaseRules(checker.analysis)
        self._checks: list[SentenceCheck] = []
        self._rejected: list[SentenceCheck] = []

    def run(self, article: Article) -> tuple[Article, GateReport]:
        """Check every line; return the article with failing lines removed and the report."""
        self._checks, self._rejected = [], []
        # analyse every line not analysed yet in one batched Kiwi call (the checker then hits the cache)
        self.checker.analyzer.morphs_many(
            [line.text for line in article.lines() if line.text and not self._verbatim(line)]
        )
        gated = replace(
            article,
            headline=article.headline
            if self._ok(article.headline)
            else Line(article.attribution.title, PartName.HEADLINE, ("title",)),
            lead=tuple(line for line in article.lead if self._ok(line)),
            sections=tuple(s for s in (self._section(s) for s in article.sections) if s is not None),
            key_points=tuple(line for line in article.key_points if self._ok(line)),
            fact_rows=tuple(row for row in article.fact_rows if self._row(row)),
            dek=article.dek if article.dek is None or self._ok(article.dek) else None,
            faq=_enough(tuple(item for item in article.faq if self._faq(item))),
            contact=tuple(line for line in article.contact if self._ok(line)),
            source=tuple(line for line in article.source if self._ok(line)),
        )
        return gated, GateReport(tuple(self._checks), tuple(self._rejected))

    def _verbatim(self, line: Line) -> bool:
        """A line that is exactly its one cited sentence (the checker accepts it without re-analysis)."""
        if len(line.sources) != 1:
            return False
        sentence = self.checker.index.by_id.get(line.sources[0])
        return sentence is not None and " ".join(sentence.text.split()) == " ".join(line.text.split())

    def _ok(self, line: Line) -> bool:
        if line.part in UNCHECKED_PARTS or not line.text.strip():
            return True
        result = check_claim(self.checker, Claim(line.text, line.part.value, line.sources))
        result = self.rules.apply(result, line.text, line.sources)
        self._checks.append(result)
        passed = result.verdict is Verdict.SUPPORTED and bool(line.sources)
        if not passed:
            self._rejected.append(result)
            LOGGER.info("gate rejected %s: %s", line.part.value, line.text)
        return passed

    def _section(self, section: Section) -> Section | None:
        # a heading that fails leaves the section without one: renderers run it on from the one before
        heading = section.heading if self._ok(section.heading) else Line("", PartName.LABEL)
        paragraphs = tuple(
            p for p in (tuple(line for line in para if self._ok(line)) for para in section.paragraphs) if p
        )
        tables = tuple(self._table(t) for t in section.tables)
        if not paragraphs and not tables:
            return None
        return Section(heading, paragraphs, tables)

    def _table(self, table: ArticleTable) -> ArticleTable:
        caption = table.caption if table.caption is None or self._ok(table.caption) else None
        rows = tuple(tuple(cell if self._ok(cell) else Line("", PartName.TABLE) for cell in row) for row in table.rows)
        return replace(table, caption=caption, rows=rows)

    def _row(self, row: FactRow) -> bool:
        return self._ok(row.value)

    def _faq(self, item: FaqItem) -> bool:
        return self._ok(item.question) and self._ok(item.answer)


def _enough(faq: tuple[FaqItem, ...]) -> tuple[FaqItem, ...]:
    """An FAQ is worth showing only with at least three questions."""
    return faq if len(faq) >= MIN_FAQ_ITEMS else ()
