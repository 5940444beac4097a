"""Shared fixtures: the bundled examples, the real samples folder, a CLI runner and built releases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from haesol.models import Analysis, Release
from tests.helpers.paths import EXAMPLES, SAMPLES

ARTICLE_DATE = dt.date(2026, 11, 26)

# Markers are given here, by place, so that a test file never has to remember them:
# `python -m pytest -m "not slow"` is the quick local loop; CI runs everything.
SLOW_PLACES = (
    "tests/bench/",
    "tests/web/test_browser.py",
    "tests/jobs/test_resume.py",
    "tests/parse/test_samples.py",
    "tests/publish/test_wordpress.py",
    "tests/publish/test_desk_publish.py",
    "tests/publish/test_site_browser.py",
    "tests/fuzz/",
    "tests/verify/test_meaning_samples.py",
    "tests/compose/test_article_plan_samples.py",
    "tests/parse/test_sample_headers.py",
    "tests/reliability/test_limits_anywhere.py",
    "tests/jobs/test_batch.py::test_two_jobs_give_the_same_articles_as_one",
)
SAMPLE_PLACES = ("tests/parse/test_samples.py",)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark slow tests (browser, bench smoke, multi-process) and the tests that read ../shared/samples."""
    for item in items:
        place = item.nodeid
        if place.startswith(SLOW_PLACES) or {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if "samples" in getattr(item, "fixturenames", ()) or place.startswith(SAMPLE_PLACES):
            item.add_marker(pytest.mark.samples)
            if "tests/verify/test_lint.py" in place:
                item.add_marker(pytest.mark.slow)


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
    from haesol.analyze.annotate import analyze_release

    return analyze_release(heating_release)
