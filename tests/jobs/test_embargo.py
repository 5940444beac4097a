"""The embargo (보도시점) is the latest time any source states; 조간/석간 hold until 00:00/12:00 KST."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from haesol.jobs.embargo import conservative_embargo, embargo_from_name, is_ready
from haesol.models import KST, Release, SourceInfo, Timing


def _release(timing: Timing) -> Release:
    return Release(title="제목", blocks=(), source=SourceInfo("text"), timing=timing)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("260908(조간) 국무회의 결과.hwpx", dt.datetime(2026, 9, 8, 0, 0, tzinfo=KST), id="morning"),
        pytest.param(
            "250724(석간) 공공택지 공급(공공택지관리과).pdf", dt.datetime(2025, 7, 24, 12, 0, tzinfo=KST), id="evening"
        ),
        pytest.param("261001 보도자료.hwpx", dt.datetime(2026, 10, 1, 0, 0, tzinfo=KST), id="date-only"),
        pytest.param("사진 1.jpg", None, id="no-date"),
        pytest.param("261399(조간) 잘못된 날짜.hwpx", None, id="bad-date"),
        pytest.param("2026100112 숫자.hwpx", None, id="long-number"),
    ],
)
def test_embargo_from_name(name: str, expected: dt.datetime | None) -> None:
    assert embargo_from_name(name) == expected


def test_latest_statement_wins() -> None:
    release = _release(Timing("2026. 10. 7.(수) 석간", dt.date(2026, 10, 7), edition="석간"))
    api = dt.datetime(2026, 10, 7, 15, 0, tzinfo=KST)
    name = dt.datetime(2026, 10, 7, 0, 0, tzinfo=KST)
    assert conservative_embargo(release, name, api) == api
    assert conservative_embargo(release, name) == dt.datetime(2026, 10, 7, 12, 0, tzinfo=KST)
    naive = dt.datetime(2026, 10, 9, 6, 0)
    assert conservative_embargo(None, naive) == naive.replace(tzinfo=KST)


def test_immediate_release_has_no_embargo() -> None:
    release = _release(Timing("배포 즉시", immediate=True))
    assert conservative_embargo(release) is None
    assert conservative_embargo(dataclasses.replace(release, timing=Timing())) is None


def test_is_ready() -> None:
    moment = dt.datetime(2026, 10, 8, 0, 0, tzinfo=KST)
    assert not is_ready(moment, moment - dt.timedelta(seconds=1))
    assert is_ready(moment, moment)
    assert is_ready(None)
