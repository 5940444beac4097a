"""`haesol fetch`: collect press releases from the 정책브리핑 portal into the store."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import click

from haesol.cli.common import cli_config, db_option, friendly_errors, open_db, parse_date

if TYPE_CHECKING:
    from haesol.config import Config
    from haesol.jobs.fetch import FetchSummary

LOGGER = logging.getLogger(__name__)


PORTAL_MIN_DELAY = 1.0


def _check_portal(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter(f"http(s) 주소여야 합니다 (expected an http(s) URL): {url}", param_hint="--portal-url")
    return url.rstrip("/")


def _delay(config: Config, portal: str) -> float:
    """The configured delay; never under 1 s for the real portal."""
    from urllib.parse import urlsplit

    delay = float(config["fetch.delay"])
    host = urlsplit(portal).hostname or ""
    if (host == "korea.kr" or host.endswith(".korea.kr")) and delay < PORTAL_MIN_DELAY:
        click.echo(
            f"haesol: 정책브리핑에는 요청 간격을 {PORTAL_MIN_DELAY:g}초 이상 둡니다 (fetch.delay raised to 1 s for korea.kr)",
            err=True,
        )
        return PORTAL_MIN_DELAY
    return delay


@click.command("fetch")
@click.option(
    "--agency",
    "agencies",
    multiple=True,
    metavar="NAME",
    help="Only this agency (name or repCode such as A00006); repeatable.",
)
@click.option("--since", metavar="YYYY-MM-DD", help="First date (list date).")
@click.option("--until", metavar="YYYY-MM-DD", help="Last date (list date).")
@click.option("--keyword", default="", help="Only releases whose title or lead contains this word.")
@click.option("--limit", type=click.IntRange(min=1), help="Fetch at most this many new or changed releases.")
@db_option
@click.option(
    "--portal-url", metavar="URL", help="정책브리핑 portal or a mirror with the same pages (default: fetch.portal_url)."
)
@click.option("--recheck", is_flag=True, help="Re-open releases already stored (conditional GET) to find revisions.")
@click.option(
    "--retries", type=click.IntRange(0, 10), default=3, show_default=True, help="Retries per request, with backoff."
)
@click.option(
    "--max-errors",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="Stop after this many failed requests in a row.",
)
@click.option(
    "--api-url", metavar="URL", help="data.go.kr press-release API endpoint (used only with fetch.service_key)."
)
@friendly_errors
def fetch_cli(
    agencies: tuple[str, ...],
    since: str | None,
    until: str | None,
    keyword: str,
    limit: int | None,
    db_path: str | None,
    portal_url: str | None,
    recheck: bool,
    retries: int,
    max_errors: int,
    api_url: str | None,
) -> None:
    """Collect press releases from the 정책브리핑 portal into the store.

    Walks the press-release list pages, opens each view page, reads its KOGL mark, downloads the
    best attachment (HWPX > PDF > HWP > DOCX/ODT), parses it and stores it with its embargo
    (보도시점). Polite: fetch.delay seconds between requests (at least 1 for korea.kr),
    conditional GET, retries with backoff, a stop after repeated errors. Exit 0 when every
    release was stored, 1 when some failed or the run stopped early.

    Example:

        haesol fetch --agency 국토교통부 --since 2026-10-01 --limit 20

        haesol fetch --portal-url http://127.0.0.1:8080 --db test.db
    """
    from haesol.jobs.client import ClientOptions, PoliteClient
    from haesol.jobs.data_go_kr import API_URL
    from haesol.jobs.fetch import FetchOptions, run_fetch

    config = cli_config({"fetch.portal_url": portal_url})
    portal = _check_portal(config["fetch.portal_url"])
    first, last = parse_date(since), parse_date(until)
    if first and last and first > last:
        raise click.BadParameter("--since가 --until보다 늦습니다 (--since is after --until)")
    client_options = ClientOptions(
        delay=_delay(config, portal),
        timeout=float(config["fetch.timeout"]),
        user_agent=config["fetch.user_agent"],
        max_retries=retries,
        max_errors=max_errors,
    )
    options = FetchOptions(
        portal,
        tuple(agencies),
        first,
        last,
        keyword.strip(),
        limit,
        recheck,
        config["fetch.service_key"],
        api_url or API_URL,
    )
    with open_db(db_path, must_exist=False) as store, PoliteClient(client_options) as client:
        summary = run_fetch(store, client, options, report=_report_outcome)
    _print_fetch_summary(summary)
    raise click.exceptions.Exit(summary.exit_code)


def _report_outcome(outcome: Any) -> None:
    if outcome.status != "known":
        reason = f" — {outcome.reason}" if outcome.reason else ""
        click.echo(f"{outcome.status:9} {outcome.news_id} {outcome.title}{reason}", err=True)


def _print_fetch_summary(summary: FetchSummary) -> None:
    for warning in summary.warnings:
        click.echo(f"haesol: {warning}", err=True)
    counts = ", ".join(
        f"{name} {summary.count(name)}" for name in ("stored", "revised", "unchanged", "duplicate", "known", "failed")
    )
    click.echo(f"haesol fetch: {counts}", err=True)
    if summary.stopped:
        click.echo(f"haesol: 중단됨 (stopped early): {summary.stopped}", err=True)


def register(group: click.Group) -> None:
    """Add fetch to the CLI group."""
    group.add_command(fetch_cli)
