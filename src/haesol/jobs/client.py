"""A polite HTTP client: spaced requests, conditional GET, retries with backoff and hard limits."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Self
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error

from haesol import __version__
from haesol.errors import NetworkError, TransientNetworkError

LOGGER = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"haesol/{__version__} (+https://github.com/haesol-project/haesol)"
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
RETRY_CODES = frozenset({429, 500, 502, 503, 504})
MIN_BACKOFF = 0.1
MAX_RETRY_AFTER = 60.0
CHUNK = 64 * 1024
SECRET_PARAM = re.compile(r"(serviceKey=)[^&]*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ClientOptions:
    """How politely and how patiently the client talks to a server.

    ``delay`` spaces every request (retries and redirects included); a failed attempt is retried
    ``max_retries`` times after ``max(delay, 0.1) × 2^n`` seconds (or the server's Retry-After);
    ``timeout`` bounds one whole response, body included; after ``max_errors`` requests in a row
    fail, the client refuses further requests.
    """

    delay: float = 1.0
    timeout: float = 30.0
    user_agent: str = DEFAULT_USER_AGENT
    max_retries: int = 3
    max_bytes: int = 50 * 1024 * 1024
    max_redirects: int = 5
    max_errors: int = 5

    def __post_init__(self) -> None:
        if self.delay < 0 or self.timeout <= 0 or self.max_retries < 0 or self.max_errors < 1:
            raise ValueError(f"invalid client options: {self!r}")


@dataclass(frozen=True, slots=True)
class Validators:
    """The validators of a cached response, sent back for a conditional GET."""

    etag: str = ""
    last_modified: str = ""

    def headers(self) -> dict[str, str]:
        """The If-None-Match / If-Modified-Since headers these validators make."""
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """A complete response: final URL, status, body and the validators to store."""

    url: str
    status: int
    body: bytes
    validators: Validators
    content_type: str = ""
    location: str = ""

    @property
    def not_modified(self) -> bool:
        """True for 304 Not Modified (the cached copy is current)."""
        return self.status == 304


_RetryableError = TransientNetworkError


def redact(url: str) -> str:
    """The URL with any ``serviceKey`` value hidden, for messages and logs."""
    return SECRET_PARAM.sub(r"\1***", url)


class PoliteClient:
    """GET with politeness and limits; every failure ends as a NetworkError with a clear message."""

    def __init__(
        self,
        options: ClientOptions | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options or ClientOptions()
        self._sleep = sleep
        self._clock = clock
        self._last_request: float | None = None
        self.consecutive_errors = 0
        self.requests = 0
        timeout = urllib3.Timeout(connect=self.options.timeout, read=self.options.timeout)
        self._headers = {"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip"}
        self._pool = urllib3.PoolManager(num_pools=4, retries=False, timeout=timeout)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close pooled connections."""
        self._pool.clear()

    @property
    def gave_up(self) -> bool:
        """True once ``max_errors`` requests in a row have failed."""
        return self.consecutive_errors >= self.options.max_errors

    def get(self, url: str, *, validators: Validators | None = None, max_bytes: int | None = None) -> HttpResponse:
        """GET ``url`` with retries; a 304 comes back as a response with ``not_modified``.

        Args:
            url: an absolute http(s) address.
            validators: ETag/Last-Modified of a stored copy, for a conditional GET.
            max_bytes: a body size cap below the client's own.

        Returns:
            The response (status 2xx or 304).

        Raises:
            NetworkError: after the retries, for 4xx answers, redirect loops, oversized bodies, or
                when the client has given up after too many consecutive errors.
        """
        if self.gave_up:
            raise NetworkError(
                f"연속 {self.consecutive_errors}회 요청이 실패해 중단했습니다 "
                f"(stopped after {self.consecutive_errors} consecutive errors)"
            )
        try:
            response = self._with_retries(url, validators or Validators(), max_bytes or self.options.max_bytes)
        except NetworkError:
            self.consecutive_errors += 1
            raise
        self.consecutive_errors = 0
        return response

    def _with_retries(self, url: str, validators: Validators, max_bytes: int) -> HttpResponse:
        attempt = 0
        while True:
            try:
                return self._follow(url, validators, max_bytes)
            except _RetryableError as exc:
                if attempt >= self.options.max_retries:
                    raise NetworkError(
                        f"{exc} — {attempt + 1}회 시도 후 포기 (gave up after {attempt + 1} attempts)",
                        source=redact(url),
                    ) from exc
                wait = (
                    exc.retry_after
                    if exc.retry_after is not None
                    else max(self.options.delay, MIN_BACKOFF) * 2**attempt
                )
                LOGGER.info("%s: %s; retrying in %.1f s", redact(url), exc, wait)
                self._sleep(wait)
                attempt += 1

    def _follow(self, url: str, validators: Validators, max_bytes: int) -> HttpResponse:
        seen: list[str] = []
        while True:
            _check_scheme(url)
            if url in seen:
                raise NetworkError("리디렉션이 순환합니다 (redirect loop)", source=redact(seen[0]))
            if len(seen) > self.options.max_redirects:
                raise NetworkError(
                    f"리디렉션이 {len(seen)}번을 넘었습니다 (too many redirects)", source=redact(seen[0])
                )
            seen.append(url)
            response = self._attempt(url, validators, max_bytes)
            if response.status not in REDIRECT_CODES:
                return response
            url = urljoin(url, response.location)

    def _attempt(self, url: str, validators: Validators, max_bytes: int) -> HttpResponse:
        self._wait_turn()
        deadline = self._clock() + self.options.timeout
        try:
            raw = self._pool.request(
                "GET", url, headers={**self._headers, **validators.headers()}, redirect=False, preload_content=False
            )
        except Urllib3Error as exc:
            raise _RetryableError(_describe(exc)) from exc
        try:
            return self._read(url, raw, deadline, max_bytes)
        except BaseException:
            raw.close()  # never hand a connection with an unread body back to the pool
            raise
        finally:
            raw.release_conn()

    def _read(self, url: str, raw: urllib3.BaseHTTPResponse, deadline: float, max_bytes: int) -> HttpResponse:
        status = raw.status
        if status in REDIRECT_CODES:
            location = raw.headers.get("Location", "")
            raw.close()
            if not location:
                raise NetworkError(
                    f"HTTP {status} 응답에 Location이 없습니다 (redirect without Location)", source=redact(url)
                )
            return HttpResponse(url, status, b"", Validators(), location=location)
        if status in RETRY_CODES:
            raw.close()
            raise _RetryableError(f"HTTP {status}", _retry_after(raw.headers.get("Retry-After")))
        if status == 304:
            return HttpResponse(url, status, b"", _validators(raw))
        if not 200 <= status < 300:
            raw.close()
            raise NetworkError(f"HTTP {status} 응답 (server answered {status})", source=redact(url))
        body = self._body(url, raw, deadline, max_bytes)
        return HttpResponse(url, status, body, _validators(raw), raw.headers.get("Content-Type", ""))

    def _body(self, url: str, raw: urllib3.BaseHTTPResponse, deadline: float, max_bytes: int) -> bytes:
        declared = raw.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise NetworkError(_too_large(int(declared), max_bytes), source=redact(url))
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := raw.read1(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise NetworkError(_too_large(size, max_bytes), source=redact(url))
                if self._clock() > deadline:
                    raise _RetryableError(f"응답이 {self.options.timeout:g}초 안에 끝나지 않았습니다 (body too slow)")
                chunks.append(chunk)
        except Urllib3Error as exc:
            raise _RetryableError(_describe(exc)) from exc
        return b"".join(chunks)

    def _wait_turn(self) -> None:
        now = self._clock()
        if self._last_request is not None:
            wait = self._last_request + self.options.delay - now
            if wait > 0:
                self._sleep(wait)
        self._last_request = self._clock()
        self.requests += 1


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme not in ("http", "https"):
        raise NetworkError("http(s) 주소가 아닙니다 (not an http(s) URL)", source=redact(url))


def _validators(raw: urllib3.BaseHTTPResponse) -> Validators:
    return Validators(raw.headers.get("ETag", ""), raw.headers.get("Last-Modified", ""))


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return min(float(value.strip()), MAX_RETRY_AFTER)
    return None


def _too_large(size: int, limit: int) -> str:
    return f"응답이 너무 큽니다: {size} 바이트 이상, 최대 {limit} (response body over {limit} bytes)"


def _describe(exc: Exception) -> str:
    name = type(exc).__name__
    if "Timeout" in name:
        return f"응답 시간 초과 (timeout: {name})"
    return f"연결 오류 (connection error: {name})"
