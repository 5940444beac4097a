"""A small WordPress REST API client (wp/v2 posts, categories, tags) with application-password Basic auth.

Transient failures (no connection, a timeout, 429, 500/502/503/504) are retried with exponential backoff;
a post is only ever created again after looking it up by its slug, so a lost answer never makes a
second post. The password is held in memory only: never in a message, a log line or a repr.
"""

from __future__ import annotations

import html
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

import httpx

from haesol.errors import ConfigError, NetworkError, RemoteApiError, RemoteNotFoundError, TransientNetworkError

LOGGER = logging.getLogger(__name__)

TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})
POST_STATUSES = ("draft", "publish")
ANY_STATUS = "publish,future,draft,pending,private"
MAX_RETRY_AFTER = 30.0
USER_AGENT = "haesol-publish/0.1"


@dataclass(frozen=True)
class WordPressSite:
    """Where and as whom to publish; ``password`` is an application password (Users → Profile)."""

    url: str
    user: str
    password: str = field(repr=False)
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5

    @property
    def key(self) -> str:
        """The site's address as stored with each publication (no trailing slash)."""
        return self.url.rstrip("/")


@dataclass(frozen=True, slots=True)
class RemotePost:
    """A post as WordPress answered: id, address, status and slug."""

    id: int
    link: str
    status: str
    slug: str


class WordPressClient:
    """Talks to one WordPress site's REST API."""

    def __init__(
        self,
        site: WordPressSite,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not site.url.startswith(("http://", "https://")):
            raise ConfigError(
                f"WordPress 주소는 http:// 또는 https://로 시작해야 합니다 (site URL must be http(s)): {site.url!r}"
            )
        if not site.user or not site.password:
            raise ConfigError(
                "WordPress 사용자 이름과 애플리케이션 비밀번호가 필요합니다 (user and application password are required)"
            )
        self.site = site
        self._sleep = sleep
        self._plain_routes = False
        self._http = httpx.Client(
            auth=httpx.BasicAuth(site.user, site.password),
            timeout=site.timeout,
            transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"WordPressClient({self.site.key!r}, user={self.site.user!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    # -- the API ------------------------------------------------------------------------------

    def me(self) -> dict[str, Any]:
        """The authenticated user (checks the address and the credentials before anything is sent).

        Raises:
            NetworkError: the site is down, answers with errors, or is not a WordPress REST API.
            ConfigError: the credentials are refused (401) or lack rights (403).
        """
        data = self.call("GET", "users/me", params={"context": "edit"})
        return data if isinstance(data, dict) else {}

    def find_post(self, slug: str) -> RemotePost | None:
        """The post with this slug in any state but trash, or None."""
        data = self.call("GET", "posts", params={"slug": slug, "status": ANY_STATUS, "context": "edit"})
        posts = [p for p in data if isinstance(p, dict)] if isinstance(data, list) else []
        return _post(posts[0]) if posts else None

    def get_post(self, post_id: int) -> RemotePost | None:
        """The post with this id, or None when it no longer exists."""
        try:
            return _post(self.call("GET", f"posts/{post_id}", params={"context": "edit"}))
        except RemoteNotFoundError:
            return None

    def update_post(self, post_id: int, payload: dict[str, Any]) -> RemotePost | None:
        """Update a post in place; None when it no longer exists (deleted on the site)."""
        try:
            return _post(self.call("POST", f"posts/{post_id}", body=payload))
        except RemoteNotFoundError:
            return None

    def create_post(self, payload: dict[str, Any]) -> RemotePost:
        """Create a post; after a failed attempt, looks the slug up first so that it is never created twice."""
        slug = str(payload.get("slug", ""))
        for attempt in range(self.site.retries + 1):
            if attempt and slug:
                found = self.find_post(slug)
                if found is not None:
                    LOGGER.info("post %s was created by an earlier attempt (id %d)", slug, found.id)
                    return found
            try:
                return _post(self._once("POST", "posts", None, payload))
            except TransientNetworkError as exc:
                if attempt == self.site.retries:
                    raise _final(exc, self.site.retries) from exc
                self._wait(attempt, exc)
        raise AssertionError("unreachable")  # pragma: no cover

    def term_id(self, taxonomy: str, name: str) -> int:
        """The id of the category or tag named ``name`` (``taxonomy`` is 'categories' or 'tags'), created if missing."""
        for term in self.call("GET", taxonomy, params={"search": name, "per_page": 100, "context": "edit"}) or []:
            if isinstance(term, dict) and html.unescape(str(term.get("name", ""))) == name:
                return int(term["id"])
        try:
            return int(self.call("POST", taxonomy, body={"name": name})["id"])
        except RemoteApiError as exc:
            if exc.name == "term_exists" and exc.term_id:
                return exc.term_id
            raise

    # -- requests -----------------------------------------------------------------------------

    def call(
        self, method: str, route: str, *, params: dict[str, Any] | None = None, body: dict[str, Any] | None = None
    ) -> Any:
        """One API call with retries for transient failures; returns the decoded JSON.

        Raises:
            NetworkError, ConfigError: see ``me``.
        """
        for attempt in range(self.site.retries + 1):
            try:
                return self._once(method, route, params, body)
            except TransientNetworkError as exc:
                if attempt == self.site.retries:
                    raise _final(exc, self.site.retries) from exc
                self._wait(attempt, exc)
        raise AssertionError("unreachable")  # pragma: no cover

    def _url(self, route: str) -> tuple[str, dict[str, Any]]:
        if self._plain_routes:
            return f"{self.site.key}/", {"rest_route": f"/wp/v2/{route}"}
        return f"{self.site.key}/wp-json/wp/v2/{route}", {}

    def _once(self, method: str, route: str, params: dict[str, Any] | None, body: dict[str, Any] | None) -> Any:
        url, extra = self._url(route)
        try:
            response = self._http.request(method, url, params={**extra, **(params or {})}, json=body)
        except httpx.TimeoutException as exc:
            raise TransientNetworkError(
                f"{self.site.key}: WordPress 응답 시간 초과 (timed out after {self.site.timeout:g} s)"
            ) from exc
        except httpx.TransportError as exc:
            raise TransientNetworkError(
                f"{self.site.key}: WordPress 사이트에 연결할 수 없습니다 (cannot connect: {type(exc).__name__}: {exc})"
            ) from exc
        if response.status_code == 404 and not _is_json(response) and not self._plain_routes:
            LOGGER.info("%s: no /wp-json/ route (plain permalinks?); using ?rest_route=", self.site.key)
            self._plain_routes = True
            return self._once(method, route, params, body)
        return self._answer(response)

    def _answer(self, response: httpx.Response) -> Any:
        status = response.status_code
        if status in TRANSIENT_STATUS:
            raise TransientNetworkError(
                f"{self.site.key}: WordPress 서버 오류 (HTTP {status}{_wp_message(response)})", _retry_after(response)
            )
        if status == 401:
            raise ConfigError(
                f"{self.site.key}: WordPress 인증 실패: 사용자 이름과 애플리케이션 비밀번호를 확인하세요 "
                f"(401 unauthorized{_wp_message(response)})"
            )
        if status == 403:
            raise ConfigError(
                f"{self.site.key}: WordPress 권한 없음: 글을 쓸 수 있는 사용자인지 확인하세요 "
                f"(403 forbidden{_wp_message(response)})"
            )
        if not _is_json(response):
            kind = response.headers.get("content-type", "no content type")
            raise NetworkError(
                f"WordPress REST API 응답이 아닙니다 (HTTP {status}, {kind}; not a JSON answer — "
                "is this a WordPress site with the REST API enabled?)",
                source=self.site.key,
            )
        try:
            data = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise NetworkError(
                f"WordPress 응답을 읽을 수 없습니다 (invalid JSON: {exc})", source=self.site.key
            ) from exc
        if status == 404:
            raise RemoteNotFoundError(
                f"WordPress에 없는 항목입니다 (404{_wp_message(response)})", status=404, source=self.site.key
            )
        if status >= 400:
            raise _refused(data, status, self.site.key)
        return data

    def _wait(self, attempt: int, exc: TransientNetworkError) -> None:
        delay = exc.retry_after if exc.retry_after is not None else self.site.backoff * (2**attempt)
        LOGGER.warning("%s; retrying in %.1f s", exc, delay)
        self._sleep(delay)


def _refused(data: Any, status: int, site: str) -> RemoteApiError:
    """WordPress's JSON error answer as an error (its error name, message and a clashing term's id kept)."""
    info = data if isinstance(data, dict) else {}
    name = str(info.get("code", ""))
    extra = info.get("data")
    term_id = int(extra.get("term_id") or 0) if isinstance(extra, dict) else 0
    message = html.unescape(str(info.get("message", "")))[:300]
    return RemoteApiError(
        f"WordPress가 요청을 거절했습니다 (HTTP {status} {name}: {message})",
        status=status,
        name=name,
        term_id=term_id,
        source=site,
    )


def _final(exc: TransientNetworkError, retries: int) -> NetworkError:
    return NetworkError(f"{exc} — {retries + 1}번 시도했습니다 (gave up after {retries + 1} attempts)")


def _is_json(response: httpx.Response) -> bool:
    return "json" in response.headers.get("content-type", "").lower()


def _wp_message(response: httpx.Response) -> str:
    if not _is_json(response):
        return ""
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return ""
    if isinstance(data, dict) and data.get("code"):
        return f": {data['code']}"
    return ""


def _retry_after(response: httpx.Response) -> float | None:
    raw = response.headers.get("retry-after", "")
    try:
        return min(max(float(raw), 0.0), MAX_RETRY_AFTER) if raw else None
    except ValueError:
        return None


def _post(data: Any) -> RemotePost:
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        raise NetworkError("WordPress가 글 정보를 돌려주지 않았습니다 (the answer is not a post)")
    return RemotePost(
        int(data["id"]), str(data.get("link", "")), str(data.get("status", "")), str(data.get("slug", ""))
    )
