"""End to end on the bundled examples: provenance, the gate, tables, markers, contacts and captions."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from haesol.models import UNSOURCED_PARTS, PartName
from haesol.pipeline import WriteOptions, WriteResult, write
from haesol.render.renderer import flat_sentences
from haesol.verify.checker import Checker, Claim

EXAMPLE_NAMES = ["mnd_barracks_heating.txt", "mof_seafood_exports.txt", "korea_kr_page.html"]
MARKER_RE = re.compile(r"^\s*(□|ㅇ|○|◦|❍|-|\*|※|▲)\s")
PROSE_PARTS = {PartName.LEAD, PartName.BODY, PartName.FAQ_ANSWER}


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def result(request: pytest.FixtureRequest, examples: Path) -> WriteResult:
    path = examples / request.param
    if not path.exists():
        pytest.skip(f"{request.param} not bundled yet")
    return write(str(path), WriteOptions(article_date=dt.date(2026, 11, 26)))


def test_every_sentence_has_provenance(result: WriteResult) -> None:
    for line in result.article.lines():
        if line.part not in UNSOURCED_PARTS and line.text:
            assert line.sources, line


def test_every_sentence_passes_the_checker_again(result: WriteResult) -> None:
    checker = Checker(result.analysis)
    for line in result.article.lines():
        if line.part is PartName.LABEL or not line.text:
            continue
        check = checker.check(Claim(line.text, line.part.value, line.sources))
        assert check.verdict.value == "supported", check


def test_all_parts_are_present(result: WriteResult) -> None:
    article = result.article
    assert article.headline.text and "!" not in article.headline.text and "?" not in article.headline.text
    assert 1 <= len(article.lead) <= 3
    assert article.sections
    assert len(article.faq) == 0 or 3 <= len(article.faq) <= 5  # an FAQ of one or two questions is left out
    assert all(item.question.text.endswith("?") for item in article.faq)
    assert article.contact and article.source


def test_fact_table_is_well_formed(result: WriteResult) -> None:
    rows = result.article.fact_rows
    assert len(rows) == 0 or len(rows) >= 3  # typed rows only, and none below three
    assert all(row.label.part is PartName.LABEL and row.value.sources for row in rows)
    assert len({row.label.text for row in rows}) == len(rows)


def test_no_markers_in_prose(result: WriteResult) -> None:
    for line in result.article.lines():
        if line.part in PROSE_PARTS:
            assert not MARKER_RE.match(line.text), line.text
            assert line.text.endswith((".", "다.", "요.", "”.", "?")) or line.text.endswith("."), line.text


def test_agency_and_phone_survive_exactly(result: WriteResult) -> None:
    release = result.analysis.release
    contact_text = " ".join(line.text for line in result.article.contact)
    for contact in release.contacts[:1]:
        assert contact.phone in contact_text
    source_text = " ".join(line.text for line in result.article.source)
    assert release.agency and release.agency in source_text


def test_captions_never_become_article_text(result: WriteResult) -> None:
    captions = [s for s in result.analysis.sentences if s.origin.value == "caption"]
    article_text = " ".join(line.text for line in result.article.lines())
    for caption in captions:
        words = [w for w in re.findall(r"[가-힣]{2,}", caption.text) if w not in article_text]
        assert words, caption.text
        cited = {i for line in result.article.lines() for i in line.sources}
        assert caption.id not in cited


def test_flat_sentences_carry_source_text(result: WriteResult) -> None:
    texts = {s.id: s.text for s in result.analysis.sentences}
    for entry in flat_sentences(result.article, result.analysis):
        for ref in entry.sources:
            assert texts[ref.id] == ref.text
