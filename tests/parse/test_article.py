"""Articles under audit: Markdown, HTML and plain text become ordered units with their parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from haesol.errors import EmptyInputError, NoBodyError
from haesol.parse.article_units import read_article

DATA = Path(__file__).resolve().parents[1] / "data" / "check"


def test_markdown_parts() -> None:
    article = read_article((DATA / "heating_faithful.md").read_bytes())
    parts = [u.part for u in article.units]
    assert article.format == "md"
    assert parts[0] == "headline" and "heading" in parts and "table" in parts and "bullet" in parts
    assert ("faq_question", "사업은 언제 끝나나요?") in [(u.part, u.text) for u in article.units]
    assert any(u.part == "source" for u in article.units) and any(u.part == "label" for u in article.units)
    assert article.links == ("https://www.korea.kr/briefing/pressReleaseView.do?newsId=156700001",)
    assert not article.ragged_tables and not article.flattened_tables


def test_html_parts_images_and_chrome() -> None:
    article = read_article((DATA / "heating_rewrite.html").read_bytes())
    texts = [u.text for u in article.units]
    assert article.format == "html" and article.images == ("heating.jpg",)
    assert "홈" not in texts and not any("블로그" in t for t in texts)
    assert [u.part for u in article.units if u.text == "생활관 난방 점검 모습"] == ["caption"]


def test_plain_text_blog_post() -> None:
    text = "제목입니다\n소제목\n본문 문장이다. 두 번째 문장이다.\n구분 | 1단계 | 2단계 |\n질문 1. 언제 하나요?\n답변1. 11월에 한다.\n- 요점 하나\n"
    article = read_article(text.encode())
    parts = [(u.part, u.text) for u in article.units]
    assert parts[0] == ("headline", "제목입니다")
    assert ("heading", "소제목") in parts
    assert ("faq_question", "언제 하나요?") in parts and ("faq_answer", "11월에 한다.") in parts
    assert ("bullet", "요점 하나") in parts
    assert article.flattened_tables == ("구분 | 1단계 | 2단계 |",)


def test_ragged_markdown_table() -> None:
    article = read_article("# 제목\n\n| 가 | 나 |\n|---|---|\n| 1 | 2 | 3 |\n".encode())
    assert article.ragged_tables


@pytest.mark.parametrize("data", [b"", b"  \n"])
def test_empty_article(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        read_article(data)


def test_binary_is_not_an_article() -> None:
    with pytest.raises(NoBodyError):
        read_article(b"%PDF-1.4 binary")
