"""A WordPress post from an approved article: clean HTML (headings, paragraphs, tables, FAQ), excerpt, source block."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass

from haesol.models import Article, ArticleTable, Line, PartName
from haesol.publish.approved import ApprovedArticle, digest
from haesol.render.renderer import FACT_TABLE_HEAD, FACT_TABLE_LABEL, FAQ_LABEL, KEY_POINTS_LABEL

LOGGER = logging.getLogger(__name__)

SOURCE_CLASS = "haesol-source"
MAX_EXCERPT_CHARS = 300


@dataclass(frozen=True, slots=True)
class PostContent:
    """What a post carries: title, body and excerpt (all HTML, text escaped), slug, category (the agency) and tags."""

    title: str
    html: str
    excerpt: str
    slug: str
    category: str
    tags: tuple[str, ...]

    @property
    def digest(self) -> str:
        """A hash of everything sent, to tell a changed article from an unchanged one."""
        return digest(self.title, self.html, self.excerpt, self.slug, self.category, *self.tags)


def e(text: str) -> str:
    """Escape text for HTML content and attributes."""
    return html.escape(text, quote=True)


def _cells(table: ArticleTable, index: int, tag: str) -> str:
    """A row's cells with merged cells kept (rowspan/colspan)."""
    out = []
    for column, cell in enumerate(table.rows[index]):
        rows, columns = table.span(index, column)
        merged = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{columns}"' if columns > 1 else "")
        scope = ' scope="col"' if tag == "th" else ""
        out.append(f"<{tag}{scope}{merged}>{e(cell.text)}</{tag}>")
    return "".join(out)


def _table(table: ArticleTable) -> str:
    if table.as_list:  # a layout table of the release: its cells as a list
        items = "".join(f"<li>{e(cell.text)}</li>" for row in table.rows for cell in row if cell.text)
        return f"<ul>{items}</ul>" if items else ""
    parts = ['<figure class="wp-block-table"><table>']
    if table.rows:
        parts.append(f"<thead><tr>{_cells(table, 0, 'th')}</tr></thead>")
        body = "".join(f"<tr>{_cells(table, index, 'td')}</tr>" for index in range(1, len(table.rows)))
        parts.append(f"<tbody>{body}</tbody>")
    parts.append("</table>")
    if table.caption is not None and table.caption.text:
        parts.append(f"<figcaption>{e(table.caption.text)}</figcaption>")
    parts.append("</figure>")
    return "".join(parts)


def _paragraph(lines: tuple[Line, ...]) -> str:
    text = " ".join(line.text for line in lines if line.text)
    return f"<p>{e(text)}</p>" if text else ""


def source_block(article: Article) -> str:
    """The contact lines, the source link and the KOGL attribution, as the last block of the post."""
    out = []
    for line in (*article.contact, *article.source):
        if not line.text:
            continue
        url = line.text.split(" ")[-1]
        if line.part is PartName.LABEL and url.startswith(("http://", "https://")):
            label = line.text[: -len(url)].strip()
            prefix = f"{e(label)} " if label else ""
            out.append(f'<p>{prefix}<a href="{e(url)}" rel="noopener">{e(url)}</a></p>')
        else:
            out.append(f"<p>{e(line.text)}</p>")
    return f'<div class="{SOURCE_CLASS}">' + "".join(out) + "</div>"


def post_html(article: Article) -> str:
    """The article body for a post (the headline is the post's title, photos are never included)."""
    body = []
    if article.lead:
        body.append(_paragraph(article.lead))
    for section in article.sections:
        if section.heading.text:  # a section without a heading runs on from the one before
            body.append(f"<h2>{e(section.heading.text)}</h2>")
        body.extend(_paragraph(p) for p in section.paragraphs)
        body.extend(_table(t) for t in section.tables)
    if article.key_points:
        items = "".join(f"<li>{e(line.text)}</li>" for line in article.key_points)
        body.append(f"<h2>{e(KEY_POINTS_LABEL)}</h2><ul>{items}</ul>")
    if article.fact_rows:
        head = f'<thead><tr><th scope="col">{e(FACT_TABLE_HEAD[0])}</th><th scope="col">{e(FACT_TABLE_HEAD[1])}</th></tr></thead>'
        rows = "".join(
            f'<tr><th scope="row">{e(r.label.text)}</th><td>{e(r.value.text)}</td></tr>' for r in article.fact_rows
        )
        body.append(
            f'<h2>{e(FACT_TABLE_LABEL)}</h2><figure class="wp-block-table"><table>{head}<tbody>{rows}</tbody></table></figure>'
        )
    if article.faq:
        body.append(f"<h2>{e(FAQ_LABEL)}</h2>")
        body.extend(f"<h3>{e(i.question.text)}</h3><p>{e(i.answer.text)}</p>" for i in article.faq)
    body.append(source_block(article))
    return "\n".join(part for part in body if part) + "\n"


def excerpt(article: Article) -> str:
    """The lead as plain text, cut at a sentence (or word) boundary near MAX_EXCERPT_CHARS."""
    text = ""
    for line in article.lead:
        candidate = f"{text} {line.text}".strip()
        if text and len(candidate) > MAX_EXCERPT_CHARS:
            break
        text = candidate
    if len(text) > MAX_EXCERPT_CHARS:
        text = text[:MAX_EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"
    return text


def post_slug(news_id: str) -> str:
    """The post's address name: fixed per release, so that a lost answer never makes a second post."""
    safe = "".join(ch for ch in news_id if ch.isascii() and (ch.isalnum() or ch == "-")).lower()
    return f"haesol-{safe or 'release'}"


def post_content(item: ApprovedArticle, tags: tuple[str, ...] = ()) -> PostContent:
    """The post for an approved article."""
    return PostContent(
        title=e(item.headline),
        html=post_html(item.article),
        excerpt=e(excerpt(item.article)),
        slug=post_slug(item.news_id),
        category=item.agency.strip(),
        tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
    )
