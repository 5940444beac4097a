"""List and view pages in the portal's structure: entries, pager, agency filter, attachments, KOGL mark."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from haesol.errors import ParseError
from haesol.jobs.portal import (
    list_url,
    parse_list_page,
    parse_view_page,
    resolve_agency,
    view_url,
)
from tests.helpers.portal_server import AGENCIES, MALFORMED_VIEW, list_html, make_release, view_html

DATA = Path(__file__).resolve().parents[1] / "data" / "html"
BASE = "http://127.0.0.1:8080"


def test_list_page_entries_pager_and_agencies() -> None:
    releases = [make_release(i) for i in range(3)]
    page = parse_list_page(list_html(releases, 1, 4).encode(), f"{BASE}/briefing/pressReleaseList.do?pageIndex=1")
    assert [e.news_id for e in page.entries] == ["156700000", "156700001", "156700002"]
    first = page.entries[0]
    assert first.title == releases[0].title and first.agency == "국방부"
    assert first.date == dt.date(2026, 10, 7) and first.lead.startswith("- ")
    assert first.url.startswith(f"{BASE}/briefing/pressReleaseView.do?newsId=156700000")
    assert page.pages == (1, 2, 3, 4)
    assert {(a.code, a.name) for a in page.agencies} == set(AGENCIES)


def test_javascript_links_are_read_too() -> None:
    row = (
        '<div class="list_type"><ul><li><a href="#" onclick="fn_view(\'156734567\');return false;">'
        '<span class="text"><strong>제목</strong><span class="source"><span>2026.10.07</span><span>교육부</span>'
        "</span></span></a></li></ul></div>"
    )
    entry = parse_list_page(row.encode(), BASE).entries[0]
    assert entry.news_id == "156734567" and entry.url == f"{BASE}/briefing/pressReleaseView.do?newsId=156734567"


def test_not_a_list_page_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="list"):
        parse_list_page(b"<html><body><p>\xec\xa0\x90\xea\xb2\x80</p></body></html>", BASE)


def test_list_url_carries_filters() -> None:
    url = list_url(
        BASE + "/", 2, rep_code="A00006", since=dt.date(2026, 10, 1), until=dt.date(2026, 10, 7), keyword="버스"
    )
    assert url.startswith(f"{BASE}/briefing/pressReleaseList.do?pageIndex=2&repCodeType=%EC%A0%95")
    assert (
        "repCode=A00006" in url and "startDate=2026-10-01" in url and "endDate=2026-10-07" in url and "srchWord=" in url
    )
    assert view_url(BASE, "156700001") == f"{BASE}/briefing/pressReleaseView.do?newsId=156700001"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        pytest.param("국토교통부", "A00006", id="name"),
        pytest.param("국토 교통부", "A00006", id="spaced"),
        pytest.param("B00022", "B00022", id="code"),
        pytest.param("없는처", "", id="unknown"),
    ],
)
def test_resolve_agency(name: str, code: str) -> None:
    page = parse_list_page(list_html([make_release(0)], 1, 1).encode(), BASE)
    assert resolve_agency(name, page.agencies) == code


def test_view_page_metadata_and_ranked_attachments() -> None:
    release = make_release(5)
    page = parse_view_page(view_html(release).encode(), f"{BASE}/briefing/pressReleaseView.do?newsId={release.news_id}")
    assert page.news_id == release.news_id
    assert page.url == f"https://www.korea.kr/briefing/pressReleaseView.do?newsId={release.news_id}"
    assert (page.title, page.agency, page.date) == (release.title, release.agency, release.date)
    assert page.kogl_type == 1 and "open_type01" in page.kogl_evidence
    assert [a.extension for a in page.attachments] == ["hwpx", "jpg"]
    assert page.attachments[0].url.startswith(f"{BASE}/common/download.do?fileId=1981")


def test_saved_korea_page_from_the_parser_fixtures() -> None:
    page = parse_view_page(
        (DATA / "korea_kr_docviewer.html").read_bytes(),
        "https://www.korea.kr/briefing/pressReleaseView.do?newsId=156723456&call_from=rsslink",
    )
    assert page.news_id == "156723456" and page.agency == "국민권익위원회"
    assert [a.extension for a in page.attachments] == ["hwpx", "pdf"]
    assert page.attachments[0].name.startswith("260908(조간)")


def test_malformed_view_page_gives_what_it_can() -> None:
    page = parse_view_page(MALFORMED_VIEW.encode(), f"{BASE}/briefing/pressReleaseView.do?newsId=156700009")
    assert page.news_id == "156700009" and page.attachments == () and page.kogl_type is None


def test_page_without_kogl_mark() -> None:
    release = make_release(1)
    release.kogl = None
    page = parse_view_page(view_html(release).encode(), f"{BASE}/briefing/pressReleaseView.do?newsId={release.news_id}")
    assert page.kogl_type is None
