"""Regression tests for the campaign's output, structure, check and batch defects (issue 17)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from haesol.cli import main
from haesol.errors import OutputPathError
from haesol.files import check_output_path, write_atomic
from haesol.jobs.batch import BatchOptions, batch_folder, unique_name
from haesol.parse import parse_bytes
from haesol.parse.article_units import MAX_UNIT_CHARS, read_article, split_sentences
from haesol.parse.structure.titles import cut_title
from haesol.verify.content import is_content_free
from tests.reliability import recipes

DATE = dt.date(2026, 11, 26)


@pytest.fixture()
def release_file(tmp_path: Path) -> Path:
    path = tmp_path / "release.txt"
    path.write_text(recipes.release_text(), encoding="utf-8")
    return path


# -- 4. -o never replaces what it must not --------------------------------------------------------------


def test_write_refuses_to_overwrite_its_input(runner: CliRunner, release_file: Path) -> None:
    before = release_file.read_bytes()
    result = runner.invoke(main, ["write", str(release_file), "-o", str(release_file)])
    assert result.exit_code == 1 and "입력 파일" in result.output and "Traceback" not in result.output
    assert release_file.read_bytes() == before


def test_write_refuses_a_hard_link_to_its_input(runner: CliRunner, release_file: Path, tmp_path: Path) -> None:
    link = tmp_path / "same.md"
    os.link(release_file, link)
    assert runner.invoke(main, ["write", str(release_file), "-o", str(link)]).exit_code == 1


def test_symlinks_are_refused_not_followed(runner: CliRunner, release_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.md"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "article.md"
    link.symlink_to(target)
    result = runner.invoke(main, ["write", str(release_file), "-o", str(link)])
    assert result.exit_code == 1 and "심볼릭 링크" in result.output
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep"


def test_fifo_folder_and_missing_folder_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in (fifo, tmp_path, tmp_path / "no" / "such.md"):
        with pytest.raises(OutputPathError):
            check_output_path(path)
    assert fifo.exists() and not fifo.is_file()


def test_device_nodes_are_refused() -> None:
    with pytest.raises(OutputPathError, match="not a regular file"):
        check_output_path(Path("/dev/null"))


def test_atomic_write_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "새 기사")
    assert path.read_text(encoding="utf-8") == "새 기사" and (path.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_write_to_a_new_path_works(runner: CliRunner, release_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["write", str(release_file), "-o", str(tmp_path / "article.md"), "--date", "2026-11-26"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "article.md").read_text(encoding="utf-8").startswith("# ")


# -- 5. linear structure building -------------------------------------------------------------------------


def test_many_same_level_bullets_keep_their_parents_and_order() -> None:
    lines = (
        ["□ 첫 번째 문단입니다"]
        + [f" ㅇ 세부 항목 {n}" for n in range(3_000)]
        + ["□ 두 번째 문단입니다", " ㅇ 마지막 항목"]
    )
    release = parse_bytes((recipes.release_text() + "\n".join(lines)).encode(), "many.txt")
    by_text = {b.text: b for b in release.blocks}
    first, second = by_text["첫 번째 문단입니다"], by_text["두 번째 문단입니다"]
    assert by_text["세부 항목 2999"].parent == first.id and by_text["마지막 항목"].parent == second.id


# -- 6. check splits sentences inside a line ---------------------------------------------------------------


def test_one_line_of_many_sentences_becomes_many_units() -> None:
    line = " ".join(f"정부는 {n}번째 지원 사업을 시작했다." for n in range(2_000))
    article = read_article(("# 제목\n\n" + line + "\n").encode(), "one-line.md")
    assert len(article.units) >= 2_000


def test_quotations_and_quote_tails_are_not_split() -> None:
    assert split_sentences("그는 “좋다. 정말이다.” 라고 말했다. 이어서 설명했다.") == [
        "그는 “좋다. 정말이다.” 라고 말했다.",
        "이어서 설명했다.",
    ]


def test_a_huge_line_without_sentence_ends_is_chunked() -> None:
    pieces = split_sentences("가" * 5 + " 나다라" * 3_000)
    assert len(pieces) > 1 and all(len(p) <= MAX_UNIT_CHARS for p in pieces)


# -- 10. content-free sentences ---------------------------------------------------------------------------


def test_punctuation_only_lines_are_unsupported(runner: CliRunner, release_file: Path, tmp_path: Path) -> None:
    article = tmp_path / "empty.md"
    article.write_text(
        "# 국토교통부, 농어촌 수요응답형 버스 40개 군으로 확대\n\n" + "…\n\n· · ·\n\n" * 20, encoding="utf-8"
    )
    result = runner.invoke(
        main, ["check", str(article), "--source", str(release_file), "--fail-on", "any", "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    assert '"content_free"' in result.output


def test_content_free_is_letters_and_digits_absent() -> None:
    assert is_content_free("…") and is_content_free("|---|") and is_content_free("※ · ※")
    assert not is_content_free("1.") and not is_content_free("가.")


# -- 11. long titles are cut at a safe point, never emptied ------------------------------------------------


def test_a_title_over_90_characters_gives_a_headline(runner: CliRunner, tmp_path: Path) -> None:
    title = (
        "국토교통부와 행정안전부, " + "농어촌 수요응답형 버스와 마을 택시를 묶은 통합 교통 서비스 " * 3 + "시범 운영"
    )
    assert len(title) > 90
    lines = (recipes.LINES[0], recipes.LINES[1], title, *recipes.LINES[3:])
    source = tmp_path / "long.txt"
    source.write_text(recipes.release_text(lines), encoding="utf-8")
    result = runner.invoke(main, ["write", str(source), "--date", "2026-11-26"])
    assert result.exit_code == 0, result.output
    headline = next(line for line in result.output.splitlines() if line.startswith("#"))
    assert headline.startswith("# ") and len(headline) > 10


def test_cut_title_ends_at_a_word_and_keeps_quotes_closed() -> None:
    title = "정부, ‘국민 안전 지키는 " + "촘촘한 " * 30 + "관리망’ 구축"
    cut = cut_title(title, 40)
    assert 10 <= len(cut) <= 40 and "‘" not in cut and cut.startswith("정부, 국민 안전 지키는 촘촘한")
    assert cut_title("정부, ‘안전’ 관리망을 " + "더 촘촘하게 " * 20, 40).startswith("정부, ‘안전’ 관리망을")
    assert cut_title("가" * 200, 90) == "가" * 90
    assert cut_title("짧은 제목", 90) == "짧은 제목"


# -- 9. folder batch output names are unique ---------------------------------------------------------------


def test_colliding_output_names_get_a_suffix_and_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("국방부 보도자료.txt", "국방부_보도자료.txt"):
        (folder / name).write_text(recipes.release_text(), encoding="utf-8")
    out = tmp_path / "out"
    summary = batch_folder(folder, BatchOptions(output_dir=out, article_date=DATE))
    assert summary.count("done") == 2
    assert sorted(p.name for p in out.iterdir()) == ["국방부_보도자료-2.md", "국방부_보도자료.md"]
    assert any("name collision" in item.reason for item in summary.items)


def test_unique_name_is_case_insensitive() -> None:
    taken: set[str] = set()
    assert [unique_name(n, taken) for n in ("Report", "report", "REPORT")] == ["Report", "report-2", "REPORT-3"]
