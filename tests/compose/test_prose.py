"""개조식 endings become finished sentences in one register; tense, modality and quotes are kept."""

from __future__ import annotations

import datetime as dt

import pytest

from haesol.analyze.kiwi import get_analyzer
from haesol.compose.draft import Draft, merge_drafts
from haesol.compose.prose import ProseWriter
from haesol.models import Analysis, Origin, Sentence

RELEASE_DATE = dt.date(2026, 10, 8)


def _finish(text: str, style: str = "news", article_date: dt.date = RELEASE_DATE) -> str:
    analyzer = get_analyzer()
    from haesol.analyze.facts import extract_facts

    morphs = analyzer.morphs(text)
    sentence = Sentence("b1.s1", text, "b1", Origin.BODY, morphs, extract_facts(text, morphs, RELEASE_DATE))
    writer = ProseWriter(analyzer, style, article_date, RELEASE_DATE)
    finished = writer.finish(writer.prepare(sentence))
    assert finished is not None
    return finished.text


@pytest.mark.parametrize(
    ("line", "news", "polite"),
    [
        pytest.param("국방부는 사업을 추진한다고 밝혔음", "국방부는 사업을 추진한다고 밝혔다.", "국방부는 사업을 추진한다고 밝혔습니다.", id="eot-eum"),
        pytest.param("설문 결과에 따른 것임", "설문 결과에 따른 것이다.", "설문 결과에 따른 것입니다.", id="im"),
        pytest.param("대상 인원은 약 45만 명으로 추산됨", "대상 인원은 약 45만 명으로 추산된다.", "대상 인원은 약 45만 명으로 추산됩니다.", id="doem"),
        pytest.param("검진 비용은 전액 국비로 지원 예정", "검진 비용은 전액 국비로 지원할 예정이다.", "검진 비용은 전액 국비로 지원할 예정입니다.", id="noun-yejeong"),
        pytest.param("임시 난방기를 배치할 계획", "임시 난방기를 배치할 계획이다.", "임시 난방기를 배치할 계획입니다.", id="etm-gyehoek"),
        pytest.param("관련 법령 개정 추진", "관련 법령 개정 추진한다.", "관련 법령 개정 추진합니다.", id="bare-noun"),
        pytest.param("여유 공간이 있음", "여유 공간이 있다.", "여유 공간이 있습니다.", id="isseum"),
        pytest.param("회의를 개최하였음", "회의를 개최했다.", "회의를 개최했습니다.", id="hayeot"),
        pytest.param("“현장을 챙기겠다”고 말함", "“현장을 챙기겠다”고 말했다.", "“현장을 챙기겠다”고 말했습니다.", id="reporting-past"),
    ],
)
def test_endings_in_both_registers(line: str, news: str, polite: str) -> None:
    assert _finish(line) == news
    assert _finish(line, "polite") == polite


def test_fragment_is_not_finished() -> None:
    analyzer = get_analyzer()
    writer = ProseWriter(analyzer, "news", RELEASE_DATE, RELEASE_DATE)
    text = "장관은 부대를 방문하여 장병들에게"
    draft = Draft(text, analyzer.morphs(text), ("b1.s1",))
    assert writer.is_fragment(draft)
    assert writer.finish(draft) is None


def test_split_quote_lines_merge_into_one_sentence(heating_analysis: Analysis) -> None:
    writer = ProseWriter(get_analyzer(), "news", dt.date(2026, 11, 26), heating_analysis.anchor)
    drafts = [writer.prepare(heating_analysis.sentence(i)) for i in ("b8.s1", "b9.s1", "b10.s1")]
    merged = writer.finish(merge_drafts(drafts))
    assert merged is not None
    assert merged.sources == ("b8.s1", "b9.s1", "b10.s1")
    assert merged.text.startswith("한도윤 장관은 10월 7일 철원군의")
    assert "“공사가 끝날 때까지 현장을 직접 챙기겠다”고 강조했다." in merged.text


@pytest.mark.parametrize(
    ("line", "article_date", "expected"),
    [
        pytest.param("장관은 7일 부대를 방문했다", dt.date(2026, 11, 26), "장관은 10월 7일 부대를 방문했다."),
        pytest.param("장관은 7일 부대를 방문했다", dt.date(2026, 10, 9), "장관은 7일 부대를 방문했다."),
        pytest.param("2026. 10. 8.(목) 회의를 열었다", dt.date(2026, 10, 9), "10월 8일 회의를 열었다."),
        pytest.param("지난 7월 설문을 했다", dt.date(2026, 10, 9), "7월 설문을 했다."),
        pytest.param("지난해 설문을 했다", dt.date(2027, 2, 1), "2025년 설문을 했다."),
        pytest.param("지난해 설문을 했다", dt.date(2026, 12, 1), "지난해 설문을 했다."),
        pytest.param("’24년 대비 늘었다", dt.date(2026, 10, 9), "2024년 대비 늘었다."),
        pytest.param("지원금은 300~400만원이다", dt.date(2026, 10, 9), "지원금은 300만~400만원이다."),
    ],
)
def test_dates_and_ranges(line: str, article_date: dt.date, expected: str) -> None:
    assert _finish(line, "news", article_date) == expected


def test_agency_head_aside_is_dropped() -> None:
    assert _finish("국방부(장관 한도윤)는 사업을 추진함").startswith("국방부는 사업을")
