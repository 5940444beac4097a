"""Plain-text ingest: encodings, wrapped lines and tables written with tabs or pipes."""

from __future__ import annotations

import pytest

from haesol.errors import DecodeError
from haesol.models import RawParagraph, RawTable
from haesol.parse.text import TextParser, decode_text, split_text

SAMPLE = "국방부는 4월 1일부터 장병 건강검진 항목을 늘린다."


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(SAMPLE.encode("utf-8"), id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), id="utf-8-bom"),
        pytest.param(SAMPLE.encode("cp949"), id="cp949"),
        pytest.param(SAMPLE.encode("euc-kr"), id="euc-kr"),
        pytest.param(SAMPLE.encode("utf-16"), id="utf-16-bom"),
    ],
)
def test_decodes_common_encodings(data: bytes) -> None:
    assert decode_text(data) == SAMPLE


def test_random_bytes_are_not_text() -> None:
    noise = bytes(range(256)) * 40
    with pytest.raises(DecodeError):
        decode_text(noise)


def test_wrapped_bullet_line_is_joined() -> None:
    text = "□ 국방부는 4월 1일부터 장병 정기 건강검진에 간 기능 검사 등 3개 항목을\n  추가한다고 밝혔음\n ㅇ 다음 줄"
    items = split_text(text)
    assert [i.text for i in items if isinstance(i, RawParagraph)] == [
        "□ 국방부는 4월 1일부터 장병 정기 건강검진에 간 기능 검사 등 3개 항목을 추가한다고 밝혔음",
        " ㅇ 다음 줄",
    ]


def test_tab_and_pipe_rows_become_tables() -> None:
    items = split_text("구분\t1단계\t2단계\n대상\t820곳\t420곳\n\n| 항목 | 값 |\n|---|---|\n| 예산 | 320억 원 |")
    tables = [i for i in items if isinstance(i, RawTable)]
    assert [t.table.grid() for t in tables] == [
        [["구분", "1단계", "2단계"], ["대상", "820곳", "420곳"]],
        [["항목", "값"], ["예산", "320억 원"]],
    ]


def test_parser_reports_its_format() -> None:
    assert TextParser().parse(SAMPLE.encode()).format == "text"
