"""The one sentence checker: the gate inside `write` and the engine of `check`."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from haesol.analyze.facts import extract_facts
from haesol.analyze.kiwi import Analyzer, get_analyzer
from haesol.analyze.lexicon import load_synonyms
from haesol.models import Analysis, Fact, FactKind, Morph, Origin, PartName, Problem, SentenceCheck, Verdict
from haesol.verify.facts_check import CONTRADICTION_TYPES, check_fact, check_speaker
from haesol.verify.index import HEADING_WORDS, QUESTION_WORDS, SourceIndex, content_lemmas, normalize_compact
from haesol.verify.terms import altered_terms, negation_problem

LOGGER = logging.getLogger(__name__)

SUPPORTED_COVERAGE = 0.8
PARTIAL_COVERAGE = 0.5
GATE_COVERAGE = 0.9
MAX_EVIDENCE = 3
IGNORED_FACTS_IN_GATE = frozenset({FactKind.ORG})
CREDIT_PARTS = frozenset({PartName.SOURCE.value, PartName.CONTACT.value})
FACT_TYPES = frozenset({"number", "date", "time", "name", "title", "place", "quote", "phone", "org"})
CREDIT_WORDS = frozenset("문의 출처 보도 자료 보도자료 보도참고자료 설명자료 해명자료 대한민국 정책브리핑 조간 석간 참고 설명 해명".split())


@dataclass(frozen=True, slots=True)
class Claim:
    """An article sentence to check: its text, where it sits, and the sources it names (if any)."""

    text: str
    part: str = PartName.BODY.value
    sources: tuple[str, ...] | None = None


class Checker:
    """Checks article sentences against one analysed source.

    With ``sources`` given (the write gate) every fact must be in those sentences; without them
    (``haesol check``) the best evidence is retrieved from the whole source first.
    """

    def __init__(self, analysis: Analysis, analyzer: Analyzer | None = None) -> None:
        self.analysis = analysis
        self.analyzer = analyzer or get_analyzer()
        self.index = SourceIndex.build(analysis)

    def check(self, claim: Claim, morphs: tuple[Morph, ...] | None = None) -> SentenceCheck:
        """Give a verdict on one sentence, with its evidence and problems."""
        morphs = morphs if morphs is not None else self.analyzer.morphs(claim.text)
        facts = extract_facts(claim.text, morphs, self.analysis.anchor)
        strict = claim.sources is not None
        lemmas = [lemma for lemma in content_lemmas(morphs) if not self._free_word(lemma, claim.part)]
        evidence = list(claim.sources) if strict else self.retrieve(lemmas, facts, claim.part)
        problems, evidence = self._fact_problems(facts, evidence, strict, claim.part)
        coverage = self._coverage(lemmas, evidence)
        problems.extend(self._meaning_problems(claim.text, morphs, evidence, strict))
        problems.extend(self._origin_problems(claim.text, lemmas, evidence, coverage, strict))
        verdict = _verdict(problems, coverage, strict)
        if verdict is Verdict.UNSUPPORTED and coverage >= PARTIAL_COVERAGE and any(p.type in FACT_TYPES for p in problems):
            verdict = Verdict.CONTRADICTED
        return SentenceCheck(claim.text, verdict, tuple(evidence), tuple(problems), round(coverage, 3), claim.part)

    # -- evidence ------------------------------------------------------------------------------

    def retrieve(self, lemmas: list[str], facts: tuple[Fact, ...], part: str = "body") -> list[str]:
        """The source sentences that best cover a claim's content words and facts (greedy cover)."""
        scores: dict[str, float] = {}
        for lemma in set(lemmas):
            for sentence_id in self.index.postings.get(lemma, ()):
                scores[sentence_id] = scores.get(sentence_id, 0.0) + self.index.idf.get(lemma, 1.0)
        for fact in facts:
            for sentence_id in self.index.fact_ids(fact):
                scores[sentence_id] = scores.get(sentence_id, 0.0) + 2.0
        credit = part in (PartName.SOURCE.value, PartName.CONTACT.value)
        ranked = sorted((i for i in scores if credit or self._retrievable(i)), key=lambda i: (-scores[i], i))
        chosen: list[str] = []
        uncovered = set(lemmas)
        for sentence_id in ranked:
            if len(chosen) >= MAX_EVIDENCE:
                break
            gain = uncovered & self.index.lemmas.get(sentence_id, frozenset())
            if chosen and not gain:
                continue
            chosen.append(sentence_id)
            uncovered -= gain
        return chosen

    def _retrievable(self, sentence_id: str) -> bool:
        sentence = self.index.by_id.get(sentence_id)
        return sentence is not None and sentence.origin not in (Origin.HEADER, Origin.CONTACT)

    def _free_word(self, lemma: str, part: str) -> bool:
        if part in (PartName.SOURCE.value, PartName.CONTACT.value) and lemma in CREDIT_WORDS:
            return True
        if part in (PartName.FAQ_QUESTION.value, PartName.HEADING.value) and lemma in QUESTION_WORDS:
            return True
        return part in (PartName.HEADING.value, PartName.BULLET.value, PartName.LABEL.value, PartName.TABLE.value) and lemma in HEADING_WORDS

    # -- problems ------------------------------------------------------------------------------

    def _fact_problems(
        self, facts: tuple[Fact, ...], evidence: list[str], strict: bool, part: str
    ) -> tuple[list[Problem], list[str]]:
        problems: list[Problem] = []
        evidence = list(evidence)
        for fact in facts:
            if strict and fact.kind in IGNORED_FACTS_IN_GATE:
                continue
            outcome = check_fact(fact, evidence, self.index, strict, part in CREDIT_PARTS)
            if outcome.problem is not None:
                problems.append(outcome.problem)
                continue
            for sentence_id in outcome.found_in:
                if sentence_id not in evidence and len(evidence) < MAX_EVIDENCE + 2:
                    evidence.append(sentence_id)
            speaker_problem = check_speaker(fact, self.index)
            if speaker_problem is not None:
                problems.append(speaker_problem)
        return problems, evidence

    def _coverage(self, lemmas: list[str], evidence: list[str]) -> float:
        if not lemmas:
            return 1.0
        available: set[str] = set()
        texts = []
        for sentence_id in evidence:
            available |= self.index.lemmas.get(sentence_id, frozenset())
            texts.append(self.index.compact_by_id.get(sentence_id, ""))
        joined = "\n".join(texts)
        synonyms = load_synonyms()
        covered = 0
        for lemma in lemmas:
            if lemma in available or _in_text(lemma, joined):
                covered += 1
            elif any(other in available or _in_text(other, joined) for other in synonyms.get(lemma, ())):
                covered += 1
        return covered / len(lemmas)

    def _meaning_problems(self, text: str, morphs: tuple[Morph, ...], evidence: list[str], strict: bool) -> list[Problem]:
        problems = altered_terms(morphs, text, self.index)
        best = [self.index.by_id[i].morphs for i in evidence[:1] if i in self.index.by_id]
        negation = negation_problem(morphs, best, text)
        if negation is not None:
            problems.append(negation)
        return problems

    def _origin_problems(self, text: str, lemmas: list[str], evidence: list[str], coverage: float, strict: bool) -> list[Problem]:
        """Content that comes only from a caption or page boilerplate, or has no support at all."""
        problems = []
        body_evidence = [i for i in evidence if self.index.is_evidence(i)]
        caption_evidence = [i for i in evidence if self.index.by_id.get(i) and self.index.by_id[i].origin is Origin.CAPTION]
        needle = normalize_compact(text)[:30]
        if not strict and len(needle) >= 12 and coverage < SUPPORTED_COVERAGE and any(needle[:20] in b for b in self.index.boilerplate):
            problems.append(Problem("boilerplate", text[:40], "원문 페이지의 저작권·안내 문구입니다 (page boilerplate)"))
        elif caption_evidence and not body_evidence and coverage >= PARTIAL_COVERAGE:
            problems.append(Problem("caption", text[:40], "사진 설명에서 온 내용입니다 (content from a photo caption)"))
        elif not strict and coverage < PARTIAL_COVERAGE and len(lemmas) >= 2:
            problems.append(Problem("unsupported", text[:40], "원문에서 근거를 찾을 수 없습니다 (no support in the source)"))
        elif strict and coverage < GATE_COVERAGE and len(lemmas) >= 1:
            problems.append(Problem("unsupported", text[:40], "출처 문장에 없는 단어가 있습니다 (words not in the cited sentences)"))
        return problems


def _in_text(lemma: str, text: str) -> bool:
    stem = lemma[:-1] if lemma.endswith("다") and len(lemma) > 2 else lemma
    return bool(stem) and stem in text


def _verdict(problems: list[Problem], coverage: float, strict: bool) -> Verdict:
    hard = [p for p in problems if p.type in CONTRADICTION_TYPES and (p.expected or p.type in ("negation", "term", "quote_speaker"))]
    if hard:
        return Verdict.CONTRADICTED
    if problems:
        return Verdict.UNSUPPORTED
    if strict:
        return Verdict.SUPPORTED if coverage >= GATE_COVERAGE else Verdict.PARTIAL
    if coverage >= SUPPORTED_COVERAGE:
        return Verdict.SUPPORTED
    return Verdict.PARTIAL if coverage >= PARTIAL_COVERAGE else Verdict.UNSUPPORTED
