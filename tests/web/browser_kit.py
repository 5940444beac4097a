"""Shared Playwright helpers for the desk's browser tests: a real uvicorn server on 127.0.0.1 and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from haesol.store import open_store

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


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def shot_of(locator: Any, name: str) -> None:
    """A screenshot of one element (a box of the page) into test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    locator.screenshot(path=str(ARTIFACTS / name))
