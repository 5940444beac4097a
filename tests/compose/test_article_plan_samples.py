"""Every article from the real samples, in both registers, has the shape an editor expects (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from haesol.analyze.kiwi import get_analyzer
from haesol.compose.plan import PLAN_RE, is_quote
from haesol.compose.top import has_subject
from haesol.errors import HaesolError
from haesol.models import Article
from haesol.pipeline import WriteOptions, WriteResult, write
from haesol.render.html import render_article_html
from haesol.render.markdown import render_article_markdown
from tests.helpers.paths import SAMPLES

EDITOR_NOTES = ("라이선스 확인", "사진·그림", "공공누리 적용 대상", "세부 내용")
SENTENCE_END_RE = re.compile(r"(?:다|니다)\.$")
SAMPLE_FILES = (
    sorted(p for p in SAMPLES.glob("*/*") if p.suffix in {".hwp", ".hwpx", ".pdf"}) if SAMPLES.is_dir() else []
)
_CACHE: dict[tuple[str, str], WriteResult | None] = {}


def _written(path: Path, style: str) -> WriteResult:
    key = (str(path), style)
    if key not in _CACHE:
        try:
            _CACHE[key] = write(str(path), WriteOptions(style=style))
        except HaesolError:  # the edge files (encrypted, empty, DRM) are refused with a message, tested elsewhere
            _CACHE[key] = None
    result = _CACHE[key]
    if result is None:
        pytest.skip(f"{path.name} is not writable (edge case)")
    if not result.article.lead and not result.article.sections:
        pytest.skip(f"{path.name} has no text to write about")
    return result


@pytest.fixture(params=["news", "polite"])
def style(request: pytest.FixtureRequest) -> str:
    return str(request.param)


pytestmark = pytest.mark.skipif(not SAMPLE_FILES, reason="../shared/samples is absent")
files = pytest.mark.parametrize("path", SAMPLE_FILES, ids=[f"{p.parent.name}/{p.name}" for p in SAMPLE_FILES])


def _body_lines(article: Article) -> list[str]:
    return [line.text for s in article.sections if s.heading.text != "앞으로" for p in s.paragraphs for line in p]


@files
def test_headline_names_a_subject(path: Path, style: str) -> None:
    result = _written(path, style)
    headline = result.article.headline.text
    assert headline.strip()
    release = result.analysis.release
    if release.agency:
        assert has_subject(get_analyzer(), headline, release.agency), headline


@files
def test_dateline_has_issuer_and_date(path: Path, style: str) -> None:
    result = _written(path, style)
    release = result.analysis.release
    if release.agency and release.date:
        assert result.article.dateline is not None
        date = release.date
        assert result.article.dateline.text == f"[{release.agency}] {date.year}년 {date.month}월 {date.day}일"


@files
def test_paragraphs_are_short_and_headings_say_something(path: Path, style: str) -> None:
    article = _written(path, style).article
    for section in article.sections:
        assert section.heading.text != "세부 내용"
        for paragraph in section.paragraphs:
            assert 1 <= len(paragraph) <= 4, [line.text for line in paragraph]


@files
def test_key_points_are_sentences(path: Path, style: str) -> None:
    article = _written(path, style).article
    assert len(article.key_points) == 0 or 3 <= len(article.key_points) <= 5
    for point in article.key_points:
        assert SENTENCE_END_RE.search(point.text), point.text
        morphs = get_analyzer().morphs(point.text)
        assert any(m.tag in ("JKS", "JX") for m in morphs), point.text


@files
def test_faq_is_absent_or_has_three_questions(path: Path, style: str) -> None:
    article = _written(path, style).article
    assert len(article.faq) == 0 or len(article.faq) >= 3
    lead = {line.text for line in article.lead}
    assert not any(item.answer.text in lead for item in article.faq)


@files
def test_plans_get_a_what_next_section(path: Path, style: str) -> None:
    article = _written(path, style).article
    plans = [text for text in _body_lines(article) if PLAN_RE.search(text) and "“" not in text]
    if plans:
        assert any(s.heading.text == "앞으로" for s in article.sections), plans


@files
def test_no_editor_notes_for_the_reader(path: Path, style: str) -> None:
    result = _written(path, style)
    markdown = render_article_markdown(result.article)
    page = render_article_html(result.article)
    for note in EDITOR_NOTES:
        assert note not in markdown
        assert note not in page
    assert ":hover" not in page
    if result.analysis.release.license.kogl_type is None:
        assert any("라이선스 확인" in warning for warning in result.warnings)


@files
def test_no_pipe_inside_a_markdown_cell(path: Path, style: str) -> None:
    markdown = render_article_markdown(_written(path, style).article)
    for line in markdown.splitlines():
        if line.startswith("| "):
            assert "\\|" not in line and "| |" not in line.replace("|  |", ""), line


def test_is_quote_helper() -> None:
    from haesol.compose.draft import Draft

    assert is_quote(Draft("그는 “좋다”고 말했다.", (), ()))
