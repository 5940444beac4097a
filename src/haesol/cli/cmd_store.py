"""CLI commands for collecting and drafting in bulk: fetch, batch, list, search, export."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from haesol.cli import FORMATS, friendly_errors, parse_date

if TYPE_CHECKING:
    from haesol.config import Config
    from haesol.jobs.batch import BatchOptions
    from haesol.jobs.fetch import FetchSummary
    from haesol.store import ReleaseRow, Store

LOGGER = logging.getLogger(__name__)

STATES = ("new", "drafted", "ready", "embargoed", "needs_review", "approved", "failed", "duplicate")
PORTAL_MIN_DELAY = 1.0
db_option = click.option(
    "--db",
    "db_path",
    metavar="PATH",
    help="SQLite store (default: store.db setting, else haesol.db in the user data folder).",
)


def _config(overrides: dict[str, Any] | None = None) -> Config:
    from haesol.config import load_config

    return load_config(None, overrides)


def _db_path(db_path: str | None, config: Config) -> Path:
    from haesol.store import default_db_path

    return Path(db_path) if db_path else default_db_path(config["store.db"])


def _open(db_path: str | None, *, must_exist: bool) -> Store:
    from haesol.errors import StoreError
    from haesol.store import open_store

    path = _db_path(db_path, _config())
    if must_exist and not path.exists():
        raise StoreError(
            "저장소가 없습니다. 먼저 haesol fetch를 실행하세요 (no store yet; run haesol fetch first)", source=str(path)
        )
    return open_store(path)


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

    config = _config({"fetch.portal_url": portal_url})
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
    with _open(db_path, must_exist=False) as store, PoliteClient(client_options) as client:
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


@click.command("batch")
@db_option
@click.option(
    "--input-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Draft every file in this folder (with --db: store the files as releases and draft them there).",
)
@click.option(
    "--output-dir", type=click.Path(file_okay=False, path_type=Path), help="Write one article file per release here."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="md",
    show_default=True,
    help="Format of the output files.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes (each loads the Kiwi model once).",
)
@click.option(
    "--style",
    type=click.Choice(["news", "polite"]),
    default="news",
    show_default=True,
    help="Register: 해라체 or 합쇼체.",
)
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="The articles' date (default: today).")
@click.option(
    "--include-embargoed",
    is_flag=True,
    help="Also draft releases whose 보도시점 has not passed (they stay 'embargoed', not 'ready').",
)
@click.option("--retry-failed", is_flag=True, help="Try releases whose earlier draft failed again.")
@click.option("--force", is_flag=True, help="With --input-dir: redo files whose output is already up to date.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal)."
)
@friendly_errors
def batch_cli(
    db_path: str | None,
    input_dir: Path | None,
    output_dir: Path | None,
    fmt: str,
    jobs: int,
    style: str,
    date_text: str | None,
    include_embargoed: bool,
    retry_failed: bool,
    force: bool,
    progress: bool | None,
) -> None:
    """Write articles for every new release in the store, or for every file in a folder.

    Exit 0 when every item succeeded, 1 when some failed, 3 when nearly all (90 % or more) failed.
    Releases under embargo are skipped (not failed) unless --include-embargoed.

    Example:

        haesol batch --jobs 4 --output-dir drafts/

        haesol batch --input-dir releases/ --output-dir drafts/ --format html
    """
    from haesol.jobs.batch import BatchOptions, batch_folder, batch_store

    if input_dir is not None and output_dir is None and db_path is None:
        raise click.UsageError(
            "--input-dir에는 --output-dir나 --db가 필요합니다 (--input-dir needs --output-dir or --db)"
        )
    options = BatchOptions(
        fmt,
        style,
        jobs,
        output_dir,
        parse_date(date_text),
        include_embargoed,
        retry_failed,
        force,
        sys.stderr.isatty() if progress is None else progress,
    )
    if input_dir is not None and db_path is not None:
        _import_folder(input_dir, db_path, options)
    if input_dir is not None:
        summary = batch_folder(input_dir, options)
    else:
        with _open(db_path, must_exist=False) as store:
            summary = batch_store(store, options)
    for item in summary.items:
        if item.status != "done":
            click.echo(f"{item.status:7} {item.label}: {item.reason}", err=True)
    click.echo(
        f"haesol batch: done {summary.count('done')}, skipped {summary.count('skipped')}, "
        f"failed {summary.count('failed')}",
        err=True,
    )
    raise click.exceptions.Exit(summary.exit_code)


def _import_folder(input_dir: Path, db_path: str, options: BatchOptions) -> None:
    """Store every file of the folder in the store and draft it (the desk's import), then exit."""
    from haesol.jobs.imports import folder_files, import_files

    with _open(db_path, must_exist=False) as store:
        summary = import_files(store, folder_files(input_dir), options)
    for outcome in summary.outcomes:
        if outcome.status == "failed":
            click.echo(f"failed  {outcome.name}: {outcome.reason}", err=True)
    for item in summary.drafted.items:
        if item.status != "done":
            click.echo(f"{item.status:7} {item.label}: {item.reason}", err=True)
    stored = ", ".join(
        f"{name} {summary.count(name)}" for name in ("stored", "revised", "unchanged", "duplicate", "failed")
    )
    drafted = summary.drafted
    click.echo(
        f"haesol batch: files {stored}; drafts done {drafted.count('done')}, skipped {drafted.count('skipped')}, "
        f"failed {drafted.count('failed')}",
        err=True,
    )
    raise click.exceptions.Exit(summary.exit_code)


@click.command("list")
@click.option("--status", type=click.Choice(STATES), help="Only releases in this state.")
@click.option("--agency", default="", help="Only agencies whose name contains this.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@db_option
@friendly_errors
def list_cli(status: str | None, agency: str, limit: int | None, db_path: str | None) -> None:
    """List stored releases, newest first: newsId, date, state, agency, title.

    States (the desk shows the same list in Korean): new (no draft yet), drafted, ready (drafted
    and past its embargo), embargoed (보도시점 not reached), needs_review (changed at the desk, or
    the write gate removed sentences), approved (signed off at the desk), failed, duplicate (same
    text as another newsId).

    Example:

        haesol list --status ready --agency 국토교통부
    """
    from haesol.store.statuses import REVIEW_STATUSES
    from haesol.store.workflow import reviewed_statuses

    now = dt.datetime.now(dt.UTC)
    with _open(db_path, must_exist=True) as store:
        rows = _rows(store, status, agency, limit, now)
        desk = reviewed_statuses(store)
    for row in rows:
        state = desk[row.id] if desk.get(row.id) in REVIEW_STATUSES else row.state(now)
        note = (
            f" (until {row.embargo_until.astimezone(_kst()):%Y-%m-%d %H:%M} KST)"
            if state == "embargoed" and row.embargo_until
            else ""
        )
        reason = f" — {_short(row.reason)}" if row.reason and state in ("failed", "duplicate") else ""
        click.echo(f"{row.news_id}\t{row.date or '-'}\t{state}{note}\t{row.agency or '-'}\t{row.title}{reason}")


def _rows(store: Store, status: str | None, agency: str, limit: int | None, now: dt.datetime) -> list[ReleaseRow]:
    """Releases in a state of the shared vocabulary (the desk's review states included)."""
    from haesol.store.statuses import REVIEW_STATUSES
    from haesol.store.workflow import reviewed_statuses

    desk = reviewed_statuses(store)
    if not status:
        return store.releases(agency=agency, limit=limit, now=now)
    if status not in REVIEW_STATUSES:  # a reviewed release is listed under its review state only
        kept = [row for row in store.releases(state=status, agency=agency, now=now) if row.id not in desk]
        return kept[:limit] if limit else kept
    kept = [row for row in store.releases(agency=agency, now=now) if desk.get(row.id) == status]
    return kept[:limit] if limit else kept


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kst() -> dt.tzinfo:
    from haesol.models import KST

    return KST


@click.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many results.")
@db_option
@friendly_errors
def search_cli(query: str, limit: int, db_path: str | None) -> None:
    """Search stored releases (Korean morphemes, so '난방' finds '난방기를'), with a snippet.

    Every content word of QUERY must occur; results are ranked by BM25 with titles weighted.

    Example:

        haesol search "난방 설비"
    """
    with _open(db_path, must_exist=True) as store:
        hits = store.search(query, limit)
    for hit in hits:
        click.echo(f"{hit.news_id}\t{hit.date or '-'}\t{hit.agency or '-'}\t{hit.title}")
        click.echo(f"    {hit.snippet}")
    if not hits:
        click.echo("haesol: 결과 없음 (no results)", err=True)


@click.command("export")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "md"]),
    required=True,
    help="jsonl, csv, or md (a folder of Markdown articles).",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="Output file (jsonl, csv) or folder (md)."
)
@click.option("--status", type=click.Choice(STATES), help="Only releases in this state.")
@click.option("--agency", default="", help="Only agencies whose name contains this.")
@db_option
@friendly_errors
def export_cli(fmt: str, output: Path, status: str | None, agency: str, db_path: str | None) -> None:
    """Export the store as JSON Lines, CSV, or a folder of Markdown articles.

    Example:

        haesol export --format jsonl --output releases.jsonl

        haesol export --format md --output articles/ --status ready
    """
    from haesol.store.export import export_store

    with _open(db_path, must_exist=True) as store:
        rows = _rows(store, status, agency, None, dt.datetime.now(dt.UTC))
        result = export_store(store, rows, fmt, output)
    left = f", {result.left_out} without an article" if result.left_out else ""
    click.echo(f"haesol export: {result.written} written to {output}{left}", err=True)


def register(group: click.Group) -> None:
    """Add fetch, batch, list, search and export to the CLI group."""
    for command in (fetch_cli, batch_cli, list_cli, search_cli, export_cli):
        group.add_command(command)
