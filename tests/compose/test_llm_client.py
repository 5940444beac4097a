"""The Chat Completions client: retries with backoff, Retry-After, deadlines, clear errors, no leaked key."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator

import pytest

from haesol.compose.llm.chat import (
    RETRY_AFTER_CAP,
    ChatClient,
    ChatMessage,
    ClientSettings,
)
from haesol.errors import LlmError
from tests.helpers.llm_server import ChatServer, Recorded, Reply

MESSAGES = [ChatMessage("user", "JSON으로 답하라")]
SECRET = "sk-test-Very-Secret-0123456789"
MakeClient = Callable[..., ChatClient]


@pytest.fixture()
def clients() -> Iterator[list[ChatClient]]:
    made: list[ChatClient] = []
    yield made
    for client in made:
        client.close()


@pytest.fixture()
def client_for(clients: list[ChatClient]) -> MakeClient:
    def make(url: str, sleeps: list[float] | None = None, **kwargs: object) -> ChatClient:
        values: dict = {"base_url": url, "model": "test-model", "timeout": 5.0, "max_retries": 3, **kwargs}
        recorder = sleeps if sleeps is not None else []
        clients.append(ChatClient(ClientSettings(**values), sleep=recorder.append))
        return clients[-1]

    return make


def test_answer_and_request_shape(client_for: MakeClient) -> None:
    with ChatServer(Reply("{}")) as server:
        reply = client_for(server.url, api_key=SECRET, seed=7).complete(MESSAGES)
    assert reply.content == "{}" and reply.finish_reason == "stop"
    request = server.requests[0]
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {SECRET}"
    assert request.body["response_format"] == {"type": "json_object"}
    assert request.body["seed"] == 7 and request.body["model"] == "test-model"


@pytest.mark.parametrize(
    ("failures", "expected_sleeps"),
    [
        pytest.param([Reply(status=500)], [0.5], id="500"),
        pytest.param([Reply(status=503), Reply(status=502)], [0.5, 1.0], id="5xx-backoff-doubles"),
        pytest.param([Reply(status=429, headers={"Retry-After": "2"})], [2.0], id="429-retry-after"),
        pytest.param([Reply(status=429, headers={"Retry-After": "9999"})], [RETRY_AFTER_CAP], id="retry-after-capped"),
    ],
)
def test_retries_then_succeeds(failures: list[Reply], expected_sleeps: list[float], client_for: MakeClient) -> None:
    sleeps: list[float] = []
    with ChatServer(*failures, Reply("{}")) as server:
        reply = client_for(server.url, sleeps).complete(MESSAGES)
    assert reply.content == "{}"
    assert server.count == len(failures) + 1
    assert sleeps == expected_sleeps


def test_persistent_500_is_a_clear_error(client_for: MakeClient) -> None:
    sleeps: list[float] = []
    with ChatServer(default=Reply("model crashed", status=500)) as server, pytest.raises(LlmError) as info:
        client_for(server.url, sleeps, max_retries=2).complete(MESSAGES)
    assert server.count == 3 and len(sleeps) == 2
    message = str(info.value)
    assert "HTTP 500" in message and "after 3 attempts" in message and "\n" not in message


def test_unreachable_server(client_for: MakeClient) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps: list[float] = []
    with pytest.raises(LlmError) as info:
        client_for(f"http://127.0.0.1:{port}/v1", sleeps, max_retries=2).complete(MESSAGES)
    assert "연결할 수 없습니다" in str(info.value) and "cannot reach" in str(info.value)
    assert len(sleeps) == 2


def test_slow_answer_ends_at_the_timeout_without_retry(client_for: MakeClient) -> None:
    with ChatServer(Reply("{}", delay=30)) as server:
        started = time.monotonic()
        with pytest.raises(LlmError) as info:
            client_for(server.url, timeout=0.3).complete(MESSAGES)
        elapsed = time.monotonic() - started
    assert server.count == 1
    assert elapsed < 10  # a guard against hanging, not a timing benchmark
    assert "llm.timeout" in str(info.value)


def test_trickling_answer_is_cut_at_the_deadline(client_for: MakeClient) -> None:
    slow = Reply("{" + '"x": 1, ' * 40 + '"y": 2}', trickle=0.05)
    with ChatServer(slow) as server, pytest.raises(LlmError, match=r"llm\.timeout"):
        client_for(server.url, timeout=0.4).complete(MESSAGES)


def test_response_format_is_dropped_when_rejected(client_for: MakeClient) -> None:
    with ChatServer(Reply("response_format is not supported", status=400), Reply("{}")) as server:
        client_for(server.url).complete(MESSAGES)
    assert "response_format" in server.requests[0].body
    assert "response_format" not in server.requests[1].body


@pytest.mark.parametrize(
    ("reply", "needle"),
    [
        pytest.param(Reply(status=404), "--base-url", id="404"),
        pytest.param(Reply(raw=b"<html>portal</html>"), "OpenAI-compatible", id="not-chat-completions"),
        pytest.param(Reply(raw=b'{"choices": []}'), "OpenAI-compatible", id="no-choices"),
    ],
)
def test_protocol_errors(reply: Reply, needle: str, client_for: MakeClient) -> None:
    with ChatServer(reply, default=reply) as server, pytest.raises(LlmError, match=needle):
        client_for(server.url).complete(MESSAGES)


def test_key_never_shown(client_for: MakeClient) -> None:
    def echo_key(request: Recorded) -> Reply:
        return Reply(f"invalid api key {request.headers.get('authorization')}", status=401)

    with ChatServer(echo_key) as server:
        client = client_for(server.url, api_key=SECRET)
        with pytest.raises(LlmError) as info:
            client.complete(MESSAGES)
    assert SECRET not in str(info.value) and "***" in str(info.value)
    assert "llm.api_key" in str(info.value)
    assert SECRET not in repr(client) and SECRET not in repr(client.settings)


def test_user_info_in_url_is_hidden() -> None:
    settings = ClientSettings("http://user:pw@127.0.0.1:9/v1", "m")
    assert "pw" not in repr(settings)


@pytest.mark.parametrize("base_url", ["ftp://example/v1", "127.0.0.1:11434/v1"])
def test_bad_base_url(base_url: str) -> None:
    from haesol.config import SETTINGS, Config

    values = {s.name: s.default for s in SETTINGS} | {"llm.base_url": base_url}
    with pytest.raises(LlmError, match="http"):
        ClientSettings.from_config(Config(values))
