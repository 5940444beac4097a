"""The audit bench's quality gate: a fixed subset of the labelled corpus must reach the floors pinned in
bench/audit/floors.json (with its corpus hash); lowering a floor takes ``score.py --update-floors --allow-lower``."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AUDIT = ROOT / "bench" / "audit"


@pytest.fixture(scope="module")
def bench() -> Iterator[dict[str, ModuleType]]:
    """The bench's modules (bench/audit/auditbench and score.py), importable for this test module."""
    if not (AUDIT / "auditbench").is_dir():
        pytest.skip("bench/audit is absent")
    sys.path.insert(0, str(AUDIT))
    try:
        from auditbench import floors, report, runner, scoring

        spec = importlib.util.spec_from_file_location("audit_bench_score", AUDIT / "score.py")
        assert spec is not None and spec.loader is not None
        score = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(score)
        yield {"floors": floors, "report": report, "runner": runner, "scoring": scoring, "score": score}
    finally:
        sys.path.remove(str(AUDIT))


@pytest.fixture(scope="module")
def subset(bench: dict[str, ModuleType]) -> Any:
    """One scoring run of the fixed subset (generated from the saved `haesol write` sentences)."""
    return bench["runner"].subset_run()


def test_subset_reaches_the_pinned_floors(bench: dict[str, ModuleType], subset: Any) -> None:
    problems = bench["runner"].check_pinned(subset, "subset")
    assert not problems, "\n".join(problems)


def test_subset_meets_the_targets(bench: dict[str, ModuleType], subset: Any) -> None:
    assert not bench["report"].targets_met(subset.scores["all"])


def test_lowering_a_floor_is_reported(bench: dict[str, ModuleType]) -> None:
    pinned = bench["floors"].Pinned
    old = {"subset": pinned(("a",), "x", {"recall.number": 1.0, "false_alarm": 0.01})}
    better = {"subset": pinned(("a",), "y", {"recall.number": 1.0, "false_alarm": 0.0})}
    worse = {"subset": pinned(("a",), "y", {"recall.number": 0.9, "false_alarm": 0.02})}
    assert bench["runner"].lowered_floors(old, better) == []
    lowered = bench["runner"].lowered_floors(old, worse)
    assert len(lowered) == 2 and any("false_alarm" in line for line in lowered)


def test_update_floors_needs_allow_lower(
    bench: dict[str, ModuleType], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    floors, score = bench["floors"], bench["score"]
    path = tmp_path / "floors.json"
    high = {name: floors.Pinned(("all",), "h", {"recall.number": 1.01}) for name in ("full", "subset")}
    path.write_text(floors.floors_json(high), encoding="utf-8")
    monkeypatch.setattr(score, "FLOORS", path)
    monkeypatch.setattr(score, "subset_run", lambda: _perfect_run(bench))
    assert score.update_floors(_perfect_run(bench), allow_lower=False) == 1
    assert floors.read_floors(path)["full"].floors == {"recall.number": 1.01}
    assert score.update_floors(_perfect_run(bench), allow_lower=True) == 0
    assert floors.read_floors(path)["full"].floors["recall.number"] == 1.0


def _perfect_run(bench: dict[str, ModuleType]) -> Any:
    """A scoring run over no articles: every recall 1.0, no false alarm."""
    scoring = bench["scoring"]
    return bench["report"].Run({"all": scoring.score_split(scoring.Outcomes(), None)}, "z" * 64, 0, 0.0)
