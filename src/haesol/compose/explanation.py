"""보도설명자료/해명자료: who answers which report, the report's claims attributed to the outlet, then the answer."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer
from haesol.compose.draft import Draft
from haesol.compose.top import topic_particle
from haesol.models import Analysis, ArticleTable, Block, BlockKind, Line, Origin, PartName, Release, Section

LOGGER = logging.getLogger(__name__)

EXPLANATION_TYPES = ("설명", "해명", "반박")
BOX_LABEL_RE = re.compile(r"[<〈＜]\s*보도\s*내용\s*(?:[(（]\s*([^,，)）]+?)\s*[,，]\s*([\d.\s]+?)\s*[)）])?\s*[>〉＞]")
ITEM_SPLIT_RE = re.compile(r"\s*(?:^|\n|\s)(?=[◈◇◆▶■□ㅇ○◦•-]\s)")
MARKER_RE = re.compile(r"^[◈◇◆▶■□ㅇ○◦•-]\s*")
BOX_FRAME_RE = re.compile(r"[│┃┌┐└┘├┤─━┏┓┗┛]+")
SENTENCE_END_RE = re.compile(r"다\.$")
LEAD_MAX_CHARS = 120
LEADING_CLAUSE_RE = re.compile(r"^[^,]{0,60}?(?:하여|해서|해|위해|따라|대비해),\s+")


@dataclass(frozen=True, slots=True)
class ReportedStory:
    """The news report a 보도설명자료 answers: its outlet, headline and claims, from the '보도 내용' box."""

    block_ids: tuple[str, ...]
    cell_id: str
    outlet: str
    headline: str
    headline_id: str
    claims: tuple[tuple[str, str], ...]  # (claim, id of the source sentence or cell)
    reported: bool = False  # from Release.reported_claims: every line citing it must say the outlet reported it


def is_explanation(release: Release) -> bool:
    """Whether the release answers a news report (보도설명자료, 해명자료, 반박자료)."""
    return any(word in release.doc_type for word in EXPLANATION_TYPES)


def reported_story(analysis: Analysis) -> ReportedStory | None:
    """The '< 보도 내용 (매체, 날짜) >' box of the release: a table cell, or a label line and the lines under it."""
    release = analysis.release
    if not is_explanation(release):
        return None
    if release.reported_claims:
        return _claims_story(analysis)
    blocks = release.body_blocks()
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.TABLE and block.table is not None:
            for r, row in enumerate(block.table.rows, 1):
                for c, cell in enumerate(row, 1):
                    story = _cell_story(block, cell.text, f"{block.id}.r{r}c{c}")
                    if story is not None:
                        return story
        elif BOX_LABEL_RE.search(block.text):
            first = analysis.of_block(block.id)
            return _paragraph_story(analysis, block.text, blocks[index + 1 :], [block.id], first[0].id if first else "")
    label_in_title = BOX_LABEL_RE.search(release.title)  # a text release can run the box's label into its title
    if label_in_title is not None:
        return _paragraph_story(analysis, release.title, blocks, [], "title")
    return None


def _claims_story(analysis: Analysis) -> ReportedStory | None:
    """The story from ``Release.reported_claims`` (the parser took the box out of the body): one per outlet."""
    claim = analysis.release.reported_claims[0]
    ids = [s for s in analysis.sentences if s.origin is Origin.REPORTED and s.block_id == "rc1"]
    if not claim.outlet or not ids:
        return None
    claims = tuple((s.text, s.id) for s in ids)
    return ReportedStory((), ids[0].id, claim.outlet, "", ids[0].id, claims, reported=True)


def _cell_story(block: Block, text: str, cell_id: str) -> ReportedStory | None:
    label = BOX_LABEL_RE.search(text)
    if label is None or not label.group(1):
        return None
    items = [_clean(part) for part in ITEM_SPLIT_RE.split(text[label.end() :])]
    items = [item for item in items if item]
    if not items:
        return None
    claims = tuple((item, cell_id) for item in items[1:])
    return ReportedStory((block.id,), cell_id, label.group(1).strip(), items[0], cell_id, claims)


def _paragraph_story(
    analysis: Analysis, label_text: str, blocks: tuple[Block, ...], ids: list[str], label_id: str
) -> ReportedStory | None:
    """A box written as lines: the label, then every line up to the ministry's first □ point."""
    label = BOX_LABEL_RE.search(label_text)
    if label is None or not label.group(1):
        return None
    items: list[tuple[str, str]] = []
    for block in blocks:
        if block.marker == "□" or block.kind in (BlockKind.TABLE, BlockKind.HEADING):
            break
        ids.append(block.id)
        for sentence in analysis.of_block(block.id):
            text = _clean(sentence.text)
            if text:
                items.append((text, sentence.id))
    if not items:
        return None
    cell_id = label_id or items[0][1]
    return ReportedStory(tuple(ids), cell_id, label.group(1).strip(), items[0][0], items[0][1], tuple(items[1:]))


def _clean(text: str) -> str:
    """A box line without frame characters and bullet marks."""
    text = " ".join(BOX_FRAME_RE.sub(" ", text).split())
    return MARKER_RE.sub("", text).strip()


def explanation_leads(analyzer: Analyzer, analysis: Analysis, lead: list[Draft], style: str) -> list[list[Draft]]:
    """Leads for a 보도설명자료, best first: '○○부는 △△의 ‘…’ 보도에 대해 …고 설명했다.', then a short
    '…보도에 대해 설명했다.' before the answer. Empty when the release answers no report."""
    release = analysis.release
    story = reported_story(analysis)
    if story is None or not lead or not release.agency:
        return []
    said = "설명했습니다." if style == "polite" else "설명했다."
    # the release's date stays in the dateline: the gate does not accept header lines as a source of facts
    particle = topic_particle(release.agency)
    if story.headline:
        opening = f"{release.agency}{particle} {story.outlet}의 ‘{story.headline}’ 보도에 대해"
    else:
        opening = f"{release.agency}{particle} {story.outlet}{subject_particle(story.outlet)} 보도한 내용에 대해"
    sources = tuple(dict.fromkeys([story.cell_id, story.headline_id, *lead[0].sources]))
    out = []
    answer = _answer_clause(lead[0], release.agency)
    if answer is not None:
        for clause in dict.fromkeys((answer, LEADING_CLAUSE_RE.sub("", answer, count=1))):
            text = f"{opening} {clause}고 {said}"
            if len(text) <= LEAD_MAX_CHARS:
                out.append([Draft(text, analyzer.morphs(text), sources), *lead[1:]])
    text = f"{opening} {said}"  # the answer follows as a sentence of its own
    out.append([Draft(text, analyzer.morphs(text), sources), *lead])
    return out


def _answer_clause(draft: Draft, agency: str) -> str | None:
    """The answer's words without its subject and full stop, in the plain (해라체) form an indirect quote takes."""
    text = draft.text.strip()
    text = re.sub(rf"^{re.escape(agency)}(?:\([^)]*\))?(?:은|는|이|가)\s+", "", text)
    text = re.sub(r"있습니다\.$", "있다.", text)
    text = re.sub(r"했습니다\.$", "했다.", text)
    text = re.sub(r"합니다\.$", "한다.", text)
    text = re.sub(r"입니다\.$", "이다.", text)
    if not SENTENCE_END_RE.search(text):
        return None
    return text[:-1]


def story_section(analysis: Analysis, style: str = "news") -> tuple[tuple[str, ...], Section] | None:
    """The outlet's report as its own section ('한빛일보 보도 내용'), every claim attributed to the outlet.

    Returns the ids of the box's blocks (left out of the narrated body) and the section.
    """
    story = reported_story(analysis)
    if story is None:
        return None
    heading = Line(f"{story.outlet} 보도 내용", PartName.LABEL)
    if story.reported:  # sentences that say who reported what: '한겨레는 “…”이라고 보도했다.'
        reported = "보도했습니다." if style == "polite" else "보도했다."
        lines = tuple(
            Line(
                f"{story.outlet}{topic_particle(story.outlet)} “{text}”{quote_particle(text)} {reported}",
                PartName.BODY,
                (source,),
            )
            for text, source in story.claims
        )
        return story.block_ids, Section(heading, (lines,))
    claims = ((story.headline, story.headline_id), *story.claims)
    items = tuple(
        (Line(text, PartName.TABLE, tuple(dict.fromkeys((source, story.cell_id)))),) for text, source in claims
    )
    table = ArticleTable(None, items, as_list=True)
    return story.block_ids, Section(heading, (), (table,))


def subject_particle(word: str) -> str:
    """'이' after a final consonant, '가' after a vowel."""
    return "이" if topic_particle(word) == "은" else "가"


def quote_particle(text: str) -> str:
    """'이라고' after a final consonant, '라고' after a vowel (closing marks are skipped)."""
    core = text.rstrip(" .”’\"'")
    return "이라고" if core and topic_particle(core) == "은" else "라고"
