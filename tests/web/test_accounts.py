"""Named desk accounts: created by an admin (CLI), hashed with scrypt, approvals and comments signed by the login."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from click.testing import CliRunner

from haesol.cli import main
from haesol.store import open_store
from haesol.store.review import comments, review_state
from haesol.store.users import password_hash_of
from tests.helpers.desk import release_id

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SEAFOOD_ID = "156800002"
SECRET = "바다-물결-2231"


def _token(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


def test_accounts_sign_approvals_and_comments(desk_db: Path) -> None:
    from haesol.web import create_app

    env = {"DESK_PW": SECRET}
    result = CliRunner(env=env).invoke(
        main, ["user", "add", "김편집", "--admin", "--db", str(desk_db), "--password-env", "DESK_PW"]
    )
    assert result.exit_code == 0, result.output
    with open_store(desk_db) as store:
        stored = password_hash_of(store, "김편집")
    assert stored.startswith("scrypt$") and SECRET not in stored
    rid = release_id(desk_db, SEAFOOD_ID)
    # a store with accounts asks everyone to log in, on 127.0.0.1 too; no shared password is needed
    with TestClient(create_app(desk_db), base_url="http://127.0.0.1") as client:
        assert client.get("/", follow_redirects=False).status_code == 303
        wrong = client.post("/login", data={"csrf_token": _token(client, "/login"), "name": "김편집", "password": "x"})
        assert wrong.status_code == 401
        login = {"csrf_token": _token(client, "/login"), "name": "김편집", "password": SECRET, "next": "/"}
        assert client.post("/login", data=login, follow_redirects=False).status_code == 303
        page = client.get(f"/releases/{rid}").text
        assert 'id="reviewer"' not in page and "승인자: <b>김편집</b>" in page
        token = _token(client, f"/releases/{rid}")
        form = {"csrf_token": token, "reviewer": "다른 사람"}
        assert client.post(f"/releases/{rid}/approve", data=form, follow_redirects=False).status_code == 303
        note = {"csrf_token": token, "body": "확인했습니다", "author": "다른 사람"}
        assert client.post(f"/releases/{rid}/comments", data=note, follow_redirects=False).status_code == 303
    with open_store(desk_db) as store:
        state = review_state(store, rid)
        signed = comments(store, rid)
    assert state is not None and state.approval is not None and state.approval.approved_by == "김편집"
    assert signed[-1].author == "김편집"


def test_local_desk_needs_no_account_and_never_signs_as_the_os_user(desk_db: Path) -> None:
    from haesol.web import create_app

    rid = release_id(desk_db, SEAFOOD_ID)
    with TestClient(create_app(desk_db), base_url="http://127.0.0.1") as client:
        page = client.get(f"/releases/{rid}").text
        assert re.search(r'id="reviewer" name="reviewer" value=""', page)
        token = _token(client, f"/releases/{rid}")
        refused = client.post(f"/releases/{rid}/approve", data={"csrf_token": token, "reviewer": ""})
        assert refused.status_code == 400 and "검토자 이름" in refused.text and "(the reviewer" not in refused.text
        client.post(f"/releases/{rid}/approve", data={"csrf_token": token, "reviewer": "이로컬"})
        client.post(f"/releases/{rid}/comments", data={"csrf_token": token, "body": "좋습니다", "author": ""})
    with open_store(desk_db) as store:
        assert comments(store, rid)[-1].author == "이로컬"  # the name given when approving, not "root"


def test_one_status_vocabulary_for_cli_and_desk(client: TestClient, desk_db: Path) -> None:
    from haesol.store.statuses import STATUS_LABELS
    from tests.helpers.desk import csrf

    rid = release_id(desk_db, SEAFOOD_ID)
    token = {"X-CSRF-Token": csrf(client)}
    assert client.post(f"/api/releases/{rid}/approve", json={"reviewer": "김상태"}, headers=token).status_code == 200
    listed = CliRunner().invoke(main, ["list", "--status", "approved", "--db", str(desk_db)])
    assert listed.exit_code == 0 and listed.stdout.count("\tapproved\t") == 1 and SEAFOOD_ID in listed.stdout
    page = client.get("/").text
    assert f">{STATUS_LABELS['approved']}<" in page
    assert client.post(f"/api/releases/{rid}/revoke", headers=token).json() == {"revoked": True}
    again = CliRunner().invoke(main, ["list", "--status", "needs_review", "--db", str(desk_db)])
    assert SEAFOOD_ID in again.stdout


def test_an_admin_creates_accounts_at_the_desk(desk_db: Path) -> None:
    from haesol.store.users import add_user
    from haesol.web import create_app
    from haesol.web.security import hash_password

    with open_store(desk_db) as store:
        add_user(store, "관리자", hash_password(SECRET), admin=True)
        add_user(store, "편집자", hash_password(SECRET))
    with TestClient(create_app(desk_db), base_url="http://127.0.0.1") as client:
        login = {"csrf_token": _token(client, "/login"), "name": "편집자", "password": SECRET, "next": "/"}
        client.post("/login", data=login)
        assert client.get("/users").status_code == 403 and 'href="/users"' not in client.get("/").text
        client.post("/logout", data={"csrf_token": _token(client, "/")})
        login = {"csrf_token": _token(client, "/login"), "name": "관리자", "password": SECRET, "next": "/"}
        client.post("/login", data=login)
        assert 'href="/users"' in client.get("/").text
        form = {"csrf_token": _token(client, "/users"), "name": "새기자", "password": "짧음"}
        assert client.post("/users", data=form).status_code == 400
        form["password"] = "충분히-긴-비밀번호"
        assert client.post("/users", data=form, follow_redirects=False).status_code == 303
        assert "새기자" in client.get("/users").text
    with open_store(desk_db) as store:
        assert password_hash_of(store, "새기자").startswith("scrypt$")
