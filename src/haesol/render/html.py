"""One standalone HTML page (lang="ko", no external assets) with NewsArticle JSON-LD; all source text escaped."""

from __future__ import annotations

import html
import json
import logging
from typing import Any

from haesol.models import Article, ArticleTable, Line
from haesol.render.renderer import FACT_TABLE_HEAD, FACT_TABLE_LABEL, FAQ_LABEL, KEY_POINTS_LABEL, Renderer

LOGGER = logging.getLogger(__name__)

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
dl.faq dt { font-weight: 700; margin-top: 1rem; }
dl.faq dd { margin: .2rem 0 0; }
footer { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .92rem; }
footer a { color: var(--accent); }
[data-sources] { border-radius: 2px; }
[data-sources]:focus, [data-sources]:hover { outline: 2px solid #b8d4f0; }
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


def _table(table: ArticleTable) -> str:
    parts = ["<table>"]
    if table.caption is not None:
        parts.append(f"<caption>{_span(table.caption)}</caption>")
    for index, row in enumerate(table.rows):
        cell = "th" if index == 0 else "td"
        scope = ' scope="col"' if index == 0 else ""
        parts.append("<tr>" + "".join(f"<{cell}{scope}>{_span(c)}</{cell}>" for c in row) + "</tr>")
    parts.append("</table>")
    return "".join(parts)


def json_ld(article: Article) -> str:
    """NewsArticle JSON-LD, safe to embed in a script element."""
    attribution = article.attribution
    based_on: dict[str, Any] = {"@type": "CreativeWork", "name": attribution.title}
    if attribution.url.startswith(("http://", "https://")):
        based_on["url"] = attribution.url
    if attribution.agency:
        based_on["author"] = {"@type": "GovernmentOrganization", "name": attribution.agency}
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
    body = [f"<h1>{_span(article.headline)}</h1>"]
    if article.lead:
        body.append(_paragraph(article.lead, "lead"))
    for section in article.sections:
        body.append(f"<section><h2>{_span(section.heading)}</h2>")
        body.extend(_paragraph(p) for p in section.paragraphs)
        body.extend(_table(t) for t in section.tables)
        body.append("</section>")
    if article.key_points:
        items = "".join(f"<li>{_span(line)}</li>" for line in article.key_points)
        body.append(f"<section><h2>{e(KEY_POINTS_LABEL)}</h2><ul>{items}</ul></section>")
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
