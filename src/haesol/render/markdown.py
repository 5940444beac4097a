"""Markdown output: headings, bullets, GFM tables, the FAQ as Q/A, and the source block."""

from __future__ import annotations

import html
import logging
import re

from haesol.models import Article, ArticleTable, Line, Section
from haesol.render.renderer import (
    FACT_TABLE_HEAD,
    FACT_TABLE_LABEL,
    FAQ_LABEL,
    KEY_POINTS_LABEL,
    Renderer,
    split_sections,
)

LOGGER = logging.getLogger(__name__)

LINE_START_RE = re.compile(r"^(#|>|[-+*]\s|\d+[.)]\s|=+$|-{3,}$)")


def escape_md(text: str) -> str:
    """Escape what Markdown would read as markup at the start of a line, and inline HTML."""
    text = text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([*_`\[\]])", r"\\\1", text)
    return "\\" + text if LINE_START_RE.match(text) else text


def escape_inline(text: str) -> str:
    """Escape inline markup only (for table cells and list items, where line starts do not matter)."""
    text = text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([*_`\[\]])", r"\\\1", text)


def escape_cell(text: str) -> str:
    """A table cell: inline markup escaped, a '|' inside the text becomes '/', line breaks become spaces."""
    return escape_inline(text).replace("|", "/").replace("\n", " ")


def _paragraph(lines: tuple[Line, ...] | list[Line]) -> str:
    return " ".join(escape_md(line.text) for line in lines if line.text)


def _table(table: ArticleTable) -> list[str]:
    if table.as_list:
        items = [f"- {escape_inline(cell.text)}" for row in table.rows for cell in row if cell.text]
        caption = [f"**{escape_md(table.caption.text)}**", ""] if table.caption is not None else []
        return [*caption, *items]
    if _spans_data_columns(table):
        return _html_table(table)
    rows = _grid(table)
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    out = []
    if table.caption is not None:
        out.append(f"**{escape_md(table.caption.text)}**")
        out.append("")
    out.append("| " + " | ".join(rows[0]) + " |")
    out.append("|" + "---|" * width)
    out.extend("| " + " | ".join(r) + " |" for r in rows[1:])
    return out


def _spans_data_columns(table: ArticleTable) -> bool:
    """Whether a body cell (not the header row, not the row labels) spans columns: Markdown cannot say that
    faithfully (repeating the value would put it under every column it spans), so such tables stay HTML."""
    return any(
        table.span(r, column)[1] > 1 for r in range(1, len(table.rows)) for column in range(1, len(table.rows[r]))
    )


def _html_table(table: ArticleTable) -> list[str]:
    """The table as an HTML block inside the Markdown (CommonMark keeps it as is), merged cells intact."""
    out = ["<table>"]
    if table.caption is not None:
        out.append(f"<caption>{html.escape(table.caption.text)}</caption>")
    for r, row in enumerate(table.rows):
        cells = []
        for column, cell in enumerate(row):
            rows, columns = table.span(r, column)
            if rows == 0 or columns == 0:
                continue
            tag = "th" if r == 0 else "td"
            merged = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{columns}"' if columns > 1 else "")
            cells.append(f"<{tag}{merged}>{html.escape(cell.text)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return out


def _grid(table: ArticleTable) -> list[list[str]]:
    """Rows of escaped cells with merged cells expanded: a header spanning columns repeats its label."""
    placed: dict[tuple[int, int], str] = {}
    for r, row in enumerate(table.rows):
        c = 0
        for column, cell in enumerate(row):
            rows, columns = table.span(r, column)
            if rows == 0 or columns == 0:
                continue
            while (r, c) in placed:
                c += 1
            for dr in range(rows):
                for dc in range(columns):
                    placed.setdefault((r + dr, c + dc), escape_cell(cell.text))
            c += columns
    if not placed:
        return []
    height = max(r for r, _ in placed) + 1
    width = max(c for _, c in placed) + 1
    return [[placed.get((r, c), "") for c in range(width)] for r in range(height)]


def _section(section: Section) -> list[str]:
    out = [f"## {escape_md(section.heading.text)}", ""] if section.heading.text else []
    for paragraph in section.paragraphs:
        out += [_paragraph(paragraph), ""]
    for table in section.tables:
        out += [*_table(table), ""]
    return out


def render_article_markdown(article: Article) -> str:
    """The article as Markdown."""
    out = [f"# {escape_md(article.headline.text)}", ""]
    if article.dek is not None and article.dek.text:
        out += [f"**{escape_inline(article.dek.text)}**", ""]
    if article.dateline is not None and article.dateline.text:
        out += [article.dateline.text.replace("<", "&lt;").replace(">", "&gt;"), ""]
    if article.lead:
        out += [_paragraph(article.lead), ""]
    context, sections = split_sections(article)
    for section in context:
        out += _section(section)
    if article.key_points:
        out += [f"## {KEY_POINTS_LABEL}", ""]
        out += [f"- {escape_md(line.text)}" for line in article.key_points]
        out.append("")
    for section in sections:
        out += _section(section)
    if article.fact_rows:
        out += [f"## {FACT_TABLE_LABEL}", "", f"| {FACT_TABLE_HEAD[0]} | {FACT_TABLE_HEAD[1]} |", "|---|---|"]
        out += [f"| {escape_cell(r.label.text)} | {escape_cell(r.value.text)} |" for r in article.fact_rows]
        out.append("")
    if article.faq:
        out += [f"## {FAQ_LABEL}", ""]
        for item in article.faq:
            out += [f"**{escape_md(item.question.text)}**", "", escape_md(item.answer.text), ""]
    out.append("---")
    for line in (*article.contact, *article.source):
        out += [escape_md(line.text), ""]
    return "\n".join(out).rstrip() + "\n"


class MarkdownRenderer(Renderer):
    """Renders an article as Markdown (the default)."""

    name = "md"
    extension = "md"

    def render(self, result: object) -> str:
        """Render a WriteResult's article."""
        return render_article_markdown(result.article)  # type: ignore[attr-defined]
