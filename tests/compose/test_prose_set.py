"""The measured test set: exact-match floors per ending type, and the verifier accepts every written sentence."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "prose"
FLOOR = json.loads((DATA / "floor.json").read_text(encoding="utf-8"))


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("prose_bench", ROOT / "bench" / "prose" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["prose_bench"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _bench()


@pytest.fixture(scope="module")
def outcomes(bench: ModuleType) -> list:
    return bench.measure()


def test_corpus_is_the_pinned_one() -> None:
    digest = hashlib.sha256()
    for path in sorted(DATA.rglob("*.tsv")):
        digest.update(str(path.relative_to(DATA)).encode())
        digest.update(path.read_bytes())
    assert digest.hexdigest() == FLOOR["corpus_sha256"], f"test set changed: new hash {digest.hexdigest()}"


def test_each_ending_type_has_thirty_lines(bench: ModuleType) -> None:
    kinds: dict[str, int] = {}
    for case in bench.load_cases():
        kinds[case.kind] = kinds.get(case.kind, 0) + 1
    for kind in ("ham", "im", "eum", "doem", "yejeong", "gyehoek", "noun", "copula", "hayeot"):
        assert kinds.get(kind, 0) >= 30, (kind, kinds.get(kind))


def test_exact_match_floor(bench: ModuleType, outcomes: list) -> None:
    assert bench.exact_rate(outcomes) >= FLOOR["exact_match"], bench.table(outcomes)


def test_exact_match_floor_per_type(bench: ModuleType, outcomes: list) -> None:
    for kind in {o.case.kind for o in outcomes} - set(FLOOR["per_type_exempt"]):
        chosen = [o for o in outcomes if o.case.kind == kind]
        assert bench.exact_rate(chosen) >= FLOOR["exact_match_per_type"], (kind, bench.table(chosen))


def test_held_out_lines(bench: ModuleType) -> None:
    held_out = bench.measure(DATA / "holdout")
    assert bench.exact_rate(held_out) >= FLOOR["exact_match_holdout"], bench.table(held_out)


def test_verifier_accepts_every_written_sentence(outcomes: list) -> None:
    rejected = [p for o in outcomes for p in o.problems]
    assert not rejected, rejected


def test_both_registers_end_in_their_own_endings(outcomes: list) -> None:
    for outcome in outcomes:
        if outcome.style == "polite":
            assert outcome.text.endswith(("니다.", "니다”.")), outcome.text
        else:
            assert not outcome.text.endswith("니다."), outcome.text
