"""The CLI: formats, atomic output files, exit codes and one-line messages for bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from haesol import __version__
from haesol.cli import main

HEATING = "mnd_barracks_heating.txt"


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_help_lists_commands_with_examples(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("write", "parse"):
        assert command in result.output
        sub = runner.invoke(main, [command, "--help"])
        assert sub.exit_code == 0 and "Example" in sub.output


def test_markdown_to_stdout(runner: CliRunner, examples: Path) -> None:
    result = runner.invoke(main, ["write", str(examples / HEATING), "--date", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# 국방부, 접경지역")
    assert "| 구분 | 1단계 | 2단계 | 계 |" in result.stdout


def test_html_file_from_extension(runner: CliRunner, examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "article.html"
    result = runner.invoke(main, ["write", str(examples / HEATING), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and '<html lang="ko">' in page and '"isBasedOn"' in page


def test_json_matches_schema(runner: CliRunner, examples: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    schema = json.loads(resources.files("haesol.schemas").joinpath("article.schema.json").read_text(encoding="utf-8"))
    result = runner.invoke(main, ["write", str(examples / HEATING), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    parts = {s["part"] for s in document["sentences"]}
    assert {
        "headline",
        "lead",
        "heading",
        "body",
        "bullet",
        "table",
        "faq_question",
        "faq_answer",
        "contact",
        "source",
        "label",
    } <= parts


def test_stdin(runner: CliRunner, examples: Path) -> None:
    data = (examples / HEATING).read_bytes()
    result = runner.invoke(main, ["write", "-"], input=data)
    assert result.exit_code == 0 and result.stdout.startswith("#")


def test_parse_prints_release_json(runner: CliRunner, examples: Path) -> None:
    result = runner.invoke(main, ["parse", str(examples / HEATING)])
    assert result.exit_code == 0
    release = json.loads(result.stdout)
    assert release["agency"] == "국방부" and release["embargo_until"] == "2026-10-08T00:00:00+09:00"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "비어 있습니다", id="empty"),
        pytest.param(b"   \n\n  ", "비어 있습니다", id="blank"),
        pytest.param(bytes(range(256)) * 64, "인코딩", id="random-bytes"),
        pytest.param("제목\n본문".encode("utf-16-be"), "인코딩", id="wrong-encoding"),
        pytest.param(b"<html><body><nav>menu</nav></body></html>", "본문", id="html-without-article"),
        pytest.param(b"%PDF-1.4\n%%EOF", "PDF", id="broken-pdf"),
    ],
)
def test_bad_input_exits_1_with_message(runner: CliRunner, tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "release.txt"
    source.write_bytes(content)
    out = tmp_path / "out.md"
    result = runner.invoke(main, ["write", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_too_large_file(runner: CliRunner, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    result = runner.invoke(main, ["write", str(big)])
    assert result.exit_code == 1 and "너무 큽니다" in result.output


def test_missing_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["write", "no/such/file.hwpx"])
    assert result.exit_code == 1 and "파일이 없습니다" in result.output


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["write"], id="no-source"),
        pytest.param(["write", "x.txt", "--format", "pdf"], id="bad-format"),
        pytest.param(["write", "x.txt", "--date", "26/11/2026"], id="bad-date"),
        pytest.param(["nonsense"], id="bad-command"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], tmp_path: Path) -> None:
    os.chdir(tmp_path)
    Path("x.txt").write_text("제목\n본문 문단이다.", encoding="utf-8")
    assert runner.invoke(main, args).exit_code == 2


def test_kogl_type_4_is_refused_unless_quote_only(runner: CliRunner, tmp_path: Path, examples: Path) -> None:
    text = (examples / HEATING).read_text(
        encoding="utf-8"
    ) + "\n이 자료는 공공누리 제4유형: 출처표시+상업적 이용금지+변경금지 조건에 따라 이용할 수 있습니다.\n"
    source = tmp_path / "kogl4.txt"
    source.write_text(text, encoding="utf-8")
    refused = runner.invoke(main, ["write", str(source)])
    assert refused.exit_code == 1 and "제4유형" in refused.output
    quoted = runner.invoke(main, ["write", str(source), "--quote-only"])
    assert quoted.exit_code == 0
    assert "고치지 않고 인용" in quoted.stdout


def test_strict_turns_drops_into_an_error(runner: CliRunner, examples: Path) -> None:
    result = runner.invoke(main, ["write", str(examples / HEATING), "--strict"])
    assert result.exit_code == 0, result.output
