"""The article plan: sections that follow the release's points, short paragraphs, context and what comes next."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from haesol.compose.draft import Draft
from haesol.models import ArticleTable, Line

LOGGER = logging.getLogger(__name__)

MAX_PARAGRAPH_SENTENCES = 4
MIN_PARAGRAPH_SENTENCES = 2
MAX_CONTEXT_SENTENCES = 2
MAX_WHAT_NEXT_SHARE = 0.4
MAX_UNDATED_PLANS = 3
HEADING_MAX_CHARS = 40
ORDINAL_RE = re.compile(r"^(?:첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s?번째\s?,?\s*|^제?\d+\s?[.)]\s*")
COPULA_END_RE = re.compile(r"(?:이다|입니다|다|니다)\.?$")
PLAN_RE = re.compile(
    r"(?:예정|계획|방침)(?:이다|입니다|이며|이고|이라고|이라며)|할 것(?:이다|입니다)|나갈 것|나가겠|하기로 했|"
    r"(?:\d{1,2}월|\d{1,2}일|연말|연내|상반기|하반기|내년|\d{4}년)\S*\s?까지"
)
PAST_END_RE = re.compile(r"(?:였|았|었|했|됐|렸|쳤|졌)(?:다|습니다)\.$")
DATED_PLAN_RE = re.compile(r"\d{1,2}월|\d{1,2}일|연말|연내|상반기|하반기|내년|\d{4}년")
BACKGROUND_RE = re.compile(
    r"배경|그간|그동안|지난해|전년|대비|목적으로|위해 마련|따른 것|데 따라|발맞춰|발맞춘|계기로|때문"
)


@dataclass
class PlannedSection:
    """A section being planned: its heading (None: runs on from the one before), drafts and tables."""

    heading: Draft | Line | None
    drafts: list[Draft] = field(default_factory=list)
    tables: list[ArticleTable] = field(default_factory=list)


def block_of(draft: Draft) -> str:
    """The id of the block a draft's first source sentence comes from ('b7' of 'b7.s2')."""
    return draft.sources[0].split(".")[0] if draft.sources else ""


def is_quote(draft: Draft) -> bool:
    """Whether a draft carries a direct quote."""
    return "“" in draft.text or '"' in draft.text


def restates(draft: Draft, heading: str) -> bool:
    """Whether a short sentence only restates its section's heading ('첫 번째, X 구현이다.' under 'X 구현')."""
    core = COPULA_END_RE.sub("", ORDINAL_RE.sub("", draft.text.strip())).strip()
    words = {w for w in re.findall(r"[가-힣A-Za-z0-9·]+", core)}
    heading_words = set(re.findall(r"[가-힣A-Za-z0-9·]+", heading))
    return bool(words) and len(core) <= HEADING_MAX_CHARS and words <= heading_words | {"이", "이다"}


POINTER_RE = re.compile(r"^[^.]{0,40}(?:은|는|이|가) (?:다음과|아래와) 같(?:다|습니다)\.$")


def is_pointer(draft: Draft) -> bool:
    """'4대 핵심 전략 및 주요 과제는 다음과 같다.': a line that only points at what follows."""
    return POINTER_RE.match(draft.text) is not None


def merge_headless(sections: list[PlannedSection]) -> list[PlannedSection]:
    """A section without a heading runs on from the one before (the first one stays headless: context)."""
    out: list[PlannedSection] = []
    for section in sections:
        if section.heading is None and out:
            out[-1].drafts.extend(section.drafts)
            out[-1].tables.extend(section.tables)
        else:
            out.append(section)
    return out


def paragraphs(drafts: list[Draft], parents: dict[str, str | None]) -> list[list[Draft]]:
    """Paragraphs of two to four sentences, starting a new one where the release starts a new point.

    A quote keeps its own paragraph; a run longer than four sentences is cut into even pieces.
    """
    runs: list[list[Draft]] = []
    for draft in drafts:
        top = _top_block(block_of(draft), parents)
        previous = runs[-1][-1] if runs and runs[-1] else None
        new_point = previous is not None and _top_block(block_of(previous), parents) != top
        new_line = previous is not None and block_of(previous) != block_of(draft)
        quote_turn = previous is not None and is_quote(previous) != is_quote(draft)
        if not runs or new_point or quote_turn or (new_line and len(runs[-1]) >= MIN_PARAGRAPH_SENTENCES):
            runs.append([draft])
        else:
            runs[-1].append(draft)
    return [piece for run in _join_singles(runs) for piece in _cut(run)]


def _join_singles(runs: list[list[Draft]]) -> list[list[Draft]]:
    """A one-sentence paragraph joins the next one when both are plain prose and fit in four sentences."""
    out: list[list[Draft]] = []
    for run in runs:
        if (
            out
            and len(out[-1]) == 1
            and len(out[-1]) + len(run) <= MAX_PARAGRAPH_SENTENCES
            and not is_quote(out[-1][0])
            and not any(is_quote(d) for d in run)
        ):
            out[-1].extend(run)
        else:
            out.append(list(run))
    return out


def _cut(run: list[Draft]) -> list[list[Draft]]:
    if len(run) <= MAX_PARAGRAPH_SENTENCES:
        return [run]
    pieces = -(-len(run) // MAX_PARAGRAPH_SENTENCES)
    size = -(-len(run) // pieces)
    return [run[i : i + size] for i in range(0, len(run), size)]


def _top_block(block: str, parents: dict[str, str | None]) -> str:
    seen = set()
    while parents.get(block) and block not in seen:
        seen.add(block)
        block = parents[block] or block
    return block


def take_what_next(sections: list[PlannedSection], lead: list[Draft]) -> list[Draft]:
    """Sentences that state plans, schedules or deadlines, moved (in order) out of the body for '앞으로'.

    Quotes stay with their speaker. When plans are most of the body (a strategy release), only dated
    plans and explicit 예정/계획 sentences move, so the body keeps its substance.
    """
    body = [d for s in sections for d in s.drafts]
    candidates = [d for d in body if not is_quote(d) and PLAN_RE.search(d.text) and not PAST_END_RE.search(d.text)]
    if body and len(candidates) > MAX_WHAT_NEXT_SHARE * len(body):
        dated = [d for d in candidates if DATED_PLAN_RE.search(d.text)]
        candidates = dated or candidates[-MAX_UNDATED_PLANS:]
    if not candidates and not any(PLAN_RE.search(d.text) for d in lead):
        return []
    chosen = {id(d) for d in candidates}
    for section in sections:
        section.drafts = [d for d in section.drafts if id(d) not in chosen]
    return candidates


def take_context(sections: list[PlannedSection], lead: list[Draft]) -> list[Draft]:
    """Up to two background sentences (배경, 그간, 지난해 대비, 목적) from the first sections, for after the lead."""
    if any(BACKGROUND_RE.search(d.text) for d in lead[1:]):
        return []
    taken: list[Draft] = []
    for section in sections[:3]:
        for draft in list(section.drafts):
            if len(taken) >= MAX_CONTEXT_SENTENCES:
                break
            if not is_quote(draft) and BACKGROUND_RE.search(draft.text) and section.drafts.index(draft) <= 1:
                taken.append(draft)
                section.drafts.remove(draft)
    return taken
