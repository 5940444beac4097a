"""Desk security: escaping of hostile releases, CSRF, login with a hashed secret, cookies, limits, serve refusals."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from haesol.cli import main
from haesol.cli.cmd_serve import plan_serve
from haesol.web.security import (
    LoginThrottle,
    hash_password,
    is_loopback,
    is_password_hash,
    local_path,
    verify_password,
)
from tests.helpers.desk import HOSTILE_ID, PASSWORD, TestClient, csrf, release_id

HOSTILE_MARKERS = ("<script>alert", "<img src=x", 'onmouseover="alert')


def _assert_inert(html: str) -> None:
    for marker in HOSTILE_MARKERS:
        assert marker not in html, marker
    assert not re.search(r"<[^>]*\son(mouseover|error)\s*=", html, re.IGNORECASE)  # no injected attribute in any tag
    assert not re.search(r"href=\"\s*javascript:", html, re.IGNORECASE)


# -- escaping ------------------------------------------------------------------------------------


def test_hostile_release_is_escaped_everywhere(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HOSTILE_ID)
    inbox = client.get("/").text
    _assert_inert(inbox)
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in inbox
    draft = client.get(f"/releases/{rid}").text
    _assert_inert(draft)
    assert "&#34; onmouseover=&#34;alert(4)" in draft or "&quot; onmouseover=&quot;alert(4)" in draft
    assert "원문 페이지" not in draft  # the javascript: source URL is not linked
    data = re.search(r'<script type="application/json" id="draft-data">(.*?)</script>', draft, re.DOTALL)
    assert data is not None and "<" not in data.group(1)  # the embedded JSON cannot close its script element
    _assert_inert(client.get("/check").text)
    _assert_inert(client.get(f"/releases/{rid}/export/html").text)
    assert client.get(f"/api/releases/{rid}").json()["release"]["source_url"] == ""


def test_search_query_is_escaped(client: TestClient) -> None:
    page = client.get('/?q="><script>alert(9)</script>').text
    assert "<script>alert(9)" not in page


def test_pages_send_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_templates_load_nothing_from_the_internet(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HOSTILE_ID)
    for path in ("/", f"/releases/{rid}", "/check", "/docs"):
        assert not re.search(r"(src|href)=\"(https?:)?//", client.get(path).text), path
    static = Path(__file__).resolve().parents[2] / "src" / "haesol" / "web" / "static"
    for file in static.iterdir():
        assert "http://" not in file.read_text(encoding="utf-8") and "https://" not in file.read_text(encoding="utf-8")


# -- CSRF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_state_changes_need_the_csrf_token(client: TestClient, desk_db: Path, token: str | None) -> None:
    rid = release_id(desk_db, HOSTILE_ID)
    headers = {"X-CSRF-Token": token} if token else {}
    assert client.post(f"/api/releases/{rid}/approve", json={}, headers=headers).status_code == 403
    assert client.post(f"/api/releases/{rid}/sentences/1", json={"text": "문장"}, headers=headers).status_code == 403
    form = {"csrf_token": token} if token else {}
    assert client.post(f"/releases/{rid}/approve", data=form).status_code == 403
    assert client.post(f"/releases/{rid}/comments", data={**form, "body": "x"}).status_code == 403
    assert client.post("/check", data={**form, "article": "x"}).status_code == 403
    assert client.get(f"/api/releases/{rid}").json()["review"]["status"] == "drafted"


def test_csrf_token_belongs_to_its_session(client: TestClient, desk_db: Path) -> None:
    from haesol.web import create_app

    rid = release_id(desk_db, HOSTILE_ID)
    with TestClient(create_app(desk_db), base_url="http://127.0.0.1") as other:
        foreign = csrf(other)
    assert client.post(f"/api/releases/{rid}/approve", json={}, headers={"X-CSRF-Token": foreign}).status_code == 403


def test_cross_origin_posts_are_refused(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HOSTILE_ID)
    headers = {"X-CSRF-Token": csrf(client), "Origin": "http://evil.example"}
    assert client.post(f"/api/releases/{rid}/approve", json={}, headers=headers).status_code == 403


# -- login ---------------------------------------------------------------------------------------


def test_login_is_required_and_works(auth_client: TestClient) -> None:
    first = auth_client.get("/releases/1?x=1", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"].startswith("/login?next=%2Freleases%2F1")
    assert auth_client.get("/api/releases").status_code == 401
    assert auth_client.get("/openapi.json").status_code == 401
    login = auth_client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', login.text)
    assert token is not None
    before = auth_client.cookies.get("haesol_session")
    wrong = auth_client.post(
        "/login", data={"csrf_token": token.group(1), "name": "김검토", "password": "틀림", "next": "/"}
    )
    assert wrong.status_code == 401 and "이름 또는 비밀번호가 맞지 않습니다" in wrong.text
    ok = auth_client.post(
        "/login",
        data={"csrf_token": token.group(1), "name": "김검토", "password": PASSWORD, "next": "/releases/1"},
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/releases/1"
    cookie = ok.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    assert auth_client.cookies.get("haesol_session") != before  # a new session after login
    assert auth_client.get("/api/releases").status_code == 200
    assert auth_client.get("/api/session").json()["user"] == "김검토"


def test_login_needs_csrf_and_logout_ends_the_session(auth_client: TestClient) -> None:
    assert auth_client.post("/login", data={"name": "a", "password": PASSWORD}).status_code == 403
    token = re.search(r'name="csrf_token" value="([^"]+)"', auth_client.get("/login").text).group(1)  # type: ignore[union-attr]
    auth_client.post("/login", data={"csrf_token": token, "name": "김검토", "password": PASSWORD})
    session = auth_client.get("/api/session").json()
    out = auth_client.post("/logout", data={"csrf_token": session["csrf_token"]}, follow_redirects=False)
    assert out.status_code == 303 and auth_client.get("/api/releases").status_code == 401


def test_approvals_record_the_logged_in_name(auth_client: TestClient, desk_db: Path) -> None:
    token = re.search(r'name="csrf_token" value="([^"]+)"', auth_client.get("/login").text).group(1)  # type: ignore[union-attr]
    auth_client.post("/login", data={"csrf_token": token, "name": "이승인", "password": PASSWORD})
    rid = release_id(desk_db, HOSTILE_ID)
    approval = auth_client.post(
        f"/api/releases/{rid}/approve",
        json={"reviewer": "다른사람"},
        headers={"X-CSRF-Token": auth_client.get("/api/session").json()["csrf_token"]},
    )
    assert approval.json()["approved_by"] == "이승인"


def test_open_redirects_are_refused(auth_client: TestClient) -> None:
    token = re.search(r'name="csrf_token" value="([^"]+)"', auth_client.get("/login").text).group(1)  # type: ignore[union-attr]
    ok = auth_client.post(
        "/login",
        data={"csrf_token": token, "name": "김", "password": PASSWORD, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert ok.headers["location"] == "/"
    assert [local_path(p) for p in ("/a?b=1", "//x", "https://x", "/\\x", "")] == ["/a?b=1", "/", "/", "/", "/"]


def test_secure_cookie_over_https(desk_db: Path) -> None:
    from haesol.web import create_app

    with TestClient(create_app(desk_db), base_url="https://127.0.0.1") as secure:
        assert "Secure" in secure.get("/").headers["set-cookie"]


def test_logins_are_throttled() -> None:
    throttle = LoginThrottle(window=60, limit=3)
    for _ in range(3):
        throttle.failed("10.0.0.1")
    assert throttle.blocked("10.0.0.1") and not throttle.blocked("10.0.0.2")
    throttle.succeeded("10.0.0.1")
    assert not throttle.blocked("10.0.0.1")


def test_repeated_wrong_passwords_get_429(auth_client: TestClient) -> None:
    token = re.search(r'name="csrf_token" value="([^"]+)"', auth_client.get("/login").text).group(1)  # type: ignore[union-attr]
    codes = [
        auth_client.post("/login", data={"csrf_token": token, "name": "x", "password": f"no{i}"}).status_code
        for i in range(6)
    ]
    assert codes[:5] == [401] * 5 and codes[5] == 429


def test_only_a_salted_scrypt_hash_is_kept(desk_db: Path) -> None:
    from haesol.web import create_app

    app = create_app(desk_db, password=PASSWORD, require_login=True)
    stored = app.state.desk.settings.password_hash
    assert is_password_hash(stored) and PASSWORD not in stored and PASSWORD not in repr(app.state.desk.settings)
    assert verify_password(PASSWORD, stored) and not verify_password(PASSWORD + "x", stored)
    assert hash_password("a") != hash_password("a")  # salted
    prehashed = create_app(desk_db, password=stored, require_login=True)
    assert prehashed.state.desk.settings.password_hash == stored


def test_request_bodies_are_capped(client: TestClient, desk_db: Path) -> None:
    rid = release_id(desk_db, HOSTILE_ID)
    big = "가" * (1024 * 1024)
    response = client.post(f"/api/releases/{rid}/comments", json={"body": big}, headers={"X-CSRF-Token": csrf(client)})
    assert response.status_code == 413


# -- serve ---------------------------------------------------------------------------------------


@pytest.fixture()
def no_secrets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HAESOL_SERVE_PASSWORD", raising=False)
    monkeypatch.delenv("HAESOL_SERVE_HOST", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::"])
def test_serve_refuses_public_addresses_without_a_password(runner: CliRunner, no_secrets: None, host: str) -> None:
    result = runner.invoke(main, ["serve", "--host", host, "--db", "unused.db"])
    assert result.exit_code == 2 and "HAESOL_SERVE_PASSWORD" in result.output


def test_serve_plans(no_secrets: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    local = plan_serve(None, None, str(tmp_path / "d.db"), None, False, False)
    assert (local.host, local.port, local.require_login) == ("127.0.0.1", 8000, False)
    monkeypatch.setenv("HAESOL_SERVE_PASSWORD", PASSWORD)
    public = plan_serve("0.0.0.0", 9000, None, None, False, False)
    assert public.require_login and public.port == 9000 and PASSWORD not in repr(public)
    assert plan_serve("127.0.0.1", None, None, None, True, False).require_login
    assert [is_loopback(h) for h in ("127.0.0.1", "127.8.0.1", "::1", "localhost", "0.0.0.0", "example.org")] == [
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_serve_help_and_hash_password(runner: CliRunner) -> None:
    assert "--require-login" in runner.invoke(main, ["serve", "--help"]).output
    result = runner.invoke(main, ["serve", "--hash-password"], input="비밀-1\n비밀-1\n")
    assert result.exit_code == 0 and verify_password("비밀-1", result.output.strip().splitlines()[-1])


def test_version_does_not_import_the_web_stack() -> None:
    code = "import sys; from haesol import cli; print(any(m.split('.')[0] in ('fastapi', 'uvicorn', 'jinja2') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_a_local_desk_answers_only_loopback_host_names(client: TestClient, desk_db: Path) -> None:
    from haesol.web import create_app

    assert client.get("/", headers={"Host": "rebound.example:8000"}).status_code == 400  # DNS rebinding
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200
    with TestClient(
        create_app(desk_db, password=PASSWORD, require_login=True), base_url="http://desk.example"
    ) as public:
        assert public.get("/login").status_code == 200
