"""The static site's machine-readable files: an Atom feed (RFC 4287), sitemap.xml (sitemaps.org 0.9), a search index."""

from __future__ import annotations

import json
import logging
from xml.sax.saxutils import escape, quoteattr

from haesol.publish.approved import ApprovedArticle

LOGGER = logging.getLogger(__name__)

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_ENTRIES = 50
EPOCH = "1970-01-01T00:00:00Z"


def rfc3339(stamp: str) -> str:
    """A stored UTC time ('2026-11-26T03:00:00+00:00') as RFC 3339 with 'Z'; a bare date becomes midnight UTC."""
    if not stamp:
        return EPOCH
    if len(stamp) == 10:
        return f"{stamp}T00:00:00Z"
    return stamp.replace("+00:00", "Z")


def _text(line: str) -> str:
    return escape(line)


def atom_feed(items: list[ApprovedArticle], urls: dict[int, str], *, title: str, base_url: str) -> str:
    """The newest FEED_ENTRIES articles as an Atom feed; ``urls`` maps release ids to page addresses.

    Every date comes from the store (the approval time), so the same store gives the same feed.
    """
    newest = sorted(items, key=lambda i: (i.approved_at, i.release_id), reverse=True)[:FEED_ENTRIES]
    updated = rfc3339(max((i.approved_at for i in newest), default=""))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang="ko">',
        f"  <id>{escape(base_url)}</id>",
        f"  <title>{_text(title)}</title>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(base_url + "feed.xml")}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(base_url)}/>',
        "  <author><name>haesol</name></author>",
        "  <generator>haesol</generator>",
    ]
    for item in newest:
        out.extend(_entry(item, urls[item.release_id]))
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _entry(item: ApprovedArticle, url: str) -> list[str]:
    lines = [
        "  <entry>",
        f"    <id>{escape(url)}</id>",
        f"    <title>{_text(item.headline)}</title>",
        f"    <updated>{rfc3339(item.approved_at)}</updated>",
    ]
    if item.day:
        lines.append(f"    <published>{rfc3339(item.day)}</published>")
    lines.append(f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>')
    if item.source_url.startswith(("http://", "https://")):
        lines.append(f'    <link rel="via" href={quoteattr(item.source_url)}/>')
    if item.agency:
        lines.append(f"    <author><name>{_text(item.agency)}</name></author>")
        lines.append(f"    <category term={quoteattr(item.agency)}/>")
    lines.append(f"    <summary>{_text(item.lead)}</summary>")
    lines.append("  </entry>")
    return lines


def sitemap(pages: list[tuple[str, str]]) -> str:
    """sitemap.xml for (absolute address, last modification as RFC 3339 or '') pairs."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for loc, lastmod in pages:
        out.append("  <url>")
        out.append(f"    <loc>{escape(loc)}</loc>")
        if lastmod:
            out.append(f"    <lastmod>{lastmod}</lastmod>")
        out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def search_index(items: list[ApprovedArticle], paths: dict[int, str]) -> str:
    """The JSON the search box reads: per article its page, title, agency, date, lead and body text."""
    entries = []
    for item in sorted(items, key=lambda i: (i.day, i.release_id), reverse=True):
        article = item.article
        body = [section.heading.text for section in article.sections]
        body += [line.text for section in article.sections for paragraph in section.paragraphs for line in paragraph]
        body += [line.text for line in article.key_points]
        body += [f"{i.question.text} {i.answer.text}" for i in article.faq]
        entries.append(
            {
                "url": paths[item.release_id],
                "title": item.headline,
                "agency": item.agency,
                "date": item.day,
                "lead": item.lead,
                "text": " ".join(t for t in body if t),
            }
        )
    return json.dumps(entries, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
