"""An index over a release's analysed sentences: content lemmas, facts by value, quotes, vocabulary."""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from haesol.analyze.facts import compact
from haesol.models import Analysis, Fact, FactKind, Morph, Origin, Sentence

LOGGER = logging.getLogger(__name__)

CONTENT_TAGS = frozenset({"NNG", "NNP", "VV", "VA", "XR", "SL", "SH", "NR", "MAG", "SN"})
GENERIC_LEMMAS = frozenset(
    "하다 되다 있다 없다 이다 아니다 않다 것 수 등 때 중 이번 밝히다 말하다 전하다 따르다 위하다 대하다 통하다 관하다 의하다 "
    "해당 관련 경우 가운데 또한 이어 한편 특히 더 또 및 각 총 약 모두 함께 이 그 이러하다 그러하다 같다 가지다 보다 "
    "대하 위하 따르 통하 관하 의하 들 씨 측 바 데 점 이날 당시 현재 앞서 이후 다음 통해 "
    "말 뒤 후 전 날 달 해 년 월 일 시 분 개 명 곳 건 차 번".split()
)
QUESTION_WORDS = frozenset("무엇 언제 어디 왜 누구 누가 어떻게 얼마 몇 어떤 어느 무슨 어떠하다 어떻다 어찌".split())
HEADING_WORDS = frozenset(
    "향후 계획 주요 내용 배경 발언 일정 현황 개요 기대 효과 대상 방법 핵심 정리 규모 예산 기간 장소 지원 절차 "
    "자주 묻다 질문 결론 요약 참고 문의 출처 한눈 보기 목차 항목 구분 기관 시기 지역 비율 인원 금액 세부".split()
)
NON_EVIDENCE_ORIGINS = frozenset({Origin.CAPTION, Origin.HEADER, Origin.CONTACT})


def lemma_key(morph: Morph) -> str:
    """The comparison key of a content morpheme: the lemma for predicates, the form otherwise."""
    if morph.tag in ("VV", "VA"):
        return morph.lemma
    return morph.form


def content_lemmas(morphs: tuple[Morph, ...]) -> list[str]:
    """Content lemmas of a sentence in order, generic words left out."""
    out = []
    for morph in morphs:
        if morph.tag not in CONTENT_TAGS:
            continue
        key = lemma_key(morph)
        if morph.tag == "SN" or key in GENERIC_LEMMAS or len(key.strip()) == 0:
            continue
        if morph.tag == "MAG" and len(key) < 2:
            continue
        out.append(key)
    return out


@dataclass
class SourceIndex:
    """What the checker needs to know about a source, computed once per release."""

    analysis: Analysis
    by_id: dict[str, Sentence] = field(default_factory=dict)
    lemmas: dict[str, frozenset[str]] = field(default_factory=dict)
    postings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    idf: dict[str, float] = field(default_factory=dict)
    facts: dict[FactKind, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    vocabulary: set[str] = field(default_factory=set)
    nouns: set[str] = field(default_factory=set)
    compact_text: str = ""
    compact_by_id: dict[str, str] = field(default_factory=dict)
    boilerplate: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, analysis: Analysis) -> SourceIndex:
        """Index every sentence of an analysed release."""
        index = cls(analysis)
        texts = []
        for sentence in analysis.sentences:
            index._add(sentence)
            if sentence.origin not in NON_EVIDENCE_ORIGINS:
                texts.append(index.compact_by_id[sentence.id])
        index.compact_text = "\n".join(texts)
        total = max(len(index.lemmas), 1)
        index.idf = {lemma: math.log(1 + total / len(ids)) for lemma, ids in index.postings.items()}
        index.boilerplate = [compact(d.text) for d in analysis.release.dropped if len(d.text) > 8]
        return index

    def _add(self, sentence: Sentence) -> None:
        self.by_id[sentence.id] = sentence
        lemmas = frozenset(content_lemmas(sentence.morphs))
        self.lemmas[sentence.id] = lemmas
        self.compact_by_id[sentence.id] = normalize_compact(sentence.text)
        for lemma in lemmas:
            self.postings[lemma].append(sentence.id)
        for fact in sentence.facts:
            self.facts[fact.kind][fact.value].append(sentence.id)
        if sentence.origin not in NON_EVIDENCE_ORIGINS:
            self.vocabulary.update(lemmas)
            self.nouns.update(m.form for m in sentence.morphs if m.tag in ("NNG", "NNP") and len(m.form) >= 2)

    def is_evidence(self, sentence_id: str) -> bool:
        """Whether a sentence can support article text (captions and header lines cannot)."""
        sentence = self.by_id.get(sentence_id)
        return sentence is not None and sentence.origin not in NON_EVIDENCE_ORIGINS

    def fact_ids(self, fact: Fact) -> list[str]:
        """Ids of source sentences holding a fact with the same kind and value."""
        return self.facts.get(fact.kind, {}).get(fact.value, [])

    def facts_of(self, ids: tuple[str, ...] | list[str], kind: FactKind) -> list[Fact]:
        """Facts of one kind in the given sentences."""
        return [f for i in ids if i in self.by_id for f in self.by_id[i].facts if f.kind is kind]


QUOTE_CHARS_RE = re.compile(r"[\"“”‘’'「」『』]")


def normalize_compact(text: str) -> str:
    """Text without spaces and with quotation marks unified, for substring checks."""
    return QUOTE_CHARS_RE.sub("'", compact(text))
