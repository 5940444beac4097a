"""Dates as releases write them, resolved against the release date."""

from __future__ import annotations

import datetime as dt

import pytest

from haesol.analyze.dates import find_dates

ANCHOR = dt.date(2026, 10, 8)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        pytest.param("2026. 10. 8.(목) 조간", ["2026-10-08"], id="dotted-full"),
        pytest.param("11월 2일부터 12월 18일까지", ["2026-11-02", "2026-12-18"], id="month-day"),
        pytest.param("2026. 11. 2.~12. 18.", ["2026-11-02", "2026-12-18"], id="dotted-range"),
        pytest.param("2027. 1.~3.", ["2027-01", "2027-03"], id="month-range"),
        pytest.param("장관은 7일 부대를 방문", ["2026-10-07"], id="bare-day"),
        pytest.param("오는 31일부터 시행", ["2026-10-31"], id="bare-day-future"),
        pytest.param("’24년 대비 ’26.10월", ["2024", "2026-10"], id="short-years"),
        pytest.param("오늘(1월 23일) 발표", ["2026-01-23"], id="today-with-date"),
        pytest.param("지난해 설문", ["2025"], id="last-year"),
        pytest.param("4.30.(목) 개최", ["2026-04-30"], id="short-dotted"),
        pytest.param("1.5배 늘고 3개월간 30일간", [], id="not-dates"),
    ],
)
def test_find_dates(text: str, values: list[str]) -> None:
    assert [d.value for d in find_dates(text, ANCHOR)] == values


def test_past_day_goes_to_previous_month() -> None:
    assert [d.value for d in find_dates("지난 30일 회의", dt.date(2026, 11, 3))] == ["2026-10-30"]
