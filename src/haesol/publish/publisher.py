"""Publish approved articles to WordPress: create once, then update the same post; record only what WordPress confirmed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from haesol.errors import ConfigError, HaesolError
from haesol.publish.approved import ApprovedArticle, approved_articles, digest
from haesol.publish.post_content import PostContent, post_content
from haesol.publish.wordpress import POST_STATUSES, RemotePost, WordPressClient
from haesol.store import Store
from haesol.store.publications import Publication, publication, record_publication

LOGGER = logging.getLogger(__name__)

TARGET = "wordpress"
DEFAULT_TAGS = ("보도자료 해설",)


@dataclass(frozen=True, slots=True)
class PublishOptions:
    """Which approved articles to publish (all, or these release ids), as draft or published, with which tags."""

    status: str = "draft"
    release_ids: tuple[int, ...] = ()
    tags: tuple[str, ...] = DEFAULT_TAGS
    force: bool = False

    def __post_init__(self) -> None:
        if self.status not in POST_STATUSES:
            raise ConfigError(
                f"--status는 {', '.join(POST_STATUSES)} 중 하나입니다 (unknown post status {self.status!r})"
            )


@dataclass(frozen=True, slots=True)
class PublishOutcome:
    """What happened to one release: created, updated, unchanged or failed (with the reason)."""

    release_id: int
    news_id: str
    action: str
    post_id: int = 0
    url: str = ""
    revision: int = 0
    message: str = ""


@dataclass(slots=True)
class PublishReport:
    """Every release's outcome, in order."""

    outcomes: list[PublishOutcome] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many releases could not be published."""
        return sum(1 for o in self.outcomes if o.action == "failed")


def publish_wordpress(
    store: Store,
    client: WordPressClient,
    options: PublishOptions,
    progress: Callable[[PublishOutcome], None] | None = None,
) -> PublishReport:
    """Publish every approved article (or those asked for) to the client's site.

    The credentials are checked first, so a site that is down or refuses them stops the run before
    anything is sent. After that, one release's failure is reported and the others go on.

    Raises:
        NetworkError: the site cannot be reached or is not a WordPress REST API.
        ConfigError: the credentials are refused.
        StoreError: the store cannot be read.
    """
    items = approved_articles(store, options.release_ids)
    _check_asked(store, options.release_ids, items)
    report = PublishReport()
    if not items:
        return report
    client.me()
    terms = _Terms(client)
    for item in items:
        outcome = _publish_one(store, client, terms, item, options)
        report.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return report


def release_ids(store: Store, asked: tuple[str, ...]) -> tuple[int, ...]:
    """Store ids for what the user named: a newsId (as ``haesol list`` shows) or a store id (as the desk's URLs show).

    Raises:
        ConfigError: for a value that is neither.
    """
    out: list[int] = []
    for value in asked:
        known = store.known(value.strip())
        if known is not None:
            out.append(known.release_id)
        elif value.strip().isdigit() and store.read("SELECT 1 FROM releases WHERE id = ?", (int(value),)):
            out.append(int(value))
        else:
            raise ConfigError(f"--id {value}: 없는 보도자료 (no release with that newsId or store id)")
    return tuple(dict.fromkeys(out))


def _check_asked(store: Store, asked: tuple[int, ...], items: list[ApprovedArticle]) -> None:
    found = {item.release_id for item in items}
    missing = [str(i) for i in asked if i not in found]
    if missing:
        known = {row["id"] for row in store.read("SELECT id FROM releases")}
        unknown = [m for m in missing if int(m) not in known]
        what = "없는 보도자료 (no such release)" if unknown else "승인되지 않은 기사 (not approved)"
        raise ConfigError(
            f"--id {', '.join(missing)}: {what}; 승인된 기사만 게시합니다 (only approved articles are published)"
        )


class _Terms:
    """Category and tag ids looked up (or created) once per run."""

    def __init__(self, client: WordPressClient) -> None:
        self.client = client
        self.cache: dict[tuple[str, str], int] = {}

    def ids(self, taxonomy: str, names: tuple[str, ...]) -> list[int]:
        out = []
        for name in names:
            if (taxonomy, name) not in self.cache:
                self.cache[(taxonomy, name)] = self.client.term_id(taxonomy, name)
            out.append(self.cache[(taxonomy, name)])
        return out


def _payload(content: PostContent, status: str, terms: _Terms) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "title": content.title,
        "content": content.html,
        "excerpt": content.excerpt,
        "status": status,
        "slug": content.slug,
        "tags": terms.ids("tags", content.tags),
    }
    if content.category:
        payload["categories"] = terms.ids("categories", (content.category,))
    return payload


def _publish_one(
    store: Store, client: WordPressClient, terms: _Terms, item: ApprovedArticle, options: PublishOptions
) -> PublishOutcome:
    content = post_content(item, options.tags)
    sent_hash = digest(content.digest, options.status)
    known = publication(store, item.release_id, TARGET, client.site.key)
    if (
        known is not None
        and known.content_hash == sent_hash
        and known.article_id == item.article_id
        and not options.force
    ):
        return PublishOutcome(
            item.release_id, item.news_id, "unchanged", int(known.remote_id), known.url, item.revision
        )
    try:
        post, action = _send(client, known, _payload(content, options.status, terms))
    except ConfigError:
        raise
    except HaesolError as exc:
        LOGGER.warning("release %s not published: %s", item.news_id, exc)
        return PublishOutcome(item.release_id, item.news_id, "failed", revision=item.revision, message=str(exc))
    record_publication(
        store,
        Publication(
            item.release_id,
            TARGET,
            client.site.key,
            str(post.id),
            post.link,
            post.status,
            item.article_id,
            item.revision_id,
            sent_hash,
        ),
    )
    return PublishOutcome(item.release_id, item.news_id, action, post.id, post.link, item.revision)


def _send(client: WordPressClient, known: Publication | None, payload: dict[str, Any]) -> tuple[RemotePost, str]:
    if known is not None:
        post = client.update_post(int(known.remote_id), payload)
        if post is not None:
            return post, "updated"
        LOGGER.warning("post %s is gone from %s; creating it again", known.remote_id, client.site.key)
    existing = client.find_post(str(payload["slug"]))
    if existing is not None:
        updated = client.update_post(existing.id, payload)
        if updated is not None:
            return updated, "updated"
    return client.create_post(payload), "created"
