"""Records going into and coming out of the store."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from haesol.models import Release

LOGGER = logging.getLogger(__name__)

STATUSES = ("new", "drafted", "failed", "duplicate")
STATES = (*STATUSES, "embargoed", "ready")


def utc_text(moment: dt.datetime) -> str:
    """An aware datetime as sortable UTC text ('2026-10-07T15:00:00+00:00')."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def from_utc_text(text: str | None) -> dt.datetime | None:
    """The datetime stored by ``utc_text`` (None stays None)."""
    return dt.datetime.fromisoformat(text) if text else None


@dataclass(frozen=True, slots=True)
class NewRevision:
    """A release as fetched: the parsed document, the bytes it came from and what the page said."""

    news_id: str
    release: Release
    data: bytes
    retrieved_at: dt.datetime
    source_url: str = ""
    fetched_url: str = ""
    title: str = ""
    agency: str = ""
    list_date: dt.date | None = None
    kogl_type: int | None = None
    kogl_evidence: str = ""
    attachment_name: str = ""
    attachment_url: str = ""
    embargo_until: dt.datetime | None = None
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What saving a revision did: stored (new), revised, unchanged or duplicate (of another newsId)."""

    status: str
    release_id: int
    revision: int
    duplicate_of: str = ""


@dataclass(frozen=True, slots=True)
class KnownRelease:
    """What the store knows of a newsId, to decide whether to fetch it again."""

    release_id: int
    news_id: str
    status: str
    title: str
    has_revision: bool


@dataclass(frozen=True, slots=True)
class ReleaseRow:
    """A release as listed: its latest revision's facts and its state."""

    id: int
    news_id: str
    title: str
    agency: str
    date: str
    status: str
    reason: str
    kogl_type: int | None
    embargo_until: dt.datetime | None
    revision: int
    source_url: str
    sha256: str
    format: str
    retrieved_at: str
    articles: int

    def state(self, now: dt.datetime) -> str:
        """new, drafted, failed or duplicate; ``embargoed`` while the embargo lasts; ``ready`` once drafted and free."""
        if self.status in ("failed", "duplicate"):
            return self.status
        if self.embargo_until is not None and now < self.embargo_until:
            return "embargoed"
        return "ready" if self.status == "drafted" else self.status


@dataclass(frozen=True, slots=True)
class PendingRelease:
    """A release waiting for a draft: the revision to draft and the page facts to lay over it."""

    release_id: int
    revision_id: int
    news_id: str
    title: str
    agency: str
    source_url: str
    kogl_type: int | None
    kogl_evidence: str
    attachment_name: str
    sha256: str
    embargo_until: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """A drafted article with how it was made (engine, options, haesol version) and its gate summary."""

    release_id: int
    revision_id: int
    engine: str
    style: str
    options_json: str
    haesol_version: str
    article_json: str
    markdown: str
    passed: bool
    rejected: int
    gate_json: str
    article_date: dt.date | None = None
    ready_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result: the release and the line that matched best."""

    release_id: int
    news_id: str
    title: str
    agency: str
    date: str
    status: str
    score: float
    snippet: str
