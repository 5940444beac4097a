"""Approved articles as publishers need them: the Article with its editors' changes, and the release's facts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass

from haesol.errors import StoreError
from haesol.models import Article
from haesol.render.stored_article import apply_edits, article_from_document
from haesol.store import Store
from haesol.store.publications import ApprovedRef, approved
from haesol.store.review import edits, release_row

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ApprovedArticle:
    """An approved article ready to publish, with where it came from."""

    release_id: int
    news_id: str
    article_id: int
    revision_id: int
    revision: int
    agency: str
    title: str
    date: str
    source_url: str
    kogl_type: int | None
    approved_at: str
    article: Article

    @property
    def headline(self) -> str:
        """The article's headline text."""
        return self.article.headline.text

    @property
    def lead(self) -> str:
        """The lead paragraph as one text."""
        return " ".join(line.text for line in self.article.lead if line.text)

    @property
    def day(self) -> str:
        """The article's date (else the release's), YYYY-MM-DD; '' when unknown."""
        if self.article.date:
            return self.article.date.isoformat()
        return self.date[:10] if _is_date(self.date[:10]) else ""


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def load_approved(store: Store, ref: ApprovedRef) -> ApprovedArticle:
    """One approved article with its edits applied.

    Raises:
        StoreError: when the release or its article cannot be read.
        InputError: when the stored article is not an article document.
    """
    row = release_row(store, ref.release_id)
    rows = store.read("SELECT article_json FROM articles WHERE id = ?", (ref.article_id,))
    if row is None or not rows:
        raise StoreError(
            f"승인된 기사를 찾을 수 없습니다 (approved article {ref.article_id} is missing)", source=str(store.path)
        )
    made = article_from_document(json.loads(rows[0]["article_json"] or "{}"))
    changes = edits(store, ref.article_id)
    article = apply_edits(made, {pos: (e.text, e.sources) for pos, e in changes.items()})
    number = store.read("SELECT number FROM revisions WHERE id = ?", (ref.revision_id,))
    return ApprovedArticle(
        release_id=row.id,
        news_id=row.news_id,
        article_id=ref.article_id,
        revision_id=ref.revision_id,
        revision=int(number[0]["number"]) if number else row.revision,
        agency=article.attribution.agency or row.agency,
        title=row.title,
        date=row.date,
        source_url=article.attribution.url or row.source_url,
        kogl_type=row.kogl_type,
        approved_at=ref.approved_at,
        article=article,
    )


def approved_articles(store: Store, release_ids: tuple[int, ...] = ()) -> list[ApprovedArticle]:
    """Every approved article (or those of ``release_ids``), oldest release first."""
    return [load_approved(store, ref) for ref in approved(store, release_ids)]


def digest(*parts: str) -> str:
    """A short SHA-256 of the given texts (what was sent, to know when it changed)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()
