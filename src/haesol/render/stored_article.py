"""Read an article JSON document (render/json.py) back into an Article, and lay editors' sentence changes over it."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from haesol.errors import InputError
from haesol.models import Article, ArticleTable, Attribution, FactRow, FaqItem, GenerationStats, Line, PartName, Section
from haesol.render.renderer import reading_order

LOGGER = logging.getLogger(__name__)


def _line(data: dict[str, Any]) -> Line:
    return Line(str(data.get("text", "")), PartName(data.get("part", "body")), tuple(data.get("sources", ())))


def _table(data: dict[str, Any]) -> ArticleTable:
    caption = _line(data["caption"]) if data.get("caption") else None
    rows = tuple(tuple(_line(cell) for cell in row) for row in data.get("rows", ()))
    spans = tuple(tuple((int(span[0]), int(span[1])) for span in row) for row in data.get("spans", ()))
    return ArticleTable(caption, rows, spans, bool(data.get("as_list", False)))


def _section(data: dict[str, Any]) -> Section:
    paragraphs = tuple(tuple(_line(line) for line in paragraph) for paragraph in data.get("paragraphs", ()))
    return Section(_line(data["heading"]), paragraphs, tuple(_table(t) for t in data.get("tables", ())))


def _generation(data: dict[str, Any] | None) -> GenerationStats | None:
    if not data:
        return None
    return GenerationStats(
        data.get("accepted", 0), data.get("regenerated", 0), data.get("replaced", 0), tuple(data.get("notes", ()))
    )


def article_from_document(document: dict[str, Any]) -> Article:
    """The Article a JSON document (render/json.py) was made from.

    Raises:
        InputError: when the document is not an article document.
    """
    try:
        source = document["source"]
        verification = document.get("verification") or {}
        return Article(
            headline=_line(document["headline"]),
            lead=tuple(_line(line) for line in document["lead"]),
            sections=tuple(_section(section) for section in document["sections"]),
            key_points=tuple(_line(line) for line in document["key_points"]),
            fact_rows=tuple(FactRow(_line(r["label"]), _line(r["value"])) for r in document["fact_table"]),
            faq=tuple(FaqItem(_line(i["question"]), _line(i["answer"])) for i in document["faq"]),
            contact=tuple(_line(line) for line in document["contact"]),
            source=tuple(_line(line) for line in source["lines"]),
            attribution=Attribution(
                source.get("agency") or "",
                source.get("title") or "",
                source.get("date") or "",
                source.get("url") or "",
                source.get("notice") or "",
                source.get("kogl_type"),
            ),
            engine=document["generator"]["engine"],
            style=document["generator"]["style"],
            date=dt.date.fromisoformat(document["date"]) if document.get("date") else None,
            generation=_generation(verification.get("generation")),
            dek=_line(document["dek"]) if document.get("dek") else None,
            dateline=_line(document["dateline"]) if document.get("dateline") else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"저장된 기사를 읽을 수 없습니다 (not an article document: {exc})") from exc


def map_lines(article: Article, change: Callable[[Line], Line]) -> Article:
    """The article with ``change`` applied to every one of its lines (structure kept)."""

    def lines(items: tuple[Line, ...]) -> tuple[Line, ...]:
        return tuple(change(line) for line in items)

    def table(t: ArticleTable) -> ArticleTable:
        return replace(
            t, caption=change(t.caption) if t.caption is not None else None, rows=tuple(lines(row) for row in t.rows)
        )

    return replace(
        article,
        headline=change(article.headline),
        lead=lines(article.lead),
        sections=tuple(
            Section(change(s.heading), tuple(lines(p) for p in s.paragraphs), tuple(table(t) for t in s.tables))
            for s in article.sections
        ),
        key_points=lines(article.key_points),
        fact_rows=tuple(FactRow(change(r.label), change(r.value)) for r in article.fact_rows),
        faq=tuple(FaqItem(change(i.question), change(i.answer)) for i in article.faq),
        contact=lines(article.contact),
        source=lines(article.source),
        dek=change(article.dek) if article.dek is not None else None,
        dateline=article.dateline,
    )


def positions(article: Article) -> dict[int, int]:
    """Position in the flat sentence list (render/renderer.py reading order) of each of the article's own lines, by id()."""
    return {id(line): index for index, line in enumerate(reading_order(article))}


def apply_edits(article: Article, changes: dict[int, tuple[str, tuple[str, ...]]]) -> Article:
    """The article with the sentences at the given positions replaced by (text, sources).

    Args:
        article: the article as drafted.
        changes: new text and sources by position in the flat sentence list.
    """
    if not changes:
        return article
    where = positions(article)

    def change(line: Line) -> Line:
        edit = changes.get(where.get(id(line), -1))
        return line if edit is None else Line(edit[0], line.part, edit[1] or line.sources)

    return map_lines(article, change)
