"""The fetch job against the fake portal: storing, filters, revisions, dedupe, embargo and bad servers."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pytest

from haesol.errors import NetworkError, ParseError
from haesol.jobs.client import ClientOptions, PoliteClient
from haesol.jobs.fetch import FetchOptions, run_fetch
from haesol.store import Store
from tests.helpers.portal_server import JPEG_BYTES, FakeFile, PortalServer, build_hwpx, make_release


def _revisions(store: Store) -> list[tuple[str, int]]:
    rows = store.read(
        "SELECT r.news_id, v.number FROM revisions v JOIN releases r ON r.id = v.release_id ORDER BY 1, 2"
    )
    return [(row[0], row[1]) for row in rows]


def test_fetch_stores_every_release_with_its_facts(portal: PortalServer, client: PoliteClient, store: Store) -> None:
    summary = run_fetch(store, client, FetchOptions(portal.url))
    assert summary.count("stored") == 12 and summary.exit_code == 0 and not summary.stopped
    rows = {row.news_id: row for row in store.releases()}
    release = portal.releases[0]
    row = rows[release.news_id]
    assert row.title == release.title and row.agency == "국방부" and row.kogl_type == 1
    assert row.format == "hwpx" and row.sha256 == hashlib.sha256(release.files[1].data).hexdigest()
    assert row.source_url == f"https://www.korea.kr/briefing/pressReleaseView.do?newsId={release.news_id}"
    assert row.embargo_until == dt.datetime(2026, 10, 7, 15, 0, tzinfo=dt.UTC)  # 10월 8일 조간
    assert row.retrieved_at and store.blob(row.sha256) == release.files[1].data
    document = json.loads(store.read("SELECT release_json FROM revisions LIMIT 1")[0][0])
    assert document["license"]["kogl_type"] == 1 and document["source"]["news_id"] == portal.releases[0].news_id
    assert portal.count("/common/download.do") == 12  # the photo is never downloaded


def test_second_run_skips_known_releases_and_recheck_uses_conditional_get(
    portal: PortalServer, client: PoliteClient, store: Store
) -> None:
    run_fetch(store, client, FetchOptions(portal.url))
    views = portal.count("/briefing/pressReleaseView.do")
    again = run_fetch(store, client, FetchOptions(portal.url))
    assert again.count("known") == 12 and portal.count("/briefing/pressReleaseView.do") == views
    checked = run_fetch(store, client, FetchOptions(portal.url, recheck=True))
    assert checked.count("unchanged") == 12 and portal.count("/common/download.do") == 12


def test_a_changed_release_becomes_a_new_revision(portal: PortalServer, client: PoliteClient, store: Store) -> None:
    run_fetch(store, client, FetchOptions(portal.url))
    changed = portal.releases[2]
    lines = ["보도자료", "보도시점: 2026. 10. 8.(목) 조간", changed.title, "□ 사업 대상을 모두 300곳으로 늘렸음"]
    changed.files[1] = FakeFile(changed.files[1].file_id, changed.files[1].name, build_hwpx(lines))
    summary = run_fetch(store, client, FetchOptions(portal.url, recheck=True))
    assert summary.count("revised") == 1 and summary.count("unchanged") == 11
    assert [n for news_id, n in _revisions(store) if news_id == changed.news_id] == [1, 2]
    assert "300곳" in store.release_text(store.known(changed.news_id).release_id)  # type: ignore[union-attr]


def test_limit_agency_keyword_and_dates(portal: PortalServer, client: PoliteClient, store: Store) -> None:
    assert run_fetch(store, client, FetchOptions(portal.url, limit=3)).count("stored") == 3
    by_agency = run_fetch(store, client, FetchOptions(portal.url, agencies=("국토교통부",)))
    assert {o.news_id for o in by_agency.outcomes} == {r.news_id for r in portal.releases if r.agency == "국토교통부"}
    assert "repCode=A00006" in " ".join(portal.requests)
    keyword = run_fetch(store, client, FetchOptions(portal.url, keyword="난방설비"))
    assert {o.news_id for o in keyword.outcomes} == {r.news_id for r in portal.releases if "난방설비" in r.title}
    dated = run_fetch(store, client, FetchOptions(portal.url, since=dt.date(2026, 10, 6), until=dt.date(2026, 10, 6)))
    assert {o.news_id for o in dated.outcomes} == {r.news_id for r in portal.releases if r.date == dt.date(2026, 10, 6)}


def test_unknown_agency_is_matched_by_name(portal: PortalServer, client: PoliteClient, store: Store) -> None:
    summary = run_fetch(store, client, FetchOptions(portal.url, agencies=("기상청",)))
    assert summary.outcomes == () and "기상청" in summary.warnings[0]


def test_preferred_attachment_is_sniffed_not_trusted(client: PoliteClient, store: Store) -> None:
    release = make_release(0)
    real = release.files[1]
    release.files = [
        FakeFile("198000101", "보도자료.hwpx", JPEG_BYTES),
        FakeFile("198000102", "보도자료.hwp", real.data),
    ]
    with PortalServer([release]) as server:
        run_fetch(store, client, FetchOptions(server.url))
    row = store.releases()[0]
    assert row.format == "hwpx" and row.status == "new"
    assert store.read("SELECT attachment_name FROM revisions")[0][0] == "보도자료.hwp"


def test_page_text_is_used_when_there_is_no_attachment(client: PoliteClient, store: Store) -> None:
    release = make_release(4)
    release.files = []
    release.body = ("국방부는 접경지역 부대의 노후 난방설비를 교체한다고 밝혔다.", "교체 대상은 모두 128곳이다.")
    with PortalServer([release]) as server:
        summary = run_fetch(store, client, FetchOptions(server.url))
    assert summary.count("stored") == 1
    row = store.releases()[0]
    assert row.format == "html" and "128곳" in store.release_text(row.id)


def test_same_text_under_another_news_id_is_a_duplicate(client: PoliteClient, store: Store) -> None:
    first, second = make_release(0), make_release(1, topic_index=0)
    second.files = list(first.files)
    with PortalServer([first, second]) as server:
        summary = run_fetch(store, client, FetchOptions(server.url))
    assert [o.status for o in summary.outcomes] == ["stored", "duplicate"]
    assert summary.outcomes[1].reason.endswith(first.news_id)
    assert [row.news_id for row in store.releases(state="duplicate")] == [second.news_id]


def test_future_embargo_is_recorded_and_never_ready(client: PoliteClient, store: Store) -> None:
    day = dt.date.today() + dt.timedelta(days=3)
    release = make_release(0, timing=f"{day.year}. {day.month}. {day.day}.(목) 석간")
    with PortalServer([release]) as server:
        run_fetch(store, client, FetchOptions(server.url))
    row = store.releases()[0]
    assert row.embargo_until == dt.datetime.combine(day, dt.time(3, 0), tzinfo=dt.UTC)  # 12:00 KST
    assert row.state(dt.datetime.now(dt.UTC)) == "embargoed"
    assert store.releases(state="ready") == [] and store.releases(state="embargoed") == [row]


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        pytest.param("500", "HTTP 500", id="server-error"),
        pytest.param("timeout", "timeout", id="timeout"),
        pytest.param("drip", "slow|timeout", id="slow-body"),
        pytest.param("loop", "redirect loop", id="redirect-loop"),
        pytest.param("malformed", "no usable document", id="malformed-html"),
        pytest.param("huge", "over", id="oversized"),
        pytest.param("gone", "HTTP 404", id="not-found"),
    ],
)
def test_a_bad_release_is_recorded_as_failed_and_the_rest_is_stored(store: Store, mode: str, reason: str) -> None:
    releases = [make_release(i) for i in range(3)]
    releases[1].mode = mode
    options = ClientOptions(delay=0.0, timeout=0.5, max_retries=1, max_bytes=1_000_000)
    with PortalServer(releases, stall=1.2, huge_bytes=2_000_000) as server, PoliteClient(options) as client:
        summary = run_fetch(store, client, FetchOptions(server.url))
    assert [o.status for o in summary.outcomes] == ["stored", "failed", "stored"]
    assert summary.exit_code == 1
    failed = store.releases(state="failed")
    assert [row.news_id for row in failed] == [releases[1].news_id]
    assert re.search(reason, failed[0].reason)


def test_failed_release_is_retried_on_the_next_run(store: Store, client: PoliteClient) -> None:
    releases = [make_release(0, mode="500")]
    with PortalServer(releases) as server:
        assert run_fetch(store, client, FetchOptions(server.url)).count("failed") == 1
        releases[0].mode = "ok"
        assert run_fetch(store, client, FetchOptions(server.url)).count("stored") == 1
    assert store.releases()[0].status == "new"


def test_repeated_errors_stop_the_run(store: Store) -> None:
    releases = [make_release(i, mode="500") for i in range(6)]
    with (
        PortalServer(releases) as server,
        PoliteClient(ClientOptions(delay=0.0, timeout=0.5, max_retries=0, max_errors=3)) as client,
    ):
        summary = run_fetch(store, client, FetchOptions(server.url))
        assert server.count("/briefing/pressReleaseView.do") == 3
    assert len(summary.outcomes) == 3 and "consecutive" in summary.stopped and summary.exit_code == 1


@pytest.mark.parametrize(("mode", "error"), [("500", NetworkError), ("malformed", ParseError)])
def test_an_unreadable_list_page_is_an_error(
    store: Store, client: PoliteClient, mode: str, error: type[Exception]
) -> None:
    with PortalServer([make_release(0)], list_mode=mode) as server, pytest.raises(error):
        run_fetch(store, client, FetchOptions(server.url))
