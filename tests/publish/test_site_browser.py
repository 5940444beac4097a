"""The built static site in headless Chromium (Debian's, via Playwright), served from 127.0.0.1: index → article → feed.

Skips when Playwright or the browser is missing. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from haesol.publish.site import SiteOptions, build_site
from haesol.store import open_store

CHROMIUM = Path(os.environ.get("HAESOL_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 10_000

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def served_site(approved_db: Path, tmp_path: Path) -> Iterator[str]:
    out = tmp_path / "site"
    with open_store(approved_db) as store:
        build_site(store, out, SiteOptions("https://news.example.org/", "정책 해설"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_a_reader_goes_from_index_to_article_to_feed(served_site: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        page.set_default_timeout(TIMEOUT_MS)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(served_site + "index.html")
        assert page.locator("h2").first.inner_text() == "2026-11-26"
        page.fill("#search", "마을버스 20개")
        page.locator("#results a").first.wait_for()
        assert page.locator("#results li").count() == 1
        page.screenshot(path=str(ARTIFACTS / "site-index.png"))
        page.fill("#search", "")
        page.get_by_role("link", name="국방부, 접경지역 장병 생활관 난방 개선에 11월부터 320억 원 투입").first.click()
        page.wait_for_url("**/articles/156800001.html")
        assert "320억" in page.locator("h1").inner_text()
        assert page.locator("table").count() >= 1
        assert page.locator("script[type='application/ld+json']").count() == 1
        page.screenshot(path=str(ARTIFACTS / "site-article.png"), full_page=True)
        page.get_by_role("link", name="기관별").click()
        page.get_by_role("link", name="국방부").click()
        assert page.locator("ul.articles li").count() == 1
        with page.expect_response(lambda r: r.url.endswith("/feed.xml")) as answer:
            page.get_by_role("link", name="Atom 피드").click()
        assert answer.value.status == 200 and b"<feed" in answer.value.body()
        page.goto(served_site + "articles/156800666.html")  # the hostile release: its text runs nothing
        page.goto(served_site + "index.html")
        page.fill("#search", "주민센터")
        page.locator("#results a").first.wait_for()
        assert dialogs == []
        browser.close()
