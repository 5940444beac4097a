"""Sentence anatomy from morphemes: clauses, the topic, the predicate, and interrogative endings."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer
from haesol.compose.draft import Draft, word_start

LOGGER = logging.getLogger(__name__)

REPORTING_STEMS = frozenset({"밝히", "말하", "강조", "설명", "전하", "당부", "언급", "덧붙이", "발표", "소개", "말"})
QUOTATIVE_ENDINGS = ("다고", "라고", "자고", "냐고", "고")
CLAUSE_ENDINGS = frozenset(
    {"며", "으며", "고", "어", "아", "여", "면서", "으면서", "지만", "는데", "ᆫ데", "어서", "아서", "고서"}
)
PAST = "었"
VERBAL_NOUNS = frozenset(
    "추진 개최 마련 실시 시행 지원 확대 운영 발표 개정 완료 착수 추가 도입 구축 강화 점검 배치 검토 투입 선정 발굴 "
    "제공 개선 개편 신설 폐지 축소 조정 협의 논의 체결 출범 개소 개통 준공 착공 완공 발간 배포 공개 공모 모집 접수 "
    "지급 납부 적용 연장 유지 확보 추산 집계 조사 분석 평가 참석 참여 방문 개막 폐막 진행 보고 의결 승인 심의 협력 "
    "교체 설치 보급 확충 정비 보강 예방 대응 대비 관리 감독 단속 홍보 교육 훈련 계속 재개 중단 종료 시작 "
    "증가 감소 상승 하락 기록 달성 돌파 전환 이전 통합 분리 지정 해제 인상 인하 감면 면제 부과 환급 기여 제출 요청 "
    "당부 강조 격려 설명 언급 약속 다짐 표명 촉구 제안 소개 치하 개시 수립 발령 발효 가동 처리 해결 합의 "
    "마무리 게시 공고 통보 공지 안내 실행 시범 육성 양성 채용 파견 편성 매입 구매 판매 수출 수입 생산 공급 "
    "개발 설계 건립 조성 복원 개방 설립 신청 등록 허가 인가 검사 측정 점검 지정 고시 예고 입법예고 상향 하향 "
    "단축 연계 확산 전파 보호 구제 개설 폐쇄 이행 점검 개최 배정 할당 지원 투자 출연 융자 보증 시상 수여 "
    "선포 도입 파악 확인 청취 주재 적발 검거 나포 선출 임명 위촉 서명 채택 통과 확정 결정 하향 공표".split()
)
ADVERBIAL_NOUNS = frozenset(
    "추가 별도 무상 유상 적극 전면 일괄 신속 우선 집중 공동 상시 긴급 순차 일부 전액 최종 정식 자체 조기 본격 대폭 "
    "일제 시범 특별 직접 단계 연계 합동 개별 일시 부분 단독 무료 수시 정기 즉시 적기 지속 계속 완전 실시간 신규 "
    "차등 병행 일괄 재 상향 하향 대거 다수 소폭 대량 추가로 전국 사전 사후 현장 추후 향후 조속 당분간 연중 내내".split()
)
TIME_NOUNS = frozenset(
    "년 월 일 분기 상반기 하반기 연내 연말 연초 내년 올해 이달 중 말 초 시 분 주 주간 매년 매월 이날 당일 오늘 금년 "
    "하루 연간 내년도 올해도 기간 동안 이후 이전 이내 현재 당시 앞".split()
)
COUNT_UNITS = frozenset(
    "곳 명 개 대 건 톤 원 가구 그루 벌 장 편 척 개소 권 마리 채 동 호 기 종 점 필지 달러 세대 명분 개국 회 차례".split()
)
PARTICLE_OF = {
    "착수": "에",
    "참여": "에",
    "참석": "에",
    "기여": "에",
    "대응": "에",
    "대비": "에",
    "응모": "에",
    "가입": "에",
    "진출": "에",
    "입주": "에",
    "전환": "으로",
}
INTRANSITIVE = frozenset(
    "증가 감소 상승 하락 개막 폐막 출범 개소 종료 성장 회복 급증 급감 발생 진행 시작 계속 유지 돌파".split()
)
OBJECT_TAGS = frozenset({"NNG", "NNP", "NR", "SL", "SH", "XSN", "NNB"})


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a sentence: morpheme indexes [first, last], the last being its ending."""

    first: int
    last: int
    predicate: int

    def span(self, draft: Draft) -> tuple[int, int]:
        """Character span of the clause in the draft's text."""
        return draft.morphs[self.first].start, draft.morphs[self.last].end


def clauses(draft: Draft) -> list[Clause]:
    """Split a sentence at connective endings followed by a comma (…되며, …), the last clause ending the sentence."""
    out: list[Clause] = []
    first = 0
    end = draft.content_end()
    for index, morph in enumerate(draft.morphs[: end + 1]):
        following = draft.morphs[index + 1] if index + 1 < len(draft.morphs) else None
        if morph.tag == "EC" and morph.form in CLAUSE_ENDINGS and following is not None and following.form == ",":
            out.append(Clause(first, index, _predicate_before(draft, index)))
            first = index + 2
    if end >= first:
        out.append(Clause(first, end, _predicate_before(draft, end)))
    return out


def _predicate_before(draft: Draft, ending_index: int) -> int:
    """Index of the predicate's head: the noun of a 하다/되다/이다 verb, else the verb stem."""
    index = ending_index
    while index > 0 and draft.morphs[index].tag in ("EF", "EC", "EP", "ETN", "ETM", "SF"):
        index -= 1
    morph = draft.morphs[index]
    if morph.tag in ("XSV", "XSA", "VCP") and index > 0:
        index -= 1
        if draft.morphs[index].tag == "XSN" and index > 0:
            index -= 1
    return index


def reported_clause_end(draft: Draft, clause: Clause) -> int | None:
    """For '…추진한다고 밝혔다', the index of the quotative ending (ᆫ다고) before the reporting verb."""
    predicate = draft.morphs[clause.predicate]
    if predicate.form not in REPORTING_STEMS and predicate.lemma[:-1] not in REPORTING_STEMS:
        return None
    for index in range(clause.predicate - 1, clause.first, -1):
        morph = draft.morphs[index]
        if morph.tag == "EC" and morph.form.endswith(QUOTATIVE_ENDINGS) and morph.form != "고":
            return index
        if morph.tag in ("JKQ",) or morph.form in ("”", '"'):
            return None
    return None


def topic_end(draft: Draft, limit: int) -> int | None:
    """Index of the topic/subject particle (은/는/이/가) of the sentence's first noun phrase, before ``limit``."""
    for index, morph in enumerate(draft.morphs[:limit]):
        if morph.tag in ("JX", "JKS") and morph.form in ("은", "는", "이", "가", "께서"):
            previous = draft.morphs[index - 1] if index > 0 else None
            if previous is not None and previous.tag in ("NNG", "NNP", "NNB", "XSN", "SSC", "SN", "NR"):
                return index
        if morph.tag in ("EC", "ETM", "JKO", "JKB"):
            return None
    return None


def interrogative(analyzer: Analyzer, draft: Draft, ending_index: int) -> str:
    """The last eojeol up to ``ending_index`` turned into a polite question ending (…하나요, …인가요)."""
    first = word_start(draft, ending_index)
    stem = [m for m in draft.morphs[first : ending_index + 1] if m.tag not in ("EF", "EC", "SF")]
    while stem and stem[-1].tag in ("EP", "ETN"):
        if stem[-1].tag == "EP" and stem[-1].form == PAST:
            break
        stem.pop()
    if not stem:
        return ""
    morphs = [(m.form, m.join_tag) for m in stem]
    last = stem[-1]
    if last.tag in ("VCP", "VA", "XSA"):
        morphs.append(("ᆫ가요", "EF"))
    elif last.tag in ("NNG", "NNB", "NNP"):
        morphs += [("이", "VCP"), ("ᆫ가요", "EF")]
    else:
        morphs.append(("나요", "EF"))
    return str(analyzer.kiwi.join(morphs)) + "?"


def is_verbal_noun(form: str) -> bool:
    """Whether a noun names an act that takes 하다 (추진, 개최, 마련 …)."""
    return form in VERBAL_NOUNS or form.endswith("화")


def object_slot(draft: Draft, verb_index: int) -> tuple[int, str] | None:
    """Where a bare object noun before a verbal noun takes its particle: (morpheme index, particle) or None.

    '법령 개정 추진' → (index of 개정, '을'); adverbial nouns (추가, 무상 …) are skipped; dates,
    times, numbers without a counting unit and nouns that already carry a particle get none.
    """
    verb = draft.morphs[verb_index]
    if verb_index == 0 or verb.form in INTRANSITIVE or word_start(draft, verb_index) != verb_index:
        return None
    index = verb_index - 1
    while index > 0:
        first = word_start(draft, index)
        if first == index and draft.morphs[index].form in ADVERBIAL_NOUNS and first > 0:
            index = first - 1
            continue
        break
    last = draft.morphs[index]
    if last.tag not in OBJECT_TAGS or last.form in TIME_NOUNS or (last.tag == "NNB" and last.form not in COUNT_UNITS):
        return None
    if last.tag == "XSN" and last.form in ("적", "별", "간", "당", "씩", "여"):
        return None
    if draft.is_protected(last.start, last.end):
        return None
    return index, PARTICLE_OF.get(verb.form, "을")
