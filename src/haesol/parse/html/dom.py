"""DOM helpers for saved web pages: safe loading, class queries, head metadata and a text index."""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections.abc import Callable, Iterator
from typing import Literal

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from haesol.errors import NoBodyError, ParseError
from haesol.parse.html.rules import clean_line, squash

LOGGER = logging.getLogger(__name__)

Event = Literal["start", "end"]

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
NO_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "math"})
MAX_JSON_LD_CHARS = 200_000
DATE_DOTTED = re.compile(r"^(\d{4})[.\-/]\s?(\d{1,2})[.\-/]\s?(\d{1,2})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def load_tree(text: str, source: str = "") -> HtmlElement:
    """Parse page text into an lxml HTML tree without touching the network.

    Args:
        text: the decoded page.
        source: path or label used in error messages.

    Returns:
        The ``<html>`` element.

    Raises:
        NoBodyError: when the page holds no markup or text at all.
        ParseError: when libxml2 cannot build a tree.
    """
    parser = lxml.html.HTMLParser(no_network=True, remove_pis=True, huge_tree=False)
    try:
        return lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1), parser=parser)
    except etree.ParserError as exc:
        raise NoBodyError("HTML 문서가 비어 있습니다 (empty HTML document)", source=source) from exc
    except (etree.LxmlError, ValueError) as exc:
        raise ParseError("html", f"HTML을 해석할 수 없음 ({exc})", source=source) from exc


def iter_events(root: HtmlElement, descend: Callable[[HtmlElement], bool]) -> Iterator[tuple[Event, HtmlElement]]:
    """Walk a tree without recursion, yielding ("start", el) and ("end", el) in document order.

    Comments and processing instructions are yielded too (their ``tag`` is not a str) so that
    callers see their tail text. Children of an element are skipped when ``descend(el)`` is False.
    """
    stack: list[tuple[HtmlElement, bool]] = [(root, False)]
    while stack:
        element, finished = stack.pop()
        if finished:
            yield "end", element
            continue
        yield "start", element
        stack.append((element, True))
        if isinstance(element.tag, str) and descend(element):
            stack.extend((child, False) for child in reversed(element))


def tag_of(element: HtmlElement) -> str:
    """The lower-case tag name, or '' for comments and processing instructions."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def class_and_id(element: HtmlElement) -> str:
    """The element's class and id attributes joined by a space."""
    return f"{element.get('class', '')} {element.get('id', '')}"


def find_class(root: HtmlElement, name: str, tag: str = "*") -> list[HtmlElement]:
    """Elements under ``root`` whose class list contains ``name`` exactly."""
    path = f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    return list(root.xpath(path))


def element_text(element: HtmlElement) -> str:
    """The visible text of an element on one line (scripts and styles left out)."""
    parts = element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")
    return clean_line(" ".join(str(p) for p in parts))


def meta_content(root: HtmlElement, *keys: str) -> str:
    """The first non-empty ``content`` of a ``<meta>`` whose property, name or itemprop is one of ``keys``."""
    for key in keys:
        for meta in root.iter("meta"):
            if key in (meta.get("property"), meta.get("name"), meta.get("itemprop")):
                value = clean_line(meta.get("content", ""))
                if value:
                    return value
    return ""


def link_href(root: HtmlElement, rel: str) -> str:
    """The ``href`` of the first ``<link rel=…>``, stripped."""
    for link in root.iter("link"):
        if rel in (link.get("rel") or "").lower().split():
            return (link.get("href") or "").strip()
    return ""


def saved_from_url(text: str) -> str:
    """The address in a browser's "saved from url" comment (Mark of the Web), or ''."""
    match = SAVED_FROM.search(text[:4096])
    return match.group(1) if match else ""


def json_ld_value(root: HtmlElement, key: str) -> str:
    """The first string value of ``key`` in the page's JSON-LD blocks, or ''."""
    for script in root.xpath(".//script[@type='application/ld+json']"):
        raw = (script.text or "")[:MAX_JSON_LD_CHARS]
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        value = _find_key(data, key, depth=0)
        if value:
            return value
    return ""


def _find_key(data: object, key: str, depth: int) -> str:
    if depth > 6:
        return ""
    if isinstance(data, dict):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return clean_line(value)
        items: list[object] = list(data.values())
    elif isinstance(data, list):
        items = list(data)
    else:
        return ""
    for item in items[:50]:
        found = _find_key(item, key, depth + 1)
        if found:
            return found
    return ""


def normalise_date(value: str) -> str:
    """ISO form of "2026.09.08", "2026-09-08 14:21" and the like; other values come back unchanged."""
    text = clean_line(value)
    match = DATE_DOTTED.match(text)
    if match is None:
        return text
    year, month, day, hour, minute, second = match.groups()
    date = f"{year}-{int(month):02d}-{int(day):02d}"
    if hour is None:
        return date
    return f"{date}T{int(hour):02d}:{minute}:{second or '00'}"


class TextIndex:
    """The page's visible text without whitespace, with the element each stretch of text belongs to.

    Used to put extracted paragraphs and captions back in reading order and to find the region of
    the page the article occupies.
    """

    def __init__(self, root: HtmlElement) -> None:
        self._starts: list[int] = []
        self._owners: list[HtmlElement] = []
        parts: list[str] = []
        size = 0
        for event, element in iter_events(root, lambda el: tag_of(el) not in NO_TEXT_TAGS):
            if event == "start":
                text, owner = (element.text, element) if tag_of(element) not in NO_TEXT_TAGS else (None, None)
            else:
                text, owner = element.tail, element.getparent()
            chunk = squash(text) if text else ""
            if chunk and owner is not None:
                self._starts.append(size)
                self._owners.append(owner)
                parts.append(chunk)
                size += len(chunk)
        self.text = "".join(parts)

    def find(self, text: str, start: int = 0, probe: int = 40) -> int:
        """Offset of ``text`` (its first ``probe`` non-space characters) at or after ``start``, else -1."""
        needle = squash(text)[:probe]
        if not needle:
            return -1
        found = self.text.find(needle, start)
        return found if found >= 0 or start == 0 else self.text.find(needle)

    def owner(self, offset: int) -> HtmlElement | None:
        """The element whose own text holds ``offset``."""
        if offset < 0 or not self._starts:
            return None
        return self._owners[max(bisect.bisect_right(self._starts, offset) - 1, 0)]

    def offset_of(self, element: HtmlElement) -> int:
        """Offset of the first text inside ``element`` (or after it), -1 when there is none."""
        wanted = {element, *element.iterdescendants()}
        return next((s for s, o in zip(self._starts, self._owners, strict=True) if o in wanted), -1)


def common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    """The deepest element that contains every element of ``elements``."""
    if not elements:
        return None
    chain = [elements[0], *elements[0].iterancestors()]
    depth = {id(el): i for i, el in enumerate(chain)}
    best = 0
    for element in elements[1:]:
        for candidate in (element, *element.iterancestors()):
            if id(candidate) in depth:
                best = max(best, depth[id(candidate)])
                break
    return chain[best]
