"""News-article pages: trafilatura finds the story, Korean rules clean it, captions come from the DOM."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree
from lxml.html import HtmlElement

from haesol.errors import NoBodyError, ParseError
from haesol.models import (
    Dropped,
    PageMeta,
    RawDocument,
    RawItem,
    RawParagraph,
    RawTable,
    Table,
    TableCell,
)
from haesol.parse.html.blocks import apply_line_rules, table_from_element
from haesol.parse.html.captions import (
    DomCaption,
    find_dom_captions,
    image_alt_texts,
    in_chrome,
    is_photo_box,
)
from haesol.parse.html.dom import (
    TextIndex,
    common_ancestor,
    element_text,
    iter_events,
    json_ld_value,
    link_href,
    meta_content,
    normalise_date,
    saved_from_url,
    tag_of,
)
from haesol.parse.html.rules import CHROME_SUBSTRINGS, clean_line, single_spaced, squash

LOGGER = logging.getLogger(__name__)

# Extraction cascade: precise first, then trafilatura's balanced mode when precision finds nothing.
PRECISION_CASCADE = (True, False)
MIN_STORY_CHARS = 80
MIN_PARAGRAPH_CHARS = 30
MIN_CAPTION_PIECE = 8
TABLE_MATCH_RATIO = 0.6
DATE_KEYS = (
    "article:published_time",
    "og:regDate",
    "pubdate",
    "publishdate",
    "article:published",
    "datePublished",
    "date",
    "dc.date",
    "DC.date.issued",
)
SUBTITLE_TAGS = frozenset({"h2", "h3", "h4", "p", "div", "strong"})
SUBTITLE_CLASS = re.compile(r"sub[_-]?(?:title|heading|head|tit)|subheading", re.IGNORECASE)
TITLE_SEPARATORS = (" | ", " :: ", " - ", " – ", " — ", " ｜ ")
STORY_BLOCKS = frozenset({"p", "list", "table", "quote", "head", "code", "div"})
PRUNE_XPATH = "//*[not(self::html or self::body or self::main or self::article)][{}]".format(
    " or ".join(f"contains(@{attr},'{s}')" for s in CHROME_SUBSTRINGS for attr in ("class", "id"))
)


@dataclass(frozen=True, slots=True)
class _Placed:
    offset: int
    order: int
    item: RawItem


def extract_news(root: HtmlElement, text: str, source: str = "") -> RawDocument:
    """Read a news-article page into story paragraphs, tables and captions (``is_caption=True``).

    Args:
        root: the page tree.
        text: the decoded page, handed to trafilatura as is.
        source: path or label used in error messages.

    Returns:
        The items in reading order with a PageMeta (title, site, published, url).

    Raises:
        NoBodyError: for a page without an article (login, index or empty page).
        ParseError: when trafilatura fails on the page.
    """
    # 1. the story according to trafilatura, tables taken from the DOM so spans survive
    body = run_trafilatura(text, source)
    story = _story_items(body, root) if body is not None else []
    # 2. captions found in the DOM are lifted out of the story text
    meta = _news_meta(root, text)
    captions = find_dom_captions(root, meta.title)
    separated, claimed = _separate_captions(story, captions, image_alt_texts(root, meta.title))
    # 3. Korean rules: bylines, copyright, related lists, caption lines
    ruled = apply_line_rules(tuple(separated), news=True)
    # 4. reading order, with the article's own unclaimed captions put back where they sit
    index = TextIndex(root.find("body") if root.find("body") is not None else root)
    items = _in_reading_order(ruled.items, captions, claimed, index, _headline(root, meta.title))
    _require_story(items, root, source)
    outside = len(index.text) - sum(len(squash(i.text)) for i in items if isinstance(i, RawParagraph))
    dropped = ruled.dropped + (Dropped(f"약 {max(outside, 0):,}자", "본문 밖 텍스트 (menus, sidebars, widgets)"),)
    return RawDocument(items=tuple(items), format="html", meta=meta, dropped=dropped)


def run_trafilatura(text: str, source: str = "") -> etree._Element | None:
    """Trafilatura's main-text tree for the page (tables kept, comments and images left out), or None.

    Raises:
        ParseError: when trafilatura raises instead of returning a result.
    """
    import trafilatura

    for precise in PRECISION_CASCADE:
        try:
            document = trafilatura.bare_extraction(
                text,
                include_tables=True,
                include_comments=False,
                include_images=False,
                include_links=False,
                include_formatting=False,
                with_metadata=False,
                deduplicate=False,
                prune_xpath=PRUNE_XPATH,
                favor_precision=precise,
            )
        except Exception as exc:  # any failure inside the library (incl. RecursionError) is a parse error
            raise ParseError("html", f"본문 추출 실패 (trafilatura: {type(exc).__name__})", source=source) from exc
        body: etree._Element | None = getattr(document, "body", None)
        if body is not None and len(body):
            return body
    return None


# ---------------------------------------------------------------------------
# story items
# ---------------------------------------------------------------------------


def _story_items(body: etree._Element, root: HtmlElement) -> list[RawItem]:
    dom_tables = [(squash(element_text(t)), t) for t in root.iter("table")]
    items: list[RawItem] = []
    for element in body:
        items.extend(_block_items(element, dom_tables, level=0))
    return items


def _block_items(element: etree._Element, dom_tables: list[tuple[str, HtmlElement]], level: int) -> list[RawItem]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "table":
        table = _table_item(element, dom_tables)
        return [table] if table is not None else []
    if tag == "list":
        return _list_items(element, dom_tables, level + 1)
    if any(isinstance(c.tag, str) and c.tag in STORY_BLOCKS for c in element):
        items: list[RawItem] = [RawParagraph(t) for t in _lines_of_text(element.text)]
        for child in element:
            items.extend(_block_items(child, dom_tables, level))
            items.extend(RawParagraph(t) for t in _lines_of_text(child.tail))
        return items
    return [RawParagraph(line, is_heading=tag == "head") for line in _lines(element)]


def _list_items(element: etree._Element, dom_tables: list[tuple[str, HtmlElement]], level: int) -> list[RawItem]:
    ordered = (element.get("rend") or "").lower() == "ol"
    items: list[RawItem] = []
    for number, entry in enumerate((c for c in element if c.tag == "item"), start=1):
        marker = f"{number}." if ordered else "•"
        for position, item in enumerate(_block_items(entry, dom_tables, level)):
            if position == 0 and isinstance(item, RawParagraph) and not item.marker:
                item = replace(item, marker=marker, level=level)
            items.append(item)
    return items


def _lines(element: etree._Element) -> list[str]:
    parts: list[str] = []
    for event, node in iter_events(element, lambda _: True):
        if event == "start":
            parts.append("\n" if node.tag == "lb" else node.text or "")
        elif node is not element:
            parts.append(node.tail or "")
    return _lines_of_text("".join(parts))


def _lines_of_text(text: str | None) -> list[str]:
    return [line for line in (clean_line(part) for part in (text or "").split("\n")) if line]


def _table_item(element: etree._Element, dom_tables: list[tuple[str, HtmlElement]]) -> RawItem | None:
    key = squash("".join(str(t) for t in element.itertext()))
    if not key:
        return None
    matches = [
        (len(sig), dom)
        for sig, dom in dom_tables
        if sig == key or (key in sig and len(key) >= TABLE_MATCH_RATIO * len(sig))
    ]
    if matches:
        dom = min(matches, key=lambda m: m[0])[1]
        if is_photo_box(dom):
            return RawParagraph(element_text(dom), is_caption=True)
        table = table_from_element(dom)
        if table is not None:
            return RawTable(table)
    rows = tuple(
        tuple(TableCell("\n".join(_lines(cell))) for cell in row if cell.tag == "cell")
        for row in element
        if row.tag == "row"
    )
    return RawTable(Table(rows=tuple(r for r in rows if r)))


# ---------------------------------------------------------------------------
# captions
# ---------------------------------------------------------------------------


def _separate_captions(
    story: list[RawItem], captions: list[DomCaption], alts: list[str]
) -> tuple[list[RawItem], set[int]]:
    keys = [(squash(c.text), c) for c in captions]
    alt_keys = [squash(a) for a in alts]
    out: list[RawItem] = []
    claimed: set[int] = set()
    for item in story:
        if isinstance(item, RawTable) or item.is_caption:
            out.append(item)
            continue
        key = squash(item.text)
        whole = next((c for k, c in keys if key in k and len(key) >= min(MIN_CAPTION_PIECE, len(k))), None)
        if whole is not None:
            _claim(whole, out, claimed)
        elif any(key == a or (len(key) >= MIN_CAPTION_PIECE and key in a) for a in alt_keys):
            out.append(replace(item, is_caption=True, is_heading=False))
        else:
            out.extend(_cut_captions(item, keys, claimed))
    return out, claimed


def _cut_captions(item: RawParagraph, keys: list[tuple[str, DomCaption]], claimed: set[int]) -> list[RawItem]:
    text = item.text
    lifted: list[RawItem] = []
    for key, caption in keys:
        if len(key) >= MIN_CAPTION_PIECE and key in squash(text):
            pattern = r"\s*".join(re.escape(ch) for ch in key)
            text = single_spaced(re.sub(pattern, " ", text, count=1))
            _claim(caption, lifted, claimed)
    rest = [replace(item, text=text)] if squash(text) else []
    return rest + lifted


def _claim(caption: DomCaption, out: list[RawItem], claimed: set[int]) -> None:
    if id(caption) not in claimed:
        claimed.add(id(caption))
        out.append(RawParagraph(caption.text, is_caption=True))


def _in_reading_order(
    items: tuple[RawItem, ...],
    captions: list[DomCaption],
    claimed: set[int],
    index: TextIndex,
    headline: HtmlElement | None,
) -> list[RawItem]:
    placed: list[_Placed] = []
    cursor = 0
    for order, item in enumerate(items):
        probe = _probe(item)
        found = index.find(probe, 0 if _is_caption(item) else cursor) if probe else -1
        if found >= 0 and not _is_caption(item):
            cursor = max(cursor, found)
        placed.append(_Placed(found if found >= 0 else cursor, order, item))
    scope = _article_scope(placed, index, headline)
    emitted = [squash(i.text) for i in items if isinstance(i, RawParagraph) and i.is_caption]
    extra = len(items)
    for caption in captions:
        if id(caption) in claimed or scope is None or not _inside(caption.element, scope):
            continue
        key = squash(caption.text)
        if not any(key in done or (len(done) >= MIN_CAPTION_PIECE and done in key) for done in emitted):
            offset = index.offset_of(caption.element)
            item = RawParagraph(caption.text, is_caption=True)
            placed.append(_Placed(offset if offset >= 0 else cursor, extra, item))
            emitted.append(key)
            extra += 1
    return [p.item for p in sorted(placed, key=lambda p: (p.offset, p.order))]


def _article_scope(placed: list[_Placed], index: TextIndex, headline: HtmlElement | None) -> HtmlElement | None:
    owners = [index.owner(p.offset) for p in placed if isinstance(p.item, RawParagraph) and not p.item.is_caption]
    elements = [o for o in owners if o is not None]
    if not elements:
        return None
    return common_ancestor([*elements, headline] if headline is not None else elements)


def _inside(element: HtmlElement, scope: HtmlElement) -> bool:
    return element is scope or any(a is scope for a in element.iterancestors())


def _probe(item: RawItem) -> str:
    if isinstance(item, RawParagraph):
        return item.text
    return next((c.text for row in item.table.rows for c in row if squash(c.text)), "")


def _is_caption(item: RawItem) -> bool:
    return isinstance(item, RawParagraph) and item.is_caption


def _require_story(items: list[RawItem], root: HtmlElement, source: str) -> None:
    story = [i.text for i in items if isinstance(i, RawParagraph) and not i.is_caption and not i.is_heading]
    tables = any(isinstance(i, RawTable) for i in items)
    chars = sum(len(t) for t in story)
    if (chars >= MIN_STORY_CHARS and any(len(t) >= MIN_PARAGRAPH_CHARS for t in story)) or (tables and chars):
        return
    if root.xpath("//input[@type='password']"):
        raise NoBodyError("로그인 페이지입니다 — 기사 본문이 없습니다 (login page, no article)", source=source)
    raise NoBodyError(
        "기사 본문을 찾지 못했습니다 — 목록·색인 페이지이거나 본문이 비어 있습니다 (no article text on the page)",
        source=source,
    )


# ---------------------------------------------------------------------------
# metadata
# ---------------------------------------------------------------------------


def _news_meta(root: HtmlElement, text: str) -> PageMeta:
    url = _clean_url(link_href(root, "canonical") or meta_content(root, "og:url") or saved_from_url(text))
    site = meta_content(root, "og:site_name", "application-name") or _host(url)
    published = meta_content(root, *DATE_KEYS) or json_ld_value(root, "datePublished") or _time_element(root)
    return PageMeta(
        title=_title(root, site),
        subtitle=_subtitle(root),
        published=normalise_date(published),
        url=url,
        site=site,
    )


def _title(root: HtmlElement, site: str) -> str:
    for candidate in (meta_content(root, "og:title", "twitter:title"), json_ld_value(root, "headline")):
        if candidate:
            return _strip_site(candidate, site)
    heading = next((h for h in root.iter("h1") if len(element_text(h)) >= 5 and not in_chrome(h)), None)
    if heading is not None:
        return element_text(heading)
    return _strip_site(clean_line(root.findtext(".//title") or ""), site)


def _strip_site(title: str, site: str) -> str:
    for separator in TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found or not head:
            continue
        tail = tail.strip()
        if (site and (site in tail or tail in site)) or (separator.strip() in "|::｜" and len(tail) <= 15):
            return head.strip()
    return title


def _headline(root: HtmlElement, title: str) -> HtmlElement | None:
    key = squash(title)
    if not key:
        return None
    for heading in root.xpath("//h1 | //h2 | //h3"):
        text = squash(element_text(heading))
        if text and (text == key or (len(text) >= 10 and key.startswith(text))):
            return heading
    return None


def _subtitle(root: HtmlElement) -> str:
    for element in root.xpath("//*[@class]"):
        if tag_of(element) in SUBTITLE_TAGS and SUBTITLE_CLASS.search(element.get("class", "")):
            text = element_text(element)
            if 0 < len(text) <= 200 and not in_chrome(element):
                return text
    return ""


def _time_element(root: HtmlElement) -> str:
    return next((t.get("datetime", "") for t in root.iter("time") if t.get("datetime")), "")


def _clean_url(url: str) -> str:
    if not url:
        return ""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith("utm_")]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
