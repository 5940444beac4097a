"""The extractive engine's headline and lead: short, from title and subtitle, who-what-when first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from haesol.compose.extractive import _safe_cut, _with_time
from haesol.pipeline import WriteOptions, write

ARTICLE_DATE = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("name", "headline"),
    [
        pytest.param(
            "mnd_barracks_heating.txt", "국방부, 접경지역 장병 생활관 난방 개선에 11월부터 320억 원 투입", id="heating"
        ),
        pytest.param(
            "mof_seafood_exports.txt", "3분기 수산물 수출 8억 2천만 달러…전년 동기 대비 12.4% 증가", id="seafood"
        ),
        pytest.param(
            "korea_kr_page.html", "농어촌 마을버스 수요응답형 운행 시범사업 내년부터 20개 군으로 확대", id="bus"
        ),
    ],
)
def test_headlines(examples: Path, name: str, headline: str) -> None:
    article = write(str(examples / name), WriteOptions(article_date=ARTICLE_DATE)).article
    assert article.headline.text == headline
    assert len(article.headline.text) <= 40


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param(
            "윤석대 한국수자원공사 사장 혹한기 봉화댐 건설 현장점검 ‘안전 온도 높인다’",
            "윤석대 한국수자원공사 사장 혹한기 봉화댐 건설 현장점검",
            id="slogan",
        ),
        pytest.param(
            "우리가 독자 개발하여 최초 발사하는 한국형발사체, 국민이 정한 그 이름은 ｢누리｣",
            "한국형발사체, 국민이 정한 그 이름은 ｢누리｣",
            id="modifier-clause",
        ),
        pytest.param(
            "수산물 수출 8억 2천만 달러로 역대 최대…김 수출은 3억 1천만 달러로 역시 최고 기록",
            "수산물 수출 8억 2천만 달러로 역대 최대",
            id="ellipsis",
        ),
    ],
)
def test_long_titles_are_cut_safely(title: str, expected: str) -> None:
    assert _safe_cut(title) == expected


def test_time_phrase_goes_before_the_closing_figure() -> None:
    assert (
        _with_time("환경부, 노후 경유차 조기폐차 지원 3만 대로 확대", "내년부터")
        == "환경부, 노후 경유차 조기폐차 지원 내년부터 3만 대로 확대"
    )


@pytest.mark.parametrize("style", ["news", "polite"])
def test_lead_says_who_what_when(examples: Path, style: str) -> None:
    article = write(
        str(examples / "mnd_barracks_heating.txt"), WriteOptions(style=style, article_date=ARTICLE_DATE)
    ).article
    first = article.lead[0].text
    assert first.startswith("국방부는 11월 2일부터")
    assert first.endswith("밝혔다." if style == "news" else "밝혔습니다.")


def test_a_pointer_or_a_quote_does_not_lead() -> None:
    from haesol.analyze.kiwi import get_analyzer
    from haesol.compose.draft import Draft
    from haesol.compose.extractive import _take_lead

    analyzer = get_analyzer()
    texts = ["주요 내용은 다음과 같다.", "국방부는 11월 2일부터 사업을 추진한다고 밝혔다."]
    prose = [[Draft(t, analyzer.morphs(t), (f"b{i}.s1",))] for i, t in enumerate(texts, 1)]
    lead, rest = _take_lead(prose, {"b1": None, "b2": None})
    assert [d.text for d in lead] == [texts[1]]
    assert [d.text for d in rest[0]] == [texts[0]]
