"""Turn any format's RawDocument into a Release: header, title, contacts, body hierarchy, 참고/붙임."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field, replace

from haesol.errors import NoBodyError
from haesol.models import (
    Block,
    BlockKind,
    Dropped,
    EditorNote,
    License,
    Part,
    RawDocument,
    RawParagraph,
    RawTable,
    Release,
    ReportedClaim,
    SourceInfo,
    Table,
)
from haesol.parse.markers import is_note, split_marker
from haesol.parse.structure import boilerplate
from haesol.parse.structure.agency import find_agency
from haesol.parse.structure.front import TITLE_MAX_CHARS, dedupe_row, read_front
from haesol.parse.structure.header import is_contact_line, parse_contacts
from haesol.parse.structure.notes import editor_note
from haesol.parse.structure.reported import is_explain_head, is_report_head, read_report_box
from haesol.parse.structure.titles import cut_title

LOGGER = logging.getLogger(__name__)

APPENDIX_RE = re.compile(r"^\s*[<\[(]?\s*(붙\s*임|별\s*첨|첨\s*부)(\s*\d+)?\s*[>\])]?\s*(?:[:：.]|\d|$|\s)")
REFERENCE_RE = re.compile(r"^\s*[<\[(]?\s*참\s*고\s*(\d+)?\s*[>\])]?\s*(?:[:：.]\s*)?(?P<rest>.*)$")
TABLE_CAPTION_RE = re.compile(r"^\s*[<〈《\[]\s*(?P<caption>[^<>]{1,60}?)\s*[>〉》\]]\s*$")
CAPTION_RE = re.compile(
    r"^\s*(?:[\[<(【]\s*사\s*진\s*\d*\s*[\]>)】]|사진\s*설명\s*[:：]|\(\s*사진\s*[=:＝]|▲.*(?:사진|제공|ⓒ)|.*\(\s*사진\s*[=＝]\s*[^)]*\)\s*$|.*\(\s*[^()]{1,20}\s*제공\s*\).*ⓒ|.*\(ⓒ[^)]*\)\s*$)"
)
STAR_NOTE_RE = re.compile(r"^\s*(\*{1,3})\s*\S")
END_MARK_RE = re.compile(r"\s*끝\s*\.?\s*$")
TITLE_CUT_REASON = "제목이 길어 잘린 부분 (title cut at a safe point)"
PARENT_KINDS = frozenset({BlockKind.BULLET, BlockKind.PARAGRAPH, BlockKind.NOTE})


@dataclass
class _Builder:
    """Mutable state while walking a document once."""

    blocks: list[Block] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    contact_lines: list[str] = field(default_factory=list)
    notes: list[EditorNote] = field(default_factory=list)
    reported: list[ReportedClaim] = field(default_factory=list)
    report_lines: list[str] = field(default_factory=list)
    anchor: dt.date | None = None
    part: Part = Part.BODY
    pending_caption: str = ""
    chains: list[tuple[Block, tuple[tuple[int, str], ...]]] = field(default_factory=list)

    def close_report(self) -> None:
        """Turn the report box lines collected from paragraphs into a reported claim."""
        if self.report_lines:
            claim = read_report_box("\n".join(self.report_lines), self.anchor)
            if claim is not None:
                self.reported.append(claim)
            self.report_lines = []

    def next_id(self) -> str:
        return f"b{len(self.blocks) + 1}"

    def parent_for(self, level: int) -> str | None:
        """The latest bullet, paragraph or note of a lower level since the last heading, in this part.

        Linear overall: after each block the chain of possible parents (strictly rising levels, at
        most one per level) is remembered, so a question never walks back over earlier blocks.
        """
        chain = self._chain()
        for parent_level, block_id in reversed(chain):
            if parent_level < level:
                return block_id
        return None

    def _chain(self) -> tuple[tuple[int, str], ...]:
        chains = self.chains
        while chains and (len(chains) > len(self.blocks) or chains[-1][0] is not self.blocks[len(chains) - 1]):
            chains.pop()  # a popped (or replaced) block takes its chain with it
        for block in self.blocks[len(chains) :]:
            before = self.blocks[len(chains) - 1] if chains else None
            chains.append((block, _next_chain(chains[-1][1] if chains else (), block, before)))
        if not self.blocks or self.blocks[-1].part is not self.part:
            return ()
        return chains[-1][1]


def _next_chain(chain: tuple[tuple[int, str], ...], block: Block, before: Block | None) -> tuple[tuple[int, str], ...]:
    """The possible parents after ``block``: a heading or a new part clears them, a parent joins them."""
    if block.kind is BlockKind.HEADING or (before is not None and before.part is not block.part):
        chain = ()
    if block.kind in PARENT_KINDS and block.level > 0:
        return tuple(item for item in chain if item[0] < block.level) + ((block.level, block.id),)
    return chain


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
    builder.notes.extend(front.notes)
    builder.anchor = front.timing.date or front.distributed.date
    title = front.title
    # 2. body, 참고, 붙임, contacts, captions, notes to editors, reported claims
    for item in items[front.body_start :]:
        _add_item(item, builder, title)
    builder.close_report()
    body = [b for b in builder.blocks if b.part is Part.BODY and b.kind is not BlockKind.CAPTION]
    if not any(b.text.strip() or b.table for b in body):
        raise NoBodyError("본문 문단이 없습니다 (no body paragraphs)", source=source.path or source.url)
    if front.title_tail:
        builder.dropped.append(Dropped(front.title_tail[:120], TITLE_CUT_REASON))
    if not title.strip():  # never an empty headline: the opening words of the body, cut safely
        title = _fallback_title(body)
    contacts = tuple(parse_contacts(builder.contact_lines))
    license_ = _license(raw, builder)
    lead = next((b.text for b in body if b.kind in (BlockKind.PARAGRAPH, BlockKind.BULLET)), "")
    agency, agency_source = find_agency(
        page=raw.meta.agency, header_texts=front.banner_texts, contacts=contacts, title=title, lead=lead
    )
    return Release(
        title=title,
        subtitles=tuple(front.subtitles),
        doc_type=front.doc_type or "보도자료",
        doc_type_stated=bool(front.doc_type),
        agency=agency,
        agency_source=agency_source,
        notes=tuple(builder.notes),
        reported_claims=tuple(builder.reported),
        timing=front.timing,
        distributed=front.distributed,
        contacts=contacts,
        blocks=tuple(builder.blocks),
        source=source,
        license=license_,
        style="box" if any(b.marker in ("□", "■", "◼") for b in body) else "paragraph",
        dropped=tuple(builder.dropped),
    )


def _fallback_title(body: list[Block]) -> str:
    """The opening words of the first body text (a paragraph, else a table's cells), cut safely."""
    for block in body:
        text = block.text.strip() or (" ".join(" ".join(row) for row in block.table.grid()) if block.table else "")
        if text.strip():
            return cut_title(text, TITLE_MAX_CHARS)
    return ""


def _add_item(item: RawParagraph | RawTable, builder: _Builder, title: str) -> None:
    if isinstance(item, RawTable):
        _add_table(item.table, builder)
        return
    text = END_MARK_RE.sub("", item.text) if item.text.rstrip().endswith("끝.") else item.text
    if not text.strip():
        return
    if _take_report_line(text, builder):
        return
    note = editor_note(text)
    if note is not None:
        builder.notes.append(note)
        builder.dropped.append(Dropped(text.strip()[:120], f"기자 안내 ({note.kind} note to editors)"))
        _drop_orphan_star(text, builder)
        return
    if item.is_caption or CAPTION_RE.match(text):
        builder.blocks.append(Block(builder.next_id(), BlockKind.CAPTION, text.strip(), part=builder.part))
        return
    reason = boilerplate.drop_reason(text)
    if reason:
        builder.dropped.append(Dropped(text.strip()[:120], reason))
        _drop_orphan_star(text, builder)
        return
    if is_contact_line(text):
        builder.contact_lines.append(text)
        return
    if text.replace(" ", "") == title.replace(" ", ""):
        return
    _switch_part(text, builder)
    _add_paragraph(item, text, builder)


def _drop_orphan_star(note_text: str, builder: _Builder) -> None:
    """A dropped '* …' note leaves its star in the line above: take the star out and list it as dropped."""
    stars = STAR_NOTE_RE.match(note_text)
    if stars is None or not builder.blocks:
        return
    mark = stars.group(1)
    block = builder.blocks[-1]
    found = re.search(rf"(?<=[가-힣A-Za-z0-9)’”]){re.escape(mark)}(?!\*)", block.text)
    if block.table is not None or found is None:
        return
    text = block.text[: found.start()] + block.text[found.end() :]
    builder.blocks[-1] = replace(block, text=text)
    builder.dropped.append(
        Dropped(
            block.text[max(0, found.start() - 20) : found.end()], "각주 표시 (footnote star whose note was dropped)"
        )
    )


def _take_report_line(text: str, builder: _Builder) -> bool:
    """Collect a '< 보도 내용 >' box written as paragraphs, up to '< 설명 내용 >' or the first □ line."""
    if is_report_head(text):
        builder.close_report()
        builder.report_lines = [text.strip()]
        return True
    if is_explain_head(text):
        builder.close_report()
        return True
    if not builder.report_lines:
        return False
    if split_marker(text).marker in ("□", "■"):
        builder.close_report()
        return False
    builder.report_lines.append(text.strip())
    return True


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
    box_text = "\n".join(cell.text for row in table.rows for cell in row if cell.text.strip())
    if is_report_head(box_text):
        claim = read_report_box(box_text, builder.anchor)
        if claim is not None:
            builder.reported.append(claim)
            builder.dropped.append(Dropped(box_text[:120], "보도 내용 상자 (reported claim, kept in reported_claims)"))
            return
    if is_explain_head(box_text.strip()):
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
