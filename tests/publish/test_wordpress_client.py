"""The WordPress client's failure handling against a scripted HTTP server on 127.0.0.1 (retries, timeouts, junk)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from haesol.errors import ConfigError, NetworkError
from haesol.publish.wordpress import WordPressClient, WordPressSite

PASSWORD = "secret-app-password-1234"
POST = {"id": 7, "link": "http://127.0.0.1/?p=7", "status": "draft", "slug": "haesol-1"}


@dataclass
class Reply:
    status: int = 200
    body: object = field(default_factory=dict)
    content_type: str = "application/json; charset=UTF-8"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class Script:
    """Replies by request ('POST posts'), in order; the last one repeats. Records what was asked."""

    def __init__(self) -> None:
        self.replies: dict[str, list[Reply]] = {}
        self.seen: list[str] = []

    def next(self, key: str) -> Reply:
        self.seen.append(key)
        queue = self.replies.get(key) or [Reply(404, {"code": "rest_no_route"})]
        return queue.pop(0) if len(queue) > 1 else queue[0]


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _reply(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            if length:
                self.rfile.read(length)
            route = self.path.split("?")[0].removeprefix("/wp-json/wp/v2/")
            reply = script.next(f"{self.command} {route}")
            time.sleep(reply.delay)
            data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(data)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_GET = do_POST = _reply

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture()
def server() -> Iterator[tuple[str, Script]]:
    script = Script()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", script
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def _client(url: str, sleeps: list[float], **site: object) -> WordPressClient:
    options: dict[str, object] = {"timeout": 2.0, "retries": 2, "backoff": 0.5, **site}
    return WordPressClient(WordPressSite(url, "editor", PASSWORD, **options), sleep=sleeps.append)  # type: ignore[arg-type]


def test_server_errors_are_retried_with_backoff(server: tuple[str, Script]) -> None:
    url, script = server
    script.replies["GET users/me"] = [Reply(503), Reply(502), Reply(200, {"id": 1})]
    sleeps: list[float] = []
    with _client(url, sleeps) as client:
        assert client.me() == {"id": 1}
    assert sleeps == [0.5, 1.0]


def test_retry_after_is_honoured_and_giving_up_says_so(server: tuple[str, Script]) -> None:
    url, script = server
    script.replies["GET users/me"] = [Reply(429, {"code": "too_many"}, headers={"Retry-After": "3"})]
    sleeps: list[float] = []
    with _client(url, sleeps) as client, pytest.raises(NetworkError, match="3 attempts") as caught:
        client.me()
    assert sleeps == [3.0, 3.0] and "429" in str(caught.value)


def test_a_timeout_is_a_clear_error(server: tuple[str, Script]) -> None:
    url, script = server
    script.replies["GET users/me"] = [Reply(200, {"id": 1}, delay=0.6)]
    with (
        _client(url, [], timeout=0.2, retries=1) as client,
        pytest.raises(NetworkError, match=r"timed out after 0\.2 s"),
    ):
        client.me()


def test_a_non_json_answer_is_refused(server: tuple[str, Script]) -> None:
    url, script = server
    script.replies["GET users/me"] = [Reply(200, b"<html>hello</html>", "text/html")]
    with _client(url, []) as client, pytest.raises(NetworkError, match="not a JSON answer"):
        client.me()
    script.replies["GET users/me"] = [Reply(200, b"{broken", "application/json")]
    with _client(url, []) as client, pytest.raises(NetworkError, match="invalid JSON"):
        client.me()


def test_refused_credentials_name_the_problem_but_not_the_password(server: tuple[str, Script]) -> None:
    url, script = server
    script.replies["GET users/me"] = [Reply(401, {"code": "incorrect_password", "message": "bad"})]
    with _client(url, []) as client, pytest.raises(ConfigError) as caught:
        client.me()
    assert (
        "401" in str(caught.value) and "incorrect_password" in str(caught.value) and PASSWORD not in str(caught.value)
    )
    script.replies["GET users/me"] = [Reply(403, {"code": "rest_forbidden"})]
    with _client(url, []) as client, pytest.raises(ConfigError, match="403"):
        client.me()
    assert PASSWORD not in repr(client) and PASSWORD not in repr(client.site)


def test_a_create_whose_answer_was_lost_is_not_repeated(server: tuple[str, Script]) -> None:
    url, script = server
    script.replies["POST posts"] = [Reply(201, POST, delay=0.6)]  # made, but the answer comes too late
    script.replies["GET posts"] = [Reply(200, [POST])]
    with _client(url, [], timeout=0.3) as client:
        post = client.create_post({"title": "t", "slug": "haesol-1"})
    assert post.id == 7
    assert script.seen.count("POST posts") == 1 and script.seen.count("GET posts") == 1


def test_a_deleted_post_is_reported_as_gone(server: tuple[str, Script]) -> None:
    url, script = server
    script.replies["POST posts/7"] = [Reply(404, {"code": "rest_post_invalid_id"})]
    with _client(url, []) as client:
        assert client.update_post(7, {"title": "t"}) is None


def test_plain_permalinks_fall_back_to_rest_route(server: tuple[str, Script]) -> None:
    url, script = server
    script.replies["GET users/me"] = [Reply(404, b"<html>not found</html>", "text/html")]
    script.replies["GET /"] = [Reply(200, {"id": 1})]  # /?rest_route=/wp/v2/users/me
    with _client(url, []) as client:
        assert client.me() == {"id": 1}


def test_bad_settings_are_refused_before_any_request() -> None:
    with pytest.raises(ConfigError, match="http"):
        WordPressClient(WordPressSite("ftp://example.org", "editor", PASSWORD))
    with pytest.raises(ConfigError, match="application password"):
        WordPressClient(WordPressSite("https://example.org", "editor", ""))
