"""Concurrent writers on one store: two batches and a desk; a killed batch leaves no worker behind; desk load."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from haesol.parse import parse_bytes
from haesol.store import NewRevision, open_store
from tests.helpers.desk import TestClient
from tests.reliability import recipes

pytestmark = pytest.mark.slow
NOW = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
AGENCIES = ("국토교통부", "보건복지부", "국방부", "소방청")


def _release(index: int) -> bytes:
    agency = AGENCIES[index % len(AGENCIES)]
    lines = (
        "보도자료",
        "보도시점: 2026. 11. 3.(화) 조간",
        f"{agency}, 지역 생활 지원 사업 {index + 10}곳으로 확대",
        f"□ {agency}는 11월부터 지역 생활 지원 사업을 {index + 10}곳으로 확대한다고 밝혔다.",
        f" ㅇ 이번 확대로 주민 {1000 + index * 37}명이 새로 지원을 받는다.",
        "담당 부서: 정책기획과  책임자: 과장 김한결 (044-000-1234)",
    )
    return recipes.release_text(lines).encode()


def fill(db: Path, count: int) -> None:
    with open_store(db) as store:
        for index in range(count):
            data = _release(index)
            release = parse_bytes(data, f"{index}.txt")
            news_id = f"15690{index:04d}"
            store.save_revision(
                NewRevision(news_id, release, data, NOW, title=release.title, agency=release.agency, kogl_type=1)
            )


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "HAESOL_STORE_DB": str(db), "PYTHONUNBUFFERED": "1"}


def _batch(db: Path, *extra: str, quiet: bool = False) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "haesol", "batch", "--date", "2026-11-26", "--no-progress", *extra]
    out = subprocess.DEVNULL if quiet else subprocess.PIPE  # a killed batch's pipe may be held by survivors
    return subprocess.Popen(command, env=_env(db), stdout=out, stderr=subprocess.STDOUT, text=True)


def test_two_batches_and_a_desk_never_draft_one_revision_twice(tmp_path: Path) -> None:
    from haesol.web import create_app

    db = tmp_path / "same.db"
    fill(db, 16)
    first, second = _batch(db), _batch(db)
    reads = 0
    with TestClient(create_app(db, default_reviewer="편집자"), base_url="http://127.0.0.1") as desk:
        while first.poll() is None or second.poll() is None:
            assert desk.get("/api/releases").status_code == 200
            reads += 1
            time.sleep(0.05)
    outputs = [process.communicate()[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    with open_store(db) as store:
        per_revision = store.read("SELECT revision_id, COUNT(*) AS n FROM articles GROUP BY revision_id")
        drafted = store.read("SELECT COUNT(*) FROM releases WHERE status = 'drafted'")[0][0]
        claims = store.read("SELECT COUNT(*) FROM claims")[0][0]
    assert len(per_revision) == 16 and all(row["n"] == 1 for row in per_revision)
    assert drafted == 16 and claims == 0 and reads > 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
@pytest.mark.parametrize("after", [0.0, 1.5], ids=["while-workers-start", "while-drafting"])
def test_killing_a_batch_kills_its_workers_and_a_rerun_finishes(tmp_path: Path, after: float) -> None:
    db = tmp_path / "kill.db"
    fill(db, 12)
    batch = _batch(db, "--jobs", "2", quiet=True)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(batch.pid)
        time.sleep(0.1)
    assert workers, "the batch started no worker processes"
    time.sleep(after)
    batch.send_signal(signal.SIGKILL)
    batch.wait()
    everyone = workers + [grandchild for worker in workers for grandchild in _children(worker)]
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in everyone):
        time.sleep(0.2)
    assert not [pid for pid in everyone if _alive(pid)], "workers outlived their killed batch"
    rerun = _batch(db)
    output = rerun.communicate(timeout=300)[0]
    assert rerun.returncode == 0, output
    with open_store(db) as store:
        assert store.read("SELECT COUNT(*) FROM releases WHERE status = 'drafted'")[0][0] == 12
        assert store.read("SELECT COUNT(DISTINCT revision_id) = COUNT(*) FROM articles")[0][0] == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture()
def served_desk(tmp_path: Path) -> Iterator[str]:
    db = tmp_path / "desk.db"
    fill(db, 6)
    port = _free_port()
    command = [sys.executable, "-m", "haesol", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=_env(db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_bounded_load_on_the_desk(served_desk: str) -> None:
    import httpx

    paths = ["/", "/api/releases", "/releases/1", "/api/releases/1", "/releases/99999999999999999999", "/check"]

    def hit(index: int) -> int:
        with httpx.Client(base_url=served_desk, timeout=30) as client:
            return client.get(paths[index % len(paths)]).status_code

    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(hit, range(240)))
    assert not [s for s in statuses if s >= 500], sorted(set(statuses))
    assert statuses.count(200) >= 150
