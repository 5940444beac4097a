"""Find ruled tables on a PDF page: merge ruling lines, build grids, recover merged cells."""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from haesol.parse.pdf.text_lines import Char, Segment, group_lines

LOGGER = logging.getLogger(__name__)

SAME_LINE = 1.5  # segments this close (pt) across their direction lie on one line
JOIN_GAP = 2.5  # collinear pieces this close along the line are joined (dotted or pieced strokes)
MIN_RULE = 6.0  # shorter merged segments are ignored
TOUCH = 2.5  # how far a vertical may miss a horizontal and still meet it
SNAP = 3.0  # grid boundaries this close are one boundary
MIN_BAND = 4.0  # thinner rows or columns (double rules) are folded into their neighbour
COVER = 0.6  # share of a cell edge a rule must cover to count as a border
MAX_SEGMENTS = 20_000
MAX_GRID = 120  # rows or columns; bigger grids are drawings, not tables
MAX_RULES = 1_500


@dataclass(frozen=True, slots=True)
class CellBox:
    """A cell of a ruled grid: its first grid row and column, spans and page box."""

    row: int
    col: int
    row_span: int
    col_span: int
    x0: float
    top: float
    x1: float
    bottom: float

    def contains(self, x: float, y: float) -> bool:
        """Whether the point lies inside the cell."""
        return self.x0 <= x < self.x1 and self.top <= y < self.bottom


@dataclass(frozen=True, slots=True)
class GridTable:
    """A ruled region: a real table, or a single framed box when it has one cell.

    ``xs`` and ``ys`` are the grid boundaries; ``owners[r][c]`` is the index in ``cells`` of the
    cell covering grid square (r, c).
    """

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[CellBox, ...]
    owners: tuple[tuple[int, ...], ...]

    @property
    def x0(self) -> float:
        """Left edge."""
        return self.xs[0]

    @property
    def x1(self) -> float:
        """Right edge."""
        return self.xs[-1]

    @property
    def top(self) -> float:
        """Top edge."""
        return self.ys[0]

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return self.ys[-1]

    @property
    def is_box(self) -> bool:
        """A frame around text (a title box), not a table."""
        return len(self.cells) < 2

    def contains(self, x: float, y: float) -> bool:
        """Whether the point lies inside the table."""
        return self.xs[0] <= x < self.xs[-1] and self.ys[0] <= y < self.ys[-1]

    def cell_at(self, x: float, y: float) -> CellBox | None:
        """The cell holding the point, if any."""
        if not self.contains(x, y):
            return None
        row = bisect.bisect_right(self.ys, y) - 1
        col = bisect.bisect_right(self.xs, x) - 1
        return self.cells[self.owners[row][col]]


def find_tables(segments: Sequence[Segment], chars: Sequence[Char]) -> list[GridTable]:
    """Build ruled tables (and single boxes) from a page's strokes.

    Rows that share one band between two rules are split when every column of the band
    holds the same number of aligned text lines (statistics tables often rule only columns).

    Args:
        segments: raw strokes of the page.
        chars: the page's characters, used to split unruled rows.

    Returns:
        Tables sorted top to bottom.
    """
    rules = merge_segments(segments[:MAX_SEGMENTS])
    if len(rules) > MAX_RULES:  # a chart or a drawing, not tables
        LOGGER.debug("%d rules on one page: table detection skipped", len(rules))
        return []
    tables: list[GridTable] = []
    for group in _components(rules):
        grid = _Grid.build(group)
        if grid is None:
            continue
        extra = grid.unruled_row_splits(chars)
        if extra:
            grid = _Grid.build(group + extra) or grid
        tables.append(grid.to_table())
    return sorted(tables, key=lambda t: (t.top, t.x0))


def merge_segments(segments: Sequence[Segment]) -> list[Segment]:
    """Join collinear, touching pieces into whole rules and drop short ones."""
    merged: list[Segment] = []
    for horizontal in (True, False):
        pieces = sorted((s for s in segments if s.horizontal is horizontal), key=lambda s: s.pos)
        for line in _split_by_pos(pieces):
            merged.extend(_join_pieces(line, horizontal))
    return [s for s in merged if s.length >= MIN_RULE]


def _split_by_pos(pieces: list[Segment]) -> list[list[Segment]]:
    lines: list[list[Segment]] = []
    for piece in pieces:
        if lines and piece.pos - lines[-1][0].pos <= SAME_LINE:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return lines


def _join_pieces(line: list[Segment], horizontal: bool) -> list[Segment]:
    pos = sum(s.pos for s in line) / len(line)
    joined: list[Segment] = []
    start, end = None, None
    for piece in sorted(line, key=lambda s: s.start):
        if start is not None and end is not None and piece.start <= end + JOIN_GAP:
            end = max(end, piece.end)
            continue
        if start is not None and end is not None:
            joined.append(Segment(horizontal, pos, start, end))
        start, end = piece.start, piece.end
    if start is not None and end is not None:
        joined.append(Segment(horizontal, pos, start, end))
    return joined


def _meets(h: Segment, v: Segment) -> bool:
    return h.start - TOUCH <= v.pos <= h.end + TOUCH and v.start - TOUCH <= h.pos <= v.end + TOUCH


def _components(rules: list[Segment]) -> list[list[Segment]]:
    horizontals = [s for s in rules if s.horizontal]
    verticals = [s for s in rules if not s.horizontal]
    parent = list(range(len(horizontals) + len(verticals)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for hi, h in enumerate(horizontals):
        for vi, v in enumerate(verticals):
            if _meets(h, v):
                parent[root(hi)] = root(len(horizontals) + vi)
    groups: dict[int, list[Segment]] = {}
    for index, rule in enumerate(horizontals + verticals):
        groups.setdefault(root(index), []).append(rule)
    return list(groups.values())


def _snap(values: list[float]) -> list[float]:
    snapped: list[float] = []
    for value in sorted(values):
        if snapped and value - snapped[-1] <= max(SNAP, MIN_BAND):
            continue
        snapped.append(value)
    return snapped


def _covered(rules: list[Segment], pos: float, start: float, end: float) -> bool:
    span = end - start
    if span <= 0:
        return True
    covered = 0.0
    for rule in rules:
        if abs(rule.pos - pos) <= MIN_BAND + 0.5:
            covered += max(0.0, min(rule.end, end) - max(rule.start, start))
    return covered >= COVER * span


@dataclass(slots=True)
class _Grid:
    xs: list[float]
    ys: list[float]
    horizontals: list[Segment]
    verticals: list[Segment]
    cache: dict[tuple[bool, int], list[Segment]] = field(default_factory=dict)

    @classmethod
    def build(cls, group: list[Segment]) -> _Grid | None:
        horizontals = [s for s in group if s.horizontal]
        verticals = [s for s in group if not s.horizontal]
        if len(horizontals) < 2 or len(verticals) < 2:
            return None
        xs = _snap([v.pos for v in verticals] + [min(h.start for h in horizontals), max(h.end for h in horizontals)])
        ys = _snap([h.pos for h in horizontals] + [min(v.start for v in verticals), max(v.end for v in verticals)])
        if not 2 <= len(xs) <= MAX_GRID or not 2 <= len(ys) <= MAX_GRID:
            return None
        return cls(xs, ys, horizontals, verticals)

    def has_right_border(self, row: int, col: int) -> bool:
        return _covered(self._near(False, col + 1), self.xs[col + 1], self.ys[row], self.ys[row + 1])

    def has_bottom_border(self, row: int, col: int) -> bool:
        return _covered(self._near(True, row + 1), self.ys[row + 1], self.xs[col], self.xs[col + 1])

    def _near(self, horizontal: bool, index: int) -> list[Segment]:
        """Rules lying on grid boundary ``index`` (cached: edges are tested many times)."""
        key = (horizontal, index)
        if key not in self.cache:
            pos = (self.ys if horizontal else self.xs)[index]
            rules = self.horizontals if horizontal else self.verticals
            self.cache[key] = [rule for rule in rules if abs(rule.pos - pos) <= MIN_BAND + 0.5]
        return self.cache[key]

    def to_table(self) -> GridTable:
        n_rows, n_cols = len(self.ys) - 1, len(self.xs) - 1
        owners = [[-1] * n_cols for _ in range(n_rows)]
        cells: list[CellBox] = []
        for row in range(n_rows):
            for col in range(n_cols):
                if owners[row][col] < 0:
                    cells.append(self._claim(row, col, owners, len(cells)))
        return GridTable(tuple(self.xs), tuple(self.ys), tuple(cells), tuple(tuple(row) for row in owners))

    def _claim(self, row: int, col: int, owners: list[list[int]], index: int) -> CellBox:
        n_rows, n_cols = len(owners), len(owners[0])
        width = 1
        while col + width < n_cols and owners[row][col + width] < 0 and not self.has_right_border(row, col + width - 1):
            width += 1
        height = 1
        while row + height < n_rows and self._grows_into(row + height, col, width, owners):
            height += 1
        for r in range(row, row + height):
            for c in range(col, col + width):
                owners[r][c] = index
        return CellBox(row, col, height, width, self.xs[col], self.ys[row], self.xs[col + width], self.ys[row + height])

    def _grows_into(self, row: int, col: int, width: int, owners: list[list[int]]) -> bool:
        """Whether a cell may take in the next grid row: open above it and walled on both sides.

        Without the walls the open area is not a rectangle (an unruled corner beside a
        label cell); it then stays a cell of its own.
        """
        columns = range(col, col + width)
        if any(owners[row][c] >= 0 or self.has_bottom_border(row - 1, c) for c in columns):
            return False
        left_wall = col == 0 or self.has_right_border(row, col - 1)
        right_wall = col + width == len(self.xs) - 1 or self.has_right_border(row, col + width - 1)
        return left_wall and right_wall

    def unruled_row_splits(self, chars: Sequence[Char]) -> list[Segment]:
        """Synthetic rules between text rows that share one ruled band in every column."""
        inside = [c for c in chars if self.xs[0] <= c.centre_x < self.xs[-1] and self.ys[0] <= c.centre_y < self.ys[-1]]
        bands = _buckets(inside, self.ys, lambda c: c.centre_y)  # one pass, not one per row (damaged grids)
        extra: list[Segment] = []
        for row, band in sorted(bands.items()):
            if band and _spans_lines(band) and self._band_is_closed(row):
                extra.extend(self._split_band(band))
        return extra

    def _band_is_closed(self, row: int) -> bool:
        return all(_covered(self._near(True, r), self.ys[r], self.xs[0], self.xs[-1]) for r in (row, row + 1))

    def _split_band(self, band: list[Char]) -> list[Segment]:
        columns: list[list[tuple[float, float]]] = []
        by_column = _buckets(band, self.xs, lambda c: c.centre_x)
        for col in sorted(by_column):
            lines = group_lines(by_column[col])
            if lines:
                columns.append([(line.top, line.bottom) for line in lines])
        counts = {len(column) for column in columns}
        if len(columns) < 2 or len(counts) != 1 or counts.pop() < 2:
            return []
        splits: list[Segment] = []
        for index in range(len(columns[0]) - 1):
            upper = max(column[index][1] for column in columns)
            lower = min(column[index + 1][0] for column in columns)
            if lower <= upper:
                return []
            y = (upper + lower) / 2
            splits.append(Segment(True, y, self.xs[0], self.xs[-1]))
        return splits


def _buckets(chars: Sequence[Char], edges: Sequence[float], key: Callable[[Char], float]) -> dict[int, list[Char]]:
    """Characters by the interval of ``edges`` their ``key`` falls in (``edges[i] <= key < edges[i + 1]``)."""
    buckets: dict[int, list[Char]] = {}
    for char in chars:
        index = bisect.bisect_right(edges, key(char)) - 1
        if 0 <= index < len(edges) - 1:
            buckets.setdefault(index, []).append(char)
    return buckets


def _spans_lines(band: list[Char]) -> bool:
    """Whether the characters of a band could form more than one line."""
    tallest = max(c.height for c in band)
    return max(c.centre_y for c in band) - min(c.centre_y for c in band) > 0.8 * tallest
