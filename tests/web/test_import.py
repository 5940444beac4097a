"""Importing release files into the store: `haesol batch --input-dir … --db …` stores and drafts them like `fetch`."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from haesol.cli import main
from haesol.jobs.imports import ImportFile, file_news_id, import_files
from haesol.store import open_store
from haesol.store.review import desk_statuses

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _folder(examples: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("mnd_barracks_heating.txt", "korea_kr_page.html"):
        shutil.copy(examples / name, folder / name)
    (folder / "photo.png").write_bytes(PNG)
    return folder


def test_batch_input_dir_into_a_store(examples: Path, tmp_path: Path) -> None:
    folder, db = _folder(examples, tmp_path), tmp_path / "desk.db"
    result = CliRunner().invoke(main, ["batch", "--input-dir", str(folder), "--db", str(db)])
    assert result.exit_code == 1, result.output  # the PNG is refused, the two releases are stored and drafted
    assert "photo.png" in result.stderr and "그림 파일" in result.stderr and "Traceback" not in result.output
    assert "stored 2" in result.stderr and "drafts done 2" in result.stderr
    with open_store(db) as store:
        statuses = desk_statuses(store)
        rows = store.releases()
    assert len(statuses) == 2 and set(statuses.values()) <= {"drafted", "needs_review"}
    assert all(row.news_id.startswith("file-") and row.articles == 1 for row in rows)
    # the same files again: nothing new, nothing drafted twice
    (folder / "photo.png").unlink()
    again = CliRunner().invoke(main, ["batch", "--input-dir", str(folder), "--db", str(db)])
    assert again.exit_code == 0 and "unchanged 2" in again.stderr and "drafts done 0" in again.stderr


def test_import_keeps_one_release_per_content(examples: Path, tmp_path: Path) -> None:
    data = (examples / "mof_seafood_exports.txt").read_bytes()
    with open_store(tmp_path / "desk.db") as store:
        first = import_files(store, [ImportFile("a.txt", data), ImportFile("empty.txt", b"  ")])
        second = import_files(store, [ImportFile("copy.txt", data)])
        known = store.known(file_news_id(data))
    assert [o.status for o in first.outcomes] == ["stored", "failed"]
    assert second.outcomes[0].status == "unchanged" and known is not None
    assert first.drafted.count("done") == 1 and second.drafted.count("done") == 0
