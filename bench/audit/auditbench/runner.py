"""The bench as a library: generate the labelled corpus, score it, and pin or compare floors."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path

from auditbench.base import load_sources, read_snapshot
from auditbench.build import build_articles
from auditbench.floors import Pinned, read_floors, regressions
from auditbench.model import LabelledArticle, corpus_hash
from auditbench.releases import (
    FLOORS,
    ROOT,
    SEED,
    SNAPSHOT,
    SUBSET,
    release_entries,
    select,
)
from auditbench.report import Run, metrics
from auditbench.scoring import SPLITS, Outcomes, audit_corpus, score_split

LOGGER = logging.getLogger(__name__)


def generate(names: tuple[str, ...] | None = None, seed: int = SEED, frozen: bool = True) -> list[LabelledArticle]:
    """The labelled articles of the named releases (all when None).

    Args:
        names: release names (file stems) to use.
        seed: the random seed.
        frozen: take `haesol write`'s sentences from corpus/bases.json where it has them.

    Raises:
        ValueError: for an unknown release name.
    """
    entries = select(release_entries(ROOT), names)
    snapshot = read_snapshot(SNAPSHOT) if frozen else None
    return build_articles(load_sources(ROOT, entries, snapshot), seed)


def run_scoring(items: list[LabelledArticle]) -> tuple[Run, Outcomes]:
    """Audit every article; figures per split present, and over all of them when there are several."""
    started = time.perf_counter()
    outcomes = audit_corpus(items)
    present = [s for s in SPLITS if any(item.split == s for item in items)]
    scores = {split: score_split(outcomes, split) for split in present}
    if len(present) > 1:
        scores["all"] = score_split(outcomes, None)
    return Run(scores, corpus_hash(items), len(items), time.perf_counter() - started), outcomes


def overall(run: Run) -> dict[str, float]:
    """The pinned metrics of a run: over all splits when there are several."""
    return metrics(run.scores.get("all") or next(iter(run.scores.values())))


def subset_run() -> Run:
    """The fast subset the floors test scores (from the saved `haesol write` sentences)."""
    return run_scoring(generate(SUBSET, frozen=True))[0]


def new_floors(full: Run, subset: Run) -> dict[str, Pinned]:
    """Floors at the current figures of the full corpus and of the subset."""
    return {
        "full": Pinned(("all",), full.corpus_sha256, overall(full)),
        "subset": Pinned(SUBSET, subset.corpus_sha256, overall(subset)),
    }


def lowered_floors(old: dict[str, Pinned], new: dict[str, Pinned]) -> list[str]:
    """The floors that ``new`` would lower (what --allow-lower must confirm)."""
    return [
        f"{name}: {problem}"
        for name, pinned in new.items()
        if name in old
        for problem in regressions(old[name].floors, pinned.floors)
    ]


def check_pinned(run: Run, name: str, path: Path = FLOORS) -> list[str]:
    """Why ``run`` fails the floors pinned under ``name`` (empty when it passes)."""
    pinned = read_floors(path).get(name)
    if pinned is None:
        return [f"no '{name}' floors in {path}; run `python bench/audit/score.py --update-floors`"]
    if pinned.corpus_sha256 != run.corpus_sha256:
        changed = f"the {name} corpus changed (sha256 {run.corpus_sha256[:12]} ≠ pinned {pinned.corpus_sha256[:12]}): "
        return [changed + "rerun `python bench/audit/score.py --update-floors` (and --allow-lower if a figure drops)"]
    return [f"below floor: {p}" for p in regressions(pinned.floors, overall(run))]


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder (never half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
