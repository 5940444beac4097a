"""The static site's HTML pages: index by date, agency pages, article pages (the reader HTML) and the search script."""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable

from haesol.publish.approved import ApprovedArticle
from haesol.render.html import render_article_html

LOGGER = logging.getLogger(__name__)

NO_DATE = "날짜 없음"

CSS = """:root { --ink: #1b1f24; --muted: #5a6270; --rule: #d9dde3; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.7 "Pretendard", "Apple SD Gothic Neo", "Noto Sans KR", "Malgun Gothic", system-ui, sans-serif;
  word-break: keep-all; overflow-wrap: anywhere; }
.site-header { border-bottom: 1px solid var(--rule); padding: .8rem 1.25rem; display: flex; flex-wrap: wrap;
  gap: .5rem 1.5rem; align-items: baseline; }
.site-header .site-title { font-weight: 700; font-size: 1.1rem; color: var(--ink); text-decoration: none; }
.site-header nav a { color: var(--accent); margin-right: 1rem; }
.site-main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
.site-main h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
.site-main h2 { font-size: 1.05rem; color: var(--muted); margin: 2rem 0 .4rem; border-bottom: 1px solid var(--rule); }
ul.articles { list-style: none; padding: 0; margin: 0; }
ul.articles li { padding: .7rem 0; border-bottom: 1px solid #eef0f3; }
ul.articles a { font-weight: 600; color: var(--ink); text-decoration: none; }
ul.articles a:hover { color: var(--accent); text-decoration: underline; }
.meta { color: var(--muted); font-size: .88rem; }
.lead { margin: .2rem 0 0; font-size: .95rem; }
#search { width: 100%; padding: .55rem .7rem; font-size: 1rem; border: 1px solid var(--rule); border-radius: 4px; }
#results:empty { display: none; }
"""

SEARCH_JS = """// Client-side search over search.json: every word of the query must appear (title, agency, lead or text).
(function () {
  var input = document.getElementById("search");
  var list = document.getElementById("results");
  if (!input || !list) { return; }
  var root = input.getAttribute("data-root") || "";
  var index = null;
  function load() {
    if (index) { return Promise.resolve(index); }
    return fetch(root + "search.json").then(function (r) { return r.json(); }).then(function (d) { index = d; return d; });
  }
  function show(hits) {
    list.textContent = "";
    hits.slice(0, 20).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + hit.url;
      link.textContent = hit.title;
      var meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = [hit.date, hit.agency].filter(Boolean).join(" · ");
      item.appendChild(link);
      item.appendChild(meta);
      list.appendChild(item);
    });
    if (!hits.length && input.value.trim()) {
      var none = document.createElement("li");
      none.textContent = "검색 결과가 없습니다.";
      list.appendChild(none);
    }
  }
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    if (!words.length) { show([]); return; }
    load().then(function (entries) {
      show(entries.filter(function (e) {
        var hay = (e.title + " " + e.agency + " " + e.lead + " " + e.text).toLowerCase();
        return words.every(function (w) { return hay.indexOf(w) !== -1; });
      }));
    });
  });
})();
"""


def e(text: str) -> str:
    """Escape text for HTML content and attributes."""
    return html.escape(text, quote=True)


def site_header(title: str, root: str) -> str:
    """The navigation bar on every page; ``root`` is the relative way back to the site's top ('' or '../')."""
    return (
        f'<header class="site-header"><a class="site-title" href="{root}index.html">{e(title)}</a>'
        f'<nav><a href="{root}index.html">최신순</a><a href="{root}agencies.html">기관별</a>'
        f'<a href="{root}feed.xml" type="application/atom+xml">Atom 피드</a></nav></header>\n'
    )


def _head(title: str, root: str, canonical: str, description: str = "") -> str:
    meta = f'<meta name="description" content="{e(description)}">\n' if description else ""
    return (
        f'<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{e(title)}</title>\n{meta}<link rel="canonical" href="{e(canonical)}">\n'
        f'<link rel="stylesheet" href="{root}style.css">\n'
        f'<link rel="alternate" type="application/atom+xml" title="Atom" href="{root}feed.xml">\n</head>\n'
    )


def _page(site_title: str, page_title: str, root: str, canonical: str, main: str, script: bool = False) -> str:
    tail = f'<script src="{root}search.js"></script>\n' if script else ""
    return (
        '<!doctype html>\n<html lang="ko">\n'
        + _head(page_title, root, canonical)
        + "<body>\n"
        + site_header(site_title, root)
        + f'<main class="site-main">\n{main}</main>\n{tail}</body>\n</html>\n'
    )


def _item(item: ApprovedArticle, href: str, show_agency: bool = True) -> str:
    meta = " · ".join(part for part in (item.day, item.agency if show_agency else "") if part)
    return (
        f'<li><a href="{e(href)}">{e(item.headline)}</a><div class="meta">{e(meta)}</div>'
        f'<p class="lead">{e(item.lead)}</p></li>'
    )


def by_date(items: Iterable[ApprovedArticle]) -> list[tuple[str, list[ApprovedArticle]]]:
    """Articles grouped by day, newest day first (undated last), newest release first within a day."""
    groups: dict[str, list[ApprovedArticle]] = {}
    for item in sorted(items, key=lambda i: (i.day, i.release_id), reverse=True):
        groups.setdefault(item.day or NO_DATE, []).append(item)
    return sorted(groups.items(), key=lambda g: (g[0] != NO_DATE, g[0]), reverse=True)


def index_page(title: str, base_url: str, items: list[ApprovedArticle], paths: dict[int, str]) -> str:
    """The front page: a search box, then every article by date."""
    parts = [
        f"<h1>{e(title)}</h1>\n",
        '<label for="search" class="meta">기사 검색</label>\n'
        '<input id="search" type="search" data-root="" placeholder="낱말을 입력하세요" autocomplete="off">\n'
        '<ul id="results" class="articles"></ul>\n',
    ]
    if not items:
        parts.append("<p>아직 승인된 기사가 없습니다.</p>\n")
    for day, group in by_date(items):
        parts.append(f'<h2>{e(day)}</h2>\n<ul class="articles">\n')
        parts.extend(_item(item, paths[item.release_id]) + "\n" for item in group)
        parts.append("</ul>\n")
    return _page(title, title, "", base_url, "".join(parts), script=True)


def agencies_page(title: str, base_url: str, agencies: list[tuple[str, str, int]]) -> str:
    """Every agency with its number of articles; ``agencies`` holds (name, page path, count)."""
    items = "".join(
        f'<li><a href="{e(path)}">{e(name)}</a> <span class="meta">{count}건</span></li>\n'
        for name, path, count in agencies
    )
    main = f'<h1>기관별 기사</h1>\n<ul class="articles">\n{items}</ul>\n'
    return _page(title, f"기관별 기사 — {title}", "", base_url + "agencies.html", main)


def agency_page(title: str, canonical: str, agency: str, items: list[ApprovedArticle], paths: dict[int, str]) -> str:
    """One agency's articles, newest first (the page lives one folder down)."""
    lines = "".join(
        _item(item, "../" + paths[item.release_id], show_agency=False) + "\n"
        for _, group in by_date(items)
        for item in group
    )
    main = f'<h1>{e(agency)}</h1>\n<ul class="articles">\n{lines}</ul>\n'
    return _page(title, f"{agency} — {title}", "../", canonical, main)


def article_page(title: str, canonical: str, item: ApprovedArticle) -> str:
    """An article: the reader HTML (with its NewsArticle JSON-LD and source link) inside the site's frame."""
    head = (
        f'<link rel="canonical" href="{e(canonical)}">\n<link rel="stylesheet" href="../style.css">\n'
        '<link rel="alternate" type="application/atom+xml" title="Atom" href="../feed.xml">\n'
    )
    return render_article_html(item.article, head_extra=head, header=site_header(title, "../"))
