"""Batch drafting: a folder or the store, process pool, skips, failures with reasons, exit codes, atomic files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from haesol.cli import main
from haesol.jobs.batch import (
    BatchOptions,
    BatchSummary,
    ItemReport,
    batch_folder,
    batch_store,
    safe_name,
    write_atomic,
)
from haesol.parse import parse_bytes
from haesol.store import NewRevision, Store, open_store

DATE = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 0, 0, tzinfo=dt.UTC)
EXAMPLES = ("mnd_barracks_heating.txt", "mof_seafood_exports.txt", "korea_kr_page.html")


@pytest.fixture()
def inputs(examples: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in EXAMPLES:
        shutil.copy(examples / name, folder / name)
    return folder


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "batch.db") as opened:
        yield opened


def _add(store: Store, data: bytes, news_id: str, *, kogl: int | None = 1, embargo: dt.datetime | None = None) -> None:
    release = parse_bytes(data, f"{news_id}.txt")
    store.save_revision(
        NewRevision(
            news_id,
            release,
            data,
            NOW,
            title=release.title,
            agency=release.agency,
            source_url=f"https://www.korea.kr/briefing/pressReleaseView.do?newsId={news_id}",
            kogl_type=kogl,
            kogl_evidence="page",
            embargo_until=embargo,
        )
    )


def test_folder_batch_writes_one_file_each_and_resumes(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = batch_folder(inputs, BatchOptions(output_dir=out, article_date=DATE))
    assert (summary.count("done"), summary.exit_code) == (3, 0)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{Path(n).stem}.md" for n in EXAMPLES)
    assert (out / "mnd_barracks_heating.md").read_text(encoding="utf-8").startswith("# 국방부")
    again = batch_folder(inputs, BatchOptions(output_dir=out, article_date=DATE))
    assert again.count("skipped") == 3 and again.exit_code == 0
    forced = batch_folder(inputs, BatchOptions(output_dir=out, article_date=DATE, force=True, fmt="html"))
    assert forced.count("done") == 3 and len(list(out.glob("*.html"))) == 3


def test_two_jobs_give_the_same_articles_as_one(inputs: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    batch_folder(inputs, BatchOptions(fmt="json", output_dir=one, article_date=DATE))
    summary = batch_folder(inputs, BatchOptions(fmt="json", output_dir=two, article_date=DATE, jobs=2))
    assert summary.count("done") == 3
    for path in one.iterdir():
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads((two / path.name).read_text(encoding="utf-8"))


def test_bad_files_fail_with_reasons(inputs: Path, tmp_path: Path) -> None:
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "photo.hwpx").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    (inputs / ".hidden.txt").write_text("숨김", encoding="utf-8")
    summary = batch_folder(inputs, BatchOptions(output_dir=tmp_path / "out", article_date=DATE))
    failed = {item.label: item.reason for item in summary.items if item.status == "failed"}
    assert set(failed) == {"empty.txt", "photo.hwpx"} and "empty" in failed["empty.txt"]
    assert summary.count("done") == 3 and summary.exit_code == 1
    assert not list((tmp_path / "out").glob(".*"))  # no temporary files left


def test_store_batch_drafts_new_releases_and_skips_embargoed(store: Store, examples: Path, tmp_path: Path) -> None:
    _add(store, (examples / EXAMPLES[0]).read_bytes(), "156800001")
    _add(store, (examples / EXAMPLES[1]).read_bytes(), "156800002", embargo=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    summary = batch_store(store, BatchOptions(output_dir=tmp_path / "out", article_date=DATE), now=NOW)
    assert [(i.label, i.status) for i in summary.items] == [("156800002", "skipped"), ("156800001", "done")]
    assert "embargoed until 2099-01-01 09:00 KST" in summary.items[0].reason and summary.exit_code == 0
    assert (tmp_path / "out" / "156800001.md").exists()
    markdown = store.latest_article(store.known("156800001").release_id)  # type: ignore[union-attr]
    assert "newsId=156800001" in markdown and "공공누리 제1유형" in markdown
    record = store.read("SELECT engine, style, haesol_version, options_json, ready_at FROM articles")[0]
    assert tuple(record)[:3] == ("extractive", "news", "0.1.0") and json.loads(record[3])["format"] == "md"
    assert store.read("SELECT report_json FROM reports")[0][0].startswith('{"passed"')
    # nothing new: nothing to do
    assert batch_store(store, BatchOptions(), now=NOW).count("done") == 0


def test_embargoed_release_drafted_on_request_is_not_ready(store: Store, examples: Path) -> None:
    until = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    _add(store, (examples / EXAMPLES[0]).read_bytes(), "156800001", embargo=until)
    summary = batch_store(store, BatchOptions(include_embargoed=True, article_date=DATE), now=NOW)
    assert summary.count("done") == 1
    assert [row.state(NOW) for row in store.releases()] == ["embargoed"]
    assert store.releases(state="ready", now=NOW) == []
    assert store.read("SELECT ready_at FROM articles")[0][0] == "2099-01-01T00:00:00+00:00"


def test_licence_refusal_fails_and_can_be_retried(store: Store, examples: Path) -> None:
    _add(store, (examples / EXAMPLES[0]).read_bytes(), "156800001", kogl=4)
    summary = batch_store(store, BatchOptions(article_date=DATE), now=NOW)
    assert summary.exit_code == 3 and "KOGL type 4" in summary.items[0].reason
    assert store.releases()[0].status == "failed"
    assert batch_store(store, BatchOptions(), now=NOW).items == ()
    assert batch_store(store, BatchOptions(retry_failed=True), now=NOW).count("failed") == 1


@pytest.mark.parametrize(
    ("statuses", "code"),
    [
        ((), 0),
        (("done", "skipped"), 0),
        (("done", "failed"), 1),
        (("failed",) * 9 + ("done",), 3),
        (("failed",) * 8 + ("done",) * 2, 1),
        (("failed", "skipped"), 3),
    ],
)
def test_exit_codes(statuses: tuple[str, ...], code: int) -> None:
    assert BatchSummary(tuple(ItemReport(str(i), s) for i, s in enumerate(statuses))).exit_code == code


def test_safe_names_and_atomic_writes(tmp_path: Path) -> None:
    assert safe_name("../../etc/passwd") == "etc_passwd"
    assert safe_name("...") == "untitled" and safe_name("국방부 보도자료(1)") == "국방부_보도자료_1"
    target = tmp_path / "a.md"
    write_atomic(target, "첫째")
    write_atomic(target, "둘째")
    assert target.read_text(encoding="utf-8") == "둘째" and [p.name for p in tmp_path.iterdir()] == ["a.md"]
    with pytest.raises(ValueError):
        BatchOptions(jobs=0)


def test_cli_batch_over_a_folder(runner: CliRunner, inputs: Path, tmp_path: Path) -> None:
    (inputs / "broken.pdf").write_bytes(b"%PDF-1.7\n broken")
    result = runner.invoke(
        main,
        [
            "batch",
            "--input-dir",
            str(inputs),
            "--output-dir",
            str(tmp_path / "o"),
            "--date",
            "2026-11-26",
            "--no-progress",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "done 3, skipped 0, failed 1" in result.stderr and "failed  broken.pdf" in result.stderr
