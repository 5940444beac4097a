"""The desk's publish action against the real test WordPress: the button, the post, and where it is shown."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from haesol.config import load_config
from haesol.store import open_store
from haesol.store.publications import publications
from tests.helpers.desk import csrf
from tests.publish.wordpress_server import WordPress

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2; the project pins httpx 0.28
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def _client(db: Path, overrides: dict[str, object]) -> TestClient:
    from haesol.web import create_app

    app = create_app(db, default_reviewer="편집자", config=load_config(None, overrides))
    return TestClient(app, base_url="http://127.0.0.1")


@pytest.fixture()
def desk(approved_db: Path, wordpress: WordPress) -> Iterator[TestClient]:
    overrides = {
        "wordpress.url": wordpress.url,
        "wordpress.user": wordpress.user,
        "wordpress.password": wordpress.app_password,
        "wordpress.retries": 0,
    }
    with _client(approved_db, overrides) as client:
        yield client


def test_an_approved_draft_can_be_published_from_the_desk(
    desk: TestClient, approved_db: Path, wordpress: WordPress
) -> None:
    page = desk.get("/releases/1")
    assert 'id="publish-form"' in page.text and "아직 게시하지 않았습니다" in page.text
    answer = desk.post(
        "/releases/1/publish", data={"status": "publish", "csrf_token": csrf(desk)}, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    with open_store(approved_db) as store:
        [record] = publications(store, 1)
    page = desk.get("/releases/1?done=published")
    assert "게시했습니다" in page.text and f'href="{record.url}"' in page.text and "공개" in page.text
    listed = desk.get("/api/releases/1/publications").json()
    assert listed["publications"][0]["url"] == record.url and listed["approved"] is True
    assert wordpress.app_password not in page.text and wordpress.app_password not in str(listed)
    post = httpx.get(record.url)
    assert post.status_code == 200 and "접경지역" in post.text


def test_drafts_that_are_not_approved_offer_no_publishing(desk: TestClient) -> None:
    page = desk.get("/releases/2")
    assert 'id="publish-form"' not in page.text and "승인한 기사만 게시할 수 있습니다" in page.text
    refused = desk.post("/api/releases/2/publish", headers={"X-CSRF-Token": csrf(desk)})
    assert refused.status_code == 400 and "not approved" in refused.json()["error"]


def test_publishing_needs_the_csrf_token(desk: TestClient) -> None:
    assert desk.post("/releases/1/publish", data={"status": "draft"}, follow_redirects=False).status_code == 403


def test_without_wordpress_settings_the_desk_says_how(approved_db: Path) -> None:
    with _client(approved_db, {"wordpress.url": "", "wordpress.password": ""}) as client:
        page = client.get("/releases/1")
        assert 'id="publish-form"' not in page.text and "HAESOL_WORDPRESS_" in page.text
        refused = client.post("/api/releases/1/publish", headers={"X-CSRF-Token": csrf(client)})
        assert refused.status_code == 400 and "not configured" in refused.json()["error"]
