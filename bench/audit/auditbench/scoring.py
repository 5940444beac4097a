"""Run the checker on labelled articles and count: recall and precision per corruption type, false alarms, omissions."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from auditbench.model import CORRUPTION_TYPES, FAITHFUL, GoldSentence, LabelledArticle
from haesol.models import Finding, SentenceCheck

LOGGER = logging.getLogger(__name__)

BAD_VERDICTS = frozenset({"unsupported", "contradicted"})
# problem types that count as finding a corruption of each type
FAMILIES = {
    "number": frozenset({"number"}),
    "date": frozenset({"date", "time"}),
    "name": frozenset({"name", "title", "quote_speaker"}),
    "place": frozenset({"place"}),
    "inserted": frozenset({"unsupported"}),
    "caption": frozenset({"caption"}),
    "negation": frozenset({"negation"}),
    "term": frozenset({"term"}),
    "number_swap": frozenset({"number"}),
}
VERDICT_ORDER = ("supported", "partial", "unsupported", "contradicted")
SPLITS = ("tune", "heldout", "samples")


@dataclass(frozen=True, slots=True)
class SentenceOutcome:
    """What the checker said about one gold sentence (worst verdict over the pieces it was split into)."""

    article: str
    split: str
    article_kind: str
    base: str
    gold: GoldSentence
    verdict: str
    problems: tuple[str, ...]
    aligned: bool = True

    @property
    def flagged(self) -> bool:
        """Whether the verdict is unsupported or contradicted."""
        return self.verdict in BAD_VERDICTS

    def detected(self, kind: str) -> bool:
        """Flagged with a problem of ``kind``'s family (an inserted sentence also counts when plainly unsupported)."""
        if not self.flagged:
            return False
        return bool(FAMILIES[kind] & set(self.problems)) or (kind == "inserted" and self.verdict == "unsupported")

    def predicts(self, kind: str) -> bool:
        """Flagged with a problem of ``kind``'s family (what precision counts)."""
        return self.flagged and bool(FAMILIES[kind] & set(self.problems))


@dataclass(frozen=True, slots=True)
class OmissionOutcome:
    """Whether the omission findings of an article name the key fact it leaves out."""

    article: str
    split: str
    fact: str
    detected: bool
    findings: int


@dataclass
class Outcomes:
    """Everything the checker said about a corpus."""

    sentences: list[SentenceOutcome] = field(default_factory=list)
    omissions: list[OmissionOutcome] = field(default_factory=list)


def compact(text: str) -> str:
    """Text without whitespace."""
    return re.sub(r"\s+", "", text)


def align(golds: tuple[GoldSentence, ...], checks: Iterable[SentenceCheck]) -> list[list[SentenceCheck]]:
    """The checks that fall on each gold sentence, by position in the article's text without spaces."""
    spans = []
    joined = ""
    for gold in golds:
        piece = compact(gold.text)
        spans.append((len(joined), len(joined) + len(piece)))
        joined += piece
    out: list[list[SentenceCheck]] = [[] for _ in golds]
    cursor = 0
    for check in checks:
        needle = compact(check.text)
        position = joined.find(needle, cursor) if needle else -1
        if position < 0:
            position = joined.find(needle)
        if position < 0:
            LOGGER.debug("check not aligned: %s", needle[:40])
            continue
        cursor = position + len(needle)
        for index, (start, end) in enumerate(spans):
            if start < position + len(needle) and position < end:
                out[index].append(check)
    return out


def audit_corpus(items: list[LabelledArticle]) -> Outcomes:
    """Audit every article against its source (each source parsed and analysed once)."""
    from auditbench.releases import ROOT
    from haesol.analyze.annotate import analyze_release
    from haesol.analyze.kiwi import get_analyzer
    from haesol.parse import parse_file
    from haesol.parse.article_units import read_article
    from haesol.verify.audit import audit_article

    analyzer = get_analyzer()
    analyzer.clear_cache()  # verdicts must not depend on what the process analysed before
    analyses: dict[str, object] = {}
    outcomes = Outcomes()
    for item in items:
        if item.source not in analyses:
            analyses[item.source] = analyze_release(parse_file(str(ROOT / item.source)))
        report = audit_article(read_article(item.text.encode("utf-8"), item.id), analyses[item.source], analyzer)  # type: ignore[arg-type]
        outcomes.sentences.extend(_sentence_outcomes(item, report.sentences))
        outcomes.omissions.extend(_omission_outcomes(item, report.findings))
    return outcomes


def _sentence_outcomes(item: LabelledArticle, checks: tuple[SentenceCheck, ...]) -> list[SentenceOutcome]:
    out = []
    for gold, mine in zip(item.sentences, align(item.sentences, checks), strict=False):
        verdicts = [c.verdict.value for c in mine]
        verdict = max(verdicts, key=VERDICT_ORDER.index) if verdicts else "supported"
        problems = tuple(sorted({p.type for c in mine for p in c.problems}))
        out.append(SentenceOutcome(item.id, item.split, item.kind, item.base, gold, verdict, problems, bool(mine)))
    return out


def _omission_outcomes(item: LabelledArticle, findings: tuple[Finding, ...]) -> list[OmissionOutcome]:
    named = [compact(f.message) for f in findings if f.code == "omission"]
    return [
        OmissionOutcome(
            item.id, item.split, fact.text, any(compact(fact.text) in message for message in named), len(named)
        )
        for fact in item.omitted
    ]


@dataclass(frozen=True, slots=True)
class TypeScore:
    """Counts for one corruption type: how many, how many detected, and the precision counts."""

    n: int
    detected: int
    predicted: int
    correct: int

    @property
    def recall(self) -> float:
        """Detected / all corrupted sentences of this type (1.0 when there are none)."""
        return self.detected / self.n if self.n else 1.0

    @property
    def precision(self) -> float:
        """Sentences flagged with this type's family that carry a corruption of that family (1.0 when none was flagged)."""
        return self.correct / self.predicted if self.predicted else 1.0


@dataclass(frozen=True, slots=True)
class SplitScore:
    """The figures of one split (tuning, held-out or all)."""

    types: dict[str, TypeScore]
    faithful: int
    false_alarms: int
    partial: int
    by_base: dict[str, tuple[int, int]]
    omissions: int
    omissions_found: int
    unaligned: int

    @property
    def false_alarm_rate(self) -> float:
        """Faithful sentences judged unsupported or contradicted / all faithful sentences."""
        return self.false_alarms / self.faithful if self.faithful else 0.0

    @property
    def partial_share(self) -> float:
        """Faithful sentences judged partial / all faithful sentences."""
        return self.partial / self.faithful if self.faithful else 0.0

    @property
    def omission_recall(self) -> float:
        """Omitted key facts named by an omission finding / all omitted key facts."""
        return self.omissions_found / self.omissions if self.omissions else 1.0


def score_split(outcomes: Outcomes, split: str | None) -> SplitScore:
    """Figures over the outcomes of one split (None = all)."""
    sentences = [o for o in outcomes.sentences if split is None or o.split == split]
    aligned = [o for o in sentences if o.aligned]
    types = {}
    for kind in CORRUPTION_TYPES:
        mine = [o for o in aligned if o.gold.label == kind]
        predicted = [o for o in aligned if o.predicts(kind)]
        correct = sum(FAMILIES.get(o.gold.label) == FAMILIES[kind] for o in predicted)
        types[kind] = TypeScore(len(mine), sum(o.detected(kind) for o in mine), len(predicted), correct)
    faithful = [o for o in aligned if o.gold.label == FAITHFUL and o.article_kind == "faithful"]
    by_base = {
        base: (sum(o.base == base for o in faithful), sum(o.base == base and o.flagged for o in faithful))
        for base in ("extractive", "paraphrase")
    }
    omissions = [o for o in outcomes.omissions if split is None or o.split == split]
    return SplitScore(
        types,
        len(faithful),
        sum(o.flagged for o in faithful),
        sum(o.verdict == "partial" for o in faithful),
        by_base,
        len(omissions),
        sum(o.detected for o in omissions),
        len(sentences) - len(aligned),
    )
