"""Kill a fetch with SIGKILL mid-run, run it again: nothing lost, nothing twice, a healthy database."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.portal_server import PortalServer, make_release

RELEASES = 24
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM revisions").fetchone()[0])
    except sqlite3.Error:
        return 0


def _fetch(url: str, db: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "haesol", "fetch", "--portal-url", url, "--db", str(db)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_killed_fetch_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "resume.db"
    env = dict(os.environ, HAESOL_FETCH_DELAY="0", HAESOL_FETCH_TIMEOUT="5", XDG_CONFIG_HOME=str(tmp_path))
    with PortalServer([make_release(i) for i in range(RELEASES)], view_delay=0.1) as server:
        # 1. start, and kill hard once a few releases are in
        process = _fetch(server.url, db, env)
        deadline = time.monotonic() + 30
        while _stored(db) < 3 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=10)
        before = _stored(db)
        assert 3 <= before < RELEASES, "the fetch should have been killed mid-run"
        # 2. run again to the end
        server.view_delay = 0.0
        again = _fetch(server.url, db, env)
        _, stderr = again.communicate(timeout=60)
        assert again.returncode == 0, stderr
    assert f"stored {RELEASES - before}," in stderr and f"known {before}," in stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT news_id) FROM releases").fetchone() == (RELEASES, RELEASES)
        assert conn.execute("SELECT COUNT(*), MAX(number) FROM revisions").fetchone() == (RELEASES, 1)
        assert conn.execute("SELECT COUNT(*) FROM blobs").fetchone()[0] == RELEASES
        assert conn.execute("SELECT COUNT(*) FROM release_fts").fetchone()[0] == RELEASES
