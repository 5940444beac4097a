"""Analyse a Release once: sentences with ids, morphemes and facts, quotes tied to their speakers."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace

from haesol.analyze.facts import extract_facts
from haesol.analyze.kiwi import Analyzer, get_analyzer
from haesol.models import Analysis, Block, BlockKind, Fact, FactKind, Morph, Origin, Part, Release, Sentence

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Unit:
    """A piece of source text to split into sentences, with the id prefix its sentences get."""

    prefix: str
    text: str
    block_id: str
    origin: Origin
    single: bool = False


def analyze_release(release: Release, anchor: dt.date | None = None, analyzer: Analyzer | None = None) -> Analysis:
    """Split the release into sentences, analyse each once with Kiwi, and extract its facts.

    Args:
        release: the parsed release.
        anchor: the date relative dates resolve against; default the release date. With neither,
            partial dates keep no year (only a weekday in parentheses pins one); never today's year.
        analyzer: the Kiwi wrapper (the process-wide one by default).
    """
    analyzer = analyzer or get_analyzer()
    fact_anchor = anchor or release.date
    anchor = fact_anchor or dt.date.today()
    units = _units(release)
    splits = analyzer.split([u.text for u in units])
    sentences: list[Sentence] = []
    for unit, found in zip(units, splits, strict=True):
        if unit.single or len(found) <= 1:
            morphs = tuple(m for s in found for m in s.morphs) if len(found) <= 1 else analyzer.morphs(unit.text)
            sentences.append(
                _sentence(unit.prefix if unit.single else f"{unit.prefix}.s1", unit, unit.text, morphs, fact_anchor)
            )
            continue
        for n, split in enumerate(found, start=1):
            sentences.append(_sentence(f"{unit.prefix}.s{n}", unit, split.text, split.morphs, fact_anchor))
    return Analysis(
        release=release,
        sentences=tuple(_resolve_speakers(sentences, release)),
        anchor=anchor,
        dated=fact_anchor is not None,
    )


def _sentence(sentence_id: str, unit: _Unit, text: str, morphs: tuple[Morph, ...], anchor: dt.date | None) -> Sentence:
    return Sentence(
        id=sentence_id,
        text=text,
        block_id=unit.block_id,
        origin=unit.origin,
        morphs=morphs,
        facts=extract_facts(text, morphs, anchor),
    )


def _units(release: Release) -> list[_Unit]:
    units = [_Unit("title", release.title, "title", Origin.TITLE, single=True)] if release.title else []
    units += [_Unit(f"sub{i}", s, f"sub{i}", Origin.SUBTITLE, single=True) for i, s in enumerate(release.subtitles, 1)]
    for block in release.blocks:
        units.extend(_block_units(block))
    for i, claim in enumerate(release.reported_claims, 1):
        units.append(_Unit(f"rc{i}", claim.text, f"rc{i}", Origin.REPORTED))
    for i, contact in enumerate(release.contacts, 1):
        text = " ".join(p for p in (contact.department, contact.role, contact.position, contact.name) if p)
        units.append(
            _Unit(f"c{i}", f"{text} ({contact.phone})" if contact.phone else text, f"c{i}", Origin.CONTACT, True)
        )
    if release.agency:
        units.append(_Unit("h0", f"{release.agency} {release.doc_type}", "h0", Origin.HEADER, single=True))
    for prefix, label, timing in (("h1", "보도시점", release.timing), ("h2", "배포", release.distributed)):
        if timing.raw:
            units.append(_Unit(prefix, f"{label}: {timing.raw}", prefix, Origin.HEADER, single=True))
    return [u for u in units if u.text.strip()]


def _origin_of(block: Block) -> Origin:
    if block.kind is BlockKind.CAPTION:
        return Origin.CAPTION
    if block.part is Part.REFERENCE:
        return Origin.REFERENCE
    if block.part is Part.APPENDIX:
        return Origin.APPENDIX
    return Origin.TABLE if block.kind is BlockKind.TABLE else Origin.BODY


def _block_units(block: Block) -> list[_Unit]:
    origin = _origin_of(block)
    if block.table is None:
        return [_Unit(block.id, block.text, block.id, origin)]
    units = []
    if block.text:
        units.append(_Unit(f"{block.id}.cap", block.text, block.id, origin, single=True))
    for r, row in enumerate(block.table.rows, 1):
        for c, cell in enumerate(row, 1):
            if cell.text.strip():
                units.append(_Unit(f"{block.id}.r{r}c{c}", cell.text, block.id, origin, single=True))
    return units


def _resolve_speakers(sentences: list[Sentence], release: Release) -> list[Sentence]:
    """A quote on a ㅇ line without a named speaker takes the speaker of its parent □ line."""
    parents = {b.id: b.parent for b in release.blocks}
    last_speaker_by_block: dict[str, str] = {}
    out = []
    for sentence in sentences:
        speaker_here = _last_speaker(sentence.facts)
        if speaker_here:
            last_speaker_by_block[sentence.block_id] = speaker_here
        inherited = last_speaker_by_block.get(parents.get(sentence.block_id) or "", "")
        if any(_unattributed_speech(f) for f in sentence.facts) and inherited:
            facts = tuple(_with_speaker(f, inherited) for f in sentence.facts)
            sentence = replace(sentence, facts=facts)
        out.append(sentence)
    return out


def _last_speaker(facts: tuple[Fact, ...]) -> str:
    people = [f.value for f in facts if f.kind is FactKind.PERSON]
    if people:
        return people[-1]
    titles = [f.value for f in facts if f.kind is FactKind.TITLE]
    return titles[-1] if titles else ""


def _unattributed_speech(fact: Fact) -> bool:
    return fact.kind is FactKind.QUOTE and fact.text[:1] in '“"' and not fact.speaker and " " in fact.value


def _with_speaker(fact: Fact, speaker: str) -> Fact:
    return replace(fact, speaker=speaker) if _unattributed_speech(fact) else fact
