"""The desk's workflow forms: import files, bulk approval, revoke, undo, assign (each with an /api/ twin)."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from haesol.errors import TooLargeError
from haesol.jobs.imports import MAX_FILES, ImportFile, ImportOutcome, import_files
from haesol.web import actions
from haesol.web.checking import upload_label
from haesol.web.desk import MAX_ROW_ID, Desk, ReleaseId, get_desk, require_csrf, session_of
from haesol.web.drafts import SentenceView
from haesol.web.inbox import InboxFilters, inbox_data
from haesol.web.pages import signer

LOGGER = logging.getLogger(__name__)

router = APIRouter()
DeskDep = Annotated[Desk, Depends(get_desk)]
Csrf = Depends(require_csrf)
MIN_PASSWORD_CHARS = 10
IMPORT_LABELS = {
    "stored": "새로 저장",
    "revised": "새 판으로 저장",
    "unchanged": "이미 있음",
    "duplicate": "같은 내용이 이미 있음",
    "failed": "읽지 못함",
}


async def _read_files(files: list[UploadFile], limit: int) -> list[ImportFile]:
    if len(files) > MAX_FILES:
        raise ValueError(f"한 번에 {MAX_FILES}개까지 올릴 수 있습니다 (at most {MAX_FILES} files at once)")
    read: list[ImportFile] = []
    for file in files:
        if not file.filename:
            continue
        data = await file.read(limit + 1)
        if len(data) > limit:
            raise TooLargeError(len(data), limit, source=upload_label(file.filename))
        read.append(ImportFile(upload_label(file.filename), data))
    if not read:
        raise ValueError("올릴 파일을 고르세요 (no file was sent)")
    return read


def _import(desk: Desk, files: list[ImportFile]) -> tuple[ImportOutcome, ...]:
    """Store and draft the files, then check the new drafts for the queue's columns (while the editor waits anyway)."""
    from haesol.web.queue import queue_flags

    with desk.store() as store:
        outcomes = import_files(store, files).outcomes
        queue_flags(store, desk.cache, [o.release_id for o in outcomes if o.release_id is not None], budget_s=None)
    return outcomes


@router.post("/import", include_in_schema=False, response_class=HTMLResponse, dependencies=[Csrf])
async def import_form(request: Request, desk: DeskDep, files: Annotated[list[UploadFile], File()]) -> HTMLResponse:
    """Store uploaded release files in the inbox and draft them; the inbox shows what happened to each file."""
    from haesol.web.queue import queue_flags

    outcomes = await run_in_threadpool(_import, desk, await _read_files(files, desk.settings.max_upload_bytes))

    def page() -> HTMLResponse:
        with desk.store() as store:
            data = inbox_data(store, InboxFilters(), flags=lambda ids: queue_flags(store, desk.cache, ids))
        return desk.render(
            request, "inbox.html", page=data, title="받은 보도자료", imported=outcomes, import_labels=IMPORT_LABELS
        )

    return await run_in_threadpool(page)


@router.post("/api/import", dependencies=[Csrf], tags=["desk"])
async def import_api(desk: DeskDep, files: Annotated[list[UploadFile], File()]) -> list[ImportOutcome]:
    """Store uploaded release files (stored, revised, unchanged, duplicate or failed each) and draft them."""
    return list(await run_in_threadpool(_import, desk, await _read_files(files, desk.settings.max_upload_bytes)))


@router.post("/bulk-approve", include_in_schema=False, dependencies=[Csrf])
def bulk_approve_form(
    request: Request,
    desk: DeskDep,
    ids: Annotated[list[int], Form()],
    reviewer: Annotated[str, Form()] = "",
) -> Response:
    """Approve the chosen drafts that have no flagged sentence (the others are left as they are)."""
    who = signer(request, desk, reviewer)
    with desk.store() as store:
        approved, refused = actions.bulk_approve(store, desk.cache, ids[:200], who)
    LOGGER.info("bulk approval by %s: %d approved, %d refused", who, len(approved), len(refused))
    return RedirectResponse(f"/?done=bulk&approved={len(approved)}&refused={len(refused)}", status_code=303)


@router.post("/releases/{release_id}/revoke", include_in_schema=False, dependencies=[Csrf])
def revoke_form(
    request: Request, desk: DeskDep, release_id: ReleaseId, reviewer: Annotated[str, Form()] = ""
) -> Response:
    """Withdraw the approval; the draft needs review again."""
    who = signer(request, desk, reviewer)
    with desk.store() as store:
        actions.revoke_approval(store, release_id, who)
    return RedirectResponse(f"/releases/{release_id}?done=revoked", status_code=303)


@router.post("/releases/{release_id}/undo", include_in_schema=False, dependencies=[Csrf])
def undo_form(request: Request, desk: DeskDep, release_id: ReleaseId) -> Response:
    """Undo the newest edit (recorded as an edit of its own)."""
    who = session_of(request).user or "검토자"
    with desk.store() as store:
        undone = actions.undo_last_edit(store, desk.cache, release_id, who)
    return RedirectResponse(f"/releases/{release_id}?done={'undone' if undone else 'nothing'}#history", status_code=303)


@router.post("/releases/{release_id}/restore", include_in_schema=False, dependencies=[Csrf])
def restore_form(
    request: Request, desk: DeskDep, release_id: ReleaseId, article: Annotated[int, Form(ge=1, le=MAX_ROW_ID)]
) -> Response:
    """Make an earlier draft the newest again (a copy with its edits; it needs review)."""
    from haesol.store.workflow import restore_article

    with desk.store() as store:
        restore_article(store, release_id, article, session_of(request).user or "검토자")
    return RedirectResponse(f"/releases/{release_id}?done=restored", status_code=303)


@router.post("/releases/{release_id}/assign", include_in_schema=False, dependencies=[Csrf])
def assign_form(
    request: Request, desk: DeskDep, release_id: ReleaseId, assignee: Annotated[str, Form()] = ""
) -> Response:
    """Make someone responsible for the release."""
    who = session_of(request).user or "검토자"
    with desk.store() as store:
        actions.assign_release(store, release_id, assignee, who)
    return RedirectResponse(f"/releases/{release_id}?done=assigned", status_code=303)


@router.post("/api/releases/{release_id}/revoke", dependencies=[Csrf], tags=["desk"])
def revoke_api(request: Request, desk: DeskDep, release_id: ReleaseId) -> dict[str, bool]:
    """Withdraw the current approval (``revoked`` is false when nothing was approved)."""
    with desk.store() as store:
        return {"revoked": actions.revoke_approval(store, release_id, session_of(request).user or "검토자")}


@router.post("/api/releases/{release_id}/undo", dependencies=[Csrf], tags=["desk"])
def undo_api(request: Request, desk: DeskDep, release_id: ReleaseId) -> SentenceView | None:
    """Undo the newest edit of the newest draft (recorded as an edit); the sentence as it is now, or null."""
    with desk.store() as store:
        return actions.undo_last_edit(store, desk.cache, release_id, session_of(request).user or "검토자")


def _admin_only(request: Request) -> None:
    session = session_of(request)
    if not (session.authenticated and session.admin):
        raise HTTPException(403, "관리자만 계정을 만들 수 있습니다 (only an admin can manage accounts)")


@router.get("/users", include_in_schema=False, response_class=HTMLResponse)
def users_page(request: Request, desk: DeskDep, done: str = "") -> HTMLResponse:
    """The accounts (admins only): who may log in, and a form to add one."""
    from haesol.store.users import users

    _admin_only(request)
    with desk.store() as store:
        accounts = users(store)
    message = "계정을 저장했습니다." if done == "saved" else ""
    return desk.render(request, "users.html", title="계정", accounts=accounts, done=message)


@router.post("/users", include_in_schema=False, dependencies=[Csrf])
def add_user_form(
    request: Request,
    desk: DeskDep,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    admin: Annotated[str, Form()] = "",
) -> Response:
    """Create an account or set a new password (admins only); only a salted scrypt hash is stored."""
    from haesol.store.users import add_user
    from haesol.web.security import hash_password

    _admin_only(request)
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValueError(
            f"비밀번호는 {MIN_PASSWORD_CHARS}자 이상이어야 합니다 (at least {MIN_PASSWORD_CHARS} characters)"
        )
    with desk.store() as store:
        add_user(store, name, hash_password(password), admin=admin == "1")
    return RedirectResponse("/users?done=saved", status_code=303)
