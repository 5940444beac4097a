"""The docs themselves: every command has help with an example, and the README documents it."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from haesol.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    context = click.Context(main)
    return sorted(main.list_commands(context))


def test_there_are_commands() -> None:
    assert {"write", "check", "parse", "fetch", "batch", "serve"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_command_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`haesol {command} --help` shows no Example block"
    assert f"haesol {command}" in result.output


@pytest.mark.parametrize("command", _commands())
def test_command_is_in_the_readme(command: str) -> None:
    assert f"haesol {command}" in README, f"README does not mention `haesol {command}`"


def test_readme_quickstart_has_exactly_two_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    block = quickstart.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    assert commands[1] == 'pip install ".[test]" && python -m pytest'


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install ".[test]" && python -m pytest' in ci.splitlines()
