"""The meaning bench's quality gate: recall per meaning-error type and false alarms on faithful rephrasings
must reach the floors pinned in bench/audit/meaning_floors.json (issue 13)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AUDIT = ROOT / "bench" / "audit"


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    """bench/audit/auditbench/meaning_bench, importable for this module."""
    if not (AUDIT / "auditbench" / "meaning_bench.py").is_file():
        pytest.skip("bench/audit is absent")
    sys.path.insert(0, str(AUDIT))
    try:
        from auditbench import meaning_bench

        yield meaning_bench
    finally:
        sys.path.remove(str(AUDIT))


@pytest.fixture(scope="module")
def invented(bench: ModuleType) -> dict[str, Any]:
    """One run over the invented releases, from the frozen `haesol write` sentences."""
    return bench.run("invented", frozen=True)


def test_invented_corpus_reaches_the_pinned_floors(bench: ModuleType, invented: dict[str, Any]) -> None:
    problems = bench.below_floors(invented, bench.read_floors()["invented"])
    assert not problems, "\n".join(problems)


def test_invented_corpus_meets_the_targets(bench: ModuleType, invented: dict[str, Any]) -> None:
    assert not bench.targets_missed(invented)
    assert all(invented["counts"][t] >= 30 for t in bench.TYPES), invented["counts"]
    assert invented["faithful"] >= 150


def test_real_samples_reach_their_floors(bench: ModuleType, samples: Path) -> None:
    """Real releases (read from ../shared/samples, never committed): the figures, not the hash, are pinned,
    since their sentences come from the current composer."""
    result = bench.run("samples")
    pinned = dict(bench.read_floors()["samples"], corpus_sha256=result["corpus_sha256"])
    problems = bench.below_floors(result, pinned)
    assert not problems, "\n".join(problems)
    assert result["figures"]["false_alarm"] <= bench.TARGET_FALSE_ALARM
