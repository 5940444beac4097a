"""정책브리핑 pages: list-page URLs and parsing (selectolax), view-page metadata and attachments (lxml)."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from lxml.html import HtmlElement
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from haesol.errors import LayoutChangedError, NoBodyError, ParseError
from haesol.jobs.listing import (
    AgencyCode,
    AttachmentLink,
    ListEntry,
    ListPage,
    ViewPage,
)
from haesol.parse.html.decode import decode_html
from haesol.parse.html.dom import element_text, load_tree, meta_content
from haesol.parse.html.korea import (
    DOWNLOAD_LINKS,
    info_spans,
    kogl_marker,
    normalise_korea_url,
    view_title,
)
from haesol.parse.html.rules import clean_line, is_ui_label

LOGGER = logging.getLogger(__name__)

LIST_PATH = "/briefing/pressReleaseList.do"
VIEW_PATH = "/briefing/pressReleaseView.do"
REP_CODE_TYPE = "정부부처"
NEWS_ID_RE = re.compile(r"newsId=(\d{6,12})")
ONCLICK_ID_RE = re.compile(r"(?<!\d)(\d{9})(?!\d)")  # e.g. onclick="fn_view('156734567')"
PAGE_LINK_RE = re.compile(r"pageLink\(\s*'?(\d+)'?\s*\)|pageIndex=(\d+)")
REP_CODE_RE = re.compile(r"^[A-Z]\d{5}$")
DATE_RE = re.compile(r"(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})")
LIST_ROW_SELECTOR = "div.list_type ul li"
LIST_LINK_SELECTOR = 'a[href*="newsId="]'
VIEW_TITLE_SELECTOR = ".view_title h1, .article_head h1"
VIEW_TITLE_XPATH = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' view_title ') "
    "or contains(concat(' ', normalize-space(@class), ' '), ' article_head ')]//h1"
)
AGENCY_SUFFIX = re.compile(r"\s*(?:바로가기|새\s*창\s*열림|홈페이지)\s*$")


def list_url(
    portal: str,
    page: int,
    *,
    rep_code: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    keyword: str = "",
) -> str:
    """The address of one list page, with the agency and date filters the portal accepts.

    Args:
        portal: the portal's base address (``https://www.korea.kr`` or a mirror).
        page: the 1-based page number.
        rep_code: an agency code such as ``A00006``.
        since: first date (``startDate``).
        until: last date (``endDate``).
        keyword: a search word (``srchWord``; the portal's support for it is unconfirmed).

    Returns:
        An absolute URL.
    """
    params: list[tuple[str, str]] = [("pageIndex", str(page))]
    if rep_code:
        params += [("repCodeType", REP_CODE_TYPE), ("repCode", rep_code)]
    if since:
        params.append(("startDate", since.isoformat()))
    if until:
        params.append(("endDate", until.isoformat()))
    if keyword:
        params.append(("srchWord", keyword))
    return f"{portal.rstrip('/')}{LIST_PATH}?{urlencode(params)}"


def view_url(portal: str, news_id: str) -> str:
    """The view-page address of ``news_id`` on ``portal``."""
    return f"{portal.rstrip('/')}{VIEW_PATH}?newsId={news_id}"


def parse_list_page(data: bytes, page_url: str) -> ListPage:
    """Read a pressReleaseList.do page: ``div.list_type ul li`` rows, the pager and the agency filter.

    Args:
        data: the page bytes.
        page_url: the page's address (links are resolved against it).

    Returns:
        The entries in page order (newest first on the portal), page numbers and agency codes.

    Raises:
        DecodeError: when the bytes decode in no known charset.
        ParseError: when the page has neither a list nor a pager (not a list page).
    """
    tree = HTMLParser(decode_html(data, page_url))
    rows = tree.css(LIST_ROW_SELECTOR) or tree.css("div.list_type li")
    entries = [e for e in (_list_entry(row, page_url) for row in rows) if e is not None]
    pages = tuple(sorted({int(n) for n in _page_numbers(tree)}))
    agencies = tuple(_agencies(tree))
    if not entries and not tree.css_first("div.list_type") and not pages:
        raise ParseError(
            "html",
            "보도자료 목록 구조(div.list_type)를 찾을 수 없습니다 (no press-release list on the page)",
            source=page_url,
        )
    if not entries and (rows or pages):  # rows or a pager, but no release link: the markup changed
        raise LayoutChangedError(page_url, LIST_LINK_SELECTOR if rows else LIST_ROW_SELECTOR)
    unique = {e.news_id: e for e in reversed(entries)}
    return ListPage(tuple(e for e in entries if unique.get(e.news_id) is e), pages, agencies)


def _list_entry(row: Node, page_url: str) -> ListEntry | None:
    link = row.css_first(LIST_LINK_SELECTOR) or row.css_first("a[onclick]")
    href = (link.attributes.get("href") or "") if link is not None else ""
    onclick = (link.attributes.get("onclick") or "") if link is not None else ""
    match = NEWS_ID_RE.search(href) or ONCLICK_ID_RE.search(onclick)
    if link is None or not match:
        return None
    if not NEWS_ID_RE.search(href):
        href = f"{VIEW_PATH}?newsId={match.group(1)}"
    title = _node_text(link.css_first("span.text strong") or link.css_first("strong") or link)
    sources = [_node_text(span) for span in link.css("span.source span")] or [
        _node_text(s) for s in row.css("span.source span")
    ]
    date = _date(sources[0]) if sources else None
    agency = AGENCY_SUFFIX.sub("", sources[1]) if len(sources) > 1 else ""
    lead_node = link.css_first("span.lead")
    return ListEntry(
        news_id=match.group(1),
        title=title,
        url=urljoin(page_url, html.unescape(href)),
        date=date,
        agency=agency,
        lead=_node_text(lead_node) if lead_node is not None else "",
    )


def _page_numbers(tree: HTMLParser) -> list[str]:
    found: list[str] = []
    for anchor in tree.css("div.paging a"):
        target = f"{anchor.attributes.get('onclick') or ''} {anchor.attributes.get('href') or ''}"
        for match in PAGE_LINK_RE.finditer(target):
            found.append(match.group(1) or match.group(2))
    return found


def _agencies(tree: HTMLParser) -> list[AgencyCode]:
    labels = {(label.attributes.get("for") or ""): _node_text(label) for label in tree.css("label[for]")}
    out: list[AgencyCode] = []
    for box in tree.css("input[name=chkRepCode]"):
        code = (box.attributes.get("value") or "").strip()
        name = labels.get(box.attributes.get("id") or "", "")
        if code and name:
            out.append(AgencyCode(code, name))
    return out


def _node_text(node: Node | None) -> str:
    return clean_line(node.text(separator=" ")) if node is not None else ""


def _date(text: str) -> dt.date | None:
    match = DATE_RE.search(text)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def resolve_agency(name: str, agencies: tuple[AgencyCode, ...]) -> str:
    """The repCode for an agency name (or a code given as is), '' when the list page does not offer it."""
    if REP_CODE_RE.match(name):
        return name
    wanted = name.replace(" ", "")
    for agency in agencies:
        if agency.name.replace(" ", "") == wanted:
            return agency.code
    return ""


def parse_view_page(data: bytes, fetched_url: str) -> ViewPage:
    """Read a pressReleaseView.do page: title, agency, date, KOGL mark and attachment links.

    Args:
        data: the page bytes.
        fetched_url: where the page was fetched (attachment links are resolved against it).

    Returns:
        The page's metadata; the canonical URL is the korea.kr address of its newsId.

    Raises:
        DecodeError: when the bytes decode in no known charset.
        ParseError: when the page has no markup at all.
    """
    text = decode_html(data, fetched_url)
    try:
        root = load_tree(text, fetched_url)
    except NoBodyError as exc:
        raise ParseError("html", "빈 페이지입니다 (empty page)", source=fetched_url) from exc
    if not root.xpath(VIEW_TITLE_XPATH):
        raise LayoutChangedError(fetched_url, VIEW_TITLE_SELECTOR)
    url, news_id = normalise_korea_url(urlsplit(fetched_url)._replace(scheme="", netloc="").geturl())
    date_text, agency = info_spans(root)
    kogl_type, evidence = kogl_marker(root)
    return ViewPage(
        news_id=news_id,
        url=url if news_id else "",
        fetched_url=fetched_url,
        title=view_title(root),
        agency=agency,
        date=_date(date_text) or _date(meta_content(root, "article:published_time")),
        published=meta_content(root, "article:published_time"),
        kogl_type=kogl_type,
        kogl_evidence=evidence,
        attachments=tuple(_attachments(root, fetched_url)),
    )


def _attachments(root: HtmlElement, base: str) -> list[AttachmentLink]:
    links: dict[str, AttachmentLink] = {}
    for anchor in root.xpath(DOWNLOAD_LINKS):
        name = element_text(anchor)
        href = urljoin(base, anchor.get("href", ""))
        file_id = dict(parse_qsl(urlsplit(href).query)).get("fileId", href)
        if not name or "." not in name or is_ui_label(name):
            continue
        links.setdefault(file_id, AttachmentLink(name, href, file_id))
    return sorted(links.values(), key=lambda link: link.rank)
