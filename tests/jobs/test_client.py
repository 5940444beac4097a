"""The polite client against a real server on 127.0.0.1: delay, conditional GET, retries, limits."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from haesol.errors import NetworkError
from haesol.jobs.client import ClientOptions, PoliteClient, Validators, redact
from tests.helpers.portal_server import VIEW_PATH, PortalServer, make_release

FAST = ClientOptions(delay=0.0, timeout=0.5, max_retries=1, max_errors=5)


def _view(server: PortalServer, index: int) -> str:
    return f"{server.url}{VIEW_PATH}?newsId={server.releases[index].news_id}"


@pytest.fixture()
def odd_portal() -> Iterator[PortalServer]:
    modes = ["ok", "500", "flaky", "timeout", "drip", "loop", "huge", "gone"]
    releases = [make_release(i, mode=mode) for i, mode in enumerate(modes)]
    with PortalServer(releases, stall=1.5, huge_bytes=400_000) as server:
        yield server


def test_user_agent_and_conditional_get(odd_portal: PortalServer) -> None:
    with PoliteClient(FAST) as client:
        first = client.get(_view(odd_portal, 0))
        assert first.status == 200 and first.validators.etag
        again = client.get(_view(odd_portal, 0), validators=first.validators)
    assert again.not_modified and again.body == b""
    assert odd_portal.user_agents == {FAST.user_agent} and FAST.user_agent.startswith("haesol/")


def test_requests_are_spaced_by_the_delay(odd_portal: PortalServer) -> None:
    waits: list[float] = []
    with PoliteClient(ClientOptions(delay=5.0, timeout=1.0), sleep=waits.append) as client:
        client.get(_view(odd_portal, 0))
        client.get(_view(odd_portal, 0))
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0


def test_server_errors_are_retried_with_backoff(odd_portal: PortalServer) -> None:
    waits: list[float] = []
    with PoliteClient(ClientOptions(delay=0.0, timeout=0.5, max_retries=2), sleep=waits.append) as client:
        with pytest.raises(NetworkError, match=r"HTTP 500.*3"):
            client.get(_view(odd_portal, 1))
        assert waits == [0.1, 0.2]
        assert client.get(_view(odd_portal, 2)).status == 200  # 500 once, then fine
    assert odd_portal.count(f"{VIEW_PATH}?newsId={odd_portal.releases[1].news_id}") == 3


@pytest.mark.parametrize(
    ("index", "message"),
    [
        pytest.param(3, "timeout", id="no-answer"),
        pytest.param(4, "body too slow|timeout", id="slow-body"),
        pytest.param(5, "redirect loop", id="redirect-loop"),
        pytest.param(6, "over 200000 bytes", id="oversized"),
        pytest.param(7, "HTTP 404", id="not-found"),
    ],
)
def test_bad_answers_end_in_a_clear_error_quickly(odd_portal: PortalServer, index: int, message: str) -> None:
    started = time.monotonic()
    options = ClientOptions(delay=0.0, timeout=0.5, max_retries=0, max_bytes=200_000)
    with PoliteClient(options) as client, pytest.raises(NetworkError, match=message):
        client.get(_view(odd_portal, index))
    assert time.monotonic() - started < 1.5


def test_declared_oversized_body_is_refused_before_reading(odd_portal: PortalServer) -> None:
    url = f"{odd_portal.url}/common/download.do?fileId={odd_portal.releases[0].files[1].file_id}"
    with (
        PoliteClient(ClientOptions(delay=0.0, timeout=0.5, max_bytes=100)) as client,
        pytest.raises(NetworkError, match="over 100 bytes"),
    ):
        client.get(url)


def test_gives_up_after_consecutive_errors(odd_portal: PortalServer) -> None:
    with PoliteClient(ClientOptions(delay=0.0, timeout=0.5, max_retries=0, max_errors=2)) as client:
        for _ in range(2):
            with pytest.raises(NetworkError):
                client.get(_view(odd_portal, 7))
        before = len(odd_portal.requests)
        with pytest.raises(NetworkError, match="consecutive errors"):
            client.get(_view(odd_portal, 0))
        assert client.gave_up and len(odd_portal.requests) == before


def test_success_resets_the_error_count(odd_portal: PortalServer) -> None:
    with PoliteClient(ClientOptions(delay=0.0, timeout=0.5, max_retries=0, max_errors=2)) as client:
        with pytest.raises(NetworkError):
            client.get(_view(odd_portal, 7))
        client.get(_view(odd_portal, 0))
        assert client.consecutive_errors == 0


def test_refuses_other_schemes_and_hides_service_keys() -> None:
    with PoliteClient(FAST) as client, pytest.raises(NetworkError, match="not an http"):
        client.get("file:///etc/passwd")
    assert redact("https://x/api?serviceKey=SECRET&startDate=1") == "https://x/api?serviceKey=***&startDate=1"


def test_unreachable_host_is_a_network_error() -> None:
    with (
        PoliteClient(ClientOptions(delay=0.0, timeout=0.5, max_retries=0)) as client,
        pytest.raises(NetworkError, match="connection error"),
    ):
        client.get("http://127.0.0.1:9/nothing")


def test_validators_make_conditional_headers() -> None:
    assert Validators('"abc"', "Mon, 05 Oct 2026 00:00:00 GMT").headers() == {
        "If-None-Match": '"abc"',
        "If-Modified-Since": "Mon, 05 Oct 2026 00:00:00 GMT",
    }
    with pytest.raises(ValueError):
        ClientOptions(delay=-1)
