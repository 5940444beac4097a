"""End to end in headless Chromium (Debian's, driven by Playwright) against a real uvicorn server on 127.0.0.1.

Skips when Playwright or the browser is missing. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.helpers.desk import PASSWORD, release_id
from tests.web.browser_kit import (
    HEATING_ID,
    Running,
    shot,
)


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
    shot(page, "inbox.png")
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
    shot(page, "draft-contradicted.png")
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
    shot(page, "draft.png")
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
    for name, path in (("inbox", "/"), ("draft", f"/releases/{rid}"), ("check", "/check")):
        small.goto(desk.url + path)
        assert small.evaluate("document.documentElement.scrollWidth") <= 360, path
        shot(small, f"{name}-360.png")
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
    shot(page, "login-inbox.png")
    page.get_by_role("button", name="로그아웃").click()
    page.wait_for_url(re.compile(r"/login"))
