"""The one sentence checker: the gate inside `write` and the engine of `check`."""

from __future__ import annotations

import logging
import re

from haesol.analyze.facts import extract_facts
from haesol.analyze.kiwi import Analyzer, get_analyzer
from haesol.analyze.meaning import meaning_of
from haesol.analyze.meaning_diff import Source, meaning_problems
from haesol.data.lexicon import load_synonyms
from haesol.models import Analysis, Claim, Fact, FactKind, Morph, Origin, PartName, Problem, SentenceCheck, Verdict
from haesol.verify.facts_check import (
    CONTRADICTION_TYPES,
    check_fact,
    check_speaker,
    displaced_number,
    number_not_in,
    plausible_facts,
    supplementary_facts,
)
from haesol.verify.index import HEADING_WORDS, QUESTION_WORDS, SourceIndex, content_lemmas, normalize_compact
from haesol.verify.terms import altered_terms, negation_problem

LOGGER = logging.getLogger(__name__)

SUPPORTED_COVERAGE = 0.8
PARTIAL_COVERAGE = 0.5
GATE_COVERAGE = 0.9
CAPTION_GAIN = 0.2
MIN_SAYING_LEMMAS = 3
MAX_EVIDENCE = 3
CHECKED_SPANS = frozenset(
    {FactKind.DATE, FactKind.TIME, FactKind.NUMBER}
)  # hard-checked, so not content words (check only)
IGNORED_FACTS_IN_GATE = frozenset({FactKind.ORG})
CREDIT_PARTS = frozenset({PartName.SOURCE.value, PartName.CONTACT.value})
QUESTION_PARTS = frozenset({PartName.FAQ_QUESTION.value, PartName.HEADING.value})
LABEL_LIKE_PARTS = frozenset(
    {PartName.HEADING.value, PartName.BULLET.value, PartName.LABEL.value, PartName.TABLE.value}
)
FACT_TYPES = frozenset({"number", "date", "time", "name", "title", "place", "quote", "phone", "org"})
SHORT_LABEL = 8
MEANING_CONTRADICTIONS = frozenset(
    {"tense", "modality", "attribution", "range", "qualifier", "comparison"}
)  # fragment: unsupported
PARAPHRASE_QUOTE_PARTS = frozenset({PartName.HEADLINE.value, PartName.HEADING.value})
CONTACT_RE = re.compile(r"(?:문의|담당\s?부서|담당자|연락처)\s*[:：]?.*\d{2,4}-\d{3,4}-\d{4}")
CREDIT_WORDS = frozenset(
    "문의 출처 보도 자료 보도자료 보도참고자료 설명자료 해명자료 대한민국 정책브리핑 조간 석간 참고 설명 해명".split()
)


class Checker:
    """Checks article sentences against one analysed source.

    With ``sources`` given (the write gate) every fact must be in those sentences; without them
    (``haesol check``) the best evidence is retrieved from the whole source first.
    """

    def __init__(self, analysis: Analysis, analyzer: Analyzer | None = None) -> None:
        self.analysis = analysis
        self.analyzer = analyzer or get_analyzer()
        self.index = SourceIndex.build(analysis)
        self._facts_by_text: dict[str, tuple[Fact, ...]] = {s.text: s.facts for s in analysis.sentences}
        self._sources: dict[str, Source] = {}

    def check(self, claim: Claim, morphs: tuple[Morph, ...] | None = None) -> SentenceCheck:
        """Give a verdict on one sentence, with its evidence and problems."""
        verbatim = self._verbatim(claim)
        if verbatim is not None:
            return verbatim
        written_part = claim.part
        if claim.sources is None and claim.part not in CREDIT_PARTS and CONTACT_RE.search(claim.text):
            claim = Claim(claim.text, PartName.CONTACT.value, None)  # a news page's contact line is source text too
        morphs = morphs if morphs is not None else self.analyzer.morphs(claim.text)
        strict = claim.sources is not None
        facts = plausible_facts(self._facts(claim.text, morphs), morphs)
        facts = tuple(
            sorted((*facts, *supplementary_facts(claim.text, morphs, facts)), key=lambda f: (f.start, f.kind))
        )
        checked = () if strict else [f for f in facts if f.kind in CHECKED_SPANS]
        words = tuple(m for m in morphs if not any(f.start <= m.start < f.end for f in checked))
        lemmas = [lemma for lemma in content_lemmas(words) if not self._free_word(lemma, claim.part)]
        if claim.part in LABEL_LIKE_PARTS and len(lemmas) <= 1 and not facts and len(claim.text.strip()) <= SHORT_LABEL:
            lemmas = []  # a one-word heading ('쟁점') is a label, not a claim
        # 1. evidence: the cited sentences, or the best ones from the whole source
        evidence = list(claim.sources) if claim.sources is not None else self.retrieve(lemmas, facts, claim.part)
        # 2. hard facts: numbers, dates, names, titles, places, quotes
        retrieved = list(evidence)
        problems, evidence = self._fact_problems(facts, evidence, strict, claim.part, claim.text)
        if not strict:
            problems.extend(self._displaced(claim.text, facts, morphs, retrieved, problems, lemmas))
        # 3. content words, covered by sentences that can be evidence (never by captions)
        support = (
            evidence if strict or claim.part in CREDIT_PARTS else [i for i in evidence if self.index.is_evidence(i)]
        )
        coverage = self._coverage(lemmas, support)
        # 4. meaning: altered terms, negation and direction against the supporting sentences
        related = max(coverage, self._coverage(content_lemmas(morphs), support))
        problems.extend(
            self._meaning_problems(claim.text, morphs, self._supporting(lemmas, support), related, claim.part)
        )
        problems.extend(
            self._sense_problems(claim, morphs, evidence if strict else self._meaning_sources(lemmas, support), related)
        )
        # 5. origin: caption-only content, boilerplate, no support at all
        problems.extend(self._origin_problems(claim.text, lemmas, coverage, strict))
        if strict:
            problems.extend(self._cited_non_evidence(claim))
        verdict = _verdict(problems, coverage, strict)
        if (
            verdict is Verdict.UNSUPPORTED
            and coverage >= PARTIAL_COVERAGE
            and any(p.type in FACT_TYPES for p in problems)
        ):
            verdict = Verdict.CONTRADICTED
        return SentenceCheck(claim.text, verdict, tuple(evidence), tuple(problems), round(coverage, 3), written_part)

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
        if part in CREDIT_PARTS and lemma in CREDIT_WORDS:
            return True
        if part in QUESTION_PARTS and lemma in QUESTION_WORDS:
            return True
        return part in LABEL_LIKE_PARTS and lemma in HEADING_WORDS

    def _verbatim(self, claim: Claim) -> SentenceCheck | None:
        """In the gate, a line that is exactly the one body or table sentence it cites is supported as it stands."""
        if claim.sources is None or len(claim.sources) != 1 or claim.part in CREDIT_PARTS:
            return None
        sentence = self.index.by_id.get(claim.sources[0])
        if (
            sentence is None
            or not self.index.is_evidence(sentence.id)
            or " ".join(sentence.text.split()) != " ".join(claim.text.split())
        ):
            return None
        return SentenceCheck(claim.text, Verdict.SUPPORTED, claim.sources, (), 1.0, claim.part)

    def _facts(self, text: str, morphs: tuple[Morph, ...]) -> tuple[Fact, ...]:
        """Facts of a claim; a claim written exactly like a source sentence reuses that sentence's facts."""
        cached = self._facts_by_text.get(text)
        if cached is None:
            cached = self._facts_by_text[text] = extract_facts(text, morphs, self.analysis.fact_anchor)
        return cached

    # -- problems ------------------------------------------------------------------------------

    def _fact_problems(
        self, facts: tuple[Fact, ...], evidence: list[str], strict: bool, part: str, text: str
    ) -> tuple[list[Problem], list[str]]:
        problems: list[Problem] = []
        evidence = list(evidence)
        for fact in facts:
            if (strict and fact.kind in IGNORED_FACTS_IN_GATE) or self._acting_title(fact, text):
                continue
            outcome = check_fact(fact, evidence, self.index, strict, part in CREDIT_PARTS, claim=text)
            if (
                outcome.problem is not None
                and part in PARAPHRASE_QUOTE_PARTS
                and fact.kind is FactKind.QUOTE
                and self._paraphrased(fact, text)
            ):
                continue
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

    def _acting_title(self, fact: Fact, text: str) -> bool:
        """'국방대행' for '국방부장관 직무대행' (read as the org '국방대'): a common short form, not a new organisation."""
        if (
            fact.kind is not FactKind.ORG
            or not text[fact.start :].startswith(fact.text + "행")
            or not fact.text.endswith("대")
        ):
            return False
        prefix = fact.text[:-1]
        return (
            re.search(
                rf"{re.escape(prefix)}[가-힣]{{0,4}}(?:장관|청장|처장|위원장)?(?:직무|권한)대행",
                self.index.full_compact,
            )
            is not None
        )

    def _paraphrased(self, fact: Fact, text: str) -> bool:
        """A headline quote in the news convention (해수부 "낡은 규제 혁파"…): the speaker before it is named
        in the source and the source says what the quote says (judged by meaning, not letter by letter)."""
        speaker = re.sub(r"[^가-힣A-Za-z]", " ", text[: fact.start]).split()
        if not speaker or not self._names_speaker(speaker[-1]):
            return False
        inner = fact.value.strip("\"'“”‘’ ")
        inner_morphs = self.analyzer.morphs(inner)
        lemmas = content_lemmas(inner_morphs)
        if not lemmas:
            return False
        evidence = self.retrieve(lemmas, ())
        if self._coverage(lemmas, evidence) < SUPPORTED_COVERAGE:
            return False
        sentences = [self.index.by_id[i].morphs for i in evidence if i in self.index.by_id]
        return negation_problem(inner_morphs, sentences, inner) is None

    def _names_speaker(self, word: str) -> bool:
        from haesol.data.lexicon import load_lexicon

        canonical = load_lexicon().agency(word)
        return any(w in self.index.full_compact for w in {word, canonical, word.rstrip("은는이가")})

    def _displaced(
        self,
        text: str,
        facts: tuple[Fact, ...],
        morphs: tuple[Morph, ...],
        evidence: list[str],
        problems: list[Problem],
        lemmas: list[str],
    ) -> list[Problem]:
        """Numbers copied from elsewhere in the source: the noun they count, or the one sentence that says
        everything else the claim says, has another number of the same unit there."""
        reported = {p.span for p in problems}
        saying = (
            [i for i in evidence if self._coverage(lemmas, [i]) >= SUPPORTED_COVERAGE]
            if len(lemmas) >= MIN_SAYING_LEMMAS
            else []
        )
        numbers = [f for f in facts if f.kind is FactKind.NUMBER and f.text not in reported]
        out = []
        for fact in numbers:
            problem = displaced_number(fact, morphs, facts, evidence, self.index)
            if problem is None and saying:
                problem = number_not_in(fact, saying, numbers, self.index, text)
            if problem is not None:
                out.append(problem)
        return out

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
            if (
                lemma in available
                or _in_text(lemma, joined)
                or any(other in available or _in_text(other, joined) for other in synonyms.get(lemma, ()))
            ):
                covered += 1
        return covered / len(lemmas)

    def _supporting(self, lemmas: list[str], support: list[str]) -> list[str]:
        """The evidence sentences, best first, until they cover the claim (what negation is compared with)."""
        chosen: list[str] = []
        for sentence_id in support:
            chosen.append(sentence_id)
            if self._coverage(lemmas, chosen) >= SUPPORTED_COVERAGE:
                break
        return chosen

    def _meaning_problems(
        self, text: str, morphs: tuple[Morph, ...], support: list[str], related: float, part: str = ""
    ) -> list[Problem]:
        """Altered terms; a flipped negation or direction only where the source says much the same thing."""
        problems = altered_terms(morphs, text, self.index)
        if part in LABEL_LIKE_PARTS and all(w in self.index.full_compact for w in _hangul_words(text)):
            problems = []  # a heading whose words all stand in the source is a label, not an altered term
        if related < PARTIAL_COVERAGE:
            return problems
        sentences = [self.index.by_id[i].morphs for i in support if i in self.index.by_id]
        negation = negation_problem(morphs, sentences, text)
        if negation is not None:
            problems.append(negation)
        return problems

    def _meaning_sources(self, lemmas: list[str], support: list[str]) -> list[str]:
        """In `check`, the support and any other sentence that says nearly all the claim says, closest first
        (the retrieved cover may hold a table row or heading where the body sentence states the tense)."""
        if len(lemmas) < MIN_SAYING_LEMMAS:
            return support
        rare = sorted(set(lemmas), key=lambda lemma: len(self.index.postings.get(lemma, ())) or 10**6)[:2]
        extra = {
            i
            for lemma in rare
            for i in self.index.postings.get(lemma, ())[:40]
            if i not in support and self.index.is_evidence(i)
        }
        scored = {i: self._coverage(lemmas, [i]) for i in [*support, *extra]}
        close = [i for i in extra if scored[i] >= SUPPORTED_COVERAGE]
        return sorted([*support, *close], key=lambda i: (-scored[i], self.index.by_id[i].origin is Origin.TABLE))

    def _sense_problems(
        self, claim: Claim, morphs: tuple[Morph, ...], support: list[str], related: float
    ) -> list[Problem]:
        """Tense, modality, attribution, ranges, qualifiers, comparisons, fragments and places (haesol.analyze.meaning)."""
        sources = [self._source(i) for i in support if i in self.index.by_id] if related >= PARTIAL_COVERAGE else []
        meaning = meaning_of(claim.text, morphs)
        return meaning_problems(
            meaning, claim.text, sources, claim.part, self.index.full_compact, focused=claim.sources is not None
        )

    def _source(self, sentence_id: str) -> Source:
        cached = self._sources.get(sentence_id)
        if cached is None:
            sentence = self.index.by_id[sentence_id]
            cached = self._sources[sentence_id] = Source(sentence.text, meaning_of(sentence.text, sentence.morphs))
        return cached

    def _caption_gain(self, lemmas: list[str], coverage: float) -> float:
        """How much more of the claim the source's photo captions cover than its evidence sentences do."""
        if not self.index.captions or coverage >= SUPPORTED_COVERAGE:
            return 0.0
        return self._coverage(lemmas, self.index.captions) - coverage

    def _cited_non_evidence(self, claim: Claim) -> list[Problem]:
        """In the gate, a line may not cite a photo caption (nor, outside credit lines, the header or contacts)."""
        out = []
        for sentence_id in claim.sources or ():
            sentence = self.index.by_id.get(sentence_id)
            if sentence is None:
                out.append(
                    Problem("unsupported", sentence_id, f"없는 문장 id입니다 (unknown sentence id {sentence_id})")
                )
            elif sentence.origin is Origin.CAPTION:
                out.append(
                    Problem("caption", sentence.text[:40], "사진 설명을 근거로 삼았습니다 (cites a photo caption)")
                )
            elif sentence.origin in (Origin.HEADER, Origin.CONTACT) and claim.part not in CREDIT_PARTS:
                out.append(
                    Problem(
                        "unsupported",
                        sentence_id,
                        "머리말·연락처는 기사 내용의 근거가 아닙니다 (header or contact line cited as content)",
                    )
                )
        return out

    def _origin_problems(self, text: str, lemmas: list[str], coverage: float, strict: bool) -> list[Problem]:
        """Content that comes only from a caption or page boilerplate, or has no support at all."""
        problems = []
        needle = normalize_compact(text)[:30]
        if (
            not strict
            and len(needle) >= 12
            and coverage < SUPPORTED_COVERAGE
            and any(needle[:20] in b for b in self.index.boilerplate)
        ):
            problems.append(
                Problem("boilerplate", text[:40], "원문 페이지의 저작권·안내 문구입니다 (page boilerplate)")
            )
        elif not strict and self._caption_gain(lemmas, coverage) >= CAPTION_GAIN:
            problems.append(Problem("caption", text[:40], "사진 설명에서 온 내용입니다 (content from a photo caption)"))
        elif not strict and coverage < PARTIAL_COVERAGE and len(lemmas) >= 2:
            problems.append(
                Problem("unsupported", text[:40], "원문에서 근거를 찾을 수 없습니다 (no support in the source)")
            )
        elif strict and coverage < GATE_COVERAGE and len(lemmas) >= 1:
            problems.append(
                Problem("unsupported", text[:40], "출처 문장에 없는 단어가 있습니다 (words not in the cited sentences)")
            )
        return problems


def _hangul_words(text: str) -> list[str]:
    """The Hangul words of a text without their particles ('지역별', '투자액')."""
    return [w.rstrip("은는이가을를의에도로") or w for w in re.findall(r"[가-힣]{2,}", text)]


def _in_text(lemma: str, text: str) -> bool:
    stem = lemma[:-1] if lemma.endswith("다") and len(lemma) > 2 else lemma
    return bool(stem) and stem in text


def _verdict(problems: list[Problem], coverage: float, strict: bool) -> Verdict:
    hard = [
        p
        for p in problems
        if p.type in MEANING_CONTRADICTIONS
        or (p.type in CONTRADICTION_TYPES and (p.expected or p.type in ("negation", "term", "quote_speaker")))
    ]
    if hard:
        return Verdict.CONTRADICTED
    if problems:
        return Verdict.UNSUPPORTED
    if strict:
        return Verdict.SUPPORTED if coverage >= GATE_COVERAGE else Verdict.PARTIAL
    if coverage >= SUPPORTED_COVERAGE:
        return Verdict.SUPPORTED
    return Verdict.PARTIAL if coverage >= PARTIAL_COVERAGE else Verdict.UNSUPPORTED
