"""개조식 lines into finished Korean sentences, by morphemes: endings, register, dates, clean-up."""

from __future__ import annotations

import datetime as dt
import logging
import re

from haesol.analyze.kiwi import Analyzer
from haesol.compose.draft import Draft, rejoin, word_start
from haesol.models import Fact, FactKind, Morph, Sentence

LOGGER = logging.getLogger(__name__)

NOMINAL_ENDINGS = frozenset({"ᆷ", "음", "기"})
DECLARATIVE_ENDINGS = frozenset({"다", "ᆫ다", "는다", "라"})
POLITE_ENDINGS = frozenset({"습니다", "ᆸ니다", "니다"})
MODAL_NOUNS = frozenset({"예정", "계획", "방침", "전망", "목표", "예상", "방안", "추세"})
ADJECTIVAL_NOUNS = frozenset({"필요", "가능", "불가능", "중요", "시급", "불가피", "충분", "미흡", "유사", "동일", "확실", "적합"})
REPORTING_LEMMAS = frozenset(
    "말하다 밝히다 강조하다 당부하다 격려하다 설명하다 언급하다 전하다 덧붙이다 요청하다 주문하다 약속하다 다짐하다 "
    "표명하다 촉구하다 제안하다 발표하다 소개하다 치하하다 설명 강조 당부 격려 언급 요청 주문 약속 다짐 표명 촉구 제안 "
    "발표 소개 치하 말 밝힘".split()
)
PREDICATE_NOUNS = frozenset(
    "추진 개최 마련 실시 시행 지원 확대 운영 발표 개정 완료 착수 추가 도입 구축 강화 점검 배치 검토 투입 선정 발굴 "
    "제공 개선 개편 신설 폐지 축소 조정 협의 논의 체결 출범 개소 개통 준공 착공 완공 발간 배포 공개 공모 모집 접수 "
    "지급 납부 적용 연장 유지 확보 추산 집계 조사 분석 평가 참석 참여 방문 개막 폐막 진행 보고 의결 승인 심의 협력 "
    "교체 설치 보급 확충 정비 보강 예방 대응 대비 관리 감독 단속 홍보 교육 훈련 실시중 계속 재개 중단 종료 시작 "
    "증가 감소 상승 하락 기록 달성 돌파 전환 이전 통합 분리 지정 해제 인상 인하 감면 면제 부과 환급 기여 제출 요청 "
    "당부 강조 격려 설명 언급 약속 다짐 표명 촉구 제안 소개 치하 개시 수립 발령 발효 가동 처리 해결 합의".split()
)
PARENTHETICAL_HEAD_RE = re.compile(
    r"\((?:장관|차관|청장|처장|위원장|원장|사장|이사장|시장|도지사|지사|군수|구청장|총장|본부장|단장|대표)\s+[가-힣○◯]{2,4}\)"
)
RANGE_UNIT_RE = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*~\s*(\d[\d,]*(?:\.\d+)?)\s*(조|억|만|천만|천)")
DATE_PREFIX_RE = re.compile(r"(지난|오는)\s+$")
FRAGMENT_TAGS = frozenset({"EC", "ETM", "JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "XPN", "MM"})
NOUN_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "SN", "XSN", "SL", "SH", "XR"})


class ProseWriter:
    """Rewrites source sentences into one register, keeping tense, modality, numbers and quotes."""

    def __init__(self, analyzer: Analyzer, style: str, article_date: dt.date, anchor: dt.date) -> None:
        self.analyzer = analyzer
        self.style = style
        self.article_date = article_date
        self.anchor = anchor

    # -- preparation: edits inside the sentence, right to left so spans stay valid ------------

    def prepare(self, sentence: Sentence) -> Draft:
        """Clean a source sentence: drop '(장관 ○○○)' asides, re-anchor dates, repeat range units."""
        draft = Draft.of(sentence)
        edits: list[tuple[int, int, str, list[Morph]]] = []
        for fact in sentence.facts:
            if fact.kind is FactKind.DATE:
                edit = self._date_edit(sentence.text, fact)
                if edit:
                    edits.append(edit)
        for match in PARENTHETICAL_HEAD_RE.finditer(sentence.text):
            edits.append((match.start(), match.end(), "", []))
        for match in RANGE_UNIT_RE.finditer(sentence.text):
            unit = match.group(3)
            position = match.end(1)
            edits.append((position, position, unit, [Morph(unit, "NR", unit, 0, len(unit))]))
        for start, end, text, morphs in sorted(edits, key=lambda e: e[0], reverse=True):
            if _clashes(edits, start, end):
                continue
            draft = draft.replace_span(start, end, text, morphs)
        return _fold_spaces(draft)

    def _date_edit(self, text: str, fact: Fact) -> tuple[int, int, str, list[Morph]] | None:
        year, month, day = _parse_value(fact.value)
        if year is None or (month is None and day is not None):
            return None
        written = fact.text
        needs = (
            "." in written
            or "(" in written
            or "’" in written
            or "'" in written
            or re.match(r"(오늘|어제|내일|모레|금일|명일)", written) is not None
            or (re.match(r"(이달|이번|지난달|다음|내달|익월|전월)", written) is not None and not self._same_month())
            or (day is not None and "월" not in written and (year, month) != (self.article_date.year, self.article_date.month))
            or (re.match(r"(올해|금년|지난해|작년|전년|내년|이듬해)", written) is not None and not self._same_year())
            or (month is not None and "년" not in written and year != self.article_date.year)
        )
        start = fact.start
        prefix = DATE_PREFIX_RE.search(text[: fact.start])
        if prefix and month is not None:
            start = prefix.start()
            needs = True
        if not needs:
            return None
        new = _korean_date(year, month, day, self.article_date)
        return start, fact.end, new, _date_morphs(new)

    def _same_year(self) -> bool:
        return self.article_date.year == self.anchor.year

    def _same_month(self) -> bool:
        return (self.article_date.year, self.article_date.month) == (self.anchor.year, self.anchor.month)

    # -- the ending ------------------------------------------------------------------------------

    def finish(self, draft: Draft) -> Draft | None:
        """Turn a draft into a finished sentence in the article's register, or None for a fragment."""
        if draft.ends_inside_quote():
            return None
        declarative = self._declarative(draft)
        if declarative is None:
            return None
        styled = self._polite(declarative) if self.style == "polite" else self._plain(declarative)
        return styled.with_period()

    def is_fragment(self, draft: Draft) -> bool:
        """Whether a line stops mid-sentence (on a connective ending or a particle)."""
        index = draft.content_end()
        return index < 0 or draft.morphs[index].tag in FRAGMENT_TAGS

    def _declarative(self, draft: Draft) -> Draft | None:
        index = draft.content_end()
        if index < 0:
            return None
        last = draft.morphs[index]
        if last.tag in ("EF", "ETN") and last.form in NOMINAL_ENDINGS:
            return self._from_nominal_ending(draft, index)
        if last.tag == "EF":
            return draft
        if last.tag in NOUN_TAGS or last.tag == "MAG":
            return self._from_noun(draft, index)
        return None

    def _from_nominal_ending(self, draft: Draft, index: int) -> Draft | None:
        if index == 0:
            return None
        stem = draft.morphs[index - 1]
        if stem.tag in ("EP", "VCP", "VA", "VX", "XSA", "VCN") or stem.lemma in ("있다", "없다"):
            ending = [("다", "EF")]
        elif stem.tag in ("VV", "XSV"):
            ending = self._tense_ending(draft, index - 1)
        else:
            return None
        first = word_start(draft, index)
        morphs = [(m.form, m.tag) for m in draft.morphs[first:index]] + ending
        return rejoin(self.analyzer, draft, first, index, morphs)

    def _from_noun(self, draft: Draft, index: int) -> Draft | None:
        last = draft.morphs[index]
        previous = draft.morphs[index - 1] if index > 0 else None
        first = word_start(draft, index)
        head = [(m.form, m.tag) for m in draft.morphs[first:index + 1]]
        if last.form in MODAL_NOUNS and previous is not None and previous.tag == "NNG" and first == index:
            verb_first = word_start(draft, index - 1)
            if previous.form in PREDICATE_NOUNS or previous.form.endswith(("화", "성")):
                morphs = [(m.form, m.tag) for m in draft.morphs[verb_first:index]]
                morphs += [("하", "XSV"), ("ᆯ", "ETM"), (last.form, "NNG"), ("이", "VCP"), ("다", "EF")]
                return rejoin(self.analyzer, draft, verb_first, index, morphs)
        if last.form in MODAL_NOUNS or last.form == "중" or last.tag != "NNG":
            return rejoin(self.analyzer, draft, first, index, head + [("이", "VCP"), ("다", "EF")])
        if last.form in ADJECTIVAL_NOUNS:
            return rejoin(self.analyzer, draft, first, index, head + [("하", "XSA"), ("다", "EF")])
        if last.form in PREDICATE_NOUNS or (previous is not None and previous.tag == "JKO"):
            return rejoin(self.analyzer, draft, first, index, head + [("하", "XSV"), *self._tense_ending(draft, index)])
        return rejoin(self.analyzer, draft, first, index, head + [("이", "VCP"), ("다", "EF")])

    def _tense_ending(self, draft: Draft, stem_index: int) -> list[tuple[str, str]]:
        """Past for reporting verbs and events dated before the release; otherwise present."""
        stem = draft.morphs[stem_index]
        noun = draft.morphs[stem_index - 1] if stem.tag == "XSV" and stem_index > 0 else stem
        if stem.lemma in REPORTING_LEMMAS or noun.form in REPORTING_LEMMAS or self._dated_before_release(draft):
            return [("었", "EP"), ("다", "EF")]
        return [("ᆫ다", "EF")]

    def _dated_before_release(self, draft: Draft) -> bool:
        from haesol.analyze.dates import find_dates

        dates = [d for d in find_dates(draft.text, self.anchor) if d.year and d.month]
        if not dates:
            return False
        keys = [(d.year or 0, d.month or 0, d.day or 31) for d in dates]
        release = (self.anchor.year, self.anchor.month, self.anchor.day)
        return all(k < release for k in keys)

    # -- register ----------------------------------------------------------------------------------

    def _polite(self, draft: Draft) -> Draft:
        index = draft.content_end()
        last = draft.morphs[index]
        if last.tag != "EF" or last.form in POLITE_ENDINGS or last.form not in DECLARATIVE_ENDINGS:
            return draft
        first = word_start(draft, index)
        morphs = [(m.form, m.tag) for m in draft.morphs[first:index]] + [("ᆸ니다", "EF")]
        return rejoin(self.analyzer, draft, first, index, morphs)

    def _plain(self, draft: Draft) -> Draft:
        index = draft.content_end()
        last = draft.morphs[index]
        needs_rejoin = last.tag == "EF" and last.form in POLITE_ENDINGS
        has_long_past = any(m.form == "었" and draft.text[m.start:m.end] == "였" for m in draft.morphs[word_start(draft, index):index])
        if not needs_rejoin and not has_long_past:
            return draft
        first = word_start(draft, index)
        stem = draft.morphs[index - 1] if index > 0 else last
        ending = "다" if stem.tag in ("EP", "VCP", "VA", "VX", "XSA") else "ᆫ다"
        morphs = [(m.form, m.tag) for m in draft.morphs[first:index]] + [(ending if needs_rejoin else last.form, "EF")]
        return rejoin(self.analyzer, draft, first, index, morphs)


def _clashes(edits: list[tuple[int, int, str, list[Morph]]], start: int, end: int) -> bool:
    return any((s < end and start < e) and (s, e) != (start, end) and (e - s) > (end - start) for s, e, _, _ in edits)


def _fold_spaces(draft: Draft) -> Draft:
    match = re.search(r" {2,}| (?=[,.)])", draft.text)
    while match:
        draft = draft.replace_span(match.start(), match.end(), " " if match.group(0).startswith("  ") else "")
        match = re.search(r" {2,}| (?=[,.)])", draft.text)
    return draft


def _parse_value(value: str) -> tuple[int | None, int | None, int | None]:
    parts = value.split("-")
    numbers = [int(p) if p.isdigit() else None for p in parts]
    numbers += [None] * (3 - len(numbers))
    return numbers[0], numbers[1], numbers[2]


def _korean_date(year: int, month: int | None, day: int | None, article_date: dt.date) -> str:
    parts = []
    if year != article_date.year or month is None:
        parts.append(f"{year}년")
    if month is not None:
        parts.append(f"{month}월")
    if day is not None:
        parts.append(f"{day}일")
    return " ".join(parts)


def _date_morphs(text: str) -> list[Morph]:
    morphs = []
    for match in re.finditer(r"(\d+)(년|월|일)", text):
        morphs.append(Morph(match.group(1), "SN", match.group(1), match.start(1), len(match.group(1))))
        morphs.append(Morph(match.group(2), "NNB", match.group(2), match.start(2), 1))
    return morphs
