"""Three real sample articles as a reader sees them in headless Chromium: headline, dateline, no number wrapped.

Skips when Playwright, Chromium or ../shared/samples is missing. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from haesol.pipeline import WriteOptions, write
from haesol.render.html import render_article_html
from tests.helpers.paths import SAMPLES

CHROMIUM = Path(os.environ.get("HAESOL_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARTICLES = ("hwp/kwater_press.hwp", "hwpx/moef_fdi_2025q2.hwpx", "hwpx/molit_press_taxi.hwpx")
VIEWPORTS = ({"width": 390, "height": 844}, {"width": 1280, "height": 900})

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)
if not SAMPLES.is_dir():
    pytest.skip("../shared/samples is absent", allow_module_level=True)
pytestmark = pytest.mark.slow

# every number in a table cell: the number of line boxes it occupies (more than one = wrapped)
WRAPPED_NUMBERS = """() => [...document.querySelectorAll('td .num, th .num')]
  .filter(n => n.getClientRects().length > 1).map(n => n.textContent)"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("name", ARTICLES)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["phone", "desktop"])
def test_reader_page(browser: Any, tmp_path: Path, name: str, viewport: dict[str, int]) -> None:
    result = write(str(SAMPLES / name), WriteOptions(style="news"))
    page_file = tmp_path / "article.html"
    page_file.write_text(render_article_html(result.article), encoding="utf-8")
    context = browser.new_context(viewport=viewport, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(page_file.as_uri())
        assert page.locator("h1").inner_text().strip() == result.article.headline.text
        release = result.analysis.release
        dateline = page.locator("header .dateline")
        assert release.agency in dateline.inner_text()
        assert release.date is not None
        assert dateline.locator("time").get_attribute("datetime") == release.date.isoformat()
        box = page.locator("h1").bounding_box()
        assert box is not None and box["y"] < 120  # the headline opens the page
        assert page.evaluate(WRAPPED_NUMBERS) == []
        ARTIFACTS.mkdir(exist_ok=True)
        stem = Path(name).stem
        page.screenshot(path=str(ARTIFACTS / f"article-{stem}-{viewport['width']}.png"), full_page=True)
    finally:
        context.close()
