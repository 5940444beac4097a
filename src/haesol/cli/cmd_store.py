"""The store commands: batch (draft in bulk), list, search and export."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from haesol.cli.common import FORMATS, db_option, friendly_errors, open_db, parse_date

if TYPE_CHECKING:
    from haesol.jobs.batch import BatchOptions
    from haesol.store import ReleaseRow, Store

LOGGER = logging.getLogger(__name__)

STATES = ("new", "drafted", "ready", "embargoed", "needs_review", "approved", "failed", "duplicate")


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
        with open_db(db_path, must_exist=False) as store:
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

    with open_db(db_path, must_exist=False) as store:
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
    with open_db(db_path, must_exist=True) as store:
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
    with open_db(db_path, must_exist=True) as store:
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

    with open_db(db_path, must_exist=True) as store:
        rows = _rows(store, status, agency, None, dt.datetime.now(dt.UTC))
        result = export_store(store, rows, fmt, output)
    left = f", {result.left_out} without an article" if result.left_out else ""
    click.echo(f"haesol export: {result.written} written to {output}{left}", err=True)


def register(group: click.Group) -> None:
    """Add batch, list, search and export to the CLI group."""
    for command in (batch_cli, list_cli, search_cli, export_cli):
        group.add_command(command)
