"""The desk's HTML pages: inbox, draft view, check page, login and the API docs; each uses the same data function as its /api/ twin."""

from __future__ import annotations

import logging
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from haesol.store.review import latest_article
from haesol.web import actions
from haesol.web.checking import Upload, check_data, upload_label
from haesol.web.desk import MAX_ROW_ID, Desk, OptionalReleaseId, ReleaseId, get_desk, require_csrf, session_of
from haesol.web.drafts import draft_data
from haesol.web.inbox import InboxFilters, inbox_data
from haesol.web.publishing import publish_panel
from haesol.web.security import clean_user, local_path, verify_password

LOGGER = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)
DeskDep = Annotated[Desk, Depends(get_desk)]
Csrf = Depends(require_csrf)
DONE_MESSAGES = {
    "approved": "승인했습니다.",
    "regenerated": "새 초안을 만들었습니다. 이전 초안은 ‘초안 기록’에 남아 있습니다.",
    "commented": "의견을 남겼습니다.",
    "published": "게시했습니다.",
    "revoked": "승인을 취소했습니다. 다시 검토해야 합니다.",
    "undone": "마지막 수정을 되돌렸습니다.",
    "nothing": "되돌릴 수정이 없습니다.",
    "assigned": "담당자를 정했습니다.",
    "restored": "이전 초안을 최신 초안으로 되살렸습니다. 다시 검토하고 승인하세요.",
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
    assignee: str = "",
    approval: str = "",
    sort: str = "-date",
) -> InboxFilters:
    """The inbox filters from the query string (shared by the page and /api/releases).

    Raises:
        ConfigError: for an unknown status, KOGL type or embargo value, or a malformed date.
    """
    return InboxFilters(
        q.strip()[:200],
        agency.strip()[:100],
        date_from,
        date_to,
        status,
        kogl,
        embargo,
        page,
        assignee.strip()[:60],
        approval,
        sort or "-date",
    )


Filters = Annotated[InboxFilters, Depends(inbox_filters)]


@router.get("/", response_class=HTMLResponse)
def inbox_page(request: Request, desk: DeskDep, filters: Filters, done: str = "") -> HTMLResponse:
    """The inbox: the review queue with its columns, filters, import and bulk approval."""
    from haesol.web.queue import queue_flags

    with desk.store() as store:
        data = inbox_data(store, filters, flags=lambda ids: queue_flags(store, desk.cache, ids))
    message = DONE_MESSAGES.get(done, "")
    if done == "bulk":
        approved, refused = (request.query_params.get(k, "0") for k in ("approved", "refused"))
        if approved.isdigit() and refused.isdigit():
            message = f"{int(approved)}건을 승인했습니다." + (
                f" {int(refused)}건은 문제 문장이 있거나 승인할 수 없어 그대로 두었습니다." if int(refused) else ""
            )
    return desk.render(request, "inbox.html", page=data, title="받은 보도자료", done=message)


@router.get("/releases/{release_id}", response_class=HTMLResponse)
def draft_page(
    request: Request, desk: DeskDep, release_id: ReleaseId, done: str = "", article: OptionalReleaseId = None
) -> HTMLResponse:
    """The draft view: source left, article right (``article`` shows an earlier draft, read only)."""
    with desk.store() as store:
        data = draft_data(store, desk.cache, release_id, desk.settings.llm_enabled, article_id=article)
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
    release_id: ReleaseId,
    reviewer: Annotated[str, Form()] = "",
    override: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Approve from the draft view; refused (409, with the failing sentences) unless every sentence passes or an override is given."""
    who = signer(request, desk, reviewer)
    with desk.store() as store:
        try:
            actions.approve_draft(store, desk.cache, release_id, who, override=override == "1", reason=reason[:1000])
        except (actions.ApprovalBlocked, ValueError) as exc:
            data = draft_data(store, desk.cache, release_id, desk.settings.llm_enabled)
            status = 409 if isinstance(exc, actions.ApprovalBlocked) else 400
            return desk.render(
                request, "draft.html", status_code=status, page=data, title=data.release.title, error=str(exc)
            )
    return RedirectResponse(f"/releases/{release_id}?done=approved", status_code=303)


def signer(request: Request, desk: Desk, given: str) -> str:
    """Who signs an action: the logged-in user, or on a local desk the name given (remembered for the session).

    Raises:
        ValueError: on a local desk when no name is given and none was given before.
    """
    session = session_of(request)
    if desk.settings.require_login:
        return session.user
    name = clean_user(given) or session.user
    if not name:
        raise ValueError("검토자 이름을 적어 주세요 (the reviewer's name is needed)")
    session.user = name
    return name


@router.post("/releases/{release_id}/regenerate", dependencies=[Csrf])
def regenerate_form(
    desk: DeskDep,
    release_id: ReleaseId,
    engine: Annotated[str, Form()] = "extractive",
    style: Annotated[str, Form()] = "news",
    confirmed: Annotated[list[str], Form()] = [],  # noqa: B006 (FastAPI reads the default, never mutates it)
) -> Response:
    """Write a new draft with the chosen engine and style (asked first when a draft exists; the old one is kept)."""
    with desk.store() as store:
        if "1" not in confirmed and latest_article(store, release_id) is not None:
            raise ValueError("다시 만들기를 확인해 주세요: 지금 초안은 기록에 남습니다 (confirm the regeneration)")
        actions.regenerate_draft(
            store, desk.cache, release_id, engine, style, desk.settings.config, desk.settings.llm_enabled
        )
    return RedirectResponse(f"/releases/{release_id}?done=regenerated", status_code=303)


@router.post("/releases/{release_id}/comments", dependencies=[Csrf])
def comment_form(
    request: Request,
    desk: DeskDep,
    release_id: ReleaseId,
    body: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "",
) -> Response:
    """Add a comment, signed by the logged-in user (or, on a local desk, by the name given)."""
    who = signer(request, desk, author)
    with desk.store() as store:
        actions.comment(store, release_id, body, who)
    return RedirectResponse(f"/releases/{release_id}?done=commented#comments", status_code=303)


@router.get("/releases/{release_id}/export/{fmt}")
def export_file(desk: DeskDep, release_id: ReleaseId, fmt: Literal["md", "html", "json"]) -> Response:
    """The draft (edits included) as a file named from its ids: haesol-{release}-{article}.{ext}."""
    with desk.store() as store:
        export = actions.export_draft(store, desk.cache, release_id, fmt)
    headers = {
        "Content-Disposition": f'attachment; filename="{export.filename}"',
        "X-Haesol-Review": "approved" if export.approved else "not-approved",
    }
    return Response(export.text, media_type=export.media_type, headers=headers)


@router.get("/check", response_class=HTMLResponse)
def check_page(request: Request, desk: DeskDep, release_id: OptionalReleaseId = None) -> HTMLResponse:
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
    picked = int(release_id) if release_id.strip().isdigit() and 0 < int(release_id) <= MAX_ROW_ID else None

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
            error="로그인 시도가 너무 많습니다. 잠시 뒤에 다시 하세요.",
        )
    if not desk.settings.require_login or not user or not _password_ok(desk, user, password):
        desk.throttle.failed(address)
        return desk.render(
            request,
            "login.html",
            status_code=401,
            title="로그인",
            next=local_path(next),
            error="이름 또는 비밀번호가 맞지 않습니다.",
        )
    desk.throttle.succeeded(address)
    desk.sessions.drop(session_of(request).id)
    request.state.session = desk.sessions.new(user, authenticated=True)
    request.state.session.admin = _is_admin(desk, user)
    return RedirectResponse(local_path(next), status_code=303)


def _is_admin(desk: Desk, user: str) -> bool:
    if not desk.settings.accounts:
        return False
    from haesol.store.users import get_user

    with desk.store() as store:
        account = get_user(store, user)
    return account is not None and account.admin


def _password_ok(desk: Desk, user: str, password: str) -> bool:
    """The account's password when the desk has accounts, else the desk's shared password."""
    if desk.settings.accounts:
        from haesol.store.users import password_hash_of

        with desk.store() as store:
            return verify_password(password, password_hash_of(store, user))
    return verify_password(password, desk.settings.password_hash)


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
