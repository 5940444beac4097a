"""The desk's publish action: send an approved article to the configured WordPress, and show where it is published."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from haesol.config import Config, load_config
from haesol.errors import ConfigError
from haesol.store import Store
from haesol.store.publications import publications
from haesol.store.review import review_state
from haesol.web.desk import Desk, ReleaseId, get_desk, require_csrf
from haesol.web.drafts import NotFound, utc_to_kst

LOGGER = logging.getLogger(__name__)

router = APIRouter()
DeskDep = Annotated[Desk, Depends(get_desk)]
Csrf = Depends(require_csrf)


@dataclass(frozen=True, slots=True)
class PublicationView:
    """Where a release is published: the site, the post's address and status, the revision sent, and when (KST)."""

    target: str
    site: str
    url: str
    status: str
    revision_id: int
    article_id: int
    published_at: str


@dataclass(frozen=True, slots=True)
class PublishPanel:
    """What the draft page shows about publishing: the publications, and whether the publish button is offered."""

    publications: tuple[PublicationView, ...]
    approved: bool
    wordpress: str


def _config(desk: Desk) -> Config:
    return desk.settings.config or load_config()


def _wordpress_ready(config: Config) -> bool:
    return bool(config["wordpress.url"] and config["wordpress.user"] and config["wordpress.password"])


def publish_panel(store: Store, desk: Desk, release_id: int) -> PublishPanel:
    """The publishing panel of a release's draft page (a broken settings file only hides the button)."""
    try:
        config = _config(desk)
    except ConfigError as exc:
        LOGGER.warning("publishing settings: %s", exc)
        config = Config({"wordpress.url": "", "wordpress.user": "", "wordpress.password": ""})
    state = review_state(store, release_id)
    views = tuple(
        PublicationView(p.target, p.site, p.url, p.status, p.revision_id, p.article_id, utc_to_kst(p.published_at))
        for p in publications(store, release_id)
    )
    return PublishPanel(
        views,
        state is not None and state.status == "approved",
        str(config["wordpress.url"]) if _wordpress_ready(config) else "",
    )


def publish_release(store: Store, desk: Desk, release_id: int, status: str) -> PublishPanel:
    """Publish one approved release to the configured WordPress.

    Raises:
        NotFound: for an unknown release.
        ConfigError: when WordPress is not configured, the article is not approved, or the credentials are refused.
        NetworkError: when the site fails.
    """
    from haesol.publish.publisher import PublishOptions, publish_wordpress
    from haesol.publish.wordpress import WordPressClient, WordPressSite

    if review_state(store, release_id) is None:
        raise NotFound(f"보도자료가 없습니다 (no release {release_id})")
    config = _config(desk)
    if not _wordpress_ready(config):
        raise ConfigError(
            "WordPress가 설정되지 않았습니다: wordpress.url, wordpress.user, wordpress.password "
            "(HAESOL_WORDPRESS_*) 설정이 필요합니다 (WordPress is not configured)"
        )
    site = WordPressSite(
        str(config["wordpress.url"]),
        str(config["wordpress.user"]),
        str(config["wordpress.password"]),
        float(config["wordpress.timeout"]),
        max(0, int(config["wordpress.retries"])),
    )
    with WordPressClient(site) as client:
        report = publish_wordpress(store, client, PublishOptions(status=status, release_ids=(release_id,), force=True))
    failed = [o.message for o in report.outcomes if o.action == "failed"]
    if failed:
        raise ConfigError(f"게시하지 못했습니다 (not published): {failed[0]}")
    return publish_panel(store, desk, release_id)


@router.post("/releases/{release_id}/publish", dependencies=[Csrf], include_in_schema=False)
def publish_form(
    desk: DeskDep, release_id: ReleaseId, status: Annotated[Literal["draft", "publish"], Form()] = "draft"
) -> Response:
    """The draft page's publish button."""
    with desk.store() as store:
        publish_release(store, desk, release_id, status)
    return RedirectResponse(f"/releases/{release_id}?done=published", status_code=303)


@router.post("/api/releases/{release_id}/publish", dependencies=[Csrf])
def publish_api(
    request: Request, desk: DeskDep, release_id: ReleaseId, status: Literal["draft", "publish"] = "draft"
) -> PublishPanel:
    """Publish an approved release to the configured WordPress; returns where it is published."""
    with desk.store() as store:
        return publish_release(store, desk, release_id, status)


@router.get("/api/releases/{release_id}/publications")
def publications_api(desk: DeskDep, release_id: ReleaseId) -> PublishPanel:
    """Where a release is published."""
    with desk.store() as store:
        if review_state(store, release_id) is None:
            raise NotFound(f"보도자료가 없습니다 (no release {release_id})")
        return publish_panel(store, desk, release_id)
