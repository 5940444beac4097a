"""Regression tests for the hostile-input campaign (issue 17): every input is built in code."""

from __future__ import annotations

import pytest

from haesol.errors import DecodeError, ParseError, ResourceLimitError, TooLargeError
from haesol.models import RawDocument, RawTable, Table, TableCell
from haesol.parse import MAX_INPUT_BYTES, library_error, parse_bytes
from haesol.parse.limits import MAX_TABLE_CELLS, check_table_cells, grid_cells
from haesol.parse.sniff import detect_format
from haesol.parse.text import UNDECODABLE_REASON, decode_whole
from tests.reliability import recipes

# -- 1. silent data loss: the whole text is decoded, bad bytes reported -------------------------------


def test_a_bad_byte_after_200_kb_keeps_every_line_and_is_reported() -> None:
    lines = [f"ㅇ 항목 {n}번: 지역 사업 예산을 배정함" for n in range(12_000)]
    head = "\n".join(lines[:8_000]).encode()
    tail = "\n".join(lines[8_000:]).encode()
    assert len(head) > 200_000
    release = parse_bytes(recipes.release_text().encode() + head + b"\n\xff\n" + tail, "big.txt")
    text = "\n".join(block.text for block in release.blocks)
    assert "항목 11999번" in text  # nothing cut at the old 200,000-byte sample
    notes = [d for d in release.dropped if d.reason == UNDECODABLE_REASON]
    assert len(notes) == 1 and "1바이트" in notes[0].text


def test_many_bad_bytes_are_refused_with_the_offset() -> None:
    data = ("가나다 보도자료 본문입니다.\n" * 200).encode() + b"\xff\xfe\xfd" * 400
    with pytest.raises(DecodeError, match="offset"):
        decode_whole(data, "bad.txt")


def test_cp949_with_a_bad_tail_is_decoded_with_a_clear_count() -> None:
    data = recipes.release_text().encode("cp949") + b"\x81"
    decoded = decode_whole(data, "cp949.txt")
    assert decoded.encoding == "cp949" and decoded.bad_bytes == 1 and decoded.first_bad == len(data) - 1
    assert "보도시점" in decoded.text


# -- 2. one cap on table cells, all formats, before the grid is built ----------------------------------


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("ten-cells.hwpx", lambda: recipes.hwpx_with_cells(10)),
        ("span.hwp", recipes.hwp_with_span),
        ("gridspan.docx", recipes.docx_with_grid_span),
        ("spans.html", recipes.html_with_spans),
        ("repeats.odt", recipes.odt_with_repeats),
    ],
)
def test_table_spans_over_the_cap_are_refused_in_every_format(name: str, build: object) -> None:
    data = build()  # type: ignore[operator]
    with pytest.raises(ResourceLimitError, match="200,000"):
        parse_bytes(data, name)


def test_cells_add_up_across_tables() -> None:
    table = Table(rows=((TableCell("a", 300, 300),),))  # 90,000 cells each
    assert grid_cells(table) == 90_000
    raw = RawDocument(items=(RawTable(table), RawTable(table)), format="text")
    assert check_table_cells(raw) == 180_000
    with pytest.raises(ResourceLimitError):
        check_table_cells(RawDocument(items=(RawTable(table),) * 3, format="text"))


def test_grid_size_is_counted_without_building_the_grid() -> None:
    wide_then_tall = Table(rows=((TableCell("a", 1, 500_000),), (TableCell("b", 500_000, 1),)))
    assert grid_cells(wide_then_tall) > MAX_TABLE_CELLS  # would be 2.5e11 cells as a grid


# -- 3 and 15. library errors and messages -----------------------------------------------------------------


def test_a_corrupt_deflate_stream_is_a_parse_error_not_an_internal_error() -> None:
    data = recipes.corrupt_deflate_member(recipes.plain_hwpx(), "Contents/section0.xml")
    with pytest.raises(ParseError, match="hwpx"):
        parse_bytes(data, "broken.hwpx")


def test_every_library_exception_maps_to_a_specific_input_error() -> None:
    import struct
    import zlib

    assert "압축" in str(library_error(zlib.error("bad"), "hwp", "x.hwp"))
    assert "이진 구조" in str(library_error(struct.error("short"), "hwp", "x.hwp"))
    assert isinstance(library_error(MemoryError(), "pdf", "x.pdf"), ResourceLimitError)
    assert isinstance(library_error(RuntimeError("?"), "pdf", "x.pdf"), ParseError)


def test_broken_hwpx_is_named_hwpx_not_unsupported_zip() -> None:
    data = recipes.broken_central_directory(recipes.plain_hwpx())
    assert detect_format(data) == "hwpx"
    with pytest.raises(ParseError, match="hwpx"):
        parse_bytes(data, "cut.hwpx")


def test_duplicate_zip_entries_are_refused() -> None:
    data = recipes.with_duplicate_entry(recipes.plain_hwpx(), "Contents/section0.xml", b"<injected/>")
    with pytest.raises(ParseError, match="duplicate entry"):
        parse_bytes(data, "twice.hwpx")


def test_size_cap_is_printed_as_the_readme_states_it() -> None:
    message = str(TooLargeError(MAX_INPUT_BYTES + 1, MAX_INPUT_BYTES))
    assert "최대 50 MB" in message and "52,428,800 bytes = 50 MB" in message


# -- 12. a text of separator rows only ------------------------------------------------------------------


def test_a_text_of_table_separators_only_is_a_clean_input_error() -> None:
    from haesol.errors import InputError

    with pytest.raises(InputError):
        parse_bytes(b"|---|---|\n", "sep.txt")
    release = parse_bytes((recipes.release_text() + "|---|---|\n").encode(), "sep.txt")
    assert release.title
