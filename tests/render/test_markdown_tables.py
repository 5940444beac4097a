"""Markdown tables: merged header labels repeat; a body cell spanning columns keeps the table in HTML."""

from __future__ import annotations

import pytest

from haesol.models import ArticleTable, Line, PartName
from haesol.parse.article_units import read_article
from haesol.render.markdown import _table


def _line(text: str) -> Line:
    return Line(text, PartName.TABLE, ("t1.c",))


def _table_of(rows: list[list[str]], spans: list[list[tuple[int, int]]]) -> ArticleTable:
    return ArticleTable(None, tuple(tuple(_line(t) for t in row) for row in rows), tuple(tuple(s) for s in spans))


HEADER_SPAN = _table_of(
    [["구분", "2025년", "", "비고"], ["", "상반기", "하반기", ""], ["수출", "12억", "15억", "증가"]],
    [[(2, 1), (1, 2), (0, 0), (2, 1)], [(0, 0), (1, 1), (1, 1), (0, 0)], [(1, 1), (1, 1), (1, 1), (1, 1)]],
)
BODY_SPAN = _table_of(
    [["구분", "도입 전", "도입 후", "증감"], ["만족도", "매우 만족·만족", "", "84%"], ["", "보통 이하", "", "16%"]],
    [[(1, 1)] * 4, [(2, 1), (1, 2), (0, 0), (1, 1)], [(0, 0), (1, 2), (0, 0), (1, 1)]],
)


def test_header_cells_spanning_columns_repeat_their_label_in_markdown() -> None:
    lines = _table(HEADER_SPAN)
    assert lines[0] == "| 구분 | 2025년 | 2025년 | 비고 |"
    assert "| 수출 | 12억 | 15억 | 증가 |" in lines


def test_a_body_cell_spanning_columns_keeps_the_table_in_html() -> None:
    lines = _table(BODY_SPAN)
    block = "\n".join(lines)
    assert lines[0] == "<table>" and lines[-1] == "</table>"
    assert '<td colspan="2">매우 만족·만족</td>' in block
    assert '<td rowspan="2">만족도</td>' in block
    assert block.count("매우 만족·만족") == 1  # never repeated under a column it does not belong to
    assert "|" not in block


def test_cells_are_escaped_in_the_html_block() -> None:
    hostile = _table_of(
        [["a", "b", "c"], ["x", "<script>alert(1)</script>", ""]], [[(1, 1)] * 3, [(1, 1), (1, 2), (0, 0)]]
    )
    block = "\n".join(_table(hostile))
    assert "<script>" not in block and "&lt;script&gt;" in block


def test_check_reads_the_html_block_cell_by_cell() -> None:
    article = "# 제목\n\n본문 문장이다.\n\n" + "\n".join(_table(BODY_SPAN)) + "\n\n다음 문장이다.\n"
    units = read_article(article.encode("utf-8"), "a.md").units
    cells = [u.text for u in units if u.part == "table"]
    assert cells == ["구분", "도입 전", "도입 후", "증감", "만족도", "매우 만족·만족", "84%", "보통 이하", "16%"]
    assert not any("<" in u.text for u in units)


@pytest.mark.parametrize(
    "block",
    [
        pytest.param("<table><tr><td>62분", id="unclosed"),
        pytest.param("<table>x</table><p>y</p>", id="trailing-element"),
        pytest.param("<table", id="bare-tag"),
        pytest.param("<TABLE><tr><td>&bogus;<script>alert(1)</script></td></tr></TABLE>", id="script-inside"),
    ],
)
def test_malformed_html_blocks_are_read_without_error(block: str) -> None:
    article = f"# 제목\n\n본문 문장이다.\n\n{block}\n"
    units = read_article(article.encode("utf-8"), "a.md").units
    assert units[0].part == "headline"
    assert not any("<script" in u.text for u in units)
