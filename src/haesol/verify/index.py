"""An index over a release's analysed sentences: content lemmas, facts by value, quotes, vocabulary."""

from __future__ import annotations

import functools
import itertools
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
TOKEN_SPLIT_RE = re.compile(r"[\s·,/()\[\]<>「」『』｢｣〈〉《》【】]+")
PARTICLES = (
    "에서는",
    "에서",
    "으로",
    "에게",
    "께서",
    "까지",
    "부터",
    "에는",
    "께",
    "와",
    "과",
    "의",
    "에",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "로",
    "도",
    "만",
)
VERBAL_ENDINGS = (
    "하도록",
    "되도록",
    "하기로",
    "하는",
    "하고",
    "하며",
    "하여",
    "하기",
    "했다",
    "했고",
    "한다",
    "된다",
    "되는",
    "되고",
    "되며",
    "됐다",
    "할",
    "한",
    "해",
    "된",
    "될",
)
ENDINGS = tuple(sorted({*PARTICLES, *VERBAL_ENDINGS}, key=len, reverse=True))


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
    full_compact: str = ""
    compact_by_id: dict[str, str] = field(default_factory=dict)
    boilerplate: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    terms_by_edges: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    terms_by_length: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

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
        index.full_compact = "\n".join(index.compact_by_id.values())
        index.captions = [s.id for s in analysis.sentences if s.origin is Origin.CAPTION]
        index._add_terms(analysis)
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

    def _add_terms(self, analysis: Analysis) -> None:
        """Nouns and written-together compounds of 3+ syllables, the reference for typo detection."""
        terms: set[str] = set()
        for sentence in analysis.sentences:
            if sentence.origin is not Origin.HEADER:
                terms.update(noun_runs(sentence.morphs, sentence.text))
                words = [w for w in word_cores(sentence.text) if _nominal(w, sentence)]
                terms.update(w for w in words if len(w) >= 3)
                terms.update(
                    a + b
                    for a, b in itertools.pairwise(words)
                    if len(a) >= 2 and len(b) >= 2 and f"{a} {b}" in sentence.text
                )
        for term in sorted(terms):
            self.terms_by_edges[(term[0], term[-1])].append(term)
            self.terms_by_length[len(term)].append(term)

    def is_evidence(self, sentence_id: str) -> bool:
        """Whether a sentence can support article text (captions and header lines cannot)."""
        sentence = self.by_id.get(sentence_id)
        return sentence is not None and sentence.origin not in NON_EVIDENCE_ORIGINS

    def fact_ids(self, fact: Fact) -> list[str]:
        """Ids of source sentences holding a fact with the same kind and value."""
        return self.facts.get(fact.kind, {}).get(fact.value, [])

    def numbers_after(self, noun: str, ids: list[str], reach: int) -> list[Fact]:
        """The first number within ``reach`` characters after each occurrence of ``noun`` in the given sentences."""
        out = []
        for sentence_id in ids:
            sentence = self.by_id.get(sentence_id)
            if sentence is None:
                continue
            numbers = [f for f in sentence.facts if f.kind is FactKind.NUMBER]
            for morph in sentence.morphs:
                if morph.form == noun and morph.tag in ("NNG", "NNP"):
                    after = next((f for f in numbers if 0 <= f.start - morph.end <= reach), None)
                    if after is not None:
                        out.append(after)
        return out

    def facts_of(self, ids: tuple[str, ...] | list[str], kind: FactKind) -> list[Fact]:
        """Facts of one kind in the given sentences."""
        return [f for i in ids if i in self.by_id for f in self.by_id[i].facts if f.kind is kind]


def word_cores(text: str) -> list[str]:
    """The Hangul words of a text without their particles ('출입로를' → '출입로')."""
    return [cores[-1] for cores in (word_variants(token) for token in TOKEN_SPLIT_RE.split(text) if token) if cores]


@functools.lru_cache(maxsize=65536)
def word_variants(token: str) -> tuple[str, ...]:
    """A word without punctuation, then also without its trailing particle or '하다' ending
    ('연장할' → '연장'); () when it is not all Hangul."""
    word = EDGE_PUNCT_RE.sub("", token)
    if not HANGUL_WORD_RE.fullmatch(word):
        return ()
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return (word, word[: -len(ending)])
    return (word,)


def _nominal(word: str, sentence: Sentence) -> bool:
    """Whether a word of a sentence starts with a noun and holds no predicate or ending ('출입로' yes, '확보했으며' no)."""
    start = sentence.text.find(word)
    inside = [m for m in sentence.morphs if start <= m.start < start + len(word)]
    return (
        bool(inside)
        and inside[0].tag in ("NNG", "NNP")
        and not any(m.tag[0] in "VE" or m.tag in ("XSV", "XSA") for m in inside)
    )


def noun_runs(morphs: tuple[Morph, ...], text: str, min_length: int = 3) -> set[str]:
    """Hangul nouns and runs of nouns written together ('육상침투', '지역아동센터') of ``min_length``+ syllables."""
    out: set[str] = set()
    start = end = -1
    for morph in (*morphs, None):
        if morph is not None and morph.tag in ("NNG", "NNP") and morph.start == end:
            end = morph.end
            continue
        word = text[start:end] if start >= 0 else ""
        if len(word) >= min_length and HANGUL_RE.fullmatch(word):
            out.add(word)
        is_noun = morph is not None and morph.tag in ("NNG", "NNP")
        start, end = (morph.start, morph.end) if morph is not None and is_noun else (-1, -1)
    return out


HANGUL_RE = re.compile(r"[가-힣]+")
EDGE_PUNCT_RE = re.compile(r"^[\"'“‘]+|[\"'”’.,!?…:;]+$")
HANGUL_WORD_RE = re.compile(r"[가-힣]+")
QUOTE_CHARS_RE = re.compile(r"[\"“”‘’'「」『』]")


def normalize_compact(text: str) -> str:
    """Text without spaces and with quotation marks unified, for substring checks."""
    return QUOTE_CHARS_RE.sub("'", compact(text))
