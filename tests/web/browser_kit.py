"""Shared Playwright helpers for the desk's browser tests: a real uvicorn server on 127.0.0.1 and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from haesol.store import open_store
from tests.web.conftest import PASSWORD

CHROMIUM = Path(os.environ.get("HAESOL_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HEATING_ID = "156800001"
TIMEOUT_MS = 10_000

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)


@dataclass
class Running:
    """A desk served by uvicorn in a thread."""

    url: str
    db: Path
    server: Any
    thread: threading.Thread


def serve(db: Path, **options: Any) -> Running:
    import uvicorn

    from haesol.web import create_app

    app = create_app(db, default_reviewer="편집자", **options)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    return Running(f"http://127.0.0.1:{port}", db, server, thread)


def stop(running: Running) -> None:
    running.server.should_exit = True
    running.thread.join(timeout=10)


def copy_store(template: Path, target: Path) -> Path:
    with open_store(template) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(template, target)
    return target


@pytest.fixture(scope="module")
def desk(desk_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = serve(copy_store(desk_template, tmp_path_factory.mktemp("browser") / "desk.db"))
    yield running
    stop(running)


@pytest.fixture(scope="module")
def locked_desk(desk_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = serve(
        copy_store(desk_template, tmp_path_factory.mktemp("locked") / "desk.db"), password=PASSWORD, require_login=True
    )
    yield running
    stop(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 900}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def shot_of(locator: Any, name: str) -> None:
    """A screenshot of one element (a box of the page) into test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    locator.screenshot(path=str(ARTIFACTS / name))
