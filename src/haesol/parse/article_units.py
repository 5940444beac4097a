"""Articles under audit (Markdown, HTML or plain text) as ordered units: headline, headings, body, bullets, cells, FAQ."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from haesol.errors import EmptyInputError, NoBodyError
from haesol.models import ArticleInput, ArticleUnit
from haesol.parse.markers import normalize_spaces

LOGGER = logging.getLogger(__name__)

MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
MD_LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)\s]+)[^)]*\)")
URL_RE = re.compile(r"https?://[^\s)<>\"']+")
BULLET_RE = re.compile(r"^\s*(?:[-*+•·▪]|\d{1,2}[.)])\s+")
FAQ_Q_RE = re.compile(r"^\s*(?:Q\s*[.:]?|질문\s*\d*\s*[.:]?)\s*")
FAQ_A_RE = re.compile(r"^\s*(?:A\s*[.:]?|답변\s*\d*\s*[.:]?)\s*")
SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
SENTENCE_END_RE = re.compile(r"[.!?。]['\"”’)]*\s*$|(다|요|죠|까)\s*$")
HEADING_MAX_CHARS = 45
SENTENCE_SPLIT_RE = re.compile(r"(?:(?<=[다요죠까][.!?])|(?<=[다요죠까][.!?][”’\"')])|(?<=[!?]))\s+(?=\S)")
ANY_STOP_SPLIT_RE = re.compile(r"(?<=[.!?。])\s+")
MAX_UNIT_CHARS = 5_000  # longer units are chunked (at full stops, then spaces); real lines stay whole
SPLIT_PARTS = frozenset({"body", "lead", "faq_answer"})
QUOTE_TAIL_RE = re.compile(r"(?:이?라고|이?라며|이?라는|고|며)\s")
CONTACT_LINE_RE = re.compile(r"^\s*(문의|연락처|담당)\s*[:：]")
SOURCE_LINE_RE = re.compile(r"^\s*(출처|자료\s*출처|원문)\s*[:：=]")
NOTICE_LINE_RE = re.compile(
    r"^\s*(이 기사는|라이선스 확인|발행 기관 미확인|원문의 사진|게시 전에|공공누리|저작권|무단\s*전재|Copyright|ⓒ|대한민국 정책브리핑)"
)


def split_sentences(text: str) -> list[str]:
    """A line's sentences: split after Korean sentence endings (다. 요. …) and ! or ?, before the next word.

    Never inside an open quotation, never before a quoting particle ('”라고 밝혔다'). A piece longer
    than ``MAX_UNIT_CHARS`` is also split after any full stop, then at spaces, so one pasted line never
    becomes one huge unit (the audit of a unit is superlinear in its length). Linear in ``text``.
    """
    pieces: list[str] = []
    start = 0
    opened = closed = straight = 0
    counted = 0
    for match in SENTENCE_SPLIT_RE.finditer(text):
        segment = text[counted : match.start()]
        opened, closed = opened + segment.count("“"), closed + segment.count("”")
        straight += segment.count('"')
        counted = match.start()
        if opened == closed and straight % 2 == 0 and not QUOTE_TAIL_RE.match(text, match.end()):
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    out: list[str] = []
    for piece in (p.strip() for p in pieces):
        if piece:
            out.extend(_chunks(piece) if len(piece) > MAX_UNIT_CHARS else [piece])
    return out


def _chunks(text: str) -> list[str]:
    chunks: list[str] = []
    for part in (p for p in ANY_STOP_SPLIT_RE.split(text) if p.strip()):
        while len(part) > MAX_UNIT_CHARS:
            cut = part.rfind(" ", 0, MAX_UNIT_CHARS)
            cut = cut if cut > 0 else MAX_UNIT_CHARS
            chunks.append(part[:cut].strip())
            part = part[cut:].strip()
        if part:
            chunks.append(part)
    return chunks


@dataclass
class _Collector:
    """Units being gathered while reading an article."""

    units: list[ArticleUnit] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    flattened: list[str] = field(default_factory=list)
    ragged: list[str] = field(default_factory=list)
    block: int = 0
    expect_answer: bool = False

    def add(self, text: str, part: str) -> None:
        text = " ".join(text.split())
        pieces = split_sentences(text) if part in SPLIT_PARTS or len(text) > MAX_UNIT_CHARS else [text]
        for sentence in (piece for piece in pieces if piece):
            self.units.append(ArticleUnit(sentence, part, self.block))

    def next_block(self) -> None:
        self.block += 1


def read_article(data: bytes, name: str = "") -> ArticleInput:
    """Read an article in Markdown, HTML or plain text (detected from the content).

    Raises:
        EmptyInputError: when there is no text.
        NoBodyError: when no sentence could be read.
    """
    from haesol.parse.sniff import detect_format
    from haesol.parse.text import decode_text

    if not data.strip():
        raise EmptyInputError(source=name)
    fmt = detect_format(data)
    if fmt == "html":
        from haesol.parse.html.decode import decode_html

        collector, text = _read_html(decode_html(data, name)), ""
    elif fmt == "text":
        text = normalize_spaces(decode_text(data, name))
        collector = _read_markdown(text) if _looks_like_markdown(text) else _read_plain(text)
        fmt = "md" if _looks_like_markdown(text) else "text"
    else:
        raise NoBodyError(
            f"기사는 Markdown, HTML, 텍스트여야 합니다 (an article must be Markdown, HTML or text, not {fmt})",
            source=name,
        )
    if not collector.units:
        raise NoBodyError("기사 문장이 없습니다 (no article sentences)", source=name)
    return ArticleInput(
        units=tuple(collector.units),
        format=fmt,
        images=tuple(collector.images),
        links=tuple(dict.fromkeys(collector.links)),
        flattened_tables=tuple(collector.flattened),
        ragged_tables=tuple(collector.ragged),
        text=text,
    )


def _looks_like_markdown(text: str) -> bool:
    return bool(re.search(r"^#{1,6}\s|^\|.*\|\s*$|\*\*[^*]+\*\*|!\[|\]\(http", text, re.M))


# -- Markdown -------------------------------------------------------------------------------


def _read_markdown(text: str) -> _Collector:
    collector = _Collector()
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if _is_table_row(line) and index + 1 < len(lines) and SEPARATOR_RE.match(lines[index + 1]):
            index = _read_md_table(lines, index, collector)
            continue
        if line.strip().lower().startswith("<table"):
            index = _read_html_table_block(lines, index, collector)
            continue
        _read_md_line(line, collector)
        index += 1
    return collector


def _read_md_line(line: str, collector: _Collector) -> None:
    stripped = _inline(line.strip(), collector)
    if not stripped or re.fullmatch(r"[-*_=]{3,}", stripped):
        collector.next_block()
        return
    heading = re.match(r"^(#{1,6})\s+(.*)$", stripped)
    if heading:
        collector.next_block()
        part = (
            "headline"
            if len(heading.group(1)) == 1 and not any(u.part == "headline" for u in collector.units)
            else "heading"
        )
        collector.add(heading.group(2).strip("# "), part)
        collector.next_block()
        return
    _read_text_line(stripped, collector)


def _inline(line: str, collector: _Collector) -> str:
    for match in MD_IMAGE_RE.finditer(line):
        collector.images.append(match.group(2))
    line = MD_IMAGE_RE.sub("", line)
    for match in MD_LINK_RE.finditer(line):
        collector.links.append(match.group(2))
    line = MD_LINK_RE.sub(r"\1", line)
    collector.links.extend(URL_RE.findall(line))
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", line)
    line = re.sub(r"^>\s?", "", line)
    return line.replace("\\|", "|").replace("\\", "")


def _is_table_row(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") and stripped.count("|") >= 2


def _read_md_table(lines: list[str], index: int, collector: _Collector) -> int:
    collector.next_block()
    widths = []
    start = index
    while index < len(lines) and _is_table_row(lines[index]):
        if not SEPARATOR_RE.match(lines[index]):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", lines[index].strip().strip("|"))]
            widths.append(len(cells))
            for cell in cells:
                collector.add(_inline(cell, collector), "table")
        index += 1
    if len(set(widths)) > 1:
        collector.ragged.append(lines[start].strip()[:80])
    collector.next_block()
    return index


def _read_html_table_block(lines: list[str], index: int, collector: _Collector) -> int:
    """An HTML table inside Markdown (haesol writes one when body cells span columns): cell by cell."""
    import lxml.html

    end = index
    while end < len(lines) and "</table>" not in lines[end].lower():
        end += 1
    block = "\n".join(lines[index : end + 1])
    collector.next_block()
    try:
        table = lxml.html.fragment_fromstring(block)
    except (ValueError, lxml.etree.ParserError):
        _read_text_line(block, collector)
    else:
        for element in table.iter("caption", "td", "th"):
            _read_html_element(element, collector)
    collector.next_block()
    return end + 1


# -- plain text (blog posts, copied text) ------------------------------------------------------


def _read_plain(text: str) -> _Collector:
    collector = _Collector()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            collector.next_block()
            continue
        if not collector.units:
            collector.add(stripped, "headline")
            collector.next_block()
            continue
        collector.links.extend(URL_RE.findall(stripped))
        _read_text_line(stripped, collector)
    return collector


def _read_text_line(line: str, collector: _Collector) -> None:
    """One line of Markdown or plain text: credit, FAQ, bullet, flattened table, heading or body."""
    credit = _credit_part(line)
    if credit:
        collector.add(line, credit)
        return
    if line.count("|") >= 2 and not line.startswith("|"):
        collector.flattened.append(line[:80])
        for cell in line.split("|"):
            collector.add(cell, "table")
        return
    if FAQ_Q_RE.match(line) and (line.rstrip().endswith("?") or re.match(r"^\s*(Q|질문)", line)):
        collector.next_block()
        collector.add(FAQ_Q_RE.sub("", line), "faq_question")
        collector.expect_answer = True
        return
    if line.rstrip().endswith("?") and len(line) <= 120:
        collector.next_block()
        collector.add(line, "faq_question")
        collector.expect_answer = True
        return
    if (FAQ_A_RE.match(line) and re.match(r"^\s*(A\b|답변)", line)) or collector.expect_answer:
        collector.add(FAQ_A_RE.sub("", line) if re.match(r"^\s*(A\b|답변)", line) else line, "faq_answer")
        collector.expect_answer = False
        collector.next_block()
        return
    if BULLET_RE.match(line):
        collector.add(BULLET_RE.sub("", line), "bullet")
        return
    if len(line) <= HEADING_MAX_CHARS and not SENTENCE_END_RE.search(line):
        collector.next_block()
        collector.add(line, "heading")
        collector.next_block()
        return
    collector.add(line, "body")


# -- HTML -----------------------------------------------------------------------------------------


def _credit_part(line: str) -> str:
    """'contact', 'source' or 'label' for credit and notice lines at the end of an article, else ''."""
    if CONTACT_LINE_RE.match(line):
        return "contact"
    if SOURCE_LINE_RE.match(line):
        return "source"
    if NOTICE_LINE_RE.match(line):
        return "label"
    return ""


def _read_html(page: str) -> _Collector:
    import lxml.html

    collector = _Collector()
    try:
        root = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return collector
    for bad in root.xpath(
        "//script|//style|//noscript|//template|//nav|//header[not(ancestor::article)]|//footer[not(ancestor::article)]"
    ):
        bad.drop_tree()
    scope = (root.xpath("//article") or root.xpath("//main") or root.xpath("//body") or [root])[0]
    collector.images.extend(img.get("src", "") for img in scope.iter("img") if img.get("src"))
    collector.links.extend(a.get("href", "") for a in scope.iter("a") if (a.get("href") or "").startswith("http"))
    for element in scope.iter(
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "dt", "dd", "blockquote", "figcaption", "caption"
    ):
        _read_html_element(element, collector)
    return collector


def _read_html_element(element, collector: _Collector) -> None:  # type: ignore[no-untyped-def]
    if (
        any(
            parent.tag in ("li", "td", "th", "dd", "dt", "blockquote", "figcaption")
            for parent in element.iterancestors()
        )
        and element.tag == "p"
    ):
        return
    text = " ".join(element.text_content().split())
    if not text:
        return
    tag = element.tag
    if tag == "h1" and not any(u.part == "headline" for u in collector.units):
        part = "headline"
    elif tag in ("h1", "h2", "h3", "h4", "h5", "h6", "caption"):
        part = "heading"
    elif tag in ("td", "th"):
        part = "table"
    elif tag == "li":
        part = "bullet"
    elif tag == "dt" or (tag == "p" and text.endswith("?") and len(text) <= 120):
        part = "faq_question"
    elif tag == "dd":
        part = "faq_answer"
    elif tag == "figcaption":
        part = "caption"
    else:
        if tag == "p" and text.count("|") >= 2:
            collector.flattened.append(text[:80])
        part = _credit_part(text) or "body"
    collector.next_block()
    collector.add(text, part)
