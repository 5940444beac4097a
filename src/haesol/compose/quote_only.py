"""Quote-only articles for KOGL types 3/4 (no changes allowed): the release's sentences verbatim, credited."""

from __future__ import annotations

import datetime as dt
import logging

from haesol.compose.attribution import build_attribution, source_lines
from haesol.models import Analysis, Article, Line, Origin, PartName, Section

LOGGER = logging.getLogger(__name__)

QUOTE_HEADING = "보도자료 원문 인용"


def compose_quote_only(analysis: Analysis, article_date: dt.date) -> Article:
    """An article made only of verbatim source sentences, with attribution and no rewriting."""
    release = analysis.release
    body = [s for s in analysis.sentences if s.origin is Origin.BODY]
    lines = tuple(Line(s.text, PartName.BODY, (s.id,)) for s in body)
    attribution = build_attribution(analysis, quote_only=True)
    headline_id = ("title",) if release.title else ()
    return Article(
        headline=Line(release.title, PartName.HEADLINE, headline_id),
        lead=(),
        sections=(Section(Line(QUOTE_HEADING, PartName.LABEL), (lines,)),) if lines else (),
        key_points=(),
        fact_rows=(),
        faq=(),
        contact=(),
        source=source_lines(analysis, attribution),
        attribution=attribution,
        engine="quote-only",
        style="verbatim",
        date=article_date,
        quote_only=True,
    )
