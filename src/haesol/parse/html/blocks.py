"""Walk an HTML region into RawParagraph and RawTable items in reading order."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace

from lxml.html import HtmlElement

from haesol.models import Dropped, RawItem, RawParagraph, RawTable, Table, TableCell
from haesol.parse.html.captions import is_caption_element, is_photo_box
from haesol.parse.html.dom import class_and_id, element_text, iter_events, tag_of
from haesol.parse.html.rules import (
    REASON_BYLINE,
    REASON_FRAME,
    REASON_RELATED,
    REASON_VIEWER,
    boilerplate_reason,
    chrome_name,
    clean_line,
    is_byline,
    is_caption_line,
    short,
    split_byline,
)

LOGGER = logging.getLogger(__name__)

BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "figcaption",
        "hr",
        "address",
        "center",
        "form",
        "fieldset",
        "legend",
        "details",
        "summary",
        "body",
        "html",
        "tr",
        "td",
        "th",
        "caption",
    }
)
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "button",
        "select",
        "input",
        "textarea",
        "option",
        "svg",
        "canvas",
        "video",
        "audio",
        "map",
        "img",
        "head",
        "link",
        "meta",
        "picture",
        "source",
        "math",
        "nav",
        "aside",
    }
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LIST_TAGS = frozenset({"ul", "ol"})
WRITTEN_BULLET = re.compile(r"^\s*(?:[□■○●◦❍ㅇ\-*※▲△◆◇▶▷▣•·①-⑳➊-➓]|\d{1,2}[.)]|[가-하][.)]|\(\d{1,2}\))")
MAX_SPAN = 1000
MAX_TABLE_NESTING = 6


@dataclass(slots=True)
class _Context:
    heading: bool = False
    caption: bool = False
    marker: str = ""
    level: int | None = None


@dataclass(slots=True)
class _ListState:
    ordered: bool
    counter: int
    style: str
    plain: bool


@dataclass(frozen=True, slots=True)
class WalkResult:
    """The items found in a region and what was left out on the way."""

    items: tuple[RawItem, ...]
    dropped: tuple[Dropped, ...] = ()


@dataclass(slots=True)
class BlockWalker:
    """Turns one DOM region into items: blocks and ``<br>`` end paragraphs, tables become RawTable.

    Navigation, asides and widgets (share, comment, related …) inside the region are skipped and
    recorded; figcaptions, caption classes and photo boxes come out with ``is_caption=True``.
    """

    nesting: int = 0
    _items: list[RawItem] = field(default_factory=list)
    _dropped: list[Dropped] = field(default_factory=list)
    _buffer: list[str] = field(default_factory=list)
    _contexts: list[_Context] = field(default_factory=list)
    _lists: list[_ListState] = field(default_factory=list)
    _opaque: set[int] = field(default_factory=set)

    def walk(self, root: HtmlElement) -> WalkResult:
        """Walk ``root`` and its descendants.

        Args:
            root: the region (``.view_cont``, a table cell …).

        Returns:
            The items in reading order and the dropped widgets.
        """
        self._contexts = [_Context()]
        for event, element in iter_events(root, self._descend):
            if event == "start":
                self._start(element, is_root=element is root)
            else:
                self._end(element, is_root=element is root)
        self._flush()
        return WalkResult(tuple(self._items), tuple(self._dropped))

    # -- traversal ---------------------------------------------------------

    def _descend(self, element: HtmlElement) -> bool:
        return id(element) not in self._opaque

    def _start(self, element: HtmlElement, *, is_root: bool) -> None:
        tag = tag_of(element)
        if not tag:
            return
        if tag in SKIP_TAGS or (not is_root and self._skip_widget(element)):
            self._skip(element, tag)
        elif tag == "br":
            self._flush()
        elif tag == "table" and not is_root:
            self._flush()
            self._opaque.add(id(element))
            self._emit_table(element)
        elif tag == "pre":
            self._flush()
            self._opaque.add(id(element))
            self._emit_preformatted(element)
        elif tag in BLOCK_TAGS or is_root:
            self._flush()
            self._contexts.append(self._context_for(element, tag))
            self._buffer.append(element.text or "")
        else:
            self._buffer.append(element.text or "")

    def _end(self, element: HtmlElement, *, is_root: bool) -> None:
        tag = tag_of(element)
        opaque = id(element) in self._opaque
        # lxml proxies may be recycled once an element is done, so its id leaves the set here.
        self._opaque.discard(id(element))
        if tag and not opaque and (tag in BLOCK_TAGS or is_root):
            self._flush()
            self._contexts.pop()
            if tag in LIST_TAGS and self._lists:
                self._lists.pop()
        if not is_root:
            self._buffer.append(element.tail or "")

    def _skip(self, element: HtmlElement, tag: str) -> None:
        self._opaque.add(id(element))
        if tag in ("iframe", "frame"):
            source = element.get("src", "")
            reason = REASON_VIEWER if "docviewer" in source.lower() else REASON_FRAME
            self._dropped.append(Dropped(short(source or element.get("title", "")), reason))
        elif tag in ("nav", "aside"):
            self._flush()
            self._record_widget(element, tag)

    def _skip_widget(self, element: HtmlElement) -> bool:
        name = chrome_name(class_and_id(element))
        if name is None:
            return False
        self._flush()
        self._record_widget(element, name)
        return True

    def _record_widget(self, element: HtmlElement, name: str) -> None:
        text = element_text(element)
        if text:
            self._dropped.append(Dropped(short(text), f"화면 위젯 (page widget: {name})"))

    # -- contexts ------------------------------------------------------------

    def _context_for(self, element: HtmlElement, tag: str) -> _Context:
        parent = self._contexts[-1]
        context = _Context(heading=parent.heading or tag in HEADINGS, caption=parent.caption)
        if tag == "figcaption" or is_caption_element(element) or self._photo_box(element, tag):
            context.caption = True
        if tag in LIST_TAGS:
            self._lists.append(_list_state(element, tag))
        elif tag == "li":
            context.marker, context.level = self._list_marker(element)
        return context

    @staticmethod
    def _photo_box(element: HtmlElement, tag: str) -> bool:
        return tag in ("figure", "div", "dl", "p", "section", "li") and is_photo_box(element)

    def _list_marker(self, element: HtmlElement) -> tuple[str, int | None]:
        if not self._lists:
            return "", None
        state = self._lists[-1]
        level = len(self._lists)
        if state.ordered:
            state.counter += 1
        if state.plain or (not state.ordered and WRITTEN_BULLET.match(element_text(element)[:3])):
            return "", level
        if not state.ordered:
            return "•", level
        return _ordinal(state.counter, state.style), level

    # -- output ---------------------------------------------------------------

    def _flush(self) -> None:
        text = clean_line("".join(self._buffer))
        self._buffer.clear()
        if not text:
            return
        context = self._contexts[-1] if self._contexts else _Context()
        self._items.append(
            RawParagraph(text, context.marker, context.level, is_caption=context.caption, is_heading=context.heading)
        )
        context.marker = ""

    def _emit_table(self, element: HtmlElement) -> None:
        if is_photo_box(element):
            text = element_text(element)
            if text:
                self._items.append(RawParagraph(text, is_caption=True))
            return
        table = table_from_element(element, self.nesting)
        if table is not None:
            self._items.append(RawTable(table))

    def _emit_preformatted(self, element: HtmlElement) -> None:
        context = self._contexts[-1]
        raw = "".join(element.xpath(".//text()")).replace("\r\n", "\n").replace("\t", " ")
        for line in raw.split("\n"):
            text = clean_line(line.replace(" ", "\u00a0"))
            if text:
                self._items.append(RawParagraph(text, is_caption=context.caption, is_heading=context.heading))


def table_from_element(element: HtmlElement, nesting: int = 0) -> Table | None:
    """Convert a ``<table>`` with its spans; a nested table is flattened into its cell's text.

    Args:
        element: the table element.
        nesting: how deep this table sits inside other tables.

    Returns:
        The Table, or None when it has no text.
    """
    rows: list[tuple[TableCell, ...]] = []
    for row in _rows(element):
        cells = tuple(
            TableCell(_cell_text(cell, nesting), _span(cell.get("rowspan")), _span(cell.get("colspan")))
            for cell in row
            if tag_of(cell) in ("td", "th")
        )
        if cells:
            rows.append(cells)
    if not any(cell.text for row in rows for cell in row):
        return None
    caption = next((element_text(c) for c in element if tag_of(c) == "caption"), "")
    return Table(rows=tuple(rows), caption=caption)


def _rows(table: HtmlElement) -> list[HtmlElement]:
    rows: list[HtmlElement] = []
    for child in table:
        tag = tag_of(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if tag_of(r) == "tr")
    return rows


def _cell_text(cell: HtmlElement, nesting: int) -> str:
    if nesting >= MAX_TABLE_NESTING:
        return element_text(cell)
    result = BlockWalker(nesting=nesting + 1).walk(cell)
    lines: list[str] = []
    for item in result.items:
        if isinstance(item, RawTable):
            lines.append("\n".join(" | ".join(c.text for c in row) for row in item.table.rows))
        else:
            lines.append(f"{item.marker} {item.text}" if item.marker else item.text)
    return "\n".join(lines)


def _span(value: str | None) -> int:
    try:
        number = int((value or "1").strip().rstrip(";"))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_SPAN)


def _list_state(element: HtmlElement, tag: str) -> _ListState:
    style = (element.get("style") or "").replace(" ", "").lower()
    try:
        start = int(element.get("start", "1"))
    except ValueError:
        start = 1
    plain = "list-style:none" in style or "list-style-type:none" in style
    return _ListState(ordered=tag == "ol", counter=start - 1, style=element.get("type", "1"), plain=plain)


def _ordinal(number: int, style: str) -> str:
    if style in ("a", "A") and 1 <= number <= 26:
        letter = chr(ord("a") + number - 1)
        return f"{letter.upper() if style == 'A' else letter}."
    return f"{number}."


def apply_line_rules(items: tuple[RawItem, ...], *, news: bool) -> WalkResult:
    """Drop boilerplate and bylines, cut byline prefixes, and mark caption lines.

    Args:
        items: paragraphs and tables in reading order.
        news: use the news-page rules (byline prefixes, lone "▲" captions, related-list tails).

    Returns:
        The kept items and a Dropped record for everything removed.
    """
    kept: list[RawItem] = []
    dropped: list[Dropped] = []
    in_related = False
    for item in items:
        if isinstance(item, RawTable) or item.is_caption:
            kept.append(item)
            continue
        reason = boilerplate_reason(item.text, news=news)
        if reason is None and in_related and _looks_like_link_line(item):
            reason = REASON_RELATED
        in_related = reason == REASON_RELATED or (in_related and reason is not None)
        if reason is not None:
            dropped.append(Dropped(short(item.text), reason))
        elif is_byline(item.text):
            dropped.append(Dropped(short(item.text), REASON_BYLINE))
        else:
            kept.append(_reviewed(item, news, dropped))
    return WalkResult(tuple(kept), tuple(dropped))


def _reviewed(item: RawParagraph, news: bool, dropped: list[Dropped]) -> RawParagraph:
    # A caption may carry its own dateline ("(서울=뉴스1) … (해군 제공)"), so captions are found first.
    if is_caption_line(item.text, news=news):
        return replace(item, is_caption=True, is_heading=False)
    if news:
        split = split_byline(item.text)
        dropped.extend(Dropped(short(part), REASON_BYLINE) for part in split.removed)
        if split.removed:
            item = replace(item, text=split.text)
            if is_caption_line(item.text, news=news):
                return replace(item, is_caption=True, is_heading=False)
    return item


def _looks_like_link_line(item: RawParagraph) -> bool:
    text = item.text.strip()
    return (len(text) <= 60 and not text.endswith(("다.", "다", "요."))) or bool(item.marker)
