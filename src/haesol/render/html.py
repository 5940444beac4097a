"""One standalone HTML page (lang="ko", no external assets) with NewsArticle JSON-LD; all source text escaped."""

from __future__ import annotations

import html
import json
import logging
import re
from typing import Any

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

DATE_RE = re.compile(r"((?:19|20)\d{2})년 (\d{1,2})월 (\d{1,2})일")
NUMBER_RE = re.compile(r"[-+]?(?:[(\[]?\d[\d,.]*[)\]]?)(?:\s?(?:%p|%|[가-힣A-Za-z]{1,2}(?=[\s,)/]|$)))?")

STYLE = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #5a6270; --rule: #d9dde3; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 17px/1.75 "Pretendard", "Apple SD Gothic Neo", "Noto Sans KR", "Malgun Gothic", system-ui, sans-serif;
  word-break: keep-all; overflow-wrap: anywhere; }
main { max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.9rem; line-height: 1.35; margin: 0 0 1.2rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; }
.lead { font-size: 1.08rem; font-weight: 500; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
th, td { border: 1px solid var(--rule); padding: .45rem .6rem; text-align: left; vertical-align: top; }
th { background: #f3f5f8; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
.table-wrap { overflow-x: auto; }
td, th { overflow-wrap: normal; }
.num { white-space: nowrap; }
.dek { font-size: 1.12rem; color: var(--muted); margin: -.6rem 0 .8rem; }
.dateline { color: var(--muted); font-size: .95rem; margin: 0 0 1.4rem; }
.key-points { background: #f6f8fb; border-left: 3px solid var(--accent); padding: .6rem 1rem .6rem 2rem; }
dl.faq dt { font-weight: 700; margin-top: 1rem; }
dl.faq dd { margin: .2rem 0 0; }
footer { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .92rem; }
footer a { color: var(--accent); }
"""


def e(text: str) -> str:
    """Escape text for HTML content and attributes."""
    return html.escape(text, quote=True)


def _span(line: Line) -> str:
    if not line.text:
        return ""
    sources = " ".join(line.sources)
    return f'<span data-part="{e(line.part.value)}" data-sources="{e(sources)}">{e(line.text)}</span>'


def _paragraph(lines: tuple[Line, ...] | list[Line], css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f"<p{klass}>" + " ".join(_span(line) for line in lines) + "</p>"


def _cell_span(line: Line) -> str:
    """A table cell's text with every number kept on one line."""
    if not line.text:
        return ""
    sources = " ".join(line.sources)
    inner = _nowrap_numbers(line.text)
    return f'<span data-part="{e(line.part.value)}" data-sources="{e(sources)}">{inner}</span>'


def _nowrap_numbers(text: str) -> str:
    out, last = [], 0
    for match in NUMBER_RE.finditer(text):
        out.append(e(text[last : match.start()]))
        out.append(f'<span class="num">{e(match.group(0))}</span>')
        last = match.end()
    out.append(e(text[last:]))
    return "".join(out)


def _table(table: ArticleTable) -> str:
    if table.as_list:
        return _list_table(table)
    parts = ['<div class="table-wrap"><table>']
    if table.caption is not None:
        parts.append(f"<caption>{_span(table.caption)}</caption>")
    for index, row in enumerate(table.rows):
        cell = "th" if index == 0 else "td"
        scope = ' scope="col"' if index == 0 else ""
        cells = []
        for column, line in enumerate(row):
            rows, columns = table.span(index, column)
            if rows == 0 or columns == 0:  # covered by a merged cell
                continue
            merged = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{columns}"' if columns > 1 else "")
            cells.append(f"<{cell}{scope}{merged}>{_cell_span(line)}</{cell}>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</table></div>")
    return "".join(parts)


def _list_table(table: ArticleTable) -> str:
    """A layout table (nested or mostly empty) as a list of its non-empty cells."""
    items = "".join(f"<li>{_span(line)}</li>" for row in table.rows for line in row if line.text)
    caption = f"<p><strong>{_span(table.caption)}</strong></p>" if table.caption is not None else ""
    return f"{caption}<ul>{items}</ul>" if items else caption


def json_ld(article: Article) -> str:
    """NewsArticle JSON-LD, safe to embed in a script element."""
    attribution = article.attribution
    based_on: dict[str, Any] = {"@type": "CreativeWork", "name": attribution.title}
    if attribution.url.startswith(("http://", "https://")):
        based_on["url"] = attribution.url
    if attribution.agency:
        based_on["author"] = {"@type": "GovernmentOrganization", "name": attribution.agency}
        based_on["publisher"] = {"@type": "GovernmentOrganization", "name": attribution.agency}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline.text,
        "inLanguage": "ko",
        "isBasedOn": based_on,
        "description": " ".join(line.text for line in article.lead),
    }
    if article.date:
        data["datePublished"] = article.date.isoformat()
    if attribution.agency:  # the release's issuer: haesol does not know who publishes the article
        data["publisher"] = {"@type": "GovernmentOrganization", "name": attribution.agency}
    if attribution.kogl_type is not None:
        data["license"] = "https://www.kogl.or.kr/info/license.do"
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_article_html(article: Article, *, head_extra: str = "", header: str = "") -> str:
    """The article as a standalone HTML page.

    Args:
        article: the article.
        head_extra: trusted markup added to <head> (a site's canonical link, its stylesheet).
        header: trusted markup shown above the article (a site's navigation).
    """
    body = ["<header>", f"<h1>{_span(article.headline)}</h1>"]
    if article.dek is not None and article.dek.text:
        body.append(f'<p class="dek">{_span(article.dek)}</p>')
    if article.dateline is not None and article.dateline.text:
        body.append(_dateline(article))
    body.append("</header>")
    if article.lead:
        body.append(_paragraph(article.lead, "lead"))
    context, sections = split_sections(article)
    body.extend(_section(section) for section in context)
    if article.key_points:
        items = "".join(f"<li>{_span(line)}</li>" for line in article.key_points)
        body.append(f'<section class="key-points"><h2>{e(KEY_POINTS_LABEL)}</h2><ul>{items}</ul></section>')
    body.extend(_section(section) for section in sections)
    if article.fact_rows:
        rows = "".join(
            f'<tr><th scope="row">{_span(r.label)}</th><td>{_span(r.value)}</td></tr>' for r in article.fact_rows
        )
        head = f'<tr><th scope="col">{e(FACT_TABLE_HEAD[0])}</th><th scope="col">{e(FACT_TABLE_HEAD[1])}</th></tr>'
        body.append(f"<section><h2>{e(FACT_TABLE_LABEL)}</h2><table>{head}{rows}</table></section>")
    if article.faq:
        items = "".join(f"<dt>{_span(i.question)}</dt><dd>{_span(i.answer)}</dd>" for i in article.faq)
        body.append(f'<section><h2>{e(FAQ_LABEL)}</h2><dl class="faq">{items}</dl></section>')
    body.append(_footer(article))
    title = e(article.headline.text)
    return (
        "<!doctype html>\n"
        f'<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n"
        f'<script type="application/ld+json">{json_ld(article)}</script>\n{head_extra}'
        f"</head>\n<body>\n{header}<main>\n<article>\n" + "\n".join(body) + "\n</article>\n</main>\n</body>\n</html>\n"
    )


def _section(section: Section) -> str:
    heading = f"<h2>{_span(section.heading)}</h2>" if section.heading.text else ""
    parts = [f"<section>{heading}"]
    parts.extend(_paragraph(p) for p in section.paragraphs)
    parts.extend(_table(t) for t in section.tables)
    parts.append("</section>")
    return "".join(parts)


def _dateline(article: Article) -> str:
    """'[기관명] 2026년 1월 8일' with the date in a <time> element."""
    line = article.dateline
    assert line is not None
    text = e(line.text)
    match = DATE_RE.search(line.text)
    if match is not None:
        iso = f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"
        text = text.replace(e(match.group(0)), f'<time datetime="{iso}">{e(match.group(0))}</time>', 1)
    sources = " ".join(line.sources)
    return f'<p class="dateline" data-part="dateline" data-sources="{e(sources)}">{text}</p>'


def _footer(article: Article) -> str:
    lines = []
    for line in (*article.contact, *article.source):
        url = line.text.split(" ")[-1]
        if line.part.value == "label" and url.startswith(("http://", "https://")):
            label_text = line.text[: -len(url)].strip()
            prefix = f"{e(label_text)} " if label_text else ""
            lines.append(f'<p>{prefix}<a href="{e(url)}" rel="noopener">{e(url)}</a></p>')
        else:
            lines.append(f"<p>{_span(line)}</p>")
    return "<footer>" + "".join(lines) + "</footer>"


class HtmlRenderer(Renderer):
    """Renders an article as one standalone HTML page."""

    name = "html"
    extension = "html"

    def render(self, result: object) -> str:
        """Render a WriteResult's article."""
        return render_article_html(result.article)  # type: ignore[attr-defined]
