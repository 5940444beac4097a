"""What a format parser hands to the release structurer: paragraphs, tables, page metadata."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TableCell:
    """One cell of a table; spans count grid rows and columns."""

    text: str
    row_span: int = 1
    col_span: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A table as rows of cells, with its caption (``< 제목 >``) when the source has one."""

    rows: tuple[tuple[TableCell, ...], ...]
    caption: str = ""

    def grid(self) -> list[list[str]]:
        """Expand merged cells into a rectangular grid of strings (a merged cell repeats)."""
        placed: dict[tuple[int, int], str] = {}
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in placed:
                    c += 1
                for dr in range(max(cell.row_span, 1)):
                    for dc in range(max(cell.col_span, 1)):
                        placed.setdefault((r + dr, c + dc), cell.text)
                c += max(cell.col_span, 1)
        if not placed:
            return []
        height = max(r for r, _ in placed) + 1
        width = max(c for _, c in placed) + 1
        return [[placed.get((r, c), "") for c in range(width)] for r in range(height)]


@dataclass(frozen=True, slots=True)
class RawParagraph:
    """One paragraph as a format parser saw it; ``marker`` is an automatic bullet not in the text."""

    text: str
    marker: str = ""
    level: int | None = None
    is_caption: bool = False
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class RawTable:
    """A table as a format parser saw it."""

    table: Table


RawItem = RawParagraph | RawTable


@dataclass(frozen=True, slots=True)
class Dropped:
    """Content a stage left out on purpose, with the reason (never lose content silently)."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Facts a container (a web page, an API record) states about the release it carries."""

    title: str = ""
    subtitle: str = ""
    agency: str = ""
    published: str = ""
    url: str = ""
    news_id: str = ""
    kogl_type: int | None = None
    kogl_evidence: str = ""
    site: str = ""


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Ordered paragraphs and tables from one source file, plus what its container says."""

    items: tuple[RawItem, ...]
    format: str
    meta: PageMeta = field(default_factory=PageMeta)
    dropped: tuple[Dropped, ...] = ()
