"""정책브리핑 (korea.kr) view pages: canonical URL, head metadata, KOGL marker, attachments and body."""

from __future__ import annotations

import html
import logging
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from lxml.html import HtmlElement

from haesol.errors import NoBodyError
from haesol.models import (
    Dropped,
    PageMeta,
    RawDocument,
    RawItem,
    RawParagraph,
    RawTable,
)
from haesol.parse.html.blocks import BlockWalker, apply_line_rules
from haesol.parse.html.dom import (
    element_text,
    find_class,
    json_ld_value,
    link_href,
    meta_content,
    normalise_date,
    saved_from_url,
)
from haesol.parse.html.news import extract_news
from haesol.parse.html.rules import clean_line, is_ui_label, short

LOGGER = logging.getLogger(__name__)

SITE = "korea.kr"
KOREA_HOST = re.compile(r"(?:^|\.)korea\.kr$", re.IGNORECASE)
CANONICAL_PATHS = {
    "/briefing/pressreleaseview.do": "/briefing/pressReleaseView.do",
    "/news/pressreleaseview.do": "/briefing/pressReleaseView.do",
    "/news/policynewsview.do": "/news/policyNewsView.do",
    "/briefing/policybriefingview.do": "/briefing/policyBriefingView.do",
    "/multi/visualnewsview.do": "/multi/visualNewsView.do",
}
TRACKING_PARAMS = frozenset({"call_from", "pageindex", "pwise", "pwisesub", "srchword"})
TITLE_SUFFIX = re.compile(r"\s*(?:\||-|–|—|:)\s*(?:대한민국\s*)?정책브리핑(?:\s*\(?www\.korea\.kr\)?)?\s*$")
KOGL_SRC = re.compile(r"open_?type_?0?([0-4])(?!\d)", re.IGNORECASE)
KOGL_TEXT = re.compile(r"공공누리\s*제?\s*([0-4])\s*유형")
INFO_DATE = re.compile(r"^\d{4}\s*[.\-]\s*\d{1,2}\s*[.\-]\s*\d{1,2}\.?$")
AGENCY_LABELS = re.compile(r"\s*(?:바로가기|새\s*창\s*열림|홈페이지)\s*$")
LEAD_LINE = re.compile(r"^\s*-\s*\S.*\S\s*-\s*$")
SCRIPT_NEWS_ID = re.compile(r"newsId\s*[=:]\s*[\"']?(\d{6,12})")
DOWNLOAD_LINKS = "//a[contains(@href, 'download.do') and contains(@href, 'fileId=')]"
KOREA_LINKS = "//a[contains(@href, 'korea.kr')] | //iframe[contains(@src, 'docViewer')]"
PAGE_CHROME = (
    ("view_opt", "화면 위젯 (page widget: 본문듣기·글자크기·공유하기)"),
    ("article_footer", "공공누리·저작권 고지 (KOGL footer)"),
    ("livereContainer", "댓글 (comments)"),
)
EXTENSION_RANK = {"hwpx": 0, "pdf": 1, "hwp": 2, "docx": 3, "odt": 4}


def korea_url(candidates: list[str]) -> str:
    """The first candidate URL on a korea.kr host, or ''."""
    return next((u for u in candidates if KOREA_HOST.search(urlsplit(u).hostname or "")), "")


def page_urls(root: HtmlElement, text: str) -> list[str]:
    """Addresses a saved page states for itself: canonical link, og:url, "saved from" comment, base."""
    base = next((b.get("href", "") for b in root.iter("base")), "")
    found = [link_href(root, "canonical"), meta_content(root, "og:url"), saved_from_url(text), base]
    return [html.unescape(u.strip()) for u in found if u and u.strip()]


def is_korea_page(root: HtmlElement, urls: list[str]) -> bool:
    """True for a 정책브리핑 view page: a korea.kr address, or its .view_title/.article_head layout."""
    if korea_url(urls) or "정책브리핑" in meta_content(root, "og:site_name"):
        return True
    has_head = bool(find_class(root, "view_title")) or bool(find_class(root, "article_head"))
    if not has_head:
        return False
    if find_class(root, "view_cont"):
        return True
    evidence = root.xpath(f"{DOWNLOAD_LINKS} | {KOREA_LINKS}")
    return bool(evidence) or "정책브리핑" in (root.findtext(".//title") or "")


def normalise_korea_url(url: str) -> tuple[str, str]:
    """Canonical form of a korea.kr view URL and its newsId, tracking parameters removed.

    Press releases on any host or old path become
    ``https://www.korea.kr/briefing/pressReleaseView.do?newsId={newsId}``; other view types keep
    their own path.

    Args:
        url: an absolute or site-relative korea.kr address.

    Returns:
        (canonical URL, newsId or '').
    """
    parts = urlsplit(url if "://" in url else f"https://www.korea.kr{url if url.startswith('/') else '/' + url}")
    path = CANONICAL_PATHS.get(parts.path.lower(), parts.path or "/")
    query = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() not in TRACKING_PARAMS]
    news_id = next((v for k, v in query if k.lower() == "newsid" and v.isdigit()), "")
    if news_id:
        return f"https://www.korea.kr{path}?newsId={news_id}", news_id
    suffix = f"?{urlencode(query)}" if query else ""
    return f"https://www.korea.kr{path}{suffix}", ""


def kogl_marker(root: HtmlElement) -> tuple[int | None, str]:
    """The 공공누리 type the page footer shows, and the evidence (the marker image or the notice text).

    Returns:
        (type 0–4 or None when the page has no marker, evidence string).
    """
    footers = find_class(root, "article_footer") + find_class(root, "copyright_box")
    for scope in [*footers, root]:
        for image in scope.iter("img"):
            src, alt = image.get("src", ""), clean_line(image.get("alt", ""))
            match = KOGL_SRC.search(src) or KOGL_TEXT.search(alt)
            if match:
                return int(match.group(1)), short(f'img src="{src}" alt="{alt}"', 160)
    for scope in footers:
        match = KOGL_TEXT.search(element_text(scope))
        if match:
            return int(match.group(1)), short(f'footer text "{match.group(0)}"', 160)
    return None, ""


def attachment_names(root: HtmlElement) -> list[str]:
    """File names of the page's attachments, text formats first (HWPX > PDF > HWP > DOCX/ODT > others)."""
    names: list[str] = []
    for link in root.xpath(DOWNLOAD_LINKS):
        name = element_text(link)
        if name and "." in name and not is_ui_label(name) and name not in names:
            names.append(name)
    return sorted(names, key=lambda n: EXTENSION_RANK.get(n.rsplit(".", 1)[-1].lower(), 9))


def extract_korea(root: HtmlElement, text: str, source: str = "") -> RawDocument:
    """Read a korea.kr view page: metadata from the head and layout, body from ``.view_cont``.

    Args:
        root: the page tree.
        text: the decoded page (for the "saved from" comment).
        source: path or label used in error messages.

    Returns:
        The body items with a PageMeta (site ``korea.kr``).

    Raises:
        NoBodyError: for a list page, or when the body is only the docViewer iframe and the 전재
            notice; the detail names the attachments to use instead.
    """
    # 1. where the body is
    url, news_id = _page_address(root, text)
    region = (find_class(root, "view_cont") or find_class(root, "article_body") or [None])[0]
    if region is None and ("list.do" in url.lower() or find_class(root, "list_type")):
        raise NoBodyError("정책브리핑 목록 페이지입니다. 보도자료 보기(View) 페이지를 저장해 주세요", source=source)
    # 2. the body, with widgets, notices and bylines left out (an unknown layout goes to trafilatura)
    if region is None:
        found = _unknown_layout(root, text, source)
        items, dropped = found.items, found.dropped
    else:
        walked = BlockWalker().walk(region)
        ruled = apply_line_rules(walked.items, news=False)
        items, dropped = ruled.items, walked.dropped + ruled.dropped
    if not _has_content(items):
        raise NoBodyError(_no_body_detail(root), source=source)
    # 3. what the page says about the release
    meta = _page_meta(root, url, news_id, items)
    return RawDocument(items=items, format="html", meta=meta, dropped=dropped + _page_chrome(root))


def _unknown_layout(root: HtmlElement, text: str, source: str) -> RawDocument:
    try:
        return extract_news(root, text, source)
    except NoBodyError as exc:
        raise NoBodyError(_no_body_detail(root), source=source) from exc


def _page_chrome(root: HtmlElement) -> tuple[Dropped, ...]:
    """One record per part of the page around the body that is left out."""
    records: list[Dropped] = []
    for name, reason in PAGE_CHROME:
        for element in find_class(root, name):
            text = element_text(element)
            if text:
                records.append(Dropped(short(text), reason))
    for aside in root.iter("aside"):
        text = element_text(aside)
        if text:
            records.append(Dropped(short(text), "인기뉴스 (popular news aside)"))
    names = attachment_names(root)
    if names:
        records.append(Dropped(short("첨부파일: " + ", ".join(names), 200), "첨부파일 목록 (attachment list)"))
    return tuple(records)


def _page_address(root: HtmlElement, text: str) -> tuple[str, str]:
    urls = page_urls(root, text)
    chosen = korea_url(urls) or next((u for u in urls if u.startswith("/")), "")
    if chosen:
        url, news_id = normalise_korea_url(chosen)
    else:
        url, news_id = "", ""
    if not news_id:
        scripts = " ".join(s.text or "" for s in root.iter("script"))[:200_000]
        match = SCRIPT_NEWS_ID.search(scripts)
        news_id = match.group(1) if match else ""
        if news_id and not url:
            url = f"https://www.korea.kr/briefing/pressReleaseView.do?newsId={news_id}"
    return url, news_id


def _has_content(items: tuple[RawItem, ...]) -> bool:
    return any(isinstance(i, RawTable) or (isinstance(i, RawParagraph) and not i.is_caption) for i in items)


def _no_body_detail(root: HtmlElement) -> str:
    names = attachment_names(root)
    if names:
        return f"본문이 첨부파일에만 있습니다: {', '.join(names)} — 첨부파일을 내려받아 haesol write 하세요"
    if root.xpath("//iframe[contains(@src, 'docViewer') or @id='content_press']"):
        return "본문이 문서뷰어(docViewer)에만 있습니다 — 정책브리핑에서 첨부파일을 내려받아 haesol write 하세요"
    return "정책브리핑 페이지에서 본문을 찾지 못했습니다 (no .view_cont/.article_body text)"


def _page_meta(root: HtmlElement, url: str, news_id: str, items: tuple[RawItem, ...]) -> PageMeta:
    date, agency = info_spans(root)
    kogl_type, evidence = kogl_marker(root)
    published = meta_content(root, "article:published_time") or json_ld_value(root, "datePublished")
    return PageMeta(
        title=view_title(root),
        subtitle=_subtitle(root, items),
        agency=agency,
        published=published or normalise_date(date),
        url=url,
        news_id=news_id,
        kogl_type=kogl_type,
        kogl_evidence=evidence,
        site=SITE,
    )


def view_title(root: HtmlElement) -> str:
    """The release title of a korea.kr view page (.view_title/.article_head h1, else og:title, else <title>)."""
    for holder in (*find_class(root, "view_title"), *find_class(root, "article_head")):
        heading = holder.find(".//h1")
        if heading is not None and element_text(heading):
            return element_text(heading)
    og_title = meta_content(root, "og:title")
    if og_title:
        return TITLE_SUFFIX.sub("", clean_line(html.unescape(html.unescape(og_title))))
    return TITLE_SUFFIX.sub("", clean_line(root.findtext(".//title") or ""))


def _subtitle(root: HtmlElement, items: tuple[RawItem, ...]) -> str:
    for head in find_class(root, "article_head"):
        heading = head.find(".//h2")
        if heading is not None and element_text(heading):
            return element_text(heading)
    leads: list[str] = []
    for item in items:
        if not isinstance(item, RawParagraph) or not LEAD_LINE.match(item.text):
            break
        leads.append(item.text.strip())
    return "\n".join(leads)


def info_spans(root: HtmlElement) -> tuple[str, str]:
    """The date and agency spans of a korea.kr view page's .info line."""
    heads = find_class(root, "article_head") or [root]
    infos = [info for head in heads for info in find_class(head, "info")] or find_class(root, "info")
    date = agency = ""
    for info in infos[:1]:
        for span in (child for child in info if child.tag == "span"):
            value = AGENCY_LABELS.sub("", element_text(span))
            if INFO_DATE.match(value) and not date:
                date = value
            elif value and not agency:
                agency = value
    return date, agency
