"""The review desk as an editor works it, in headless Chromium: import, the queue, problems, edits, history, exceptions.

Each test gets its own copy of a store with the bundled examples and a generated statistics release of
about 1,500 table cells (one cell edited to a wrong number, so the long release has one problem far down).
Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from haesol.jobs.imports import ImportFile, import_files
from haesol.store import open_store
from haesol.web.actions import edit_sentence
from haesol.web.drafts import load_desk
from haesol.web.sources import SourceCache
from tests.helpers.desk import release_id
from tests.web.big_release import big_release
from tests.web.browser_kit import (
    HEATING_ID,
    Running,
    copy_store,
    serve,
    shot,
    shot_of,
    stop,
)

SEAFOOD_ID = "156800002"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
UPLOADED = (
    "보도자료\n보도일시 2026. 11. 25.(수) 12:00\n\n"
    "산림청, 겨울철 산불 감시원 1,800명 배치\n\n"
    "산림청은 12월 1일부터 전국 산불 취약지역에 산불 감시원 1,800명을 배치한다고 25일 밝혔다.\n\n"
    "감시원은 내년 2월 말까지 하루 8시간씩 순찰하며, 드론 120대가 함께 투입된다.\n\n"
    "담당 부서\t산림청 산불방지과\t책임자\t과장 임도현 (042-481-4100)\n"
)


@pytest.fixture(scope="module")
def flow_template(desk_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """The examples plus the big release, drafted; one table cell near the end edited to a wrong number."""
    db = copy_store(desk_template, tmp_path_factory.mktemp("flow") / "template.db")
    with open_store(db) as store:
        summary = import_files(store, [ImportFile("stats.txt", big_release().encode("utf-8"))])
        big = summary.outcomes[0].release_id
        assert big is not None
        cache = SourceCache()
        _, desk = load_desk(store, cache, big)
        assert desk is not None
        position = max(p for p, line in enumerate(desk.order) if line.text.endswith("증가") and "%" in line.text) - 20
        wrong = desk.order[position].text.replace("% 증가", "5% 증가", 1)
        edit_sentence(store, cache, big, position, wrong, "편집자")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db, big, position


@pytest.fixture()
def desk(flow_template: tuple[Path, int, int], tmp_path: Path) -> Iterator[Running]:
    running = serve(copy_store(flow_template[0], tmp_path / "desk.db"))
    yield running
    stop(running)


def _open_draft(page: Any, desk: Running, news_id: str) -> int:
    rid = release_id(desk.db, news_id)
    page.goto(f"{desk.url}/releases/{rid}")
    return rid


def _sentence(page: Any, position: int) -> Any:
    return page.locator(f'.draft .s[data-pos="{position}"]')


def _lead(page: Any) -> tuple[Any, int]:
    lead = page.locator(".draft .s[data-part='lead']").first
    return lead, int(lead.get_attribute("data-pos"))


def _approve(page: Any, name: str = "김검토", reason: str = "") -> None:
    page.locator("#reviewer").fill(name)
    if reason:
        page.locator("#override").check()
        page.locator("#reason").fill(reason)
    page.locator("#approve-button").click()
    page.locator("#approval").wait_for()


def test_import_by_upload_and_drop(page: Any, desk: Running, tmp_path: Path) -> None:
    release = tmp_path / "산불.txt"
    release.write_text(UPLOADED, encoding="utf-8")
    photo = tmp_path / "photo.png"
    photo.write_bytes(PNG)
    page.goto(desk.url + "/")
    page.locator("#import-files").set_input_files([str(release), str(photo)])
    page.locator("#import-button").click()
    result = page.locator("#import-result")
    result.wait_for()
    text = result.inner_text()
    assert "산불.txt: 새로 저장" in text and "photo.png: 읽지 못함" in text and "그림 파일" in text
    assert "(" not in text.split("그림 파일")[1].split("\n")[0]  # no English gloss in the UI
    row = page.locator("#queue tr.release", has_text="산불 감시원")
    assert row.count() == 1 and row.locator(".badge").inner_text() in ("초안 · 보도 가능", "검토 필요")
    shot(page, "inbox-import.png")
    # drag and drop: the same file again is recognised as already there
    page.evaluate(
        """(text) => {
            const data = new DataTransfer();
            data.items.add(new File([text], "다시.txt", { type: "text/plain" }));
            const zone = document.getElementById("dropzone");
            zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
        }""",
        UPLOADED,
    )
    page.locator("#import-result", has_text="다시.txt: 이미 있음").wait_for()


def test_queue_columns_sorting_filters_and_bulk_approval(page: Any, desk: Running) -> None:
    rid = _open_draft(page, desk, HEATING_ID)
    page.locator("#assign-to").fill("최담당")
    page.get_by_role("button", name="담당 정하기").click()
    page.locator("#done", has_text="담당자를 정했습니다").wait_for()
    assert "담당 최담당" in page.locator("#assignee-badge").inner_text()
    page.goto(desk.url + "/")
    assert page.locator(f'#queue tr.release[data-id="{rid}"] .assignee').inner_text() == "최담당"
    page.locator("#assignee").select_option("최담당")
    page.get_by_role("button", name="찾기").click()
    page.wait_for_url(re.compile(r"assignee="))
    assert page.locator("#queue tbody tr").count() == 1
    page.goto(desk.url + "/")
    headers = page.locator("#queue thead th").all_inner_texts()
    for name in ("제목", "기관", "날짜", "상태", "문제 문장", "담당", "승인자", "승인 종류"):
        assert any(name in h for h in headers), (name, headers)
    # the long release has one flagged cell; sorting by problems puts it first (descending on the second click)
    page.locator('a.sort[data-sort="problems"]').click()
    page.locator('a.sort[data-sort="problems"]').click()
    page.wait_for_url(re.compile(r"sort=-problems"))
    first = page.locator("#queue tbody tr").first
    assert "신규 사업체" in first.inner_text() and "원문과 다름 1" in first.locator(".flags").inner_text()
    # agency from a list
    agencies = page.locator("#agency option").all_inner_texts()
    assert "해양수산부" in agencies
    page.locator("#agency").select_option("해양수산부")
    page.get_by_role("button", name="찾기").click()
    page.wait_for_url(re.compile(r"agency="))
    assert page.locator("#queue tbody tr").count() == 1
    # an empty date range says where the dates are
    page.goto(desk.url + "/?date_from=2020-01-01&date_to=2020-01-31")
    hint = page.locator("#empty").inner_text()
    assert "이 기간에는 보도자료가 없습니다" in hint and "2026-" in hint
    # bulk approval: only drafts without flags can be ticked
    page.goto(desk.url + "/")
    boxes = page.locator('#queue input[name="ids"]')
    assert boxes.count() >= 1
    flagged = page.locator("#queue tr.release", has_text="신규 사업체")
    assert flagged.locator('input[name="ids"]').count() == 0
    ticked = boxes.first.get_attribute("value")
    boxes.first.check()
    page.locator("#bulk-reviewer").fill("박일괄")
    page.locator("#bulk-approve").click()
    page.locator("#done", has_text="1건을 승인했습니다").wait_for()
    row = page.locator(f'#queue tr.release[data-id="{ticked}"]')
    assert row.locator(".approver").inner_text() == "박일괄" and row.locator(".kind").inner_text() == "정상 승인"
    page.set_viewport_size({"width": 1400, "height": 760})
    shot(page, "queue.png")
    page.locator("#approval").select_option("clean")
    page.get_by_role("button", name="찾기").click()
    page.wait_for_url(re.compile(r"approval=clean"))
    assert page.locator("#queue tbody tr").count() == 1


def test_long_release_problems_list_one_scroll_no_blank(page: Any, desk: Running, flow_template: Any) -> None:
    _, big, position = flow_template
    page.goto(f"{desk.url}/releases/{big}")
    assert page.locator(".draft .s[data-pos]").count() > 1_500
    # the problems list sits at the top, with a jump link to the flagged cell far down
    problems = page.locator("#problems")
    assert problems.bounding_box()["y"] < 400 and page.locator("#problem-count").inner_text() == "1"
    shot(page, "long-release-top.png")
    problems.locator(f'a[data-goto="{position}"]').click()
    cell = _sentence(page, position)
    assert page.evaluate("document.activeElement.dataset.pos") == str(position)
    assert "원문과 다름" in page.locator("#evidence").inner_text()
    assert cell.evaluate("n => n.closest('table') !== null")  # shown in a table, checked as a cell
    box = cell.bounding_box()
    assert 0 < box["y"] < 900 - 160  # visible above the docked evidence panel
    shot(page, "long-release-problem.png")
    # one scroll for the page: no pane scrolls on its own, and nothing below the footer but the panel's room
    nested = page.evaluate(
        """() => Array.from(document.querySelectorAll('.pane, .desk, main')).filter(
            n => n.scrollHeight > n.clientHeight + 2 && getComputedStyle(n).overflowY !== 'visible').length"""
    )
    assert nested == 0
    gap = page.evaluate(
        """() => document.documentElement.scrollHeight
            - (document.querySelector('.foot').getBoundingClientRect().bottom + window.scrollY)"""
    )
    panel = page.evaluate("document.getElementById('evidence').getBoundingClientRect().height")
    assert gap <= panel + 2, (gap, panel)
    # supported table cells are not tab stops: the approve form is a few Tabs away, not 1,500
    stops = page.evaluate("document.querySelectorAll('.draft .s[tabindex=\"0\"]').length")
    assert stops < 60, stops


def test_n_p_navigation_and_keys(page: Any, desk: Running) -> None:
    rid = _open_draft(page, desk, HEATING_ID)
    _, position = _lead(page)
    # make two problems: a wrong number in the lead and in the next sentence
    for target in (position, position + 1):
        sentence = _sentence(page, target)
        sentence.focus()
        page.keyboard.press("e")
        box = page.locator("textarea.edit")
        box.fill(re.sub(r"\d", "7", box.input_value(), count=1) + " 그리고 달나라 기지 9곳을 짓는다")
        page.keyboard.press("Enter")
        page.locator(f'.draft .s[data-pos="{target}"].checking').wait_for(state="detached")
    page.goto(f"{desk.url}/releases/{rid}")
    assert int(page.locator("#problem-count").inner_text()) >= 2
    flagged = [int(p) for p in page.locator("#problems a[data-goto]").evaluate_all("l => l.map(a => a.dataset.goto)")]
    page.locator("h1").click()
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.dataset.pos") == str(flagged[0])
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.dataset.pos") == str(flagged[1])
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.dataset.pos") == str(flagged[0])
    page.keyboard.press("e")
    assert page.locator("textarea.edit").count() == 1
    page.keyboard.press("Escape")
    page.once("dialog", lambda dialog: dialog.accept())  # the shortcut asks before it signs off
    page.keyboard.press("a")  # approve: refused, with jump links to the flagged sentences
    page.locator("#action-error").wait_for()
    assert page.locator("#action-error a[data-goto]").count() == len(flagged)
    assert "(" not in page.locator("#action-error p").inner_text()


def test_edit_survives_clicks_cancel_history_and_undo(page: Any, desk: Running) -> None:
    rid = _open_draft(page, desk, SEAFOOD_ID)
    lead, position = _lead(page)
    original = lead.inner_text()
    lead.dblclick()
    box = page.locator("textarea.edit")
    box.fill("고치던 문장은 사라지지 않는다")
    page.locator(".source-pane .src").first.click()  # compare with the source: the editor stays
    assert box.input_value() == "고치던 문장은 사라지지 않는다"
    page.reload()  # a reload (or a crash) keeps the unsaved text as a draft of the sentence
    assert page.locator("textarea.edit").input_value() == "고치던 문장은 사라지지 않는다"
    assert "되살렸습니다" in page.locator(".edit-help").inner_text()
    page.get_by_role("button", name="취소").click()
    assert page.locator("textarea.edit").count() == 0 and lead.inner_text() == original
    # save a change: red at once; the history lists it after a reload; undo brings the text back
    lead.dblclick()
    page.locator("textarea.edit").fill(original.replace("8억 2천만", "9억 2천만"))
    page.get_by_role("button", name="저장").click()
    page.locator(f'.draft .s[data-pos="{position}"].v-contradicted').wait_for()
    page.goto(f"{desk.url}/releases/{rid}")
    history = page.locator("#edit-history")
    assert "9억 2천만" in history.inner_text() and "8억 2천만" in history.inner_text()
    shot_of(page.locator("#history"), "draft-history.png")
    page.locator("#undo-button").click()
    page.locator("#done", has_text="되돌렸습니다").wait_for()
    assert _sentence(page, position).inner_text() == original
    assert "v-contradicted" not in (_sentence(page, position).get_attribute("class") or "")
    assert page.locator("#edit-history li").count() == 2  # the undo is recorded too


def test_regenerate_asks_and_keeps_the_old_draft(page: Any, desk: Running) -> None:
    rid = _open_draft(page, desk, SEAFOOD_ID)
    _approve(page, "김승인")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("#regen-button").click()
    page.wait_for_timeout(200)
    assert page.locator("#drafts").count() == 0  # dismissed: nothing made
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#regen-button").click()
    page.locator("#done", has_text="새 초안을 만들었습니다").wait_for()
    drafts = page.locator("#drafts li")
    assert drafts.count() == 2 and page.locator("#review-status").inner_text() != "승인"
    page.locator("#drafts a").first.click()
    page.wait_for_url(re.compile(rf"/releases/{rid}\?article=\d+"))
    assert page.locator("#old-draft").is_visible() and page.locator("#approve-form").count() == 0
    assert page.locator("#regen-form").count() == 0
    page.locator("#restore-button").click()  # the earlier draft comes back as the newest (a copy; needs review)
    page.locator("#done", has_text="되살렸습니다").wait_for()
    assert page.locator("#drafts li").count() == 3 and page.locator("#review-status").inner_text() == "검토 필요"


def test_editing_an_approved_article_asks_and_revokes(page: Any, desk: Running) -> None:
    _open_draft(page, desk, SEAFOOD_ID)
    _approve(page, "김승인")
    assert page.locator("#approve-form").is_hidden() and page.locator("#revoke-button").is_visible()
    lead, _ = _lead(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    lead.dblclick()
    assert page.locator("textarea.edit").count() == 0
    page.once("dialog", lambda dialog: dialog.accept())
    top = page.locator(".draft .headline").bounding_box()["y"]
    lead.dblclick()
    box = page.locator("textarea.edit")
    box.fill(box.input_value() + " 정말")
    page.keyboard.press("Enter")
    page.locator("#revoked-note").wait_for()
    assert abs(page.locator(".draft .headline").bounding_box()["y"] - top) < 1  # revoking moves nothing above
    assert page.locator("#approval").count() == 0 and page.locator("#done").count() == 0
    assert "승인이 취소되었습니다" in page.locator("#revoked-banner").inner_text()
    assert page.locator("#approval-revoked").inner_text() == "승인 취소됨"
    assert page.locator("#approve-form").is_visible() and page.locator("#review-status").inner_text() == "검토 필요"


def test_override_travels_to_inbox_and_exports(page: Any, desk: Running) -> None:
    rid = _open_draft(page, desk, SEAFOOD_ID)
    lead, position = _lead(page)
    assert page.locator("#override-box").is_hidden()  # no problems: no override control
    lead.focus()
    page.keyboard.press("Enter")
    box = page.locator("textarea.edit")
    box.fill(box.input_value().replace("12.4%", "14.2%"))
    page.keyboard.press("Enter")
    page.locator(f'.draft .s[data-pos="{position}"].v-contradicted').wait_for()
    assert page.locator("#override-box").is_visible()
    _approve(page, "김예외", reason="기관이 정정 자료를 보내 옴")
    assert page.locator("#approval-kind").inner_text() == "예외 승인"
    assert page.locator("#approve-form").is_hidden() and page.locator("#revoke-button").is_visible()
    shot(page, "draft-override.png")
    shot_of(page.locator("#review"), "review-override.png")
    shot_of(page.locator(".actions"), "draft-actions.png")
    exports = {}
    for fmt in ("md", "html", "json"):
        with page.expect_download() as info:
            page.locator(f"#export-{fmt}").click()
        exports[fmt] = Path(info.value.path()).read_text(encoding="utf-8")
    assert "approval=override" in exports["md"] and "기관이 정정 자료를 보내 옴" in exports["md"]
    assert 'data-haesol-approval="override"' in exports["html"]
    document = json.loads(exports["json"])
    assert document["review"]["approval"] == "override" and document["review"]["approved_by"] == "김예외"
    assert any(v["verdict"] == "contradicted" and "14.2%" in v["text"] for v in document["verdicts"])
    page.goto(desk.url + "/")
    row = page.locator(f'#queue tr.release[data-id="{rid}"]')
    assert row.locator(".kind").inner_text() == "예외 승인" and row.locator(".approver").inner_text() == "김예외"
    shot_of(page.locator("#queue"), "inbox-override.png")


def test_evidence_panel_does_not_move_the_sentence(page: Any, desk: Running) -> None:
    _open_draft(page, desk, HEATING_ID)
    sentences = page.locator(".draft .s[data-pos]")
    for index in (0, 3, 8):
        target = sentences.nth(index)
        target.evaluate("n => n.scrollIntoView({ block: 'center' })")
        before = target.bounding_box()
        target.click()
        after = target.bounding_box()
        assert abs(before["y"] - after["y"]) < 1 and abs(before["x"] - after["x"]) < 1, (index, before, after)
    assert page.locator("#evidence h3").is_visible()
    shot(page, "draft.png")


def test_check_page_collapses_supported_sentences(page: Any, desk: Running, examples: Path) -> None:
    rid = release_id(desk.db, SEAFOOD_ID)
    page.goto(desk.url + "/check")
    article = (examples / "mof_seafood_exports.txt").read_text(encoding="utf-8").split("\n\n")[2]
    page.locator("#article").fill(article + "\n\n수출액은 9억 달러였다.")
    page.locator("#release_id").select_option(str(rid))
    page.get_by_role("button", name="점검").click()
    page.locator("#score").wait_for()
    assert page.locator("#supported-list").get_attribute("open") is None
    assert page.locator("#flagged li").count() >= 1
    shot(page, "check.png")
