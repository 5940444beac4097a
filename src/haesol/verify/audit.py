"""Audit an article against its source: a verdict per sentence, document findings, and a score."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer, get_analyzer
from haesol.models import Analysis, ArticleInput, ArticleUnit, AuditReport, Claim, Finding, SentenceCheck, Verdict
from haesol.verify.checker import Checker
from haesol.verify.content import check_claim
from haesol.verify.document import document_findings
from haesol.verify.release_rules import ReleaseRules

LOGGER = logging.getLogger(__name__)

SENTENCE_BREAK_RE = re.compile(r"(?<=[다요까죠][.!?])\s+(?=[“\"‘'])")
QUOTE_TAIL_RE = re.compile(r"^(?:이?라고|이?라며|이?라는|고|며)\s")
DEPENDENT_TAIL_RE = re.compile(
    r"^(?:[~∼,)]|(?:에|를|을|은|는|이|가|으로|로|의|와|과|에서|및|등|라|이라)(?:\s|$|[^가-힣]))"
)
SENTENCE_END_RE = re.compile(r"(?:[다요까죠]|[.!?])\W{0,2}$")
CLOSING = ("」", "』", ")", "’", "”", '"', "'")
SPLIT_PARTS = frozenset({"body", "faq_answer", "lead"})
UNCHECKED_PARTS = frozenset({"caption", "label"})
VERDICT_VALUE = {Verdict.SUPPORTED: 1.0, Verdict.PARTIAL: 0.5, Verdict.UNSUPPORTED: 0.0, Verdict.CONTRADICTED: 0.0}
CONTRADICTION_PENALTY = 5
FINDING_PENALTIES = {
    "attribution_missing": 10,
    "link_missing": 5,
    "license_missing": 5,
    "photo_reused": 10,
    "omission": 1,
    "flattened_table": 2,
    "ragged_table": 2,
    "leftover_marker": 2,
    "spacing": 1,
    "typo": 1,
}
PENALTY_CAPS = {"omission": 10, "flattened_table": 6, "ragged_table": 6, "leftover_marker": 6, "spacing": 6, "typo": 6}
FAIL_ON = {
    "contradicted": frozenset({Verdict.CONTRADICTED}),
    "unsupported": frozenset({Verdict.CONTRADICTED, Verdict.UNSUPPORTED}),
    "any": frozenset({Verdict.CONTRADICTED, Verdict.UNSUPPORTED, Verdict.PARTIAL}),
}


@dataclass(frozen=True, slots=True)
class AuditSentence:
    """One sentence of the article to check, with the unit it came from."""

    text: str
    part: str
    block: int


def split_units(units: tuple[ArticleUnit, ...], analyzer: Analyzer) -> list[AuditSentence]:
    """Split body paragraphs and FAQ answers into sentences (one Kiwi pass); other parts stay whole."""
    to_split = [u for u in units if u.part in SPLIT_PARTS]
    splits = iter(analyzer.split([u.text for u in to_split])) if to_split else iter(())
    out: list[AuditSentence] = []
    for unit in units:
        if unit.part in SPLIT_PARTS:
            pieces = [piece for sentence in rejoin([s.text for s in next(splits)]) for piece in resplit(sentence)]
            out.extend(AuditSentence(piece, unit.part, unit.block) for piece in pieces)
        else:
            out.append(AuditSentence(unit.text, unit.part, unit.block))
    return out


def rejoin(sentences: list[str]) -> list[str]:
    """Join a piece that starts with a quoting particle ('” 이라고 밝혔다.') back onto the sentence before it,
    and one that Kiwi cut after a closing bracket ('「기부금품법」' + '에 따른 …') or before a range ('~’25년')."""
    out: list[str] = []
    for sentence in sentences:
        if out and QUOTE_TAIL_RE.match(sentence):
            out[-1] = f"{out[-1]} {sentence}"
        elif out and DEPENDENT_TAIL_RE.match(sentence) and not SENTENCE_END_RE.search(out[-1]):
            out[-1] = f"{out[-1]}{sentence}" if out[-1].endswith(CLOSING) else f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out


def resplit(text: str) -> list[str]:
    """Split where Kiwi kept two sentences together: a finished sentence followed by one that opens
    with a quotation mark ('… 있다. “교사들이 …”고 덧붙였다.'), never inside a quotation."""
    pieces: list[str] = []
    start = 0
    for match in SENTENCE_BREAK_RE.finditer(text):
        head = text[start : match.start()]
        if _balanced(text[: match.start()]) and head.strip():
            pieces.append(head.strip())
            start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def release_rule_checks(checks: list[SentenceCheck], analysis: Analysis) -> list[SentenceCheck]:
    """Add the release rules to each verdict: invented years, and unattributed reported claims (when a
    sentence's only evidence is a "< 보도 내용 >" box)."""
    rules = ReleaseRules(analysis)
    out = []
    for check in checks:
        only_reported = bool(check.evidence) and all(e in rules.reported for e in check.evidence)
        out.append(rules.apply(check, check.text, check.evidence if only_reported else ()))
    return out


def audit_article(article: ArticleInput, analysis: Analysis, analyzer: Analyzer | None = None) -> AuditReport:
    """Check every sentence of ``article`` against the source and score the whole.

    Args:
        article: the article read by ``haesol.parse.article_units.read_article``.
        analysis: the analysed source release.
        analyzer: the Kiwi wrapper (process-wide by default).
    """
    analyzer = analyzer or get_analyzer()
    checker = Checker(analysis, analyzer)
    # 1. sentences
    sentences = split_units(article.units, analyzer)
    # 2. a verdict per sentence (headings, bullets, cells and FAQ included)
    checks = [check_claim(checker, Claim(s.text, s.part)) for s in sentences if s.part not in UNCHECKED_PARTS]
    checks = release_rule_checks(checks, analysis)
    # 3. document findings: attribution, omissions, format defects
    findings = document_findings(article, analysis, checks, analyzer)
    # 4. the score
    counts = Counter(c.verdict.value for c in checks)
    return AuditReport(tuple(checks), tuple(findings), score(checks, findings), tuple(sorted(counts.items())))


def score(checks: list[SentenceCheck], findings: list[Finding]) -> int:
    """0–100: the mean sentence support (supported 1, partial ½, else 0) minus penalties.

    Penalties: 5 per contradicted sentence; 10 with no source named, 5 with no link, 5 with no
    licence notice, 10 for reused photos; 1 per omitted key fact (max 10); 2 per flattened or
    ragged table and per leftover bullet marker, 1 per spacing error or likely typo (each kind max 6).
    """
    if not checks:
        return 0
    support = sum(VERDICT_VALUE[c.verdict] for c in checks) / len(checks) * 100
    penalty = CONTRADICTION_PENALTY * sum(1 for c in checks if c.verdict is Verdict.CONTRADICTED)
    per_code = Counter(f.code for f in findings)
    for code, count in per_code.items():
        amount = FINDING_PENALTIES.get(code, 0) * count
        penalty += min(amount, PENALTY_CAPS.get(code, amount))
    return max(0, min(100, round(support - penalty)))


def failing(report: AuditReport, fail_on: str) -> list[SentenceCheck]:
    """The sentences whose verdict fails the ``--fail-on`` threshold.

    Raises:
        ValueError: for an unknown threshold.
    """
    if fail_on not in FAIL_ON:
        raise ValueError(f"fail_on must be one of {sorted(FAIL_ON)}, not {fail_on!r}")
    bad = FAIL_ON[fail_on]
    return [c for c in report.sentences if c.verdict in bad]
