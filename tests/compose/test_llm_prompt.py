"""Prompts, the source listing given to the model, and tolerant parsing of its JSON answers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from haesol.compose.llm.cache import CacheKey, ResponseCache
from haesol.compose.llm.prompt import (
    FixRequest,
    article_messages,
    first_json_object,
    fix_messages,
    parse_article,
    parse_fixes,
    source_listing,
    usable_article,
)
from haesol.models import Analysis
from haesol.prompts import PROMPT_VERSION, load_prompt

ARTICLE_DATE = dt.date(2026, 11, 26)


def test_listing_holds_citable_sentences_only(heating_analysis: Analysis) -> None:
    listing = source_listing(heating_analysis, ARTICLE_DATE)
    assert "[b1.s1] 국방부(장관 한도윤)는" in listing.text
    assert "[b12.r4c1] 예산 | [b12.r4c2] 210억 원" in listing.text  # a table row on one line
    assert "b16.s1" not in listing.text and "해병대" not in listing.text  # the photo caption
    assert "c1" not in listing.citable and "02-748" not in listing.text  # contacts
    assert "h1" not in listing.citable and "발표일: 2026년 10월 8일" in listing.text
    assert "기사 날짜: 2026년 11월 26일" in listing.text
    assert {"title", "sub1", "b1.s1", "b12.r2c3"} <= listing.citable


@pytest.mark.parametrize("style", ["news", "polite"])
def test_prompts_are_korean_and_name_the_style(heating_analysis: Analysis, style: str) -> None:
    messages = article_messages(source_listing(heating_analysis, ARTICLE_DATE), style)
    assert [m.role for m in messages] == ["system", "user"]
    assert ("해라체" if style == "news" else "합쇼체") in messages[0].content
    assert "JSON" in messages[0].content and '"ids"' in messages[0].content


def test_fix_prompt_lists_problems(heating_analysis: Analysis) -> None:
    listing = source_listing(heating_analysis, ARTICLE_DATE)
    request = FixRequest(1, "lead", "총 350억 원이 투입된다.", ("b2.s1",), ("원문과 다릅니다: 350억 원",))
    text = fix_messages(listing, "news", [request])[-1].content
    assert "1. [lead] 총 350억 원이 투입된다." in text and "원문과 다릅니다: 350억 원" in text
    assert '"fixes"' in text


def test_prompt_files_are_versioned() -> None:
    assert PROMPT_VERSION == "v1"
    assert "$" not in load_prompt("article", style_rule="X")
    with pytest.raises(ValueError, match="available"):
        load_prompt("summary")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"a": 1}', id="plain"),
        pytest.param('여기 답입니다.\n```json\n{"a": 1}\n```\n끝.', id="fenced-with-prose"),
        pytest.param('{broken {"a": 1} trailing', id="broken-start"),
    ],
)
def test_first_json_object(text: str) -> None:
    assert first_json_object(text) == {"a": 1}


def test_parse_is_tolerant() -> None:
    data = {
        "headline": "제목만 있는 문자열",
        "lead": {"text": "**리드 문장.**", "sources": "[b1.s1], b2.s1"},
        "sections": [
            {
                "heading": {"text": "소제목", "ids": ["b3.s1"]},
                "paragraphs": [{"text": "- 문단 하나뿐인 문장.", "ids": ["b3.s1."]}],
            },
            {"heading": None, "paragraphs": []},
        ],
        "faq": [{"question": {"text": "질문?", "ids": ["b1.s1"]}}],
    }
    parsed = parse_article(json.dumps(data, ensure_ascii=False))
    article = parsed.article
    assert article is not None
    assert article.headline is not None and article.headline.ids == ()
    assert article.lead[0].text == "리드 문장." and article.lead[0].ids == ("b1.s1", "b2.s1")
    assert len(article.sections) == 1 and article.sections[0].paragraphs[0][0].text == "문단 하나뿐인 문장."
    assert article.sections[0].paragraphs[0][0].ids == ("b3.s1",)
    assert article.faq == () and article.key_points == ()


CITABLE = frozenset({"title", "b1.s1", "b2.s1"})
GOOD = {
    "headline": {"text": "국방부 난방 개선", "ids": ["title"]},
    "lead": [{"text": "국방부가 사업을 추진한다.", "ids": ["b1.s1"]}],
}


@pytest.mark.parametrize(
    ("content", "finish", "problem"),
    [
        pytest.param(json.dumps(GOOD, ensure_ascii=False), "stop", "", id="good"),
        pytest.param(json.dumps(GOOD, ensure_ascii=False)[:60], "length", "truncated", id="truncated"),
        pytest.param('{"headline": {"text": "국방부', "stop", "no JSON", id="broken-json"),
        pytest.param('{"note": "없음"}', "stop", "no lead", id="wrong-shape"),
        pytest.param(
            json.dumps({"lead": [{"text": "The ministry will replace heaters.", "ids": ["b1.s1"]}]}),
            "stop",
            "not in Korean",
            id="english",
        ),
        pytest.param(
            json.dumps(
                {
                    "lead": [
                        {"text": "국방부가 사업을 추진한다.", "ids": ["s1"]},
                        {"text": "총 320억 원이 든다.", "ids": []},
                    ]
                },
                ensure_ascii=False,
            ),
            "stop",
            "ignored the sentence ids",
            id="ids-ignored",
        ),
    ],
)
def test_usable_article(content: str, finish: str, problem: str) -> None:
    parsed = usable_article(content, finish, CITABLE)
    if problem:
        assert parsed.article is None and problem in parsed.problem
    else:
        assert parsed.article is not None and not parsed.problem


def test_parse_fixes() -> None:
    text = '{"fixes": [{"n": 2, "text": "고친 문장.", "ids": ["b2.s1"]}, {"n": "x"}, "junk"]}'
    fixes = parse_fixes(text)
    assert list(fixes) == [2] and fixes[2].ids == ("b2.s1",)
    assert parse_fixes("not json") == {}


def test_cache_round_trip_and_damage(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    key = CacheKey("m", PROMPT_VERSION, "news", "abc", "article")
    assert cache.get(key) is None
    cache.put(key, "답")
    assert cache.get(key) == "답"
    assert CacheKey("m", PROMPT_VERSION, "polite", "abc", "article").digest() != key.digest()
    cache.path(key).write_text("{not json", encoding="utf-8")
    assert cache.get(key) is None
