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
    assert finished
    return " ".join(d.text for d in finished)


@pytest.mark.parametrize(
    ("line", "news", "polite"),
    [
        pytest.param(
            "국방부는 사업을 추진한다고 밝혔음",
            "국방부는 사업을 추진한다고 밝혔다.",
            "국방부는 사업을 추진한다고 밝혔습니다.",
            id="eot-eum",
        ),
        pytest.param("설문 결과에 따른 것임", "설문 결과에 따른 것이다.", "설문 결과에 따른 것입니다.", id="im"),
        pytest.param(
            "대상 인원은 약 45만 명으로 추산됨",
            "대상 인원은 약 45만 명으로 추산된다.",
            "대상 인원은 약 45만 명으로 추산됩니다.",
            id="doem",
        ),
        pytest.param(
            "검진 비용은 전액 국비로 지원 예정",
            "검진 비용은 전액 국비로 지원할 예정이다.",
            "검진 비용은 전액 국비로 지원할 예정입니다.",
            id="noun-yejeong",
        ),
        pytest.param(
            "임시 난방기를 배치할 계획",
            "임시 난방기를 배치할 계획이다.",
            "임시 난방기를 배치할 계획입니다.",
            id="etm-gyehoek",
        ),
        pytest.param(
            "관련 법령 개정 추진", "관련 법령 개정을 추진한다.", "관련 법령 개정을 추진합니다.", id="bare-noun"
        ),
        pytest.param("여유 공간이 있음", "여유 공간이 있다.", "여유 공간이 있습니다.", id="isseum"),
        pytest.param("회의를 개최하였음", "회의를 개최했다.", "회의를 개최했습니다.", id="hayeot"),
        pytest.param(
            "“현장을 챙기겠다”고 말함",
            "“현장을 챙기겠다”고 말했다.",
            "“현장을 챙기겠다”고 말했습니다.",
            id="reporting-past",
        ),
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
    assert writer.finish(draft) == []


def test_split_quote_lines_merge_into_one_sentence(heating_analysis: Analysis) -> None:
    writer = ProseWriter(get_analyzer(), "news", dt.date(2026, 11, 26), heating_analysis.anchor)
    drafts = [writer.prepare(heating_analysis.sentence(i)) for i in ("b8.s1", "b9.s1", "b10.s1")]
    finished = writer.finish(merge_drafts(drafts))
    assert len(finished) == 1
    merged = finished[0]
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


def _write(lines: list[str], style: str = "news", article_date: dt.date = RELEASE_DATE) -> list[str]:
    """Write one point given as source lines (each line one source sentence)."""
    from haesol.analyze.facts import extract_facts

    analyzer = get_analyzer()
    sentences = []
    for index, text in enumerate(lines, 1):
        morphs = analyzer.morphs(text)
        sentences.append(
            Sentence(f"b{index}.s1", text, f"b{index}", Origin.BODY, morphs, extract_facts(text, morphs, RELEASE_DATE))
        )
    return [d.text for d in ProseWriter(analyzer, style, article_date, RELEASE_DATE).write(sentences)]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            [
                "이어 작업 여부도 면밀히 짚었다. “안전은 현장의 실천에서 완성되는 것”",
                "이라고 강조하며, 권리를 안착시킬 것을 당부했다.",
            ],
            [
                "이어 작업 여부도 면밀히 짚었다.",
                "“안전은 현장의 실천에서 완성되는 것”이라고 강조하며, 권리를 안착시킬 것을 당부했다.",
            ],
            id="quote-split-by-the-sentence-splitter",
        ),
        pytest.param(
            [
                "공공서비스 체계를 구축한다. ‘농촌 왕진버스’, ‘찾아가는 민원실’",
                "등 방문이 어려운 국민을 위한 서비스를 추진한다.",
            ],
            [
                "공공서비스 체계를 구축한다.",
                "‘농촌 왕진버스’, ‘찾아가는 민원실’ 등 방문이 어려운 국민을 위한 서비스를 추진한다.",
            ],
            id="list-of-names-continued",
        ),
        pytest.param(
            ["o 한국형발사체는 2027년 발사를 목표로 개발하고 있다."],
            ["한국형발사체는 2027년 발사를 목표로 개발하고 있다."],
            id="letter-o-marker",
        ),
        pytest.param(
            ["▲안전 점검, ▲장비 교체 등 2개 과제로 구성됐다."],
            ["안전 점검, 장비 교체 등 2개 과제로 구성됐다."],
            id="inline-list-markers",
        ),
        pytest.param(["(법정대리인의 동의 필요)"], ["법정대리인의 동의 필요하다."], id="note-in-parentheses"),
        pytest.param(
            ["청년 고용 지원을 확대(2026년, 4.3만명)"],
            ["청년 고용 지원을 확대한다(2026년, 4.3만명)."],
            id="trailing-parenthetical",
        ),
        pytest.param(
            ["장관은 현장을 둘러본 뒤", "ㅇ “일상 회복을 돕겠다”고 밝힘"],
            ["장관은 현장을 둘러본 뒤 “일상 회복을 돕겠다”고 밝혔다."],
            id="clause-noun-fragment",
        ),
        pytest.param(["설비 교체"], [], id="two-nouns-are-a-label"),
    ],
)
def test_pieces_and_fragments(lines: list[str], expected: list[str]) -> None:
    assert _write(lines) == expected


def test_long_sentence_is_split_at_an_adverbial_clause() -> None:
    line = (
        "행정안전부는 시민의식 향상에 따른 정책 참여 요구 증가와 인공지능 기술 발전에 따른 행정에 대한 국민의 높은 기대 수준에 발맞춰, "
        "관계부처 합동으로 마련한 국민주권정부 정부혁신 추진전략을 12월 2일 국무회의에 보고하고 발표했다."
    )
    assert _write([line]) == [
        "행정안전부는 관계부처 합동으로 마련한 국민주권정부 정부혁신 추진전략을 12월 2일 국무회의에 보고하고 발표했다.",
        "시민의식 향상에 따른 정책 참여 요구 증가와 인공지능 기술 발전에 따른 행정에 대한 국민의 높은 기대 수준에 발맞춘 것이다.",
    ]


def test_long_quote_sentence_is_split_between_the_quotes() -> None:
    line = (
        "정책관은 “수요응답형 마을버스가 농어촌 어르신들의 병원 가는 길, 장 보러 가는 길을 한결 가볍게 했다”라며, "
        "“내년에는 더 많은 지역에서 주민이 체감할 수 있도록 지방정부와 함께 차근차근 준비하겠다”라고 밝혔다."
    )
    assert _write([line], "polite") == [
        "정책관은 “수요응답형 마을버스가 농어촌 어르신들의 병원 가는 길, 장 보러 가는 길을 한결 가볍게 했다”라고 말했습니다.",
        "“내년에는 더 많은 지역에서 주민이 체감할 수 있도록 지방정부와 함께 차근차근 준비하겠다”라고 밝혔습니다.",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            "중장년내일이음패키지 등을 통해 취업을 지원한다",
            "중장년내일이음패키지 등을 통해 취업을 지원한다.",
            id="date-word-inside-a-word",
        ),
        pytest.param(
            "투자는 전년동기비 13.4% 감소했다", "투자는 전년동기비 13.4% 감소했다.", id="comparative-year-stays"
        ),
        pytest.param(
            "감독을 확대한다(’25년 2.4만개→’26년 5만개)",
            "감독을 확대한다(’25년 2.4만개→2026년 5만개).",
            id="year-before-a-decimal-stays",
        ),
        pytest.param("신청 기간은 11월 3일부터 28일까지", "신청 기간은 11월 3일부터 28일까지다.", id="day-range"),
        pytest.param(
            "교육부는 이달 말까지 시범학교를 선정할 예정",
            "교육부는 10월 말까지 시범학교를 선정할 예정이다.",
            id="this-month",
        ),
        pytest.param(
            "올해 10월에는 시험발사체를 발사할 예정",
            "2026년 10월에는 시험발사체를 발사할 예정이다.",
            id="this-year-and-month-once",
        ),
    ],
)
def test_date_guards(line: str, expected: str) -> None:
    assert _write([line], article_date=dt.date(2027, 11, 26) if "올해" in line else dt.date(2026, 11, 26)) == [expected]


def test_quotes_are_never_rewritten() -> None:
    line = "청장은 “오늘(10월 8일) 훈련을 실시하였고 300~400명이 참여했다”고 말함"
    assert _write([line], "polite", dt.date(2026, 11, 26)) == [
        "청장은 “오늘(10월 8일) 훈련을 실시하였고 300~400명이 참여했다”고 말했습니다."
    ]


def test_spacing_model_fixes_only_what_we_wrote() -> None:
    # ’25년550명: the written-out year needs a space before the number; the source's own '320 억' spacing is kept.
    assert _write(["감독관을 증원한다(’25년550명)"], article_date=dt.date(2026, 11, 26)) == [
        "감독관을 증원한다(2025년 550명)."
    ]
