"""Turn any format's RawDocument into a Release: header, title, contacts, body hierarchy, 참고/붙임."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from haesol.data.lexicon import guess_agency
from haesol.errors import NoBodyError
from haesol.models import (
    Block,
    BlockKind,
    Contact,
    Dropped,
    License,
    Part,
    RawDocument,
    RawParagraph,
    RawTable,
    Release,
    SourceInfo,
    Table,
)
from haesol.parse.markers import is_note, split_marker
from haesol.parse.structure import boilerplate
from haesol.parse.structure.front import dedupe_row, read_front
from haesol.parse.structure.header import is_contact_line, parse_contacts

LOGGER = logging.getLogger(__name__)

APPENDIX_RE = re.compile(r"^\s*[<\[(]?\s*(붙\s*임|별\s*첨|첨\s*부)(\s*\d+)?\s*[>\])]?\s*(?:[:：.]|\d|$|\s)")
REFERENCE_RE = re.compile(r"^\s*[<\[(]?\s*참\s*고\s*(\d+)?\s*[>\])]?\s*(?:[:：.]\s*)?(?P<rest>.*)$")
TABLE_CAPTION_RE = re.compile(r"^\s*[<〈《\[]\s*(?P<caption>[^<>]{1,60}?)\s*[>〉》\]]\s*$")
CAPTION_RE = re.compile(
    r"^\s*(?:[\[<(【]\s*사\s*진\s*\d*\s*[\]>)】]|사진\s*설명\s*[:：]|\(\s*사진\s*[=:＝]|▲.*(?:사진|제공|ⓒ)|.*\(\s*사진\s*[=＝]\s*[^)]*\)\s*$|.*\(\s*[^()]{1,20}\s*제공\s*\).*ⓒ|.*\(ⓒ[^)]*\)\s*$)"
)
END_MARK_RE = re.compile(r"\s*끝\s*\.?\s*$")


@dataclass
class _Builder:
    """Mutable state while walking a document once."""

    blocks: list[Block] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    contact_lines: list[str] = field(default_factory=list)
    part: Part = Part.BODY
    pending_caption: str = ""

    def next_id(self) -> str:
        return f"b{len(self.blocks) + 1}"

    def parent_for(self, level: int) -> str | None:
        for block in reversed(self.blocks):
            if block.part is not self.part:
                return None
            if block.kind in (BlockKind.BULLET, BlockKind.PARAGRAPH, BlockKind.NOTE) and 0 < block.level < level:
                return block.id
            if block.kind is BlockKind.HEADING:
                return None
        return None


def structure_release(raw: RawDocument, source: SourceInfo) -> Release:
    """Build a Release from a format parser's output.

    Args:
        raw: paragraphs and tables in reading order.
        source: where the bytes came from.

    Returns:
        The release with header fields, contacts and body blocks.

    Raises:
        NoBodyError: when no body text is left.
    """
    items = list(raw.items)
    builder = _Builder(dropped=list(raw.dropped))
    # 1. front matter: banner, timing, title and subtitles (a page's own title wins)
    front = read_front(items, raw.meta.title, raw.meta.subtitle)
    builder.contact_lines.extend(front.contact_lines)
    title = front.title
    # 2. body, 참고, 붙임, contacts, captions
    for item in items[front.body_start :]:
        _add_item(item, builder, title)
    body = [b for b in builder.blocks if b.part is Part.BODY and b.kind is not BlockKind.CAPTION]
    if not any(b.text.strip() or b.table for b in body):
        raise NoBodyError("본문 문단이 없습니다 (no body paragraphs)", source=source.path or source.url)
    contacts = tuple(parse_contacts(builder.contact_lines))
    license_ = _license(raw, builder)
    return Release(
        title=title,
        subtitles=tuple(front.subtitles),
        doc_type=front.doc_type or "보도자료",
        agency=_agency(raw.meta.agency, contacts, title, builder.blocks),
        timing=front.timing,
        distributed=front.distributed,
        contacts=contacts,
        blocks=tuple(builder.blocks),
        source=source,
        license=license_,
        style="box" if any(b.marker in ("□", "■", "◼") for b in body) else "paragraph",
        dropped=tuple(builder.dropped),
    )


def _add_item(item: RawParagraph | RawTable, builder: _Builder, title: str) -> None:
    if isinstance(item, RawTable):
        _add_table(item.table, builder)
        return
    text = END_MARK_RE.sub("", item.text) if item.text.rstrip().endswith("끝.") else item.text
    if not text.strip():
        return
    if item.is_caption or CAPTION_RE.match(text):
        builder.blocks.append(Block(builder.next_id(), BlockKind.CAPTION, text.strip(), part=builder.part))
        return
    reason = boilerplate.drop_reason(text)
    if reason:
        builder.dropped.append(Dropped(text.strip()[:120], reason))
        return
    if is_contact_line(text):
        builder.contact_lines.append(text)
        return
    if text.replace(" ", "") == title.replace(" ", ""):
        return
    _switch_part(text, builder)
    _add_paragraph(item, text, builder)


def _switch_part(text: str, builder: _Builder) -> None:
    if APPENDIX_RE.match(text):
        builder.part = Part.APPENDIX
    elif builder.part is Part.BODY and REFERENCE_RE.match(text) and len(text.strip()) <= 40:
        builder.part = Part.REFERENCE


def _add_paragraph(item: RawParagraph, text: str, builder: _Builder) -> None:
    caption = TABLE_CAPTION_RE.match(text)
    if caption and not split_marker(text).marker:
        builder.pending_caption = caption.group("caption").strip()
        builder.blocks.append(Block(builder.next_id(), BlockKind.HEADING, builder.pending_caption, part=builder.part))
        return
    marked = split_marker(text, item.marker)
    if not marked.text:
        return
    kind = _kind_of(marked.marker, item.is_heading)
    level = marked.level if marked.marker else (item.level or 0)
    parent = builder.parent_for(level if kind is not BlockKind.NOTE else 9)
    builder.pending_caption = ""
    builder.blocks.append(
        Block(builder.next_id(), kind, marked.text, level=level, marker=marked.marker, part=builder.part, parent=parent)
    )


def _kind_of(marker: str, is_heading: bool) -> BlockKind:
    if is_heading:
        return BlockKind.HEADING
    if not marker:
        return BlockKind.PARAGRAPH
    return BlockKind.NOTE if is_note(marker) else BlockKind.BULLET


def _add_table(table: Table, builder: _Builder) -> None:
    lines = [" ".join(dedupe_row(row)) for row in table.grid()]
    if (
        lines
        and all(is_contact_line(line) or not line.strip() for line in lines if line.strip())
        and any(is_contact_line(line) for line in lines)
    ):
        builder.contact_lines.extend(lines)
        return
    if any(is_contact_line(line) for line in lines) and re.search(r"담\s*당|책\s*임\s*자", lines[0]):
        builder.contact_lines.extend(line for line in lines if is_contact_line(line))
        return
    if not any(line.strip() for line in lines):
        return
    first_cell = next((cell for row in table.grid() for cell in row if cell.strip()), "")
    if APPENDIX_RE.match(first_cell):
        builder.part = Part.APPENDIX
    text = " ".join(lines)
    if len(lines) <= 2 and boilerplate.drop_reason(text):
        builder.dropped.append(Dropped(text[:120], boilerplate.drop_reason(text)))
        return
    caption = builder.pending_caption
    if caption and builder.blocks and builder.blocks[-1].kind is BlockKind.HEADING:
        builder.blocks.pop()
    builder.pending_caption = ""
    builder.blocks.append(
        Block(builder.next_id(), BlockKind.TABLE, caption, part=builder.part, table=Table(table.rows, caption))
    )


def _license(raw: RawDocument, builder: _Builder) -> License:
    if raw.meta.kogl_type is not None:
        return License(raw.meta.kogl_type, raw.meta.kogl_evidence or "page")
    for dropped in builder.dropped:
        kogl_type = boilerplate.kogl_type_in(dropped.text)
        if kogl_type is not None:
            return License(kogl_type, "text notice")
    return License()


def _agency(page_agency: str, contacts: tuple[Contact, ...], title: str, blocks: list[Block]) -> str:
    """The page's agency, else the first listed agency in contacts, title or first lines, else a guess by suffix."""
    if page_agency:
        return page_agency
    texts = [c.department for c in contacts]
    texts.append(title.split(",")[0] if "," in title[:20] else "")
    texts.extend(block.text[:40] for block in blocks[:3])
    for listed_only in (True, False):
        for text in texts:
            found = guess_agency(text, listed_only=listed_only) if text else ""
            if found:
                return found
    return ""
