"""One release as text, HWPX, DOCX and PDF yields the same release and the same article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from haesol.models import BlockKind, Release
from haesol.parse import parse_bytes
from haesol.pipeline import WriteOptions, write
from haesol.render.markdown import render_article_markdown
from tests.helpers import equivalence_builders as release

BUILDERS: dict[str, Callable[[], bytes]] = {
    "text": release.as_text,
    "hwpx": release.as_hwpx,
    "docx": release.as_docx,
    "pdf": release.as_pdf,
}


def _shape(parsed: Release) -> tuple[object, ...]:
    blocks = tuple(
        (b.kind.value, b.marker, b.level, " ".join(b.text.split()), b.table.grid() if b.table else None)
        for b in parsed.body_blocks()
    )
    contacts = tuple((c.department, c.phone) for c in parsed.contacts)
    return parsed.title, parsed.subtitles, parsed.timing.date, parsed.agency, blocks, contacts


@pytest.fixture(scope="module")
def parsed() -> dict[str, Release]:
    pytest.importorskip("reportlab")
    return {name: parse_bytes(build(), f"release.{name}") for name, build in BUILDERS.items()}


@pytest.mark.parametrize("fmt", ["hwpx", "docx", "pdf"])
def test_same_release_as_text(parsed: dict[str, Release], fmt: str) -> None:
    assert parsed[fmt].source.format == fmt
    assert _shape(parsed[fmt]) == _shape(parsed["text"])


def test_text_release_is_what_was_written(parsed: dict[str, Release]) -> None:
    text = parsed["text"]
    assert text.title == release.TITLE and text.timing.date == dt.date(2026, 9, 17)
    bullets = [b for b in text.body_blocks() if b.kind is BlockKind.BULLET]
    assert len(bullets) == len(release.BODY)
    assert text.contacts[0].phone == "031-000-4410"


@pytest.mark.parametrize("fmt", ["hwpx", "docx", "pdf"])
def test_same_article(parsed: dict[str, Release], fmt: str) -> None:
    options = WriteOptions(article_date=dt.date(2026, 9, 17))
    expected = render_article_markdown(write(parsed["text"], options).article)
    assert render_article_markdown(write(parsed[fmt], options).article) == expected
