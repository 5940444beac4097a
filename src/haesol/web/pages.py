"""The desk's HTML pages: inbox, draft view, check page, login and the API docs; each uses the same data function as its /api/ twin."""

from __future__ import annotations

import logging
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from haesol.web import actions
from haesol.web.checking import Upload, check_data, upload_label
from haesol.web.desk import Desk, get_desk, require_csrf, session_of
from haesol.web.drafts import draft_data
from haesol.web.inbox import InboxFilters, inbox_data
from haesol.web.publishing import publish_panel
from haesol.web.security import clean_user, local_path, verify_password

LOGGER = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)
DeskDep = Annotated[Desk, Depends(get_desk)]
Csrf = Depends(require_csrf)
DONE_MESSAGES = {
    "approved": "승인했습니다 (approved).",
    "regenerated": "새 초안을 만들었습니다 (a new draft was written).",
    "commented": "의견을 남겼습니다 (comment added).",
    "published": "게시했습니다 (published).",
}


def inbox_filters(
    q: str = "",
    agency: str = "",
    date_from: str = "",
    date_to: str = "",
    status: str = "",
    kogl: str = "",
    embargo: str = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> InboxFilters:
    """The inbox filters from the query string (shared by the page and /api/releases).

    Raises:
        ConfigError: for an unknown status, KOGL type or embargo value, or a malformed date.
    """
    return InboxFilters(q.strip()[:200], agency.strip()[:100], date_from, date_to, status, kogl, embargo, page)


Filters = Annotated[InboxFilters, Depends(inbox_filters)]


@router.get("/", response_class=HTMLResponse)
def inbox_page(request: Request, desk: DeskDep, filters: Filters) -> HTMLResponse:
    """The inbox."""
    with desk.store() as store:
        data = inbox_data(store, filters)
    return desk.render(request, "inbox.html", page=data, title="받은 보도자료")


@router.get("/releases/{release_id}", response_class=HTMLResponse)
def draft_page(request: Request, desk: DeskDep, release_id: int, done: str = "") -> HTMLResponse:
    """The draft view: source left, article right."""
    with desk.store() as store:
        data = draft_data(store, desk.cache, release_id, desk.settings.llm_enabled)
        publishing = publish_panel(store, desk, release_id)
    return desk.render(
        request,
        "draft.html",
        page=data,
        title=data.release.title,
        done=DONE_MESSAGES.get(done, ""),
        publishing=publishing,
    )


@router.post("/releases/{release_id}/approve", dependencies=[Csrf])
def approve_form(
    request: Request,
    desk: DeskDep,
    release_id: int,
    reviewer: Annotated[str, Form()] = "",
    override: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Approve from the draft view; refused (409, with the failing sentences) unless every sentence passes or an override is given."""
    session = session_of(request)
    who = session.user if desk.settings.require_login else clean_user(reviewer) or session.user
    with desk.store() as store:
        try:
            actions.approve_draft(store, desk.cache, release_id, who, override=override == "1", reason=reason[:1000])
        except (actions.ApprovalBlocked, ValueError) as exc:
            data = draft_data(store, desk.cache, release_id, desk.settings.llm_enabled)
            status = 409 if isinstance(exc, actions.ApprovalBlocked) else 400
            return desk.render(
                request, "draft.html", status_code=status, page=data, title=data.release.title, error=str(exc)
            )
    if not desk.settings.require_login:
        session.user = who
    return RedirectResponse(f"/releases/{release_id}?done=approved", status_code=303)


@router.post("/releases/{release_id}/regenerate", dependencies=[Csrf])
def regenerate_form(
    desk: DeskDep,
    release_id: int,
    engine: Annotated[str, Form()] = "extractive",
    style: Annotated[str, Form()] = "news",
) -> Response:
    """Write a new draft with the chosen engine and style."""
    with desk.store() as store:
        actions.regenerate_draft(
            store, desk.cache, release_id, engine, style, desk.settings.config, desk.settings.llm_enabled
        )
    return RedirectResponse(f"/releases/{release_id}?done=regenerated", status_code=303)


@router.post("/releases/{release_id}/comments", dependencies=[Csrf])
def comment_form(request: Request, desk: DeskDep, release_id: int, body: Annotated[str, Form()] = "") -> Response:
    """Add a comment."""
    with desk.store() as store:
        actions.comment(store, release_id, body, session_of(request).user or "검토자")
    return RedirectResponse(f"/releases/{release_id}?done=commented#comments", status_code=303)


@router.get("/releases/{release_id}/export/{fmt}")
def export_file(desk: DeskDep, release_id: int, fmt: Literal["md", "html", "json"]) -> Response:
    """The draft (edits included) as a file named from its ids: haesol-{release}-{article}.{ext}."""
    with desk.store() as store:
        export = actions.export_draft(store, desk.cache, release_id, fmt)
    headers = {
        "Content-Disposition": f'attachment; filename="{export.filename}"',
        "X-Haesol-Review": "approved" if export.approved else "not-approved",
    }
    return Response(export.text, media_type=export.media_type, headers=headers)


@router.get("/check", response_class=HTMLResponse)
def check_page(request: Request, desk: DeskDep, release_id: int | None = None) -> HTMLResponse:
    """The check form."""
    with desk.store() as store:
        data = check_data(store, desk.cache)
    return desk.render(request, "check.html", page=data, title="기사 점검", picked=release_id)


@router.post("/check", response_class=HTMLResponse, dependencies=[Csrf])
async def check_form(
    request: Request,
    desk: DeskDep,
    article: Annotated[str, Form()] = "",
    release_id: Annotated[str, Form()] = "",
    source_file: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    """Check a pasted article against a stored release or an uploaded file."""
    from starlette.concurrency import run_in_threadpool

    upload = await read_upload(source_file, desk.settings.max_upload_bytes)
    picked = int(release_id) if release_id.strip().isdigit() else None

    def run() -> HTMLResponse:
        with desk.store() as store:
            data = check_data(store, desk.cache, article, picked, upload)
        return desk.render(request, "check.html", page=data, title="기사 점검", picked=picked)

    return await run_in_threadpool(run)


async def read_upload(file: UploadFile | None, limit: int) -> Upload | None:
    """An uploaded file's bytes (at most ``limit``), or None when no file was sent.

    Raises:
        TooLargeError: when the file is larger than ``limit``.
    """
    from haesol.errors import TooLargeError

    if file is None or not file.filename:
        return None
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(len(data), limit, source=upload_label(file.filename))
    return Upload(upload_label(file.filename), data)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, desk: DeskDep, next: str = "/") -> HTMLResponse:
    """The login form (only needed when the desk requires login)."""
    return desk.render(request, "login.html", title="로그인", next=local_path(next))


@router.post("/login", dependencies=[Csrf])
def login_form(
    request: Request,
    desk: DeskDep,
    password: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the password; on success start a new session (new id and CSRF token) for the named reviewer."""
    address = request.client.host if request.client else "unknown"
    user = clean_user(name)
    if desk.throttle.blocked(address):
        return desk.render(
            request,
            "login.html",
            status_code=429,
            title="로그인",
            next=local_path(next),
            error="로그인 시도가 너무 많습니다. 잠시 뒤에 다시 하세요 (too many attempts; wait a few minutes)",
        )
    if not desk.settings.require_login or not user or not verify_password(password, desk.settings.password_hash):
        desk.throttle.failed(address)
        return desk.render(
            request,
            "login.html",
            status_code=401,
            title="로그인",
            next=local_path(next),
            error="이름 또는 비밀번호가 맞지 않습니다 (wrong name or password)",
        )
    desk.throttle.succeeded(address)
    desk.sessions.drop(session_of(request).id)
    request.state.session = desk.sessions.new(user, authenticated=True)
    return RedirectResponse(local_path(next), status_code=303)


@router.post("/logout", dependencies=[Csrf])
def logout_form(request: Request, desk: DeskDep) -> Response:
    """End the session."""
    desk.sessions.drop(session_of(request).id)
    request.state.session = desk.sessions.new("" if desk.settings.require_login else desk.settings.default_reviewer)
    return RedirectResponse("/login" if desk.settings.require_login else "/", status_code=303)


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request, desk: DeskDep) -> HTMLResponse:
    """The API's endpoints, from /openapi.json, on a local page (no assets from the internet)."""
    from haesol.web.docs import api_endpoints

    return desk.render(request, "docs.html", title="API 문서", endpoints=api_endpoints(request.app.openapi()))
