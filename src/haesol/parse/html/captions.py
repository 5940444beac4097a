"""Find photo captions in the DOM: figcaption, caption-like classes, photo boxes, text beside images."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from haesol.parse.html.dom import class_and_id, element_text, tag_of
from haesol.parse.html.rules import (
    CAPTION_CLASS,
    CAPTION_MAX_LEN,
    CHROME_TAGS,
    PHOTO_CLASS,
    chrome_name,
    clean_line,
    is_caption_line,
    squash,
)

LOGGER = logging.getLogger(__name__)

PHOTO_BOX_TAGS = frozenset({"figure", "div", "table", "span", "dl", "p", "section", "td", "li"})
BESIDE_IMAGE_TAGS = frozenset({"p", "span", "em", "i", "div", "font", "small", "strong", "b", "dd", "figcaption"})
NEVER_CAPTION_TAGS = frozenset({"html", "body", "main", "article"})
BESIDE_MAX_LEN = 200
MIN_ALT_CHARS = 8
ALT_OVERLAP = 0.5
# A sentence that reports what someone said is story text, however much it shares with an alt text.
REPORTED_SPEECH = re.compile(r"(?:밝혔다|말했다|전했다|설명했다|강조했다|덧붙였다|발표했다|알렸다)\.?\s*$")


@dataclass(frozen=True, slots=True)
class DomCaption:
    """A caption found in the page and the element that holds it."""

    text: str
    element: HtmlElement


def is_caption_element(element: HtmlElement) -> bool:
    """True for figcaption and for short elements whose class marks a caption (caption, img_desc …).

    A bare ``desc``/``cap`` class counts only when an image sits in the element's parent or grandparent.
    """
    tag = tag_of(element)
    if tag == "figcaption":
        return bool(element_text(element))
    names = class_and_id(element)
    if tag in NEVER_CAPTION_TAGS or not CAPTION_CLASS.search(names):
        return False
    text = element_text(element)
    if not text or len(text) > CAPTION_MAX_LEN:
        return False
    return "caption" in names.lower() or _image_near(element)


def is_photo_box(element: HtmlElement) -> bool:
    """True for a figure or photo wrapper (class photo/img…, or a small table) holding an image and a short text."""
    tag = tag_of(element)
    if tag not in PHOTO_BOX_TAGS:
        return False
    named = tag == "figure" or bool(PHOTO_CLASS.search(class_and_id(element)))
    if not named and tag != "table":
        return False
    if element.find(".//img") is None:
        return False
    text = element_text(element)
    if not text or len(text) > CAPTION_MAX_LEN + 100:
        return False
    return named or len(element.xpath(".//td|.//th")) <= 4


def holds_caption_element(element: HtmlElement) -> bool:
    """True when a caption element (figcaption, class caption …) sits inside ``element``."""
    return any(is_caption_element(d) for d in element.iterdescendants() if isinstance(d.tag, str))


def in_chrome(element: HtmlElement) -> bool:
    """True when the element or an ancestor is navigation, an aside, a footer or a widget."""
    for node in (element, *element.iterancestors()):
        if tag_of(node) in CHROME_TAGS or chrome_name(class_and_id(node)):
            return True
    return False


def find_dom_captions(root: HtmlElement, title: str = "") -> list[DomCaption]:
    """Every caption the page marks in its markup, outside navigation and widgets, in page order.

    Args:
        root: the page tree.
        title: the page title; an image whose alt text repeats it says nothing about its neighbours.

    Returns:
        Captions without duplicates (a caption contained in a longer one is dropped).
    """
    found: list[DomCaption] = []
    for element in root.xpath("//figcaption | //figure | //*[@class] | //*[@id]"):
        photo_box = is_photo_box(element) and not holds_caption_element(element)
        if photo_box or is_caption_element(element):
            found.append(DomCaption(element_text(element), element))
    found.extend(_beside_images(root, title))
    return _dedupe([c for c in found if not in_chrome(c.element)])


def image_alt_texts(root: HtmlElement, title: str = "") -> list[str]:
    """Descriptive alt/title texts of images outside chrome, leaving out those that repeat ``title``."""
    texts: list[str] = []
    for image in root.iter("img"):
        for attribute in ("alt", "title"):
            text = clean_line(image.get(attribute) or "")
            if len(squash(text)) >= MIN_ALT_CHARS and not _repeats(text, title) and not in_chrome(image):
                texts.append(text)
    return list(dict.fromkeys(texts))


def _image_near(element: HtmlElement) -> bool:
    parent = element.getparent()
    for node in (parent, parent.getparent() if parent is not None else None):
        if node is not None and node.find(".//img") is not None:
            return True
    return False


def _beside_images(root: HtmlElement, title: str) -> list[DomCaption]:
    found: list[DomCaption] = []
    for image in root.iter("img"):
        parent = image.getparent()
        anchor = parent if parent is not None and tag_of(parent) == "a" else image
        alt = clean_line(image.get("alt") or image.get("title") or "")
        alt = "" if _repeats(alt, title) else alt
        holder = anchor.getparent()
        tail = clean_line(anchor.tail or "")
        if tail and holder is not None and _reads_as_caption(tail, alt):
            found.append(DomCaption(tail, holder))
        sibling = anchor.getnext()
        while sibling is not None and tag_of(sibling) == "br":
            sibling = sibling.getnext()
        if sibling is not None and tag_of(sibling) in BESIDE_IMAGE_TAGS:
            text = element_text(sibling)
            if text and _reads_as_caption(text, alt):
                found.append(DomCaption(text, sibling))
    return found


def _reads_as_caption(text: str, alt: str) -> bool:
    if len(text) > BESIDE_MAX_LEN:
        return False
    if is_caption_line(text, news=True):
        return True
    if REPORTED_SPEECH.search(text):
        return False
    return _bigram_overlap(alt, text) >= ALT_OVERLAP


def _repeats(alt: str, title: str) -> bool:
    return bool(title) and _bigram_overlap(alt, title) >= ALT_OVERLAP


def _bigram_overlap(alt: str, text: str) -> float:
    # Character bigrams, because Korean particles make whole-word comparison miss ("함정" vs "함정이").
    alt_pairs = _bigrams(alt)
    return len(alt_pairs & _bigrams(text)) / len(alt_pairs) if len(alt_pairs) >= 3 else 0.0


def _bigrams(text: str) -> set[str]:
    compact = squash(text)
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def _dedupe(captions: list[DomCaption]) -> list[DomCaption]:
    kept: list[DomCaption] = []
    for caption in sorted(captions, key=lambda c: len(c.text), reverse=True):
        key = squash(caption.text)
        if key and not any(key in squash(k.text) for k in kept):
            kept.append(caption)
    order = {id(c): i for i, c in enumerate(captions)}
    return sorted(kept, key=lambda c: order[id(c)])
