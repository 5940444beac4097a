"""Sentence anatomy from morphemes: clauses, the topic, the predicate, and interrogative endings."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer
from haesol.compose.draft import Draft, word_start
from haesol.models import Morph

LOGGER = logging.getLogger(__name__)

REPORTING_STEMS = frozenset({"밝히", "말하", "강조", "설명", "전하", "당부", "언급", "덧붙이", "발표", "소개", "말"})
QUOTATIVE_ENDINGS = ("다고", "라고", "자고", "냐고", "고")
CLAUSE_ENDINGS = frozenset({"며", "으며", "고", "어", "아", "여", "면서", "으면서", "지만", "는데", "ᆫ데", "어서", "아서", "고서"})
PAST = "었"


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a sentence: morpheme indexes [first, last], the last being its ending."""

    first: int
    last: int
    predicate: int

    def span(self, draft: Draft) -> tuple[int, int]:
        """Character span of the clause in the draft's text."""
        return draft.morphs[self.first].start, draft.morphs[self.last].end


def clauses(draft: Draft) -> list[Clause]:
    """Split a sentence at connective endings followed by a comma (…되며, …), the last clause ending the sentence."""
    out: list[Clause] = []
    first = 0
    end = draft.content_end()
    for index, morph in enumerate(draft.morphs[: end + 1]):
        following = draft.morphs[index + 1] if index + 1 < len(draft.morphs) else None
        if morph.tag == "EC" and morph.form in CLAUSE_ENDINGS and following is not None and following.form == ",":
            out.append(Clause(first, index, _predicate_before(draft, index)))
            first = index + 2
    if end >= first:
        out.append(Clause(first, end, _predicate_before(draft, end)))
    return out


def _predicate_before(draft: Draft, ending_index: int) -> int:
    """Index of the predicate's head: the noun of a 하다/되다/이다 verb, else the verb stem."""
    index = ending_index
    while index > 0 and draft.morphs[index].tag in ("EF", "EC", "EP", "ETN", "ETM", "SF"):
        index -= 1
    morph = draft.morphs[index]
    if morph.tag in ("XSV", "XSA", "VCP") and index > 0:
        index -= 1
        if draft.morphs[index].tag == "XSN" and index > 0:
            index -= 1
    return index


def reported_clause_end(draft: Draft, clause: Clause) -> int | None:
    """For '…추진한다고 밝혔다', the index of the quotative ending (ᆫ다고) before the reporting verb."""
    predicate = draft.morphs[clause.predicate]
    if predicate.form not in REPORTING_STEMS and predicate.lemma[:-1] not in REPORTING_STEMS:
        return None
    for index in range(clause.predicate - 1, clause.first, -1):
        morph = draft.morphs[index]
        if morph.tag == "EC" and morph.form.endswith(QUOTATIVE_ENDINGS) and morph.form != "고":
            return index
        if morph.tag in ("JKQ",) or morph.form in ("”", '"'):
            return None
    return None


def topic_end(draft: Draft, limit: int) -> int | None:
    """Index of the topic/subject particle (은/는/이/가) of the sentence's first noun phrase, before ``limit``."""
    for index, morph in enumerate(draft.morphs[:limit]):
        if morph.tag in ("JX", "JKS") and morph.form in ("은", "는", "이", "가", "께서"):
            previous = draft.morphs[index - 1] if index > 0 else None
            if previous is not None and previous.tag in ("NNG", "NNP", "NNB", "XSN", "SSC", "SN", "NR"):
                return index
        if morph.tag in ("EC", "ETM", "JKO", "JKB"):
            return None
    return None


def interrogative(analyzer: Analyzer, draft: Draft, ending_index: int) -> str:
    """The last eojeol up to ``ending_index`` turned into a polite question ending (…하나요, …인가요)."""
    first = word_start(draft, ending_index)
    stem = [m for m in draft.morphs[first:ending_index + 1] if m.tag not in ("EF", "EC", "SF")]
    while stem and stem[-1].tag in ("EP", "ETN"):
        if stem[-1].tag == "EP" and stem[-1].form == PAST:
            break
        stem.pop()
    if not stem:
        return ""
    morphs = [(m.form, m.tag) for m in stem]
    last = stem[-1]
    if last.tag in ("VCP", "VA", "XSA"):
        morphs.append(("ᆫ가요", "EF"))
    elif last.tag in ("NNG", "NNB", "NNP"):
        morphs += [("이", "VCP"), ("ᆫ가요", "EF")]
    else:
        morphs.append(("나요", "EF"))
    return str(analyzer.kiwi.join(morphs)) + "?"


def is_past(draft: Draft, ending_index: int) -> bool:
    """Whether the predicate ending at ``ending_index`` carries the past marker."""
    first = word_start(draft, ending_index)
    return any(m.tag == "EP" and m.form == PAST for m in draft.morphs[first:ending_index + 1])


def text_between(draft: Draft, first: int, last: int) -> str:
    """The draft's text from morpheme ``first`` to morpheme ``last`` inclusive."""
    return draft.text[draft.morphs[first].start:draft.morphs[last].end]


def morph_at(draft: Draft, position: int) -> int:
    """Index of the morpheme covering character ``position`` (or the next one)."""
    for index, morph in enumerate(draft.morphs):
        if morph.end > position:
            return index
    return len(draft.morphs) - 1


def nouns_only(morphs: list[Morph]) -> bool:
    """Whether every morpheme is part of a noun phrase."""
    return all(m.tag in ("NNG", "NNP", "NNB", "SN", "NR", "XSN", "MM", "SP", "SW") for m in morphs)
