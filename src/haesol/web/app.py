"""The review desk's FastAPI app: settings, sessions and login, CSRF, limits, security headers, one error handler."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from haesol import __version__
from haesol.config import Config
from haesol.errors import (
    ConfigError,
    HaesolError,
    InputError,
    LicenseError,
    LlmError,
    NetworkError,
    ResourceLimitError,
    TooLargeError,
    UnsupportedFormatError,
)
from haesol.store import open_store
from haesol.store.users import users
from haesol.web import api, pages, publishing, review_routes
from haesol.web.actions import ApprovalBlocked
from haesol.web.desk import HERE, LOOPBACK_HOSTS, Desk, DeskSettings, templates_env
from haesol.web.drafts import NotFound
from haesol.web.security import (
    SESSION_COOKIE,
    Session,
    stored_secret,
)

LOGGER = logging.getLogger(__name__)

FORM_BODY_LIMIT = 1024 * 1024
MULTIPART_OVERHEAD = 1024 * 1024
UPLOAD_PATHS = ("/check", "/api/check", "/import", "/api/import")
OPEN_PATHS = ("/login", "/static/")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(
    store_path: str | Path,
    *,
    password: str = "",
    require_login: bool = False,
    llm_enabled: bool = False,
    config: Config | None = None,
    default_reviewer: str = "",
    allowed_hosts: tuple[str, ...] | None = None,
) -> FastAPI:
    """The review desk app over the store at ``store_path``.

    Args:
        store_path: the SQLite store (created when missing).
        password: the password or token (or a ``hash_password`` hash); only its salted hash is kept.
        require_login: ask for the password before anything is shown (required off loopback).
        llm_enabled: offer the LLM engine for regenerating (with ``config``'s llm.* settings).
        config: settings for the engines.
        default_reviewer: the reviewer name used when nobody logs in (local use).
        allowed_hosts: Host headers to answer; default the loopback names without login (so that a web page
            cannot reach the desk through DNS rebinding), any host with login.

    Raises:
        ValueError: when login is required without a password.
        StoreError: when the store cannot be opened.
    """
    with open_store(Path(store_path)) as store:  # create and migrate now, not in the first request
        accounts = bool(users(store))
    require_login = require_login or accounts
    hosts = allowed_hosts if allowed_hosts is not None else (() if require_login else LOOPBACK_HOSTS)
    settings = DeskSettings(
        Path(store_path),
        require_login,
        stored_secret(password) if password else "",
        llm_enabled,
        config,
        default_reviewer,
        allowed_hosts=hosts,
        accounts=accounts,
    )
    app = FastAPI(
        title="haesol review desk",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        description="검토 데스크: 보도자료 초안 검토·수정·승인 (review desk API)",
    )
    app.state.desk = Desk(settings, templates_env())
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _add_middleware(app)
    _add_handlers(app)
    app.include_router(pages.router)
    app.include_router(review_routes.router)
    app.include_router(api.router)
    app.include_router(publishing.router)
    return app


# -- middleware -----------------------------------------------------------------------------------


class BodyLimit:
    """Refuses request bodies over the limit (413) before they are read: uploads get the parser's cap."""

    def __init__(self, app: Any, upload_limit: int) -> None:
        self.app = app
        self.upload_limit = upload_limit + MULTIPART_OVERHEAD

    async def __call__(
        self,
        scope: dict[str, Any],
        receive: Callable[[], Awaitable[dict[str, Any]]],
        send: Callable[[dict[str, Any]], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if scope["path"] in UPLOAD_PATHS else FORM_BODY_LIMIT
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(scope, receive, send, limit)
            return
        await _limited(self.app, scope, receive, send, limit)


async def _limited(
    app: Any,
    scope: dict[str, Any],
    receive: Callable[[], Awaitable[dict[str, Any]]],
    send: Callable[[dict[str, Any]], Awaitable[None]],
    limit: int,
) -> None:
    """Count the body as it streams (chunked uploads declare no length); past ``limit`` the app sees a
    disconnect, its own answer is dropped, and the client gets 413 (not the form parser's 400)."""
    seen = 0
    over = started = False

    async def counted() -> dict[str, Any]:
        nonlocal seen, over
        message = await receive()
        if message.get("type") == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                over = True
                return {"type": "http.disconnect"}
        return message

    async def guarded(message: dict[str, Any]) -> None:
        nonlocal started
        if over:
            return
        started = started or message.get("type") == "http.response.start"
        await send(message)

    try:
        await app(scope, counted, guarded)
    except Exception:
        if not over:
            raise
        LOGGER.debug("request body over %d bytes; answered 413", limit)
    if over and not started:
        await _too_large(scope, receive, send, limit)


def _too_large_message(limit: int) -> str:
    return str(TooLargeError(limit + 1, limit))


async def _too_large(scope: dict[str, Any], receive: Any, send: Any, limit: int) -> None:
    response = JSONResponse({"error": _too_large_message(limit), "status": 413}, status_code=413)
    await response(scope, receive, send)


def _add_middleware(app: FastAPI) -> None:
    desk: Desk = app.state.desk

    @app.middleware("http")
    async def sessions(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        path = request.url.path
        if path.startswith("/static/"):
            return _secure(await call_next(request))
        incoming = request.cookies.get(SESSION_COOKIE)
        session = desk.sessions.get(incoming)
        if session is None:
            session = desk.sessions.new("" if desk.settings.require_login else desk.settings.default_reviewer)
        request.state.session = session
        if desk.settings.require_login and not session.authenticated and not path.startswith(OPEN_PATHS):
            response = _login_needed(request)
        else:
            response = await call_next(request)
        current: Session = request.state.session
        if current.id != incoming:
            response.set_cookie(
                SESSION_COOKIE,
                current.id,
                httponly=True,
                samesite="strict",
                secure=request.url.scheme == "https",
                path="/",
            )
        return _secure(response)

    app.add_middleware(BodyLimit, upload_limit=desk.settings.max_upload_bytes)
    if desk.settings.allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(desk.settings.allowed_hosts))


def _login_needed(request: Request) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"error": "로그인이 필요합니다 (login required)", "status": 401}, status_code=401)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def _secure(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if "text/html" in response.headers.get("content-type", "") or response.headers.get("content-type", "").startswith(
        "application/json"
    ):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


# -- errors ---------------------------------------------------------------------------------------


def error_status(exc: Exception) -> int:
    """The HTTP status for an exception raised while answering."""
    if isinstance(exc, HTTPException):
        return exc.status_code
    table: tuple[tuple[type[Exception], int], ...] = (
        (NotFound, 404),
        (ApprovalBlocked, 409),
        (TooLargeError, 413),
        (ResourceLimitError, 413),
        (UnsupportedFormatError, 415),
        (LicenseError, 422),
        (RequestValidationError, 422),
        (InputError, 400),
        (ConfigError, 400),
        (LlmError, 502),
        (NetworkError, 502),
        (OverflowError, 400),
        (ValueError, 400),
    )
    return next((status for kind, status in table if isinstance(exc, kind)), 500)


def error_message(exc: Exception) -> str:
    """The message shown for an exception (never a traceback)."""
    if isinstance(exc, HTTPException):
        return str(exc.detail)
    if isinstance(exc, RequestValidationError):
        return "요청 값이 올바르지 않습니다 (invalid request): " + "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()
        )
    if isinstance(exc, (HaesolError, ValueError, LookupError)):
        return str(exc).strip("'\"")
    return f"내부 오류 (internal error): {type(exc).__name__}"


def wants_json(request: Request) -> bool:
    """Whether to answer an error as JSON: API paths, or clients that ask for JSON."""
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def _add_handlers(app: FastAPI) -> None:
    desk: Desk = app.state.desk

    async def handle(request: Request, exc: Exception) -> Response:
        status, message = error_status(exc), error_message(exc)
        if status >= 500:
            LOGGER.error("request %s failed", request.url.path, exc_info=exc)
        if wants_json(request):
            body: dict[str, Any] = {"error": message, "status": status}
            if isinstance(exc, ApprovalBlocked):
                body["blocking"] = list(exc.positions)
            return _secure(JSONResponse(body, status_code=status))
        if not hasattr(request.state, "session"):
            request.state.session = None
        return _secure(desk.render(request, "error.html", status_code=status, status=status, message=message))

    for kind in (HTTPException, RequestValidationError, HaesolError, ValueError, LookupError, Exception):
        app.add_exception_handler(kind, handle)
