"""A small Chat Completions client: hard deadlines, retries with backoff, and a key that never leaks."""

from __future__ import annotations

import email.utils
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import urlsplit, urlunsplit

import httpx

from haesol import __version__
from haesol.config import Config
from haesol.errors import LlmError

LOGGER = logging.getLogger(__name__)

BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 30.0
CONNECT_TIMEOUT_CAP = 10.0
MAX_RESPONSE_BYTES = 4_000_000
DETAIL_CHARS = 200
RETRY_STATUSES = frozenset({408, 409, 425, 429})
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
REDACTED = "***"


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """Where and how to ask: server, model, key, timeout, retries and sampling."""

    base_url: str
    model: str
    api_key: str = ""
    timeout: float = 120.0
    max_retries: int = 3
    temperature: float = 0.2
    seed: int = 0

    @classmethod
    def from_config(cls, config: Config) -> ClientSettings:
        """The llm.* settings of a resolved Config.

        Raises:
            LlmError: when the base URL is not an http(s) address or the model name is empty.
        """
        settings = cls(
            base_url=str(config["llm.base_url"]).strip().rstrip("/"),
            model=str(config["llm.model"]).strip(),
            api_key=str(config["llm.api_key"]),
            timeout=max(float(config["llm.timeout"]), 0.05),
            max_retries=max(int(config["llm.max_retries"]), 0),
            temperature=float(config["llm.temperature"]),
            seed=int(config["llm.seed"]),
        )
        if urlsplit(settings.base_url).scheme not in ("http", "https"):
            raise LlmError(
                f"LLM 서버 주소가 잘못되었습니다: {shown_url(settings.base_url)} (llm.base_url must be an http(s) URL)"
            )
        if not settings.model:
            raise LlmError("LLM 모델 이름이 비어 있습니다 (llm.model is empty; pass --model)")
        return settings

    def __repr__(self) -> str:
        key = REDACTED if self.api_key else ""
        return (
            f"ClientSettings(base_url={shown_url(self.base_url)!r}, model={self.model!r}, api_key={key!r}, "
            f"timeout={self.timeout}, max_retries={self.max_retries}, temperature={self.temperature}, seed={self.seed})"
        )


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message of a conversation."""

    role: str
    content: str


@dataclass(frozen=True, slots=True)
class ChatReply:
    """The first choice of a completion: its text and why the model stopped."""

    content: str
    finish_reason: str
    model: str = ""


@dataclass(frozen=True, slots=True)
class _Attempt:
    """What one HTTP attempt gave: a status with its body, or a transport error to retry."""

    status: int = 0
    body: bytes = b""
    retry_after: float | None = None
    error: str = ""


class ChatClient:
    """Posts to ``{base_url}/chat/completions``; never waits longer than the timeout per attempt."""

    def __init__(
        self,
        settings: ClientSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.sleep = sleep
        self.requests = 0
        host = urlsplit(settings.base_url).hostname or ""
        timeout = httpx.Timeout(settings.timeout, connect=min(settings.timeout, CONNECT_TIMEOUT_CAP))
        self._http = httpx.Client(
            timeout=timeout, transport=transport, trust_env=host not in LOOPBACK_HOSTS, headers=self._headers()
        )

    def __repr__(self) -> str:
        return f"ChatClient({self.settings!r})"

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def complete(self, messages: list[ChatMessage], *, json_mode: bool = True) -> ChatReply:
        """Ask for one completion, retrying 429/5xx and network errors with exponential backoff.

        Args:
            messages: the conversation.
            json_mode: ask for ``response_format={"type": "json_object"}``; dropped once if the server
                rejects it with HTTP 400.

        Returns:
            The first choice's text and finish reason.

        Raises:
            LlmError: when the server cannot be reached, does not answer in time, keeps failing,
                refuses the request, or does not speak the Chat Completions protocol.
        """
        attempt_no = 0
        last = _Attempt()
        while attempt_no <= self.settings.max_retries:
            last = self._attempt(self._payload(messages, json_mode))
            if last.status == 200:
                return self._reply(last.body)
            if last.status == 400 and json_mode:
                LOGGER.info("server rejected response_format; asking again without it")
                json_mode = False
                continue
            if last.status and last.status not in RETRY_STATUSES and last.status < 500:
                raise self._status_error(last)
            attempt_no += 1
            if attempt_no <= self.settings.max_retries:
                delay = self._delay(attempt_no, last.retry_after)
                LOGGER.info("LLM request failed (%s); retry %d in %.1f s", last.error or last.status, attempt_no, delay)
                self.sleep(delay)
        raise self._final_error(last)

    # -- one attempt ---------------------------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "User-Agent": f"haesol/{__version__}"}
        if self.settings.api_key:
            headers["Authorization"] = f"Bearer {self.settings.api_key}"
        return headers

    def _payload(self, messages: list[ChatMessage], json_mode: bool) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "model": self.settings.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "temperature": self.settings.temperature,
            "stream": False,
        }
        if self.settings.seed:
            payload["seed"] = self.settings.seed
        if json_mode:
            payload["response_format"] = {"type": "json_object"}
        return payload

    def _attempt(self, payload: dict[str, Any]) -> _Attempt:
        """POST once; the whole answer must arrive before the deadline (a trickling server is cut off)."""
        self.requests += 1
        deadline = time.monotonic() + self.settings.timeout
        url = f"{self.settings.base_url}/chat/completions"
        try:
            with self._http.stream("POST", url, json=payload) as response:
                body = _read_body(response, deadline)
                return _Attempt(response.status_code, body, _retry_after(response.headers.get("retry-after")))
        except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout, TimeoutError) as exc:
            raise LlmError(
                f"LLM 서버가 {self.settings.timeout:g}초 안에 답하지 않았습니다: {shown_url(self.settings.base_url)} "
                "(no answer within llm.timeout; raise it for slow models)"
            ) from exc
        except httpx.TransportError as exc:
            return _Attempt(error=self.redact(f"{type(exc).__name__}: {exc}"))
        except httpx.InvalidURL as exc:
            raise LlmError(f"LLM 서버 주소가 잘못되었습니다 (invalid llm.base_url): {self.redact(str(exc))}") from exc

    def _delay(self, attempt_no: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), RETRY_AFTER_CAP)
        return min(BACKOFF_BASE * 2.0 ** (attempt_no - 1), BACKOFF_CAP)

    # -- answers and errors --------------------------------------------------------------------

    def _reply(self, body: bytes) -> ChatReply:
        try:
            data = json.loads(body.decode("utf-8"))
            choice = data["choices"][0]
            content = _content_text(choice["message"].get("content"))
            return ChatReply(content, str(choice.get("finish_reason") or ""), str(data.get("model") or ""))
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
            raise LlmError(
                f"LLM 서버의 응답이 Chat Completions 형식이 아닙니다: {shown_url(self.settings.base_url)} "
                "(not an OpenAI-compatible answer; check --base-url, usually ending in /v1)"
            ) from exc

    def _status_error(self, attempt: _Attempt) -> LlmError:
        detail = self._detail(attempt.body)
        if attempt.status in (401, 403):
            return LlmError(
                f"LLM 서버가 인증을 거부했습니다 (HTTP {attempt.status}: check llm.api_key or OPENAI_API_KEY){detail}"
            )
        if attempt.status == 404:
            return LlmError(
                f"LLM 서버에서 주소나 모델을 찾을 수 없습니다: {shown_url(self.settings.base_url)}, {self.settings.model} "
                f"(HTTP 404: check --base-url and --model){detail}"
            )
        return LlmError(f"LLM 서버가 요청을 거부했습니다 (HTTP {attempt.status}: request refused){detail}")

    def _final_error(self, attempt: _Attempt) -> LlmError:
        tries = self.settings.max_retries + 1
        if attempt.error:
            return LlmError(
                f"LLM 서버에 연결할 수 없습니다: {shown_url(self.settings.base_url)} "
                f"(cannot reach the LLM server after {tries} attempts; is it running? {attempt.error})"
            )
        return LlmError(
            f"LLM 서버 오류가 계속됩니다: HTTP {attempt.status} "
            f"(the LLM server kept failing after {tries} attempts){self._detail(attempt.body)}"
        )

    def _detail(self, body: bytes) -> str:
        text = " ".join(body.decode("utf-8", "replace").split())[:DETAIL_CHARS]
        return f": {self.redact(text)}" if text else ""

    def redact(self, text: str) -> str:
        """``text`` with the API key replaced by ***."""
        if self.settings.api_key:
            text = text.replace(self.settings.api_key, REDACTED)
        return text


def _read_body(response: httpx.Response, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise httpx.RemoteProtocolError("response too large")
        if time.monotonic() > deadline:
            raise TimeoutError("deadline passed while reading the answer")
    return b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return float(moment.timestamp()) - time.time()


def _content_text(content: Any) -> str:
    """Message content as text: a string, or the text parts of a list of content parts."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    raise TypeError(f"unexpected content type {type(content).__name__}")


def shown_url(url: str) -> str:
    """A URL safe to show: user and password removed."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
