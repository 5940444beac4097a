"""The meaning model of a sentence (haesol.analyze.meaning) and its comparison with source sentences."""

from __future__ import annotations

import pytest

from haesol.analyze.kiwi import get_analyzer
from haesol.analyze.meaning import FUTURE, PAST, PLAN, POSSIBILITY, PROGRESSIVE, Meaning, fragment_reason, meaning_of
from haesol.analyze.meaning_diff import Source, meaning_problems


def _meaning(text: str) -> Meaning:
    return meaning_of(text, get_analyzer().morphs(text))


def _problems(claim: str, *sources: str, part: str = "body") -> set[str]:
    found = meaning_problems(_meaning(claim), claim, [Source(s, _meaning(s)) for s in sources], part)
    return {p.type for p in found}


@pytest.mark.parametrize(
    ("text", "tense", "modality"),
    [
        ("현재 개보수를 마친 체육관은 모두 정상 운영되고 있다.", PROGRESSIVE, ""),
        ("체육관은 내년 3월부터 운영될 예정이다.", FUTURE, PLAN),
        ("시청은 지난해 5월 점검 인력 40명을 채용해 배치했다.", PAST, ""),
        ("중소 선사는 인상분의 절반을 감면받을 수 있다.", "present", POSSIBILITY),
        ("과장은 공정을 매주 점검하겠다고 말했다.", PAST, ""),
    ],
)
def test_main_predicate_tense_and_modality(text: str, tense: str, modality: str) -> None:
    main = _meaning(text).main
    assert main is not None and (main.tense, main.modality) == (tense, modality)


def test_connective_clause_takes_the_tense_of_the_clause_it_joins() -> None:
    predicates = {p.key: p for p in _meaning("연구진은 우주를 누비고 미래 발전을 누리길 바란다.").predicates}
    assert predicates["누비"].tense == "embedded"  # joined to a noun clause: a wish, not an event
    assert "tense" in _problems("연구진은 우주를 누볐다.", "연구진은 우주를 누비고 미래 발전을 누리길 바란다.")
    predicates = {p.key: p for p in _meaning("시는 서비스를 추진하고, 소외 없는 공공서비스를 구현한다.").predicates}
    assert predicates["추진"].tense == "present"
    assert {p.key: p for p in _meaning("시는 인력 20명을 채용하여 현장에 배치했다.").predicates}["채용"].tense == PAST


def test_nominal_endings_state_no_tense() -> None:
    main = _meaning("이번 사업을 마련함").main
    assert main is not None and main.tense == ""


def test_attribution_ranges_qualifiers_and_comparisons() -> None:
    meaning = _meaning("한빛일보는 개보수 사업이 2~3년씩 지연되고 있다고 보도했다.")
    assert meaning.attribution is not None and meaning.attribution.third_party
    assert [(r.lo, r.hi, r.unit) for r in meaning.ranges] == [("2", "3", "년씩")]
    assert [r.hi for r in _meaning("청사 신축 사업(~’29년)을 추진한다.").ranges] == ["2029"]
    qualifiers = {
        (q.group, q.head) for q in _meaning("약 400명이 참여했고, 유럽을 제외한 모든 지역이 줄었다.").qualifiers
    }
    assert {("approx", "400명"), ("exclusion", "유럽")} <= qualifiers
    assert {
        (c.kind, c.standard) for c in _meaning("올해 예산은 지난해보다 18% 많고, 일본과 비슷한 수준이다.").comparisons
    } == {
        ("than", "지난해"),
        ("like", "일본"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "있는 상황에서 해외로 진출하는 기업을 돕는다.",
        "및 결과에 대한 책임 강화",
        ", 나머지 9곳은 내년에 착공한다.",
        "전문가가 후보작을 선별한 후,",
    ],
)
def test_fragments(text: str) -> None:
    assert fragment_reason(text, get_analyzer().morphs(text))


def test_whole_sentences_are_not_fragments() -> None:
    for text in ("달라지는 제도는 내년 1월부터 시행된다.", "국방부는 난방설비를 교체한다.", "지역별 투자액"):
        assert not fragment_reason(text, get_analyzer().morphs(text)), text


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        (
            "체육관 96곳은 정상 운영될 예정이다.",
            "현재 개보수를 마친 체육관 96곳은 모두 정상 운영되고 있다.",
            "modality",
        ),
        (
            "시는 점검 인력 40명을 채용할 계획이다.",
            "시는 지난해 5월 점검 인력 40명을 채용하여 현장에 배치했다.",
            "tense",
        ),
        ("청사 신축을 완료했다.", "청사 신축을 설계 공모를 거쳐 추진할 예정이다.", ""),
        ("체육관 신축 사업은 2029년 완공한다.", "체육관 신축 사업(~’29년)은 설계 공모를 거쳐 추진한다.", "range"),
        ("대기 시간은 2시간이다.", "대기 시간은 2~3시간이다.", "range"),
        ("400명이 참여했다.", "약 400명이 참여했다.", "qualifier"),
        ("모든 지역에 대한 투자가 감소했다.", "유럽을 제외한 모든 지역에 대한 투자가 감소했다.", "qualifier"),
        (
            "개보수 사업이 예산 부족으로 지연되고 있다.",
            "한빛일보는 개보수 사업이 예산 부족으로 지연되고 있다고 보도했다.",
            "attribution",
        ),
        ("지난해 예산은 올해보다 18% 많다.", "올해 예산은 지난해보다 18% 많다.", "comparison"),
        (
            "우리 요금 체계는 독일의 방식으로 설계됐다.",
            "우리 요금 체계는 독일의 방식과 유사하게 설계됐다.",
            "comparison",
        ),
        ("있는 상황에서 기업을 돕는다.", "경제가 위축되고 있는 상황에서 기업을 돕는다.", "fragment"),
    ],
)
def test_meaning_changes_are_found(claim: str, source: str, expected: str) -> None:
    found = _problems(claim, source)
    assert (expected in found) if expected else ("tense" in found or "modality" in found), found


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        ("체육관은 11월 2일부터 신청을 받는다.", "체육관 신청 접수는 11월 2일부터 받으며, 서류는 담당 부서에 낸다."),
        ("4월부터 6월까지 투자액은 감소했다.", "4~6월 투자액은 감소하였다."),
        ("대기 시간은 2시간에서 3시간이다.", "대기 시간은 2~3시간이다."),
        ("400명가량이 참여했다.", "약 400명이 참여했다."),
        ("정부는 협력을 강화할 예정이다.", "정부는 협력을 강화할 계획이다."),
        ("정부는 협력을 강화할 계획이다.", "정부는 협력을 강화한다."),
        ("참여자는 400명으로 집계됐다.", "참여자는 400명으로 집계되었다."),
        ("예산은 지난해보다 18% 많았다.", "올해 예산은 지난해보다 18% 많았다."),
    ],
)
def test_faithful_rephrasings_pass(claim: str, source: str) -> None:
    assert not _problems(claim, source)
