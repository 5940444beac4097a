"""What every desk request shares: settings, the Desk (store, caches, sessions, templates) and its dependencies."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from haesol import __version__
from haesol.config import Config
from haesol.parse import MAX_INPUT_BYTES
from haesol.store import Store, open_store
from haesol.store.statuses import STATUS_LABELS
from haesol.web.drafts import safe_url
from haesol.web.security import CSRF_FIELD, CSRF_HEADER, LoginThrottle, Session, SessionStore, csrf_ok
from haesol.web.sources import SourceCache

LOGGER = logging.getLogger(__name__)

MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer; a longer id is refused at the edge (422), never a 500
ReleaseId = Annotated[int, PathParam(ge=1, le=MAX_ROW_ID)]
Position = Annotated[int, PathParam(ge=0, le=1_000_000)]
OptionalReleaseId = Annotated[int | None, Query(ge=1, le=MAX_ROW_ID)]

HERE = Path(__file__).parent
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True, slots=True)
class DeskSettings:
    """How the desk runs: its store, whether login is required (with the password's hash), the LLM engine."""

    store_path: Path
    require_login: bool = False
    password_hash: str = ""
    llm_enabled: bool = False
    config: Config | None = None
    default_reviewer: str = ""
    max_upload_bytes: int = MAX_INPUT_BYTES
    allowed_hosts: tuple[str, ...] = ()
    accounts: bool = False

    def __post_init__(self) -> None:
        if self.require_login and not self.password_hash and not self.accounts:
            raise ValueError("login needs a password hash")

    def __repr__(self) -> str:
        return (
            f"DeskSettings(store_path={str(self.store_path)!r}, require_login={self.require_login}, "
            f"password_hash={'***' if self.password_hash else ''!r}, llm_enabled={self.llm_enabled})"
        )


@dataclass
class Desk:
    """What every request needs: settings, the source cache, sessions, the login throttle and the templates."""

    settings: DeskSettings
    templates: Environment
    cache: SourceCache = field(default_factory=SourceCache)
    sessions: SessionStore = field(default_factory=SessionStore)
    throttle: LoginThrottle = field(default_factory=LoginThrottle)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A store connection for this request's thread (SQLite connections stay in their thread)."""
        with open_store(self.settings.store_path) as opened:
            yield opened

    def render(self, request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        """A page from the templates (autoescaped), with the session's CSRF token and user."""
        session: Session | None = getattr(request.state, "session", None)
        page = self.templates.get_template(name).render(
            request=request,
            session=session,
            csrf_token=session.csrf if session else "",
            csrf_field=CSRF_FIELD,
            auth=self.settings.require_login,
            version=__version__,
            user=session.user if session else "",
            **context,
        )
        return HTMLResponse(page, status_code=status_code)


def templates_env() -> Environment:
    """The Jinja2 environment: templates from the package, every value escaped."""
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["plain"] = plain
    env.globals["status_labels"] = STATUS_LABELS
    env.filters["ko"] = korean_only
    env.globals["verdict_labels"] = VERDICT_LABELS
    return env


VERDICT_LABELS = {
    "supported": "근거 있음",
    "partial": "일부 근거",
    "unsupported": "근거 없음",
    "contradicted": "원문과 다름",
}
TAIL = re.compile(r";\s*available:.*$", re.S)
GLOSS = re.compile(r"\s*\((?=[^()]*[A-Za-z])[^()가-힣]*\)")


def korean_only(text: object) -> str:
    """A bilingual message without its English gloss in brackets (the gloss stays in logs and the CLI)."""
    cleaned = TAIL.sub("", GLOSS.sub("", str(text)))
    return cleaned.strip() or str(text)


def plain(value: Any) -> Any:
    """Dataclasses (and tuples of them) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def get_desk(request: Request) -> Desk:
    """The app's Desk (a FastAPI dependency)."""
    desk: Desk = request.app.state.desk
    return desk


def session_of(request: Request) -> Session:
    """The request's session (set by the middleware)."""
    session: Session = request.state.session
    return session


async def require_csrf(request: Request) -> None:
    """Refuse a state-changing request whose CSRF token (header or form field) is not the session's.

    Raises:
        HTTPException: 403 for a missing or wrong token, or a request from another origin.
    """
    origin = request.headers.get("origin")
    if origin and origin not in (f"{request.url.scheme}://{request.url.netloc}", "null"):
        raise HTTPException(403, "다른 사이트에서 온 요청입니다 (cross-origin request refused)")
    token = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if token is None and content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    if not csrf_ok(getattr(request.state, "session", None), token):
        raise HTTPException(
            403,
            "CSRF 토큰이 없거나 맞지 않습니다. 페이지를 새로 고치세요 (missing or wrong CSRF token; reload the page)",
        )
