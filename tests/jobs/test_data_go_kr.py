"""The data.go.kr API: NewsItem records, 3-day windows, error codes, and its use by the fetch job."""

from __future__ import annotations

import datetime as dt

import pytest

from haesol.errors import NetworkError, ParseError
from haesol.jobs.client import PoliteClient
from haesol.jobs.data_go_kr import (
    api_request_url,
    api_windows,
    parse_api_date,
    parse_api_response,
)
from haesol.jobs.fetch import FetchOptions, run_fetch
from haesol.models import KST
from haesol.store import Store
from tests.helpers.portal_server import (
    API_KEY,
    API_KEY_ERROR,
    API_PATH,
    PortalServer,
    api_xml,
    make_release,
)


def test_news_items_are_read() -> None:
    release = make_release(2)
    release.embargo = "10/08/2026 06:00:00"
    items = parse_api_response(api_xml([release], "http://127.0.0.1:1").encode())
    assert len(items) == 1
    item = items[0]
    assert (item.news_id, item.title, item.agency) == (release.news_id, release.title, "보건복지부")
    assert item.embargo == dt.datetime(2026, 10, 8, 6, 0, tzinfo=KST)
    assert item.approved == dt.datetime(2026, 10, 7, 9, 0, tzinfo=KST)
    assert [f.extension for f in item.files] == ["hwpx", "jpg"]
    entry = item.entry()
    assert entry.embargo == item.embargo and entry.date == dt.date(2026, 10, 7) and entry.files == item.files


def test_no_data_and_errors() -> None:
    assert parse_api_response(api_xml([], "").encode()) == []
    with pytest.raises(NetworkError, match="SERVICE_KEY_IS_NOT_REGISTERED_ERROR"):
        parse_api_response(API_KEY_ERROR.encode())
    bad = b"<response><header><resultCode>22</resultCode><resultMsg>LIMITED</resultMsg></header></response>"
    with pytest.raises(NetworkError, match="22: LIMITED"):
        parse_api_response(bad)
    with pytest.raises(ParseError):
        parse_api_response(b"<html><body>maintenance")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10/07/2026 14:30:00", dt.datetime(2026, 10, 7, 14, 30, tzinfo=KST)),
        ("2026-10-07 14:30:00", dt.datetime(2026, 10, 7, 14, 30, tzinfo=KST)),
        ("20261007143000", dt.datetime(2026, 10, 7, 14, 30, tzinfo=KST)),
        ("2026-10-07", dt.datetime(2026, 10, 7, 0, 0, tzinfo=KST)),
        ("", None),
        ("어제", None),
    ],
)
def test_api_dates(text: str, expected: dt.datetime | None) -> None:
    assert parse_api_date(text) == expected


def test_three_day_windows_newest_first() -> None:
    windows = api_windows(dt.date(2026, 10, 1), dt.date(2026, 10, 7))
    assert windows == [
        (dt.date(2026, 10, 5), dt.date(2026, 10, 7)),
        (dt.date(2026, 10, 2), dt.date(2026, 10, 4)),
        (dt.date(2026, 10, 1), dt.date(2026, 10, 1)),
    ]
    assert api_windows(dt.date(2026, 10, 2), dt.date(2026, 10, 1)) == []


def test_request_url_encodes_a_plain_key_once() -> None:
    url = api_request_url("https://api/x", "a/b+c=", dt.date(2026, 10, 1), dt.date(2026, 10, 3))
    assert url == "https://api/x?serviceKey=a%2Fb%2Bc%3D&startDate=20261001&endDate=20261003"
    assert "serviceKey=a%2Fb" in api_request_url("https://api/x", "a%2Fb", dt.date(2026, 10, 1), dt.date(2026, 10, 1))


def test_fetch_through_the_api_keeps_its_embargo(store: Store, client: PoliteClient) -> None:
    releases = [make_release(i) for i in range(3)]
    releases[1].embargo = "12/31/2099 09:00:00"
    with PortalServer(releases) as server:
        options = FetchOptions(
            server.url,
            since=dt.date(2026, 10, 1),
            until=dt.date(2026, 10, 7),
            service_key=API_KEY,
            api_url=server.url + API_PATH,
        )
        summary = run_fetch(store, client, options)
        assert server.count("/briefing/pressReleaseList.do") == 0
    assert summary.count("stored") == 3 and summary.exit_code == 0
    rows = {row.news_id: row for row in store.releases()}
    assert rows[releases[1].news_id].embargo_until == dt.datetime(2099, 12, 31, 0, 0, tzinfo=dt.UTC)


def test_a_failing_api_falls_back_to_the_list_pages(store: Store, client: PoliteClient) -> None:
    with PortalServer([make_release(i) for i in range(2)]) as server:
        options = FetchOptions(server.url, service_key="wrong", api_url=server.url + API_PATH)
        summary = run_fetch(store, client, options)
        assert server.count("/briefing/pressReleaseList.do") == 1
    assert summary.count("stored") == 2 and "API" in summary.warnings[0]
