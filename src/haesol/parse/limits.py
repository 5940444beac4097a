"""One cap on the table cells a document may expand to, for every format, checked before any grid is built."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from haesol.errors import ResourceLimitError
from haesol.models import RawDocument, RawTable, Table, TableCell

LOGGER = logging.getLogger(__name__)

MAX_TABLE_CELLS = 200_000  # grid cells per document, all tables together (merged cells count their area)


class CellBudget:
    """The table cells one document may still spend; parsers that repeat cells charge it as they go."""

    def __init__(self, fmt: str, source: str = "", limit: int = MAX_TABLE_CELLS) -> None:
        self.fmt = fmt
        self.source = source
        self.limit = limit
        self.used = 0

    def charge(self, cells: int) -> None:
        """Spend ``cells``.

        Raises:
            ResourceLimitError: when the document goes over the cap.
        """
        self.used += max(cells, 0)
        if self.used > self.limit:
            raise ResourceLimitError(
                f"표 칸이 너무 많습니다 ({self.fmt}, {self.limit:,}칸 초과)",
                f"more than {self.limit:,} table cells in one document",
                source=self.source,
            )


def check_table_cells(raw: RawDocument, source: str = "", limit: int = MAX_TABLE_CELLS) -> int:
    """Charge every table of ``raw`` (its expanded grid size) against one budget; returns the cells used.

    Raises:
        ResourceLimitError: when the tables together would expand to more than ``limit`` cells.
    """
    budget = CellBudget(raw.format, source, limit)
    for table in (item.table for item in raw.items if isinstance(item, RawTable)):
        budget.charge(grid_cells(table, budget.limit - budget.used + 1))
    return budget.used


def grid_cells(table: Table, ceiling: int = MAX_TABLE_CELLS + 1) -> int:
    """The number of cells ``table.grid()`` would build, without building it (stops counting past ``ceiling``).

    First the merged cells' total area (no allocation at all), then, when that is small, the placed grid's
    bounding rectangle (the placement holds at most ``ceiling`` positions).
    """
    area = _area(table.rows, ceiling)
    if area >= ceiling:
        return area
    placed: set[tuple[int, int]] = set()
    height = width = 0
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in placed:
                c += 1
            rows, cols = max(cell.row_span, 1), max(cell.col_span, 1)
            placed.update((r + dr, c + dc) for dr in range(rows) for dc in range(cols))
            height, width = max(height, r + rows), max(width, c + cols)
            c += cols
            if height * width >= ceiling:
                return height * width
    return height * width


def _area(rows: Iterable[Iterable[TableCell]], ceiling: int) -> int:
    total = 0
    for row in rows:
        for cell in row:
            total += max(cell.row_span, 1) * max(cell.col_span, 1)
            if total >= ceiling:
                return total
    return total
