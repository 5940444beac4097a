"""Smoke test of the bench: ``python bench/run.py --quick`` runs and writes JSON with every field (speed is not tested)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "bench" / "run.py"
BUDGET_S = 300
HEADLINE = (
    "ratio_vs_kiwi",
    "releases_per_s",
    "p50_ms",
    "p95_ms",
    "cold_start_version_s",
    "cold_start_first_article_s",
    "peak_rss_mb",
    "releases_per_s_2proc",
    "peak_rss_mb_2proc",
)
STAT_KEYS = {"median", "min", "max", "n"}


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One ``--quick`` run into a temporary folder (bench/results/latest.json is left alone)."""
    out = tmp_path_factory.mktemp("bench") / "latest.json"
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=BUDGET_S,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {"result": json.loads(out.read_text(encoding="utf-8")), "stdout": done.stdout, "out": out}


def is_stat(value: object) -> bool:
    return isinstance(value, dict) and set(value) >= STAT_KEYS and value["min"] <= value["median"] <= value["max"]


def test_headline_figures_are_numbers(quick: dict[str, Any]) -> None:
    result = quick["result"]
    for key in HEADLINE:
        assert isinstance(result[key], (int, float)) and result[key] > 0, key
    assert result["ratio_vs_peer"] is None or result["ratio_vs_peer"] > 0
    assert (result["ratio_vs_peer"] is None) == (not result["peer"]["available"])


def test_machine_date_and_settings_are_recorded(quick: dict[str, Any]) -> None:
    result = quick["result"]
    assert result["date"][:4].isdigit()
    for key in ("cpu", "cores", "ram_gb", "python", "kiwipiepy", "loadavg_start", "loadavg_end"):
        assert key in result["machine"], key
    assert result["settings"]["quick"] is True
    assert result["corpus"]["releases"] == result["settings"]["releases"]


def test_detail_sections_hold_median_min_max(quick: dict[str, Any]) -> None:
    result = quick["result"]
    for key in ("p50_ms", "p95_ms", "releases_per_s", "mb_per_s"):
        assert is_stat(result["one_process"][key]), key
        assert is_stat(result["two_processes"][key]), key
    assert is_stat(result["kiwi"]["ratio"]) and is_stat(result["kiwi"]["tokenize_ms_per_doc"])
    assert is_stat(result["kiwi"]["ratio_cpu"]) and result["kiwi"]["ratio_of_fastest"] > 0
    for key in ("version_s", "first_article_s", "single_write_peak_rss_mb"):
        assert is_stat(result["cold_start"][key]), key
    assert len(result["two_processes"]["peak_rss_mb_per_process"]) == 2


def test_parse_figures_per_format(quick: dict[str, Any]) -> None:
    parse = quick["result"]["parse"]
    for fmt in ("text", "html", "docx", "odt"):
        assert parse[fmt]["docs"] > 0, fmt
    for fmt, entry in parse.items():
        assert {"ms_per_doc", "mb_per_s", "docs"} <= set(entry), fmt
        assert entry["docs"] == 0 or (entry["ms_per_doc"] > 0 and entry["mb_per_s"] > 0), fmt


def test_profile_and_targets(quick: dict[str, Any]) -> None:
    result = quick["result"]
    assert 0 < result["profile"]["kiwi"]["kiwi_share"] < 1
    assert set(result["profile"]["cprofile"]["stages"]) == {"parse", "analyze", "compose", "verify"}
    assert result["targets"]["ratio_vs_kiwi"]["target"] == "<= 2.0"
    assert quick["out"].with_suffix(".profile.txt").is_file()


def test_markdown_table_is_printed(quick: dict[str, Any]) -> None:
    assert "| figure | median | min | max | target |" in quick["stdout"]
    assert "| format | docs |" in quick["stdout"]


def test_bad_arguments_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--releases", "0", "--out", str(tmp_path / "x.json")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2
    assert "at least 1" in done.stderr
    assert not (tmp_path / "x.json").exists()
