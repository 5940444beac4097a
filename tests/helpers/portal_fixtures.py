"""Fixtures for the portal tests in tests/jobs and tests/cli: the fake portal, a fast polite client, a store, CLI settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from haesol.jobs.client import ClientOptions, PoliteClient
from haesol.store import Store, open_store
from tests.helpers.portal_server import PortalServer, make_release

FAST = ClientOptions(delay=0.0, timeout=0.5, max_retries=1, max_errors=5)


@pytest.fixture()
def portal() -> Iterator[PortalServer]:
    """A portal with twelve ordinary releases (four agencies, 2026-10-04 … 2026-10-07)."""
    with PortalServer([make_release(i) for i in range(12)], stall=1.5) as server:
        yield server


@pytest.fixture()
def client() -> Iterator[PoliteClient]:
    """A client without delay, with half-second timeouts and one retry."""
    with PoliteClient(FAST) as polite:
        yield polite


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store in a temporary folder."""
    with open_store(tmp_path / "haesol.db") as opened:
        yield opened


@pytest.fixture()
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings for CLI runs: no delay, short timeouts, config and data folders in tmp; returns the db path."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HAESOL_FETCH_DELAY", "0")
    monkeypatch.setenv("HAESOL_FETCH_TIMEOUT", "0.5")
    db = tmp_path / "cli.db"
    monkeypatch.setenv("HAESOL_STORE_DB", str(db))
    return db
