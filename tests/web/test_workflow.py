"""The desk's workflow calls through the API: undo, revoke, bulk approval, assignment, export markers, upload limits."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from haesol.store import open_store
from haesol.store.workflow import edit_history
from tests.helpers.desk import csrf, release_id

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SEAFOOD_ID = "156800002"
HEATING_ID = "156800001"


def _lead(client: TestClient, rid: int) -> dict[str, object]:
    data = client.get(f"/api/releases/{rid}").json()
    return next(s for s in data["sentences"] if s["part"] == "lead")


def test_undo_restores_the_text_and_keeps_both_edits(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, SEAFOOD_ID)
    token = {"X-CSRF-Token": csrf(client)}
    assert client.post(f"/api/releases/{rid}/undo", headers=token).json() is None  # nothing to undo
    lead = _lead(client, rid)
    changed = str(lead["text"]).replace("8억 2천만", "9억 2천만")
    body = {"text": changed, "reviewer": "이편집"}
    saved = client.post(f"/api/releases/{rid}/sentences/{lead['position']}", json=body, headers=token)
    assert saved.json()["sentence"]["verdict"] == "contradicted"
    undone = client.post(f"/api/releases/{rid}/undo", headers=token).json()
    assert undone["text"] == lead["text"] and undone["verdict"] == lead["verdict"]
    with open_store(desk_db) as store:
        article = store.read("SELECT MAX(id) FROM articles WHERE release_id = ?", (rid,))[0][0]
        history = edit_history(store, article)
    assert [e.text for e in history] == [changed, lead["text"]]
    assert [e.edited_by for e in history] == ["이편집", "이편집"]  # a local desk signs with the name typed


def test_revoke_and_exports_say_what_kind_of_approval(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, SEAFOOD_ID)
    token = {"X-CSRF-Token": csrf(client)}
    assert client.post(f"/api/releases/{rid}/revoke", headers=token).json() == {"revoked": False}
    unapproved = json.loads(client.get(f"/releases/{rid}/export/json").text)
    assert unapproved["review"]["approval"] == "none" and unapproved["verdicts"]
    client.post(f"/api/releases/{rid}/approve", json={"reviewer": "김정상"}, headers=token)
    assert "approval=clean" in client.get(f"/releases/{rid}/export/md").text
    assert 'data-haesol-approval="clean"' in client.get(f"/releases/{rid}/export/html").text
    assert client.post(f"/api/releases/{rid}/revoke", headers=token).json() == {"revoked": True}
    assert client.get(f"/api/releases/{rid}").json()["review"]["approval"] is None
    assert "approval=none" in client.get(f"/releases/{rid}/export/md").text


def test_bulk_approval_skips_flagged_drafts(client: TestClient, desk_db: Path) -> None:
    clean, flagged = release_id(desk_db, SEAFOOD_ID), release_id(desk_db, HEATING_ID)
    token = csrf(client)
    lead = _lead(client, flagged)
    wrong = str(lead["text"]).replace("1,240곳", "1,250곳")
    client.post(
        f"/api/releases/{flagged}/sentences/{lead['position']}", json={"text": wrong}, headers={"X-CSRF-Token": token}
    )
    form = {"csrf_token": token, "ids": [str(clean), str(flagged)], "reviewer": "박일괄"}
    answer = client.post("/bulk-approve", data=form, follow_redirects=False)
    assert (
        answer.status_code == 303
        and "approved=1" in answer.headers["location"]
        and "refused=1" in answer.headers["location"]
    )
    assert client.get(f"/api/releases/{clean}").json()["review"]["status"] == "approved"
    assert client.get(f"/api/releases/{flagged}").json()["review"]["status"] == "needs_review"


def test_regenerate_form_needs_the_confirmation(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, SEAFOOD_ID)
    token = csrf(client)
    refused = client.post(f"/releases/{rid}/regenerate", data={"csrf_token": token})
    assert refused.status_code == 400 and "다시 만들기를 확인해 주세요" in refused.text
    done = client.post(
        f"/releases/{rid}/regenerate", data={"csrf_token": token, "confirmed": "1"}, follow_redirects=False
    )
    assert done.status_code == 303
    drafts = client.get(f"/api/releases/{rid}").json()["extra"]["drafts"]
    assert len(drafts) == 2 and client.get(f"/releases/{rid}?article={drafts[1]['id']}").status_code == 200
    assert client.get(f"/releases/{rid}?article=999999").status_code == 404


def test_import_upload_needs_a_file(client: TestClient) -> None:
    token = csrf(client)
    empty = client.post("/api/import", files={"files": ("", b"", "text/plain")}, headers={"X-CSRF-Token": token})
    assert empty.status_code in (400, 422)
