"""The fetch, batch, list, search and export commands end to end against the fake portal."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from haesol.cli import main
from haesol.cli.cmd_fetch import _delay
from haesol.config import load_config
from tests.helpers.portal_server import PortalServer, make_release


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for command in ("fetch", "batch", "list", "search", "export"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, command


def test_fetch_then_list_search_batch_export(
    runner: CliRunner, portal: PortalServer, cli_env: Path, tmp_path: Path
) -> None:
    fetched = runner.invoke(main, ["fetch", "--portal-url", portal.url, "--limit", "5"])
    assert fetched.exit_code == 0, fetched.output
    assert "stored 5" in fetched.stderr and cli_env.exists()

    listed = runner.invoke(main, ["list", "--status", "new"])
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == 5

    found = runner.invoke(main, ["search", "난방"])
    assert found.exit_code == 0 and "«난방»" in found.stdout

    drafts = tmp_path / "drafts"
    batch = runner.invoke(main, ["batch", "--output-dir", str(drafts), "--format", "json"])
    assert batch.exit_code == 0, batch.output
    assert "done 5, skipped 0, failed 0" in batch.stderr and len(list(drafts.glob("*.json"))) == 5
    assert runner.invoke(main, ["list", "--status", "ready"]).stdout.count("\tready\t") == 5

    jsonl = tmp_path / "all.jsonl"
    assert runner.invoke(main, ["export", "--format", "jsonl", "--output", str(jsonl)]).exit_code == 0
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5 and all(r["article_markdown"].startswith("# ") for r in records)
    table = tmp_path / "all.csv"
    assert runner.invoke(main, ["export", "-f", "csv", "-o", str(table)]).exit_code == 0
    rows = list(csv.DictReader(table.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 5 and rows[0]["kogl_type"] == "1"
    folder = tmp_path / "md"
    assert runner.invoke(main, ["export", "-f", "md", "-o", str(folder)]).exit_code == 0
    assert len(list(folder.glob("*.md"))) == 5


def test_fetch_with_failures_exits_1_with_reasons(runner: CliRunner, cli_env: Path) -> None:
    releases = [make_release(0), make_release(1, mode="gone")]
    with PortalServer(releases) as server:
        result = runner.invoke(main, ["fetch", "--portal-url", server.url, "--retries", "0"])
    assert result.exit_code == 1
    assert "failed    156700001" in result.stderr and "HTTP 404" in result.stderr and "Traceback" not in result.output


def test_unreachable_list_is_one_line_and_exit_1(runner: CliRunner, cli_env: Path) -> None:
    with PortalServer([make_release(0)], list_mode="500") as server:
        result = runner.invoke(main, ["fetch", "--portal-url", server.url, "--retries", "0"])
    assert result.exit_code == 1 and "HTTP 500" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["fetch", "--portal-url", "ftp://example"], id="bad-portal"),
        pytest.param(
            ["fetch", "--since", "2026-10-08", "--until", "2026-10-01", "--portal-url", "http://127.0.0.1:9"],
            id="dates",
        ),
        pytest.param(["fetch", "--since", "10/08"], id="date-format"),
        pytest.param(["batch", "--input-dir", "."], id="no-output-dir"),
        pytest.param(["list", "--status", "lost"], id="status"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, cli_env: Path, args: list[str]) -> None:
    assert runner.invoke(main, args).exit_code == 2


def test_reading_commands_need_a_store(runner: CliRunner, cli_env: Path) -> None:
    result = runner.invoke(main, ["list"])
    assert result.exit_code == 1 and "haesol fetch" in result.stderr and not cli_env.exists()


def test_real_portal_gets_at_least_one_second(cli_env: Path) -> None:
    config = load_config(None, {"fetch.delay": 0.2})
    assert _delay(config, "https://www.korea.kr") == 1.0
    assert _delay(config, "http://127.0.0.1:8080") == 0.2
    assert load_config(None)["fetch.delay"] == 0.0  # the test environment's override; the default is 1.0
