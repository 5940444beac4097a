"""The article plan on invented releases: dateline, date, 보도설명자료, reported speech, paragraphs, tables in HTML/Markdown."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from haesol.analyze.kiwi import get_analyzer
from haesol.compose.draft import Draft
from haesol.compose.plan import paragraphs
from haesol.models import ArticleTable, Line, PartName
from haesol.pipeline import WriteOptions, write
from haesol.render.html import render_article_html
from haesol.render.markdown import render_article_markdown

DATA = Path(__file__).resolve().parents[1] / "data" / "article"


def test_dated_the_release_day_unless_asked(examples: Path) -> None:
    source = str(examples / "mnd_barracks_heating.txt")
    article = write(source).article
    assert article.date == dt.date(2026, 10, 8)
    assert article.dateline is not None and article.dateline.text == "[국방부] 2026년 10월 8일"
    assert write(source, WriteOptions(article_date=dt.date(2026, 11, 26))).article.date == dt.date(2026, 11, 26)


def test_explanation_answers_the_report_and_quotes_it_as_the_outlets() -> None:
    result = write(str(DATA / "explanation.txt"))
    article = result.article
    lead = article.lead[0].text
    assert lead.startswith("국토교통부는 한빛일보의 ‘청년 월세 지원, 신청자 절반이 탈락’ 보도에 대해 ")
    assert lead.endswith("고 설명했다.")
    story = next(s for s in article.sections if s.heading.text == "한빛일보 보도 내용")
    claims = [line.text for table in story.tables for line in table.lines()]
    assert "소득 기준이 까다로워 신청자의 절반이 지원을 받지 못함" in claims
    narrated = [line.text for s in article.sections if s is not story for p in s.paragraphs for line in p]
    assert not any("까다로워" in text for text in [*narrated, *(line.text for line in article.lead)])
    assert "# " in render_article_markdown(article) and "보도 내용" not in article.headline.text


def test_first_person_becomes_reported_speech() -> None:
    texts = [line.text for line in write(str(DATA / "explanation.txt")).article.lines()]
    assert "국토교통부는 앞으로도 청년의 주거비 부담을 덜 수 있도록 최선을 다하겠다고 밝혔다." in texts
    assert not any(text.endswith("다하겠습니다.") for text in texts)


def test_polite_register_keeps_its_endings() -> None:
    texts = [line.text for line in write(str(DATA / "explanation.txt"), WriteOptions(style="polite")).article.lines()]
    assert any(text.endswith("다하겠다고 밝혔습니다.") for text in texts)


def _drafts(*texts: tuple[str, str]) -> list[Draft]:
    analyzer = get_analyzer()
    return [Draft(text, analyzer.morphs(text), (source,)) for text, source in texts]


def test_paragraphs_break_at_points_and_stay_short() -> None:
    drafts = _drafts(*((f"문장 {i}이 있다.", f"b1.s{i}") for i in range(1, 7)), ("다른 점이다.", "b2.s1"))
    parts = paragraphs(drafts, {"b1": None, "b2": None})
    assert [len(p) for p in parts] == [3, 3, 1]


def test_html_keeps_merged_headers_lists_layout_tables_and_dates_the_page(examples: Path) -> None:
    result = write(str(examples / "mnd_barracks_heating.txt"))
    page = render_article_html(result.article)
    assert '<time datetime="2026-10-08">2026년 10월 8일</time>' in page
    assert ":hover" not in page and "라이선스 확인" not in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert data["publisher"]["name"] == "국방부" and data["datePublished"] == "2026-10-08"
    assert data["isBasedOn"]["name"]


def _cell(text: str) -> Line:
    return Line(text, PartName.TABLE, ("b1.r1c1",))


def test_merged_header_repeats_in_markdown_and_spans_in_html(examples: Path) -> None:
    from dataclasses import replace

    article = write(str(examples / "mnd_barracks_heating.txt")).article
    table = ArticleTable(
        None,
        ((_cell("구분"), _cell("2025년")), (_cell("1분기"), _cell("2분기")), (_cell("10 | 20"), _cell("30"))),
        (((1, 1), (1, 2)), ((1, 1), (1, 1)), ((1, 1), (1, 1))),
    )
    listed = ArticleTable(None, ((_cell("첫째 항목"),), (_cell("둘째 항목"),)), as_list=True)
    section = replace(article.sections[-1], tables=(table, listed))
    article = replace(article, sections=(*article.sections[:-1], section))
    markdown = render_article_markdown(article)
    assert "| 구분 | 2025년 | 2025년 |" in markdown
    assert "| 10 / 20 | 30 |" in markdown.replace("|  |", "|") or "10 / 20" in markdown
    assert "- 첫째 항목" in markdown and "\\|" not in markdown
    page = render_article_html(article)
    assert 'colspan="2"' in page and "<li><span" in page
    assert '<span class="num">2025년</span>' in page
