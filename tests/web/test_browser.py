"""End to end in headless Chromium (Debian's, driven by Playwright) against a real uvicorn server on 127.0.0.1.

Skips when Playwright or the browser is missing. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from haesol.store import open_store
from tests.web.conftest import PASSWORD, release_id

CHROMIUM = Path(os.environ.get("HAESOL_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HEATING_ID = "156800001"
TIMEOUT_MS = 10_000

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)


@dataclass
class Running:
    """A desk served by uvicorn in a thread."""

    url: str
    db: Path
    server: Any
    thread: threading.Thread


def _serve(db: Path, **options: Any) -> Running:
    import uvicorn

    from haesol.web import create_app

    app = create_app(db, default_reviewer="편집자", **options)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    return Running(f"http://127.0.0.1:{port}", db, server, thread)


def _stop(running: Running) -> None:
    running.server.should_exit = True
    running.thread.join(timeout=10)


def _copy(template: Path, target: Path) -> Path:
    with open_store(template) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(template, target)
    return target


@pytest.fixture(scope="module")
def desk(desk_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = _serve(_copy(desk_template, tmp_path_factory.mktemp("browser") / "desk.db"))
    yield running
    _stop(running)


@pytest.fixture(scope="module")
def locked_desk(desk_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = _serve(
        _copy(desk_template, tmp_path_factory.mktemp("locked") / "desk.db"), password=PASSWORD, require_login=True
    )
    yield running
    _stop(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 900}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def _edit(page: Any, position: int, change: Any) -> None:
    sentence = page.locator(f'.draft .s[data-pos="{position}"]')
    sentence.focus()
    page.keyboard.press("Enter")
    box = page.locator("textarea.edit")
    box.fill(change(box.input_value()))
    page.keyboard.press("Enter")


def test_review_flow(page: Any, desk: Running) -> None:
    rid = release_id(desk.db, HEATING_ID)
    # 1. the inbox
    page.goto(desk.url + "/")
    page.locator("#q").fill("난방 설비")
    page.get_by_role("button", name="찾기").click()
    page.wait_for_url(re.compile(r"q="))
    assert page.locator("mark").count() >= 1  # Korean search with the matched words marked
    page.set_viewport_size({"width": 1400, "height": 620})
    _shot(page, "inbox.png")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.get_by_role("link", name=re.compile("320억 원 투입")).first.click()
    page.wait_for_url(f"{desk.url}/releases/{rid}")
    # 2. focusing a sentence shows its evidence and highlights its source sentence
    lead = page.locator(".draft .s[data-part='lead']").first
    position = int(lead.get_attribute("data-pos"))
    original = lead.inner_text()
    lead.focus()
    assert page.locator("#src-b1\\.s1.hl").count() == 1
    assert "b1.s1" in page.locator("#evidence").inner_text()
    # 3. a wrong number turns the sentence red at once
    _edit(page, position, lambda text: text.replace("1,240곳", "1,250곳"))
    page.locator(f'.draft .s[data-pos="{position}"].v-contradicted').wait_for()
    assert "1,240곳" in page.locator("#evidence").inner_text()
    assert page.locator("#review-status").inner_text() == "검토 필요"
    assert page.locator("#blocking-note").is_visible()
    _shot(page, "draft-contradicted.png")
    # 4. approval is refused while it is red
    page.locator("#approve-button").click()
    page.locator("#action-error").wait_for()
    assert "1,250곳" in page.locator("#action-error").inner_text()
    # 5. fix it: green again, then approve
    _edit(page, position, lambda text: original)
    page.locator(f'.draft .s[data-pos="{position}"].v-supported').wait_for()
    assert page.locator("#blocking-note").is_hidden()
    page.locator("#reviewer").fill("김검토")
    page.locator("#approve-button").click()
    page.locator("#approval").wait_for()
    assert "김검토" in page.locator("#approval").inner_text()
    page.locator(".draft .s[data-part='lead']").first.focus()
    _shot(page, "draft.png")
    # 6. export: a download named from ids, and the copy button
    with page.expect_download() as info:
        page.locator("#export-md").click()
    download = info.value
    assert re.fullmatch(rf"haesol-{rid}-\d+\.md", download.suggested_filename)
    assert original in Path(download.path()).read_text(encoding="utf-8")
    page.locator("#copy-md").click()
    page.get_by_text("클립보드에 복사했습니다").wait_for()
    assert original in page.evaluate("navigator.clipboard.readText()")


def test_escape_cancels_an_edit(page: Any, desk: Running) -> None:
    rid = release_id(desk.db, "156800002")
    page.goto(f"{desk.url}/releases/{rid}")
    sentence = page.locator(".draft .s[data-part='lead']").first
    before = sentence.inner_text()
    sentence.focus()
    page.keyboard.press("Enter")
    page.locator("textarea.edit").fill("전혀 다른 문장")
    page.keyboard.press("Escape")
    assert page.locator("textarea.edit").count() == 0
    assert sentence.inner_text() == before
    assert page.evaluate("document.activeElement.dataset.pos") == sentence.get_attribute("data-pos")


def test_pages_fit_a_360_pixel_screen(browser: Any, desk: Running) -> None:
    context = browser.new_context(locale="ko-KR", viewport={"width": 360, "height": 740})
    small = context.new_page()
    rid = release_id(desk.db, HEATING_ID)
    for path in ("/", f"/releases/{rid}", "/check"):
        small.goto(desk.url + path)
        assert small.evaluate("document.documentElement.scrollWidth") <= 360, path
    _shot(small, "draft-360.png")
    context.close()


def test_login_for_the_non_local_mode(page: Any, locked_desk: Running) -> None:
    page.goto(locked_desk.url + "/")
    page.wait_for_url(re.compile(r"/login\?next="))
    page.locator("#name").fill("이승인")
    page.locator("#password").fill("틀린 비밀번호")
    page.get_by_role("button", name="로그인").click()
    page.locator("#login-error").wait_for()
    page.locator("#name").fill("이승인")
    page.locator("#password").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url(locked_desk.url + "/")
    assert "이승인" in page.locator(".who").inner_text()
    _shot(page, "login-inbox.png")
    page.get_by_role("button", name="로그아웃").click()
    page.wait_for_url(re.compile(r"/login"))
