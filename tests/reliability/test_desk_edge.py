"""The desk's edge: ids, body limits for chunked requests, the password floor for public binds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from haesol.web.security import password_weakness
from tests.helpers.desk import TestClient, csrf


@pytest.mark.parametrize(
    "path", ["/releases/99999999999999999999", "/api/releases/99999999999999999999", "/api/releases/0"]
)
def test_out_of_range_ids_are_refused_at_the_edge(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 422, response.text


def test_an_over_long_form_id_is_not_a_500(client: TestClient) -> None:
    token = csrf(client)
    page = client.post("/check", data={"article": "기사", "release_id": "9" * 25, "csrf_token": token})
    assert page.status_code < 500
    api = client.post("/api/check", data={"article": "기사", "release_id": "9" * 25}, headers={"X-CSRF-Token": token})
    assert api.status_code == 422


def test_an_over_limit_chunked_body_gets_413(client: TestClient) -> None:
    token = csrf(client)

    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"body=" + b"x" * 65536

    response = client.post(
        "/api/releases/1/comments",
        content=chunks(),
        headers={"X-CSRF-Token": token, "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert client.get("/api/session").status_code == 200  # the desk still answers


def test_an_over_limit_chunked_upload_gets_413(client: TestClient) -> None:
    from haesol.parse import MAX_INPUT_BYTES

    token = csrf(client)
    boundary = "haesolboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="source_file"; filename="big.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()

    def chunks() -> Iterator[bytes]:
        yield head
        block = b"a" * (1024 * 1024)
        for _ in range(MAX_INPUT_BYTES // len(block) + 3):
            yield block

    response = client.post(
        "/api/check",
        content=chunks(),
        headers={"X-CSRF-Token": token, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("secret", "weak"),
    [(" ", True), ("            ", True), ("aaaaaaaaaaaaaaa", True), ("짧은말", True), ("올바른-말-7491", False)],
)
def test_password_floor(secret: str, weak: bool) -> None:
    assert bool(password_weakness(secret)) is weak


def test_a_public_bind_refuses_a_one_space_password(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    import click

    from haesol.cli.cmd_serve import plan_serve

    monkeypatch.setenv("HAESOL_SERVE_PASSWORD", " ")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    with pytest.raises(click.UsageError, match=r"too weak|without a password"):
        plan_serve("0.0.0.0", None, None, None, False, False)
