"""The desk's JSON API under /api/: each page's twin (same data function) and the state-changing calls."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from pydantic import BaseModel, Field

from haesol.web import actions
from haesol.web.checking import CheckPage, check_data
from haesol.web.desk import MAX_ROW_ID, Desk, Position, ReleaseId, get_desk, require_csrf, session_of
from haesol.web.drafts import (
    ApprovalView,
    CommentView,
    DraftPage,
    ReviewView,
    SentenceView,
    draft_data,
    load_desk,
    review_view,
)
from haesol.web.inbox import InboxPage, inbox_data
from haesol.web.pages import Filters, read_upload
from haesol.web.security import clean_user

LOGGER = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["desk"])
DeskDep = Annotated[Desk, Depends(get_desk)]
Csrf = Depends(require_csrf)


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """Who is using the desk, and the CSRF token every state-changing call must send as X-CSRF-Token."""

    user: str
    csrf_token: str
    login_required: bool
    llm_enabled: bool


@dataclass(frozen=True, slots=True)
class EditResult:
    """An edited sentence's new verdict, and the review state after the edit."""

    sentence: SentenceView
    review: ReviewView


class SentenceEditBody(BaseModel):
    """A new text for one article sentence."""

    text: str = Field(min_length=1, max_length=actions.MAX_SENTENCE_CHARS)
    reviewer: str = Field(default="", max_length=200)


class ApproveBody(BaseModel):
    """An approval; ``override`` (with a ``reason``) approves despite failing sentences, and is recorded."""

    reviewer: str = Field(default="", max_length=200)
    override: bool = False
    reason: str = Field(default="", max_length=1000)


class RegenerateBody(BaseModel):
    """Which engine and register to draft with."""

    engine: Literal["extractive", "llm"] = "extractive"
    style: Literal["news", "polite"] = "news"


class CommentBody(BaseModel):
    """A reviewer's note."""

    body: str = Field(min_length=1, max_length=4000)


@router.get("/session")
def session_info(request: Request, desk: DeskDep) -> SessionInfo:
    """The session's user and CSRF token (send it as X-CSRF-Token on every POST)."""
    session = session_of(request)
    return SessionInfo(session.user, session.csrf, desk.settings.require_login, desk.settings.llm_enabled)


@router.get("/releases")
def releases(desk: DeskDep, filters: Filters) -> InboxPage:
    """The inbox: releases filtered by search words, agency, date, status, KOGL type and embargo, paged."""
    with desk.store() as store:
        return inbox_data(store, filters)


@router.get("/releases/{release_id}")
def draft(desk: DeskDep, release_id: ReleaseId) -> DraftPage:
    """The draft view: source structure, article sentences with verdicts and evidence, review state, comments."""
    with desk.store() as store:
        return draft_data(store, desk.cache, release_id, desk.settings.llm_enabled)


@router.post("/releases/{release_id}/sentences/{position}", dependencies=[Csrf])
def edit_sentence(
    request: Request, desk: DeskDep, release_id: ReleaseId, position: Position, body: SentenceEditBody
) -> EditResult:
    """Save a new text for one sentence; it is re-checked at once against the stored source (its own sources first, then retrieval)."""
    session = session_of(request)
    who = session.user
    if not desk.settings.require_login and clean_user(body.reviewer):
        who = session.user = clean_user(body.reviewer)  # a local desk: the name typed in the review box
    with desk.store() as store:
        sentence = actions.edit_sentence(store, desk.cache, release_id, position, body.text, who)
        _, desk_article = load_desk(store, desk.cache, release_id)
        return EditResult(sentence, review_view(store, release_id, desk_article))


@router.post("/releases/{release_id}/approve", dependencies=[Csrf])
def approve(request: Request, desk: DeskDep, release_id: ReleaseId, body: ApproveBody) -> ApprovalView:
    """Approve the draft as it stands; 409 with the failing positions unless every sentence passes or ``override`` is set."""
    session = session_of(request)
    who = session.user if desk.settings.require_login else clean_user(body.reviewer) or session.user
    with desk.store() as store:
        return actions.approve_draft(store, desk.cache, release_id, who, override=body.override, reason=body.reason)


@router.post("/releases/{release_id}/regenerate", dependencies=[Csrf])
def regenerate(desk: DeskDep, release_id: ReleaseId, body: RegenerateBody) -> actions.Regenerated:
    """Write a new draft with another engine (llm only when the desk offers it) or register."""
    with desk.store() as store:
        return actions.regenerate_draft(
            store, desk.cache, release_id, body.engine, body.style, desk.settings.config, desk.settings.llm_enabled
        )


@router.post("/releases/{release_id}/comments", dependencies=[Csrf])
def add_comment(request: Request, desk: DeskDep, release_id: ReleaseId, body: CommentBody) -> CommentView:
    """Add a comment to a release."""
    with desk.store() as store:
        return actions.comment(store, release_id, body.body, session_of(request).user or "검토자")


@router.get("/check")
def check_form(desk: DeskDep) -> CheckPage:
    """The check page's choices: stored releases to use as the source, and the limits."""
    with desk.store() as store:
        return check_data(store, desk.cache)


@router.post("/check", dependencies=[Csrf])
async def check(
    desk: DeskDep,
    article: Annotated[str, Form()],
    release_id: Annotated[int | None, Form(ge=1, le=MAX_ROW_ID)] = None,
    source_file: Annotated[UploadFile | None, File()] = None,
) -> CheckPage:
    """Audit an article against a stored release (``release_id``) or an uploaded source file: the `haesol check` report."""
    from starlette.concurrency import run_in_threadpool

    upload = await read_upload(source_file, desk.settings.max_upload_bytes)

    def run() -> CheckPage:
        with desk.store() as store:
            return check_data(store, desk.cache, article, release_id, upload)

    return await run_in_threadpool(run)
