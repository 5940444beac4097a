"""The campaign's portal faults: a damaged attachment never stops fetch; a site redesign stops it loudly."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from haesol.cli import main
from haesol.errors import LayoutChangedError
from haesol.jobs.client import ClientOptions, PoliteClient
from haesol.jobs.fetch import FetchOptions, run_fetch
from haesol.store import Store
from tests.helpers.portal_server import PortalServer, damage_attachment, make_release

FAST = ClientOptions(delay=0.0, timeout=0.5, max_retries=1)


@pytest.mark.parametrize("damage", ["corrupt", "duplicate"])
def test_a_damaged_attachment_is_recorded_and_the_run_goes_on(store: Store, damage: str) -> None:
    releases = [make_release(i) for i in range(4)]
    damage_attachment(releases[1], damage)
    with PortalServer(releases) as server, PoliteClient(FAST) as client:
        summary = run_fetch(store, client, FetchOptions(server.url))
        again = run_fetch(store, client, FetchOptions(server.url))  # a rerun does not stop there either
    assert [o.status for o in summary.outcomes] == ["stored", "failed", "stored", "stored"]
    failed = store.releases(state="failed")
    assert [row.news_id for row in failed] == [releases[1].news_id]
    assert "hwpx" in failed[0].reason.lower() and "internal error" not in failed[0].reason
    assert again.count("failed") == 1 and not again.stopped


def test_an_unexpected_error_in_one_release_is_recorded_and_the_run_goes_on(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import haesol.jobs.fetch as fetch

    releases = [make_release(i) for i in range(3)]
    real = fetch.apply_overlay

    def flaky_overlay(release: object, overlay: object) -> object:
        if getattr(overlay, "news_id", "") == releases[0].news_id:
            raise RuntimeError("a bug in one release")
        return real(release, overlay)  # type: ignore[arg-type]

    monkeypatch.setattr(fetch, "apply_overlay", flaky_overlay)
    with PortalServer(releases) as server, PoliteClient(FAST) as client:
        summary = run_fetch(store, client, FetchOptions(server.url))
    assert [o.status for o in summary.outcomes] == ["failed", "stored", "stored"]
    assert "internal error" in store.releases(state="failed")[0].reason


@pytest.mark.parametrize(("layout", "selector"), [("view", ".view_title h1"), ("list", "newsId")])
def test_a_site_redesign_stops_fetch_naming_the_page_and_selector(store: Store, layout: str, selector: str) -> None:
    releases = [make_release(i) for i in range(3)]
    with PortalServer(releases, layout=layout) as server, PoliteClient(FAST) as client:
        with pytest.raises(LayoutChangedError, match=selector.replace(".", r"\.")) as caught:
            run_fetch(store, client, FetchOptions(server.url))
        assert server.url in caught.value.page
    assert store.read("SELECT COUNT(*) FROM revisions")[0][0] == 0  # never an empty release


def test_the_cli_exits_1_on_a_redesign(runner: CliRunner, cli_env: object) -> None:
    with PortalServer([make_release(0)], layout="view") as server:
        result = runner.invoke(main, ["fetch", "--portal-url", server.url])
    assert result.exit_code == 1 and "selector" in result.output and "Traceback" not in result.output
