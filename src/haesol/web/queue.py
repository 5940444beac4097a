"""The review queue's per-release facts: verdict counts of the newest draft (cached per edit), assignee, approval."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from haesol.errors import InputError, StoreError
from haesol.models import Verdict
from haesol.store import Store
from haesol.store.workflow import QueueFacts, cached_flags, queue_facts, save_flags
from haesol.web.drafts import desk_article
from haesol.web.sources import SourceCache

LOGGER = logging.getLogger(__name__)

QUEUE_BUDGET_S = 2.0
FLAG_ORDER = (Verdict.CONTRADICTED.value, Verdict.UNSUPPORTED.value, Verdict.PARTIAL.value)


def verdict_counts(store: Store, cache: SourceCache, facts: QueueFacts) -> dict[str, int] | None:
    """Sentences of the newest draft by verdict (cached until the next edit); None without a readable draft."""
    from haesol.store.review import latest_article

    if facts.article_id is None:
        return None
    cached = cached_flags(store, facts.article_id, facts.last_edit)
    if cached is not None:
        return cached
    stored = latest_article(store, facts.release_id)
    if stored is None:
        return None
    try:
        desk = desk_article(store, cache, stored)
    except (InputError, StoreError) as exc:
        LOGGER.warning("release %s: draft not readable: %s", facts.release_id, exc)
        return None
    counts = {v.value: 0 for v in Verdict}
    for check in desk.checks.values():
        counts[check.check.verdict.value] += 1
    save_flags(store, facts.article_id, facts.last_edit, counts)
    return counts


def queue_flags(
    store: Store, cache: SourceCache, release_ids: Iterable[int], budget_s: float | None = QUEUE_BUDGET_S
) -> dict[int, dict[str, int]]:
    """Verdict counts of the newest drafts of these releases (releases without a readable draft left out).

    Cached counts are always returned; drafts never checked before are checked until ``budget_s``
    seconds have passed (None: no limit), so a first look at a big queue stays quick and each later
    look fills in more.
    """
    facts = queue_facts(store)
    found: dict[int, dict[str, int]] = {}
    deadline = None if budget_s is None else time.monotonic() + budget_s
    for release_id in release_ids:
        fact = facts.get(release_id)
        if fact is None or fact.article_id is None:
            continue
        counts = cached_flags(store, fact.article_id, fact.last_edit)
        if counts is None and (deadline is None or time.monotonic() < deadline):
            counts = verdict_counts(store, cache, fact)
        if counts is not None:
            found[release_id] = counts
    return found
