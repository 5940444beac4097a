"""`haesol check`: report formats, exit codes per --fail-on, and bad input."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from haesol.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "check"
SOURCE = Path(__file__).resolve().parents[2] / "examples" / "mnd_barracks_heating.txt"


def _check(runner: CliRunner, article: str, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["check", str(DATA / article), "--source", str(SOURCE), *args])


def test_text_report_and_exit_codes(runner: CliRunner) -> None:
    good = _check(runner, "heating_faithful.md")
    assert good.exit_code == 0, good.output
    assert "점수 (score)" in good.output
    bad = _check(runner, "heating_autoblog.txt")
    assert bad.exit_code == 1 and "원문과 다름" in bad.output
    assert _check(runner, "heating_faithful.md", "--fail-on", "any").exit_code == 0


def test_fail_on_unsupported(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# 제목\n\n국방부는 난방설비를 교체한다. 이 사업은 모두에게 큰 희망을 준다.\n", encoding="utf-8")
    args = ["check", str(article), "--source", str(SOURCE)]
    assert runner.invoke(main, args).exit_code == 0
    assert runner.invoke(main, [*args, "--fail-on", "unsupported"]).exit_code == 1


def test_json_report_matches_schema(runner: CliRunner) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resources.files("haesol.schemas").joinpath("check.schema.json").read_text(encoding="utf-8"))
    result = _check(runner, "heating_autoblog.txt", "--format", "json")
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    assert {s["verdict"] for s in document["sentences"]} >= {"supported", "contradicted", "unsupported"}
    assert all(e["text"] for s in document["sentences"] for e in s["evidence"])


def test_html_report_is_escaped_and_self_contained(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "x.md"
    article.write_text(
        '# <script>alert(1)</script>\n\n국방부는 "<img src=x onerror=alert(1)>" 사업을 한다.\n', encoding="utf-8"
    )
    out = tmp_path / "report.html"
    result = runner.invoke(main, ["check", str(article), "--source", str(SOURCE), "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "onerror=alert(1)>" not in page
    assert 'lang="ko"' in page and "http" not in page.split("<body>")[1].split("</body>")[0].replace("https://", "")


def test_bad_article_and_usage(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = runner.invoke(main, ["check", str(empty), "--source", str(SOURCE)])
    assert result.exit_code == 1 and "비어 있습니다" in result.output
    assert runner.invoke(main, ["check", str(empty)]).exit_code == 2
    assert runner.invoke(main, ["check", str(empty), "--source", str(SOURCE), "--fail-on", "maybe"]).exit_code == 2
