"""The LLM engine end to end: through pipeline.write and the CLI, with the API key never shown anywhere."""

from __future__ import annotations

import datetime as dt
import json
import logging
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from haesol.cli import main
from haesol.compose.llm import chat as llm_client
from haesol.errors import LlmError
from haesol.pipeline import WriteOptions, write
from haesol.registry import get_renderer
from haesol.verify.checker import Checker, Claim
from tests.helpers import llm_server as ls

ARTICLE_DATE = dt.date(2026, 11, 26)
SECRET = "sk-haesol-e2e-Secret-41b7d2e9"


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(llm_client, "BACKOFF_BASE", 0.01)


@pytest.fixture()
def heating(examples: Path) -> str:
    return str(examples / "mnd_barracks_heating.txt")


def test_write_with_llm_engine(heating: str, tmp_path: Path) -> None:
    rewrites = {ls.PLANTED[1].text: ls.sentence("이번 사업에는 총 320억 원이 투입된다.", "b2.s1")}
    with ls.ChatServer(ls.answer(ls.planted_answer()), ls.fix_responder(rewrites)) as server:
        config = ls.llm_config(server.url, tmp_path)
        result = write(heating, WriteOptions(engine="llm", article_date=ARTICLE_DATE, config=config))
    assert result.report.passed  # the engine's own gate left nothing for the pipeline's gate to remove
    assert result.article.engine == "llm" and result.article.generation is not None
    checker = Checker(result.analysis)
    for line in result.article.lines():
        if line.text and line.part.value != "label":
            assert checker.check(Claim(line.text, line.part.value, line.sources)).verdict.value == "supported", line
    document = json.loads(get_renderer("json").render(result))
    assert document["generator"]["engine"] == "llm"
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resources.files("haesol.schemas").joinpath("article.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)


def test_api_key_never_appears(heating: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    with ls.ChatServer(ls.Reply(status=500), ls.answer(ls.planted_answer()), ls.fix_responder({})) as server:
        config = ls.llm_config(server.url, tmp_path, api_key=SECRET)
        result = write(heating, WriteOptions(engine="llm", article_date=ARTICLE_DATE, config=config))
        seen.extend(get_renderer(fmt).render(result) for fmt in ("md", "html", "json"))
        seen.extend(result.warnings)
        seen.append(repr(config))
    assert server.requests[0].headers["authorization"] == f"Bearer {SECRET}"

    def echo(request: ls.Recorded) -> ls.Reply:
        return ls.Reply(f"bad key {request.headers.get('authorization')}", status=401)

    with ls.ChatServer(echo) as server, pytest.raises(LlmError) as info:
        write(heating, WriteOptions(engine="llm", config=ls.llm_config(server.url, tmp_path / "2", api_key=SECRET)))
    seen.append(str(info.value))
    seen.append(caplog.text)
    assert all(SECRET not in text for text in seen)


def test_cli_write_llm(heating: str, tmp_path: Path, runner: CliRunner) -> None:
    with ls.ChatServer(ls.answer(ls.heating_answer())) as server:
        env = {
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "HAESOL_LLM_BASE_URL": server.url,
            "HAESOL_LLM_CACHE_DIR": str(tmp_path / "cache"),
            "OPENAI_API_KEY": SECRET,
        }
        result = runner.invoke(main, ["write", heating, "--engine", "llm", "--date", "2026-11-26"], env=env)
    assert result.exit_code == 0, result.output
    assert "국방부가 11월 2일부터" in result.output
    assert SECRET not in result.output


def test_cli_unreachable_server_exits_1(heating: str, tmp_path: Path, runner: CliRunner) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HAESOL_LLM_BASE_URL": f"http://127.0.0.1:{port}/v1",
        "HAESOL_LLM_CACHE_DIR": str(tmp_path / "cache"),
        "HAESOL_LLM_MAX_RETRIES": "1",
        "OPENAI_API_KEY": SECRET,
    }
    result = runner.invoke(main, ["write", heating, "--engine", "llm", "-o", str(tmp_path / "out.md")], env=env)
    assert result.exit_code == 1
    assert "LLM 서버에 연결할 수 없습니다" in result.output and "Traceback" not in result.output
    assert SECRET not in result.output
    assert not (tmp_path / "out.md").exists()
