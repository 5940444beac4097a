"""The article's shape: body groups that follow the release's structure, section headings, key points, tables."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from haesol.analyze.facts import normalize_quote
from haesol.compose.compress import heading_phrase, key_point
from haesol.compose.draft import Draft
from haesol.models import (
    Analysis,
    ArticleTable,
    Block,
    BlockKind,
    Fact,
    FactKind,
    Line,
    PartName,
    Release,
    Sentence,
    Table,
)

LOGGER = logging.getLogger(__name__)

MIN_KEY_POINTS = 3
MAX_KEY_POINTS = 5
KEY_POINT_MAX_CHARS = 60
QUOTE_HEADING_CHARS = 18
PARAGRAPHS_PER_SECTION = 2
LAYOUT_EMPTY_SHARE = 0.5
FORM_MIN_COLUMNS = 5
NESTED_CELL_RE = re.compile(r"(?:^|\s)[•◈◇◆▶■□ㅇ○◦]\s")
LIST_ITEM_RE = re.compile(
    r"\s*(?:\|\s*)+|\s*[\U000F0000-\U000FFFFF\uE000-\uF8FF]+\s*|\s+(?=[•◈◇◆▶■□○◦ㅇ]\s)|\s+(?=\d\s[가-힣])"
)
LIST_MARKER_RE = re.compile(r"^[•◈◇◆▶■□○◦ㅇ\-]\s+")
BY_KIND_RE = re.compile(r"^(?:특히\s+)?([가-힣]{1,6})별로(?:는|보면)?\s")
BY_KIND_TOPIC_RE = re.compile(r"^(?:특히\s+)?([가-힣]{1,6}별 [가-힣]{2,8})(?:은|는)\s")
WEAK_HEADING_END_RE = re.compile(r"(?:풀이|구성|당부|설명|강조|평가|전망|분석|언급|단행|마련)$")
BOUND_NOUNS = frozenset({"수", "것", "데", "등", "때", "줄", "바", "뿐", "만큼"})


@dataclass
class Group:
    """A top-level point (□ line or paragraph) with the lines under it, and a heading the release gives."""

    blocks: list[Block] = field(default_factory=list)
    heading: Block | None = None


def group_body(release: Release) -> list[Group]:
    """Group body blocks: each □ point or paragraph starts a group; ㅇ/-/* lines and tables join it."""
    groups: list[Group] = []
    pending_heading: Block | None = None
    for block in release.body_blocks():
        if block.kind is BlockKind.HEADING:
            pending_heading = block
            continue
        starts = block.kind is BlockKind.PARAGRAPH or (block.kind is BlockKind.BULLET and block.level <= 1)
        if starts or not groups or pending_heading is not None:
            groups.append(Group(heading=pending_heading))
            pending_heading = None
        groups[-1].blocks.append(block)
    return _pack_paragraphs(groups) if release.style == "paragraph" else groups


def _pack_paragraphs(groups: list[Group]) -> list[Group]:
    """In 문단식 releases, put two paragraphs per section unless a heading or a quote starts a new one."""
    packed: list[Group] = []
    for group in groups:
        has_quote = any("“" in b.text or '"' in b.text for b in group.blocks)
        previous = packed[-1] if packed else None
        if (
            previous is not None
            and group.heading is None
            and not has_quote
            and _paragraph_count(previous) < PARAGRAPHS_PER_SECTION
            and not any("“" in b.text for b in previous.blocks)
        ):
            previous.blocks.extend(group.blocks)
        else:
            packed.append(Group(list(group.blocks), group.heading))
    return packed


def _paragraph_count(group: Group) -> int:
    return sum(1 for b in group.blocks if b.kind is BlockKind.PARAGRAPH)


def section_heading(group: Group, drafts: list[Draft], analysis: Analysis) -> Draft | Line | None:
    """The release's own heading, else '{speaker} “…”' for a quote section, else a phrase of the first sentence.

    None when no good heading exists: the section then runs on from the one before.
    """
    if group.heading is not None:
        sentence_ids = tuple(s.id for s in analysis.of_block(group.heading.id))
        return Line(group.heading.text.strip(), PartName.HEADING, sentence_ids)
    quote = _quote_heading(group, analysis)
    if quote is not None:
        return quote
    for draft in drafts[:2]:
        by_kind = _by_kind_heading(draft)
        if by_kind is not None:
            return by_kind
        phrase = heading_phrase(draft)
        if phrase is not None and 6 <= len(phrase.text) <= 40 and not WEAK_HEADING_END_RE.search(phrase.text):
            return phrase
    return None


def _by_kind_heading(draft: Draft) -> Draft | None:
    """'품목별로는 …' → '품목별 현황', '업종별 투자규모는 …' → '업종별 투자규모' (the breakdown the paragraph gives)."""
    topic = BY_KIND_TOPIC_RE.match(draft.text)
    if topic is not None:
        return Draft(topic.group(1), (), draft.sources)
    match = BY_KIND_RE.match(draft.text)
    if match is None:
        return None
    word = match.group(1)
    return Draft(f"{word}별 현황", (), draft.sources)


def _quote_heading(group: Group, analysis: Analysis) -> Draft | None:
    """'{speaker} “{short verbatim part of the shortest quote}”'."""
    quotes = [
        (fact, sentence)
        for block in group.blocks
        for sentence in analysis.of_block(block.id)
        for fact in sentence.facts
        if fact.kind is FactKind.QUOTE and fact.text[:1] in '“"' and fact.speaker
    ]
    for fact, sentence in sorted(quotes, key=lambda q: len(q[0].value)):
        speaker = _speaker_phrase(analysis, fact.speaker, group)
        if not speaker:
            continue
        fragment = _quote_fragment(sentence, fact)
        text = f"{speaker[0]} “{fragment}”"
        return Draft(text, (), tuple(dict.fromkeys((speaker[1], sentence.id))))
    return None


def _speaker_phrase(analysis: Analysis, speaker: str, group: Group) -> tuple[str, str] | None:
    """'한도윤 장관' as the group's sentences write it, with the id of that sentence."""
    for block in group.blocks:
        for sentence in analysis.of_block(block.id):
            match = re.search(
                rf"{re.escape(speaker)}(?:\s+[가-힣]+){{0,2}}?\s*([가-힣]*(?:장관|차관|관|장|대변인|총리|대통령|위원))(?=[은는이가\s,])",
                sentence.text,
            )
            if match:
                return f"{speaker} {match.group(1)}", sentence.id
            if speaker in sentence.text:
                return speaker, sentence.id
    return None


def _quote_fragment(sentence: Sentence, fact: Fact) -> str:
    """The last words of a quote (verbatim), short enough for a heading, not opening on a leaning word."""
    quote = normalize_quote(fact.value)
    if len(quote) <= QUOTE_HEADING_CHARS:
        return quote
    inner_start, inner_end = fact.start + 1, fact.end - 1
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence.text[inner_start:inner_end])]
    kept: list[tuple[int, int]] = []
    for start, end in reversed(words):
        if kept and (kept[-1][1] - start) > QUOTE_HEADING_CHARS:
            break
        kept.insert(0, (start, end))
    kept.sort()
    while len(kept) > 1 and _leans(sentence, inner_start + kept[0][0], inner_start + kept[0][1]):
        kept.pop(0)
    text = sentence.text[inner_start + kept[0][0] : inner_start + kept[-1][1]] if kept else quote
    return normalize_quote(text)


def _leans(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a word cannot open a phrase: a bound noun, or a modifier/connective/genitive ending."""
    morphs = [m for m in sentence.morphs if start <= m.start < end]
    if not morphs:
        return False
    return morphs[0].form in BOUND_NOUNS or morphs[-1].tag in ("ETM", "EC", "JKG", "JKB")


def key_points(drafts: list[Draft]) -> list[Draft]:
    """Three to five short key points, in article order, favouring sentences with figures and dates."""
    scored: list[tuple[int, int, Draft]] = []
    for order, draft in enumerate(drafts):
        if "“" in draft.text or '"' in draft.text:
            continue
        point = key_point(draft)
        if point is None or len(point.text) > KEY_POINT_MAX_CHARS:
            continue
        score = len(re.findall(r"\d+", point.text)) * 2 + (3 if order == 0 else 0) - len(point.text) // 30
        scored.append((score, order, point))
    if len(scored) < MIN_KEY_POINTS:
        scored.extend(_sentence_points(drafts, {order for _, order, _ in scored}, MIN_KEY_POINTS - len(scored)))
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:MAX_KEY_POINTS]
    chosen = [point for _, _, point in sorted(best, key=lambda item: item[1])]
    return _unique(chosen)


def _sentence_points(drafts: list[Draft], used: set[int], wanted: int) -> list[tuple[int, int, Draft]]:
    """Short whole sentences as key points when too few sentences compress (문단식 releases)."""
    out: list[tuple[int, int, Draft]] = []
    for order, draft in enumerate(drafts):
        if len(out) >= wanted:
            break
        if order in used or "“" in draft.text or '"' in draft.text or len(draft.text) > KEY_POINT_MAX_CHARS + 10:
            continue
        if re.search(r"\d", draft.text):
            out.append((0, order, draft))
    return out


def _unique(points: list[Draft]) -> list[Draft]:
    seen: set[str] = set()
    out = []
    for point in points:
        if point.text not in seen:
            seen.add(point.text)
            out.append(point)
    return out


def table_of(block: Block) -> ArticleTable:
    """A source table as article lines, cell by cell, each citing its cell, with merged cells kept.

    A layout table (one column, mostly empty, or cells holding bullet lists) becomes a list: its
    non-empty cells, a cell's own bullet items one by one.
    """
    assert block.table is not None
    caption = Line(block.text, PartName.TABLE, (f"{block.id}.cap",)) if block.text else None
    if is_layout_table(block.table):
        items = []
        for r, row in enumerate(block.table.rows, 1):
            for c, cell in enumerate(row, 1):
                for piece in LIST_ITEM_RE.split(" ".join(cell.text.split())):
                    item = LIST_MARKER_RE.sub("", piece.strip())
                    if len(item) > 1:
                        items.append(Line(item, PartName.TABLE, (f"{block.id}.r{r}c{c}",)))
        return ArticleTable(caption, tuple((item,) for item in items), as_list=True)
    rows = []
    spans = []
    for r, row in enumerate(block.table.rows, 1):
        cells = []
        for c, cell in enumerate(row, 1):
            text = " ".join(cell.text.split())
            cells.append(Line(text, PartName.TABLE, (f"{block.id}.r{r}c{c}",) if text else ()))
        rows.append(tuple(cells))
        spans.append(tuple((max(cell.row_span, 1), max(cell.col_span, 1)) for cell in row))
    return ArticleTable(caption, tuple(rows), tuple(spans))


def is_layout_table(table: Table) -> bool:
    """A table used for layout, not data: one column, mostly empty, or a cell holding a bullet list."""
    grid = table.grid()
    if not grid:
        return False
    cells = [cell for row in grid for cell in row]
    empty = sum(1 for cell in cells if not cell.strip())
    if len(grid[0]) == 1 or empty >= LAYOUT_EMPTY_SHARE * len(cells):
        return True
    distinct = max(len({cell for cell in row if cell.strip()}) for row in grid)
    if len(grid[0]) >= FORM_MIN_COLUMNS and distinct <= 2:  # a form laid out on a fine grid
        return True
    return any(len(NESTED_CELL_RE.findall(cell.text)) >= 2 for row in table.rows for cell in row)
