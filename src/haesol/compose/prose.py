"""개조식 lines into finished Korean sentences, by morphemes: clean-up, endings with tense and modality, one register."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence

from haesol.analyze.kiwi import Analyzer
from haesol.compose.clauses import is_verbal_noun, object_slot
from haesol.compose.cleanup import (
    clean,
    continues,
    dated_after,
    dated_before,
    ends_on_mark,
    split_arrows,
    tidy_piece,
)
from haesol.compose.draft import (
    Draft,
    MorphSpec,
    merge_drafts,
    rejoin,
    respace,
    respace_many,
    spaced_morphs,
    split_sentences,
    word_start,
)
from haesol.compose.splitting import SentenceSplitter
from haesol.models import Morph, Sentence

LOGGER = logging.getLogger(__name__)

NOMINAL_ENDINGS = frozenset({"ᆷ", "음", "기"})
DECLARATIVE_ENDINGS = frozenset({"다", "ᆫ다", "는다", "라"})
POLITE_ENDINGS = frozenset({"습니다", "ᆸ니다", "니다"})
MODAL_NOUNS = frozenset({"예정", "계획", "방침", "전망", "목표", "예상", "방안", "추세"})
VERBAL_MODALS = frozenset({"예정", "계획", "방침", "전망"})
ADJECTIVAL_NOUNS = frozenset(
    {"필요", "가능", "불가능", "중요", "시급", "불가피", "충분", "미흡", "유사", "동일", "확실", "적합", "부족", "용이"}
)
REPORTING_LEMMAS = frozenset(
    "말하다 밝히다 강조하다 당부하다 격려하다 설명하다 언급하다 전하다 덧붙이다 요청하다 주문하다 약속하다 다짐하다 답하다 "
    "표명하다 촉구하다 제안하다 발표하다 소개하다 치하하다 지시하다 설명 강조 당부 격려 언급 요청 주문 약속 다짐 표명 촉구 제안 "
    "발표 소개 치하 지시 말 밝힘 답변 주재 청취".split()
)
COMPLETION_NOUNS = frozenset(
    "결정 선정 확정 체결 의결 통과 채택 타결 합의 승인 적발 검거 수상 달성 돌파 기록 마련 착수 서명 접수 선출 나포 "
    "출범 개소 개통 준공 완공 완료 공포 임명 위촉 발견 하향 상향조정 발령 파악 확인 집계 조사 분석 제출 수립 출시 개발".split()
)
PRESENT_PASSIVES = frozenset({"추산", "예상", "전망", "기대", "예측", "판단", "분석"})
RESULT_VERBS = frozenset({"나타나다", "드러나다", "밝혀지다", "꼽히다"})
PERSON_TITLES = (
    "장관",
    "차관",
    "청장",
    "처장",
    "총리",
    "위원장",
    "대변인",
    "실장",
    "국장",
    "원장",
    "시장",
    "지사",
    "총장",
    "대사",
    "본부장",
    "사장",
    "이사장",
    "회장",
    "단장",
    "비서관",
    "정책관",
    "청와대",
)
PAST_CUES_RE = re.compile(r"(^|\s)(이날|당일|지난|어제|앞서|그간)(\s|$)")
FRAGMENT_TAGS = frozenset(
    {"EC", "ETM", "JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "XPN", "MM", "MAG", "MAJ"}
)
CLAUSE_NOUNS = frozenset("뒤 후 전 때 동안 이후 이전 사이 가운데 무렵 직후 직전 도중 데 한편 만큼 대로 채".split())
EQUATIVE_TOPICS = frozenset(
    "중점 핵심 골자 취지 목적 목표 주제 내용 요지 과제 방향 초점 관건 특징 이유 배경 원인 결과".split()
)
RANGE_PARTICLES = frozenset({"까지", "부터"})
NOUN_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "SN", "XSN", "SL", "SH", "XR"})


Morphs = list[MorphSpec]


class ProseWriter:
    """Rewrites source sentences into one register, keeping tense, modality, numbers and quotes."""

    def __init__(self, analyzer: Analyzer, style: str, article_date: dt.date, anchor: dt.date) -> None:
        self.analyzer = analyzer
        self.style = style
        self.article_date = article_date
        self.anchor = anchor
        self.seen: set[str] = set()
        self.splitter = SentenceSplitter(analyzer, style)

    # -- the whole point: fragments merged, sentences finished and kept short --------------------

    def write(self, sentences: Sequence[Sentence]) -> list[Draft]:
        """Finished sentences of one point (a □ line with its lines, or a paragraph), in order.

        Lines that stop mid-sentence are merged with the lines that continue them; a quote that
        stands alone is merged only with a line that leans on it ("…”이라고 강조하며").
        """
        out: list[Draft] = []
        pending: list[Draft] = []
        for sentence in sentences:
            for piece in map(tidy_piece, split_arrows(split_sentences(self.prepare(sentence)))):
                if pending and ends_on_mark(pending[-1]) and not continues(piece):
                    out.extend(self.finish(merge_drafts(pending)))
                    pending = []
                if self.is_fragment(piece) or ends_on_mark(piece):
                    pending.append(piece)
                    continue
                out.extend(self._finish(merge_drafts([*pending, piece]) if pending else piece))
                pending = []
        if pending:
            closing = self._finish(merge_drafts(pending))
            if not closing:
                LOGGER.debug("unfinished fragment left out: %s", " ".join(p.text for p in pending))
            out.extend(closing)
        return self._unseen(respace_many(self.analyzer, out))

    def _unseen(self, drafts: list[Draft]) -> list[Draft]:
        """Drafts whose text this writer has not written before (tables' notes repeat on every page)."""
        out = []
        for draft in drafts:
            if draft.text not in self.seen:
                self.seen.add(draft.text)
                out.append(draft)
        return out

    def prepare(self, sentence: Sentence) -> Draft:
        """Clean a source sentence: markers, asides, dates, range units, 하였 → 했 (never inside quotes)."""
        return clean(Draft.of(sentence), sentence.facts, self.article_date, self.anchor)

    def is_fragment(self, draft: Draft) -> bool:
        """Whether a line stops mid-sentence (a connective ending, a particle, an adverb, '…한 뒤', a comma)."""
        index = draft.content_end()
        if index < 0 or draft.morphs[index].tag in FRAGMENT_TAGS or draft.text.rstrip().endswith(","):
            return True
        last = draft.morphs[index]
        return last.form in CLAUSE_NOUNS and index > 0 and draft.morphs[index - 1].tag == "ETM"

    def finish(self, draft: Draft) -> list[Draft]:
        """A draft as finished sentences in the article's register (two when it is too long); [] for a fragment."""
        return respace_many(self.analyzer, self._finish(draft))

    def _finish(self, draft: Draft) -> list[Draft]:
        """``finish`` without the spacing pass (``write`` spaces a whole point in one Kiwi call)."""
        body, tail, spaced = _split_tail(draft)
        if body.ends_inside_quote() or _bare_noun_phrase(body) or not re.search(r"[가-힣]", body.text):
            return []
        declarative = self._declarative(_final_as_ending(body))
        if declarative is None:
            return []
        parts = [self._register(p) for p in self.splitter.split_long(declarative)]
        if tail is not None:
            parts[-1] = merge_drafts([parts[-1], tail], tight=not spaced)
        return [p.with_period() for p in parts]

    def finish_clause(self, draft: Draft, clause_end: int) -> Draft | None:
        """A finished sentence's first clause ('…이 투입되며,') as a sentence of its own ('…이 투입된다.')."""
        head = draft.cut(0, draft.morphs[clause_end].end)
        first = self.splitter.clause_sentence(head, clause_end, draft)
        return None if first is None else respace(self.analyzer, self._register(first).with_period())

    # -- the ending ------------------------------------------------------------------------------

    def _declarative(self, draft: Draft) -> Draft | None:
        index = draft.content_end()
        if index < 0:
            return None
        last = draft.morphs[index]
        if draft.text.rstrip(" .").endswith(("’", "」", "｣", "』")):
            return self._after_closing_mark(draft)
        if draft.is_protected(last.start, last.end):
            return None
        if last.tag in ("EF", "ETN") and last.form in NOMINAL_ENDINGS:
            return self._from_nominal_ending(draft, index)
        if last.tag == "EF":
            return draft if last.form in DECLARATIVE_ENDINGS | POLITE_ENDINGS else None
        if last.tag == "JX" and last.form in RANGE_PARTICLES and index > 0 and draft.morphs[index - 1].tag in NOUN_TAGS:
            first = word_start(draft, index)
            return self._copula(draft, first, index, spaced_morphs(draft, first, index))
        if last.tag in NOUN_TAGS or last.form in ("%", "％"):
            return self._from_noun(draft, index)
        return None

    def _after_closing_mark(self, draft: Draft) -> Draft | None:
        """'주제는 ‘안전한 바다’' → '주제는 ‘안전한 바다’다' (the title stays untouched)."""
        if not _has_subject(draft, len(draft.morphs)):
            return None
        end = len(draft.text.rstrip(" ."))
        inner = re.findall(r"[가-힣]", draft.text[:end])
        copula = "다" if inner and (ord(inner[-1]) - 0xAC00) % 28 == 0 else "이다"
        morphs = [
            Morph("이", "VCP", "이다", 0, 0 if copula == "다" else 1),
            Morph("다", "EF", "다", len(copula) - 1, 1),
        ]
        return draft.cut(0, end).replace_span(end, end, copula, morphs)

    def _from_nominal_ending(self, draft: Draft, index: int) -> Draft | None:
        if index == 0:
            return None
        stem = draft.morphs[index - 1]
        if stem.tag in ("EP", "VCP", "VA", "XSA", "VCN") or stem.lemma in ("있다", "없다", "같다"):
            ending: Morphs = [("다", "EF")]
        elif stem.tag == "VX" and stem.lemma in ("않다", "못하다"):
            ending = [("다", "EF")] if _negates_adjective(draft, index - 1) else [("는다", "EF")]
        elif stem.tag in ("VV", "XSV", "VX"):
            ending = self._tense_ending(draft, index - 1)
        else:
            return None
        first = word_start(draft, index)
        return rejoin(self.analyzer, draft, first, index, [*spaced_morphs(draft, first, index - 1), *ending])

    def _from_noun(self, draft: Draft, index: int) -> Draft | None:
        last = draft.morphs[index]
        first = word_start(draft, index)
        head = spaced_morphs(draft, first, index)
        previous = draft.morphs[index - 1] if index > 0 else None
        if (
            last.form in VERBAL_MODALS
            and previous is not None
            and first == index
            and _is_predicate_noun(draft, index - 1)
        ):
            verb_first = word_start(draft, index - 1)
            morphs = [
                *spaced_morphs(draft, verb_first, index - 1),
                ("하", "XSV"),
                ("ᆯ", "ETM"),
                (last.form, "NNG", True),
                ("이", "VCP"),
                ("다", "EF"),
            ]
            return self._with_object(rejoin(self.analyzer, draft, verb_first, index, morphs), verb_first)
        if last.form in MODAL_NOUNS or last.form == "중" or last.tag not in ("NNG", "XSN"):
            return self._copula(draft, first, index, head)
        if last.form in ADJECTIVAL_NOUNS:
            adjective: Morphs = [*head, ("하", "XSA"), ("다", "EF")]
            return rejoin(self.analyzer, draft, first, index, adjective)
        if _equative(draft, first):
            return self._copula(draft, first, index, head)
        if _is_predicate_noun(draft, index) or (previous is not None and previous.tag == "JKO"):
            verb = rejoin(self.analyzer, draft, first, index, [*head, ("하", "XSV"), *self._tense_ending(draft, index)])
            return self._with_object(verb, first)
        return self._copula(draft, first, index, head)

    def _copula(self, draft: Draft, first: int, index: int, head: Morphs) -> Draft | None:
        """'… 대상' → '… 대상이다' when the sentence has a subject or topic; a bare noun phrase is no sentence."""
        clause_noun = (
            index > 0 and draft.morphs[index - 1].tag == "ETM" and draft.morphs[index].form in MODAL_NOUNS | {"것"}
        )
        marked = any(m.tag in ("JKB", "JKO") for m in draft.morphs[:first]) and draft.morphs[index].form == "중"
        if not (_has_subject(draft, first) or clause_noun or marked):
            return None
        morphs: Morphs = [*head, ("이", "VCP"), ("다", "EF")]
        if draft.morphs[index].form in ("%", "％"):
            morphs = [*head, ("다", "EF")]
        return rejoin(self.analyzer, draft, first, index, morphs)

    def _with_object(self, draft: Draft, verb_first: int) -> Draft:
        """'법령 개정 추진한다' → '법령 개정을 추진한다': the bare noun before a verbal noun takes its particle."""
        target = object_slot(draft, verb_first)
        if target is None:
            return draft
        index, particle = target
        first = word_start(draft, index)
        return rejoin(
            self.analyzer,
            draft,
            first,
            index,
            [*spaced_morphs(draft, first, index), (particle, "JKO" if particle == "을" else "JKB")],
        )

    def _tense_ending(self, draft: Draft, stem_index: int) -> Morphs:
        """Past for reports, decisions, completed acts and dated past events; otherwise present."""
        return [("었", "EP"), ("다", "EF")] if self._is_past(draft, stem_index) else [("ᆫ다", "EF")]

    def _is_past(self, draft: Draft, stem_index: int) -> bool:
        stem = draft.morphs[stem_index]
        noun = draft.morphs[stem_index - 1] if stem.tag in ("XSV", "XSA") and stem_index > 0 else stem
        if stem.lemma in REPORTING_LEMMAS or noun.form in REPORTING_LEMMAS or _decided(draft, stem_index):
            return True
        future = dated_after(draft.text, self.anchor)
        if future:
            return False
        if dated_before(draft.text, self.anchor) or PAST_CUES_RE.search(draft.text):
            return noun.form not in PRESENT_PASSIVES
        if noun.form in COMPLETION_NOUNS or stem.lemma in RESULT_VERBS:
            return True
        return _person_topic(draft) and stem.tag in ("VV", "XSV", "NNG") and stem.form != "되"

    # -- register ----------------------------------------------------------------------------------

    def _register(self, draft: Draft) -> Draft:
        return self._polite(draft) if self.style == "polite" else self._plain(draft)

    def _polite(self, draft: Draft) -> Draft:
        index = draft.content_end()
        last = draft.morphs[index]
        if last.tag != "EF" or last.form in POLITE_ENDINGS or last.form not in DECLARATIVE_ENDINGS:
            return draft
        first = word_start(draft, index)
        return rejoin(self.analyzer, draft, first, index, [*spaced_morphs(draft, first, index - 1), ("ᆸ니다", "EF")])

    def _plain(self, draft: Draft) -> Draft:
        index = draft.content_end()
        last = draft.morphs[index]
        if last.tag != "EF" or last.form not in POLITE_ENDINGS:
            return draft
        first = word_start(draft, index)
        stem = draft.morphs[index - 1] if index > 0 else last
        ending = "다" if stem.tag in ("EP", "VCP", "VA", "XSA") or stem.lemma in ("있다", "없다") else "ᆫ다"
        return rejoin(self.analyzer, draft, first, index, [*spaced_morphs(draft, first, index - 1), (ending, "EF")])


def _final_as_ending(draft: Draft) -> Draft:
    """Kiwi reads '…추진한다(2026년)' as a connective ending; once the parenthetical is set aside it is final."""
    index = draft.content_end()
    if index < 0:
        return draft
    last = draft.morphs[index]
    if last.tag != "EC" or last.form not in DECLARATIVE_ENDINGS | POLITE_ENDINGS:
        return draft
    morphs = list(draft.morphs)
    morphs[index] = Morph(last.form, "EF", last.lemma, last.start, last.length)
    return Draft(draft.text, tuple(morphs), draft.sources, draft.edited)


def _bare_noun_phrase(draft: Draft) -> bool:
    """A line of one or two nouns and nothing else ('경상수입') is a label, not a sentence."""
    words = draft.text.split()
    tags = {m.tag for m in draft.morphs}
    return len(words) < 3 and tags <= NOUN_TAGS | {"SF", "SP", "SW", "SSO", "SSC", "SE", "SO", "MM"}


def _split_tail(draft: Draft) -> tuple[Draft, Draft | None, bool]:
    """A trailing parenthetical ('… 우대(40만~80만원)') is set aside so the ending goes before it."""
    stripped = draft.text.rstrip(" .")
    if not stripped.endswith(")"):
        return draft, None, False
    depth = 0
    position = len(stripped) - 1
    for position in range(len(stripped) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(stripped[position], 0)
        if depth == 0:
            break
    body_end = len(stripped[:position].rstrip())
    if position <= 0 or body_end == 0 or depth != 0:
        return draft, None, False
    return draft.cut(0, body_end), draft.cut(position, len(stripped)), body_end < position


def _is_predicate_noun(draft: Draft, index: int) -> bool:
    morph = draft.morphs[index]
    if morph.tag == "XSN" and morph.form in ("화",):
        return True
    return morph.tag == "NNG" and is_verbal_noun(morph.form)


def _has_subject(draft: Draft, limit: int) -> bool:
    """Whether a topic or subject ('…은/는/이/가') comes before morpheme ``limit``."""
    if any(m.tag in ("JX", "JKS") and m.form in ("은", "는", "이", "가") for m in draft.morphs[:limit]):
        return True
    end = draft.morphs[limit].start if limit < len(draft.morphs) else len(draft.text)
    return re.search(r"[%)\d]\s?[은는이가](?=\s)", draft.text[:end]) is not None


def _equative(draft: Draft, first: int) -> bool:
    """'중점은 … 확보' reads 'the focus is …': the predicate noun names the topic, it is no act."""
    for index, morph in enumerate(draft.morphs[:first]):
        if morph.tag == "JX" and morph.form in ("은", "는") and index > 0:
            return draft.morphs[index - 1].form in EQUATIVE_TOPICS
    return False


def _negates_adjective(draft: Draft, vx_index: int) -> bool:
    for morph in reversed(draft.morphs[:vx_index]):
        if morph.tag in ("VA", "XSA", "VCP"):
            return True
        if morph.tag in ("VV", "XSV"):
            return False
    return False


def _decided(draft: Draft, stem_index: int) -> bool:
    """'…하기로 함': a decision that was made."""
    return stem_index >= 2 and draft.morphs[stem_index - 1].form == "로" and draft.morphs[stem_index - 2].form == "기"


def _person_topic(draft: Draft) -> bool:
    """Whether the sentence's topic is an official ('장관은 … 점검'): their acts are reported events."""
    for index, morph in enumerate(draft.morphs):
        if morph.tag in ("JX", "JKS") and morph.form in ("은", "는", "이", "가") and index > 0:
            return draft.morphs[index - 1].form.endswith(PERSON_TITLES)
        if morph.tag in ("EC", "ETM", "JKO"):
            return False
    return False
