"""The check page: audit any pasted article against a stored release or an uploaded source file."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from haesol.errors import InputError
from haesol.parse import MAX_INPUT_BYTES
from haesol.store import Store
from haesol.web.sources import NLP_LOCK, SourceCache

LOGGER = logging.getLogger(__name__)

MAX_ARTICLE_CHARS = 200_000
CHOICES_LIMIT = 200
UNSAFE_LABEL = re.compile(r"[^\w.\-가-힣 ()]+")


@dataclass(frozen=True, slots=True)
class ReleaseChoice:
    """A stored release offered as the source."""

    id: int
    title: str
    agency: str
    date: str


@dataclass(frozen=True, slots=True)
class Upload:
    """An uploaded source file: its (cleaned) name and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class CheckPage:
    """The check form's choices and limits, and the report once an article was checked (``haesol check`` JSON)."""

    releases: tuple[ReleaseChoice, ...]
    max_upload_bytes: int = MAX_INPUT_BYTES
    max_article_chars: int = MAX_ARTICLE_CHARS
    article: str = ""
    release_id: int | None = None
    source_label: str = ""
    report: dict[str, Any] | None = None
    passed: bool | None = None


def upload_label(name: str) -> str:
    """An uploaded file's name for messages: its last path part, with odd characters replaced."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return UNSAFE_LABEL.sub("_", base)[:80] or "upload"


def choices(store: Store) -> tuple[ReleaseChoice, ...]:
    """The newest stored releases that have a source file."""
    return tuple(
        ReleaseChoice(r.id, r.title, r.agency, r.date[:10]) for r in store.releases(limit=CHOICES_LIMIT) if r.sha256
    )


def check_data(
    store: Store, cache: SourceCache, article: str = "", release_id: int | None = None, upload: Upload | None = None
) -> CheckPage:
    """The check page; with an article and a source, the audit report (also stored for a stored release).

    Args:
        store: the store (its releases are offered as sources).
        cache: parsed and analysed revisions.
        article: the article text (Markdown, HTML or plain text).
        release_id: a stored release as the source.
        upload: an uploaded source file (used when no release is picked).

    Raises:
        InputError: for an empty or overlong article, a missing source, or a source that cannot be parsed
            (unknown type, too large, protected …: the parser's own message).
        NotFound: when the picked release does not exist.
    """
    offered = choices(store)
    if not article.strip() and release_id is None and upload is None:
        return CheckPage(offered)
    if not article.strip():
        raise InputError("점검할 기사를 붙여 넣으세요 (paste the article to check)")
    if release_id is not None and upload is not None and upload.data:
        raise InputError(
            "저장된 보도자료와 원문 파일 중 하나만 고르세요 (pick either a stored release or a file, not both)"
        )
    if len(article) > MAX_ARTICLE_CHARS:
        raise InputError(f"기사가 너무 깁니다 (the article has more than {MAX_ARTICLE_CHARS} characters)")
    release, label = _source(store, cache, release_id, upload)
    from haesol.pipeline import check
    from haesol.render.report import check_document
    from haesol.verify.audit import failing

    with NLP_LOCK:
        result = check(article.encode("utf-8"), release, article_name="article")
    report = check_document(result)
    passed = not failing(result.report, "contradicted")
    if release_id is not None:
        store.add_report("check", json.dumps(report, ensure_ascii=False), passed=passed, release_id=release_id)
    return CheckPage(offered, article=article, release_id=release_id, source_label=label, report=report, passed=passed)


def _source(store: Store, cache: SourceCache, release_id: int | None, upload: Upload | None) -> tuple[Any, str]:
    from haesol.parse import parse_bytes
    from haesol.web.drafts import current_revision_id

    if release_id is not None:
        loaded = cache.load(store, current_revision_id(store, release_id))
        return loaded.release, loaded.release.title
    if upload is None or not upload.data:
        raise InputError("원문을 고르거나 파일을 올리세요 (pick a stored release or upload the source file)")
    with NLP_LOCK:
        return parse_bytes(upload.data, upload.name, max_bytes=MAX_INPUT_BYTES, isolated=True), upload.name
