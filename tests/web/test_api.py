"""The desk in-process: inbox filters and search, draft view, edit → re-check, approve, regenerate, export, check page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from haesol.parse import MAX_INPUT_BYTES
from haesol.store import open_store
from tests.helpers.desk import FUTURE_ID, HOSTILE_ID, TestClient, csrf, release_id

HEATING_ID = "156800001"


def _post(client: TestClient, url: str, body: dict[str, object]) -> object:
    return client.post(url, json=body, headers={"X-CSRF-Token": csrf(client)})


def _position(client: TestClient, rid: int, needle: str, part: str = "lead") -> tuple[int, str]:
    for sentence in client.get(f"/api/releases/{rid}").json()["sentences"]:
        if needle in sentence["text"] and sentence["part"] == part:
            return sentence["position"], sentence["text"]
    raise AssertionError(f"no {part} sentence with {needle}")


# -- inbox ---------------------------------------------------------------------------------------


def test_inbox_lists_every_release_with_desk_status(client: TestClient) -> None:
    data = client.get("/api/releases").json()
    assert data["total"] == 5 and data["page"] == 1 and data["pages"] == 1
    statuses = {row["news_id"]: row["status"] for row in data["rows"]}
    assert statuses[FUTURE_ID] == "new" and statuses[HEATING_ID] == "drafted"
    page = client.get("/")
    assert page.status_code == 200 and 'lang="ko"' in page.text
    for row in data["rows"]:  # the HTML page shows what its twin returns
        assert f'href="/releases/{row["id"]}"' in page.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("status=new", {FUTURE_ID}, id="status-new"),
        pytest.param("agency=해양수산부", {"156800002"}, id="agency"),
        pytest.param("kogl=0", {"156800002"}, id="kogl-0"),
        pytest.param("kogl=unknown", {FUTURE_ID}, id="kogl-unknown"),
        pytest.param("embargo=embargoed", {FUTURE_ID}, id="embargoed"),
        pytest.param("date_from=2026-10-10&date_to=2026-10-31", {"156800002"}, id="date-range"),
        pytest.param("q=난방", {HEATING_ID, FUTURE_ID}, id="search-morpheme"),
        pytest.param("q=난방&status=drafted", {HEATING_ID}, id="search-and-status"),
    ],
)
def test_inbox_filters(client: TestClient, query: str, expected: set[str]) -> None:
    data = client.get(f"/api/releases?{query}").json()
    assert {row["news_id"] for row in data["rows"]} == expected


def test_search_snippets_mark_hits_as_text(client: TestClient) -> None:
    data = client.get("/api/releases?q=난방기").json()
    parts = data["rows"][0]["snippet"]
    assert any(p["hit"] for p in parts)
    assert "<mark>" in client.get("/?q=난방기").text


def test_inbox_paging(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("haesol.web.inbox.PAGE_SIZE", 2)
    first, last = client.get("/api/releases").json(), client.get("/api/releases?page=3").json()
    assert (first["pages"], len(first["rows"]), len(last["rows"])) == (3, 2, 1)
    assert 'rel="next"' in client.get("/").text


@pytest.mark.parametrize("query", ["status=bogus", "kogl=9", "embargo=maybe", "date_from=2026-1-1", "page=0"])
def test_bad_filters_are_clear_errors(client: TestClient, query: str) -> None:
    response = client.get(f"/api/releases?{query}")
    assert response.status_code in (400, 422) and response.json()["error"]
    assert client.get(f"/?{query}").headers["content-type"].startswith("text/html")


# -- draft view and editing ----------------------------------------------------------------------


def test_draft_view_has_source_structure_and_verdicts(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HEATING_ID)
    data = client.get(f"/api/releases/{rid}").json()
    markers = {block["marker"] for block in data["source"]["blocks"]}
    assert {"□", "ㅇ"} <= markers and any(block["rows"] for block in data["source"]["blocks"])
    checked = [s for s in data["sentences"] if s["editable"]]
    assert checked and all(s["verdict"] == "supported" for s in checked)
    assert all(s["evidence"] for s in checked if s["part"] == "lead")
    html = client.get(f"/releases/{rid}").text
    assert 'id="src-b1.s1"' in html and 'data-sources="b1.s1"' in html and 'tabindex="0"' in html


def test_wrong_number_is_contradicted_then_fixed(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HEATING_ID)
    position, text = _position(client, rid, "1,240곳")
    wrong = _post(client, f"/api/releases/{rid}/sentences/{position}", {"text": text.replace("1,240곳", "1,250곳")})
    body = wrong.json()  # type: ignore[attr-defined]
    assert body["sentence"]["verdict"] == "contradicted"
    assert any(p["expected"] == "1,240곳" for p in body["sentence"]["problems"])
    assert body["review"]["status"] == "needs_review" and body["review"]["blocking"] == [position]
    view = client.get(f"/api/releases/{rid}").json()["sentences"][position]
    assert view["edited"] and view["original"] == text and view["verdict"] == "contradicted"
    fixed = _post(client, f"/api/releases/{rid}/sentences/{position}", {"text": text}).json()  # type: ignore[attr-defined]
    assert fixed["sentence"]["verdict"] == "supported" and fixed["review"]["blocking"] == []
    assert fixed["sentence"]["original"] == text


def test_reworded_sentence_found_elsewhere_by_retrieval(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HEATING_ID)
    position, _ = _position(client, rid, "1,240곳")
    moved = "이번 사업에는 총 320억 원이 투입된다."  # true, but not in the sentence this line cites
    body = _post(client, f"/api/releases/{rid}/sentences/{position}", {"text": moved}).json()  # type: ignore[attr-defined]
    assert body["sentence"]["verdict"] == "supported" and body["sentence"]["retrieved"]
    assert "b2.s1" in body["sentence"]["sources"]


@pytest.mark.parametrize(
    ("position", "text", "status"), [(0, "   ", 400), (10_000, "문장", 404), (0, "가" * 3000, 422)]
)
def test_bad_edits_are_refused(client: TestClient, desk_db: Path, position: int, text: str, status: int) -> None:
    rid = release_id(desk_db, HEATING_ID)
    assert _post(client, f"/api/releases/{rid}/sentences/{position}", {"text": text}).status_code == status  # type: ignore[attr-defined]


def test_labels_cannot_be_edited(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HEATING_ID)
    label = next(s for s in client.get(f"/api/releases/{rid}").json()["sentences"] if s["part"] == "label")
    assert _post(client, f"/api/releases/{rid}/sentences/{label['position']}", {"text": "바꾼 제목"}).status_code == 400  # type: ignore[attr-defined]


# -- approval ------------------------------------------------------------------------------------


def test_approval_is_blocked_then_overridden_and_recorded(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HEATING_ID)
    position, text = _position(client, rid, "1,240곳")
    _post(client, f"/api/releases/{rid}/sentences/{position}", {"text": text.replace("11월 2일", "11월 3일")})
    blocked = _post(client, f"/api/releases/{rid}/approve", {"reviewer": "김검토"})
    assert blocked.status_code == 409 and blocked.json()["blocking"] == [position]  # type: ignore[attr-defined]
    no_reason = _post(client, f"/api/releases/{rid}/approve", {"reviewer": "김검토", "override": True})
    assert no_reason.status_code == 400  # type: ignore[attr-defined]
    done = _post(
        client, f"/api/releases/{rid}/approve", {"reviewer": "김검토", "override": True, "reason": "기관 확인 완료"}
    )
    approval = done.json()  # type: ignore[attr-defined]
    assert approval["approved_by"] == "김검토" and approval["override"] and approval["reason"] == "기관 확인 완료"
    assert approval["failing"] and "11월 3일" in approval["failing"][0] and approval["approved_at"].endswith("KST")
    review = client.get(f"/api/releases/{rid}").json()["review"]
    assert review["status"] == "approved" and review["approval"]["override"]
    with open_store(desk_db) as store:
        row = store.read("SELECT approved_by, override, failing_json FROM approvals")[0]
    assert row["approved_by"] == "김검토" and row["override"] == 1 and "11월 3일" in row["failing_json"]


def test_clean_draft_approves_and_an_edit_reopens_it(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HEATING_ID)
    assert _post(client, f"/api/releases/{rid}/approve", {}).json()["approved_by"] == "편집자"  # type: ignore[attr-defined]
    assert client.get("/api/releases?status=approved").json()["total"] == 1
    position, text = _position(client, rid, "1,240곳")
    _post(client, f"/api/releases/{rid}/sentences/{position}", {"text": text.replace("밝혔다", "발표했다")})
    assert client.get(f"/api/releases/{rid}").json()["review"]["status"] == "needs_review"


def test_approve_form_redirects_and_shows_who(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HEATING_ID)
    response = client.post(
        f"/releases/{rid}/approve", data={"csrf_token": csrf(client), "reviewer": "박편집"}, follow_redirects=False
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "박편집" in page and "승인했습니다" in page


# -- regenerate, export, comments ----------------------------------------------------------------


def test_regenerate_in_polite_style_makes_a_new_draft(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HEATING_ID)
    before = client.get(f"/api/releases/{rid}").json()["article"]["id"]
    made = _post(client, f"/api/releases/{rid}/regenerate", {"engine": "extractive", "style": "polite"}).json()  # type: ignore[attr-defined]
    after = client.get(f"/api/releases/{rid}").json()
    assert made["article_id"] == after["article"]["id"] != before and after["article"]["style"] == "polite"
    assert any(s["text"].endswith("습니다.") for s in after["sentences"])
    assert _post(client, f"/api/releases/{rid}/regenerate", {"engine": "llm"}).status_code == 400  # type: ignore[attr-defined]


def test_first_draft_for_a_new_release(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, FUTURE_ID)
    assert client.get(f"/api/releases/{rid}").json()["article"] is None
    response = client.post(
        f"/releases/{rid}/regenerate",
        data={"csrf_token": csrf(client), "engine": "extractive", "style": "news"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert client.get(f"/api/releases/{rid}").json()["review"]["status"] == "drafted"


@pytest.mark.parametrize(
    ("fmt", "media"), [("md", "text/markdown"), ("html", "text/html"), ("json", "application/json")]
)
def test_export_uses_edits_and_names_files_from_ids(client: TestClient, desk_db: Path, fmt: str, media: str) -> None:
    rid = release_id(desk_db, HEATING_ID)
    position, text = _position(client, rid, "1,240곳")
    edited = text.replace("밝혔다", "발표했다")
    _post(client, f"/api/releases/{rid}/sentences/{position}", {"text": edited})
    response = client.get(f"/releases/{rid}/export/{fmt}")
    article_id = client.get(f"/api/releases/{rid}").json()["article"]["id"]
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert response.headers["content-disposition"] == f'attachment; filename="haesol-{rid}-{article_id}.{fmt}"'
    assert edited in response.text and text not in response.text
    if fmt == "json":
        document = json.loads(response.text)
        entry = next(s for s in document["sentences"] if s["text"] == edited)
        assert entry["sources"][0]["id"] == "b1.s1"


def test_export_rejects_other_formats_and_paths(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HEATING_ID)
    for path in (
        f"/releases/{rid}/export/pdf",
        f"/releases/{rid}/export/..%2F..%2Fetc%2Fpasswd",
        f"/releases/{rid}/export/md..",
    ):
        assert client.get(path).status_code in (404, 422)
    assert client.get("/releases/999/export/md").status_code == 404


def test_exported_file_name_ignores_hostile_title(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HOSTILE_ID)
    disposition = client.get(f"/releases/{rid}/export/md").headers["content-disposition"]
    assert re.fullmatch(rf'attachment; filename="haesol-{rid}-\d+\.md"', disposition)


def test_comments(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HEATING_ID)
    assert _post(client, f"/api/releases/{rid}/comments", {"body": "수치 다시 확인"}).status_code == 200  # type: ignore[attr-defined]
    client.post(f"/releases/{rid}/comments", data={"csrf_token": csrf(client), "body": "<b>굵게</b>"})
    data = client.get(f"/api/releases/{rid}").json()["comments"]
    assert [c["body"] for c in data] == ["수치 다시 확인", "<b>굵게</b>"]
    assert "&lt;b&gt;굵게&lt;/b&gt;" in client.get(f"/releases/{rid}").text


def test_unknown_release_is_404_in_both_forms(client: TestClient) -> None:
    assert client.get("/api/releases/999").status_code == 404
    page = client.get("/releases/999")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]


# -- check page ----------------------------------------------------------------------------------


ARTICLE = "국방부는 11월 2일부터 접경지역 부대의 노후 생활관 난방설비 1,250곳을 교체한다.\n\n이번 사업에는 총 320억 원이 투입된다.\n"


def test_check_against_a_stored_release(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HEATING_ID)
    response = client.post(
        "/api/check", data={"article": ARTICLE, "release_id": str(rid)}, headers={"X-CSRF-Token": csrf(client)}
    )
    report = response.json()["report"]
    verdicts = [s["verdict"] for s in report["sentences"]]
    assert "contradicted" in verdicts and "supported" in verdicts and response.json()["passed"] is False
    with open_store(desk_db) as store:
        assert store.read("SELECT COUNT(*) FROM reports WHERE kind = 'check'")[0][0] == 1
    page = client.post("/check", data={"article": ARTICLE, "release_id": str(rid), "csrf_token": csrf(client)})
    assert page.status_code == 200 and "점검 결과" in page.text and "v-contradicted" in page.text


def test_check_against_an_uploaded_file(client: TestClient, examples: Path) -> None:
    files = {
        "source_file": ("../../etc/release.txt", (examples / "mnd_barracks_heating.txt").read_bytes(), "text/plain")
    }
    response = client.post("/api/check", data={"article": ARTICLE}, files=files, headers={"X-CSRF-Token": csrf(client)})
    assert response.status_code == 200 and response.json()["source_label"] == "release.txt"


def _zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "압축 파일")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        pytest.param(_zip(), 415, "unsupported format", id="zip"),
        pytest.param(b"\xff\xd8\xff\xe0" + b"\x00" * 64, 415, "an image file", id="jpeg"),
        pytest.param(b"%PDF-1.4 broken", 400, "corrupt or truncated PDF", id="broken-pdf"),
    ],
)
def test_check_rejects_unknown_types_with_the_parsers_message(
    client: TestClient, data: bytes, status: int, message: str
) -> None:
    files = {"source_file": ("photo.hwpx", data, "application/octet-stream")}
    response = client.post("/api/check", data={"article": ARTICLE}, files=files, headers={"X-CSRF-Token": csrf(client)})
    assert response.status_code == status
    assert "photo.hwpx" in response.json()["error"] and message in response.json()["error"]


def test_check_rejects_oversized_uploads(client: TestClient) -> None:
    big = b"a" * (MAX_INPUT_BYTES + 2 * 1024 * 1024)
    files = {"source_file": ("big.txt", big, "text/plain")}
    response = client.post("/api/check", data={"article": ARTICLE}, files=files, headers={"X-CSRF-Token": csrf(client)})
    assert response.status_code == 413


def test_check_needs_an_article_and_a_source(client: TestClient) -> None:
    token = {"X-CSRF-Token": csrf(client)}
    assert client.post("/api/check", data={"article": ARTICLE}, headers=token).status_code == 400
    assert client.get("/api/check").json()["releases"]
    assert client.get("/check").status_code == 200


# -- docs ----------------------------------------------------------------------------------------


def test_openapi_and_offline_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/releases/{release_id}/sentences/{position}" in spec["paths"]
    assert all(path.startswith("/api/") for path in spec["paths"])
    docs = client.get("/docs").text
    assert "/api/releases" in docs and not re.search(r"(src|href)=\"https?://", docs)
    assert client.get("/redoc").status_code == 404
    assert client.get("/static/desk.css").status_code == 200


def test_an_unreadable_draft_is_a_notice_not_an_error(client: TestClient, desk_db: Path) -> None:
    from haesol.store import ArticleRecord

    rid = release_id(desk_db, HEATING_ID)
    with open_store(desk_db) as store:
        revision = store.read("SELECT current_revision FROM releases WHERE id = ?", (rid,))[0][0]
        store.save_article(
            ArticleRecord(rid, revision, "extractive", "news", "{}", "0.0.1", "{}", "# 옛 기사", True, 0, "{}")
        )
    data = client.get(f"/api/releases/{rid}").json()
    assert data["article"] is None and "not an article document" in data["notice"]
    assert client.get(f"/releases/{rid}").status_code == 200
    assert client.get(f"/releases/{rid}/export/md").status_code == 400
