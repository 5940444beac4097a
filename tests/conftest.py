"""Shared fixtures: the bundled examples, the real samples folder, a CLI runner and built releases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from haesol.models import Analysis, Release

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SAMPLES = ROOT.parent / "shared" / "samples"
ARTICLE_DATE = dt.date(2026, 11, 26)


@pytest.fixture(scope="session")
def examples() -> Path:
    """The bundled example releases."""
    return EXAMPLES


@pytest.fixture(scope="session")
def samples() -> Path:
    """The real documents in ../shared/samples; tests skip when the folder is absent."""
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is absent")
    return SAMPLES


@pytest.fixture()
def runner() -> CliRunner:
    """A click runner for the CLI."""
    return CliRunner()


@pytest.fixture(scope="session")
def heating_release() -> Release:
    """The 개조식 defence-ministry example, parsed."""
    from haesol.parse import parse_file

    return parse_file(str(EXAMPLES / "mnd_barracks_heating.txt"))


@pytest.fixture(scope="session")
def heating_analysis(heating_release: Release) -> Analysis:
    """The 개조식 example, analysed."""
    from haesol.analyze.release import analyze_release

    return analyze_release(heating_release)
