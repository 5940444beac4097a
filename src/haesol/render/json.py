"""JSON output: the article's parts and a flat ``sentences`` list with the exact source text of every citation."""

from __future__ import annotations

import json
import logging
from typing import Any

from haesol import __version__
from haesol.models import Article, ArticleTable, Line, Release
from haesol.render.renderer import Renderer, flat_sentences

LOGGER = logging.getLogger(__name__)

SCHEMA_ID = "https://github.com/haesol-project/haesol/schemas/article.schema.json"
FORMAT_VERSION = "1.0"


def _line(line: Line) -> dict[str, Any]:
    return {"text": line.text, "part": line.part.value, "sources": list(line.sources)}


def _table(table: ArticleTable) -> dict[str, Any]:
    return {
        "caption": _line(table.caption) if table.caption is not None else None,
        "rows": [[_line(cell) for cell in row] for row in table.rows],
        "spans": [[list(span) for span in row] for row in table.spans],
        "as_list": table.as_list,
    }


def _generation(article: Article) -> dict[str, Any] | None:
    stats = article.generation
    if stats is None:
        return None
    return {
        "accepted": stats.accepted,
        "regenerated": stats.regenerated,
        "replaced": stats.replaced,
        "notes": list(stats.notes),
    }


def _release(release: Release) -> dict[str, Any]:
    return {
        "title": release.title,
        "subtitles": list(release.subtitles),
        "doc_type": release.doc_type,
        "agency": release.agency,
        "date": release.date.isoformat() if release.date else None,
        "timing": release.timing.raw or None,
        "embargo_until": release.timing.embargo_until.isoformat() if release.timing.embargo_until else None,
        "format": release.source.format,
        "url": release.source.url or None,
        "news_id": release.source.news_id or None,
        "sha256": release.source.sha256,
        "kogl_type": release.license.kogl_type,
        "dropped": [{"text": d.text, "reason": d.reason} for d in release.dropped],
    }


def article_document(result: Any) -> dict[str, Any]:
    """The JSON document for a WriteResult (see schemas/article.schema.json)."""
    article: Article = result.article
    attribution = article.attribution
    return {
        "$schema": SCHEMA_ID,
        "format_version": FORMAT_VERSION,
        "generator": {"name": "haesol", "version": __version__, "engine": article.engine, "style": article.style},
        "date": article.date.isoformat() if article.date else None,
        "headline": _line(article.headline),
        "dek": _line(article.dek) if article.dek is not None else None,
        "dateline": _line(article.dateline) if article.dateline is not None else None,
        "lead": [_line(line) for line in article.lead],
        "sections": [
            {
                "heading": _line(s.heading),
                "paragraphs": [[_line(line) for line in p] for p in s.paragraphs],
                "tables": [_table(t) for t in s.tables],
            }
            for s in article.sections
        ],
        "key_points": [_line(line) for line in article.key_points],
        "fact_table": [{"label": _line(r.label), "value": _line(r.value)} for r in article.fact_rows],
        "faq": [{"question": _line(i.question), "answer": _line(i.answer)} for i in article.faq],
        "contact": [_line(line) for line in article.contact],
        "source": {
            "agency": attribution.agency,
            "title": attribution.title,
            "date": attribution.date_text or None,
            "url": attribution.url or None,
            "kogl_type": attribution.kogl_type,
            "notice": attribution.notice,
            "lines": [_line(line) for line in article.source],
        },
        "sentences": [
            {"text": s.text, "part": s.part, "sources": [{"id": r.id, "text": r.text} for r in s.sources]}
            for s in flat_sentences(article, result.analysis)
        ],
        "verification": {
            "generation": _generation(article),
            "checked": len(result.report.checks),
            "rejected": [
                {
                    "text": c.text,
                    "part": c.part,
                    "verdict": c.verdict.value,
                    "problems": [p.message for p in c.problems],
                }
                for c in result.report.rejected
            ],
        },
        "warnings": list(result.warnings),
        "release": _release(result.analysis.release),
    }


class JsonRenderer(Renderer):
    """Renders the article as JSON."""

    name = "json"
    extension = "json"

    def render(self, result: object) -> str:
        """Render a WriteResult as a JSON document."""
        return json.dumps(article_document(result), ensure_ascii=False, indent=2) + "\n"
