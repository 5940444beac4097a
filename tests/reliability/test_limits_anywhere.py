"""Parse limits that hold in any thread: the worker pool's deadline and memory ceiling, through the desk too."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from haesol.errors import ResourceLimitError
from haesol.models import Release
from haesol.parse import parse_bytes
from haesol.parse.sandbox import ParsePool, ParseRequest
from tests.helpers.desk import TestClient, csrf
from tests.reliability import recipes

ARTICLE = "# 버스 확대\n\n국토교통부는 11월부터 농어촌 수요응답형 버스를 40개 군으로 확대한다고 밝혔다.\n"


def _big_text(megabytes: int) -> bytes:
    line = " ㅇ 지역 사업 예산을 배정하고 주민 설명회를 열어 의견을 들음\n"
    return (recipes.release_text() + line * (megabytes * 1024 * 1024 // len(line.encode()))).encode()


def test_a_deadline_holds_off_the_main_thread_and_the_pool_recovers() -> None:
    pool = ParsePool(workers=1)
    outcome: list[object] = []

    def work() -> None:
        try:
            pool.parse(ParseRequest(_big_text(4), "slow.txt", "", "", 50 * 2**20), seconds=0.05)
        except ResourceLimitError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert outcome and "longer than" in str(outcome[0])
    release = pool.parse(ParseRequest(recipes.release_text().encode(), "ok.txt", "", "", 2**20), seconds=30)
    assert isinstance(release, Release) and release.title
    pool.close()


def test_the_memory_ceiling_stops_a_runaway_parse() -> None:
    pool = ParsePool(workers=1, memory_bytes=160 * 2**20)
    with pytest.raises(ResourceLimitError, match=r"memory|메모리"):
        pool.parse(ParseRequest(_big_text(12), "huge.txt", "", "", 50 * 2**20), seconds=120)
    release = pool.parse(ParseRequest(recipes.release_text().encode(), "ok.txt", "", "", 2**20), seconds=30)
    assert release.title
    pool.close()


def test_errors_come_back_with_their_type() -> None:
    with pytest.raises(ResourceLimitError, match="200,000"):
        parse_bytes(recipes.hwpx_with_cells(10), "cells.hwpx", isolated=True)


def test_desk_upload_is_bounded_by_the_parse_deadline(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    files = {"source_file": ("release.txt", recipes.release_text().encode(), "text/plain")}
    big = {"source_file": ("big.txt", _big_text(1), "text/plain")}  # about a second to parse
    monkeypatch.setenv("HAESOL_PARSE_SECONDS", "0.05")
    slow = client.post("/api/check", data={"article": ARTICLE}, files=big, headers={"X-CSRF-Token": csrf(client)})
    assert slow.status_code == 413 and "parsing took longer" in slow.json()["error"], slow.text[:300]
    monkeypatch.delenv("HAESOL_PARSE_SECONDS")
    ok = client.post("/api/check", data={"article": ARTICLE}, files=files, headers={"X-CSRF-Token": csrf(client)})
    assert ok.status_code == 200, ok.text


def test_desk_upload_over_the_cell_cap_is_refused(client: TestClient) -> None:
    files = {"source_file": ("cells.html", recipes.html_with_spans(), "text/html")}
    response = client.post("/api/check", data={"article": ARTICLE}, files=files, headers={"X-CSRF-Token": csrf(client)})
    assert response.status_code == 413 and "200,000" in response.json()["error"]
