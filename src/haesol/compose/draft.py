"""A sentence being rewritten: its text, morphemes kept in step with every edit, its source ids and the spans we changed."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer
from haesol.analyze.spans import Region, near, spacing_changes
from haesol.models import Morph, Sentence

LOGGER = logging.getLogger(__name__)

FINAL_PUNCT = ".!?。"
CLOSERS = "\"”’')]」』"
UNIT_SYMBOLS = frozenset({"%", "％", "℃", "㎡", "㎞", "㎏", "$", "€", "￦", "₩"})
PUNCT_TAGS = frozenset({"SF", "SP", "SE", "SSC", "SSO", "SW", "SO"})
LEANING_TAGS = frozenset(
    {
        "JKS",
        "JKC",
        "JKG",
        "JKO",
        "JKB",
        "JKV",
        "JKQ",
        "JX",
        "JC",
        "EC",
        "EF",
        "EP",
        "ETM",
        "ETN",
        "VCP",
        "XSN",
        "XSV",
        "XSA",
    }
)
QUOTE_SPAN_RE = re.compile(r"“[^“”]*”|\"[^\"]*\"|「[^「」]*」|『[^『』]*』|｢[^｢｣]*｣|‘[^‘’\d][^‘’]*’")

QUOTATIVE_START_RE = re.compile(r"(?:이)?라(?:고|며|면서)\s|고\s")

MorphSpec = tuple[str, str] | tuple[str, str, bool]


@dataclass(frozen=True, slots=True)
class Draft:
    """Text plus morphemes (offsets into the text), the source sentence ids, and the regions our edits wrote."""

    text: str
    morphs: tuple[Morph, ...]
    sources: tuple[str, ...]
    edited: tuple[Region, ...] = ()

    @classmethod
    def of(cls, sentence: Sentence) -> Draft:
        """A draft that is a source sentence as written."""
        return cls(sentence.text, sentence.morphs, (sentence.id,))

    def replace_span(self, start: int, end: int, new_text: str, new_morphs: Sequence[Morph] = ()) -> Draft:
        """Replace ``text[start:end]``; morphemes inside are replaced, later ones shifted; the span is marked edited.

        Args:
            start: first character replaced.
            end: character after the last replaced.
            new_text: the replacement.
            new_morphs: morphemes of ``new_text`` with offsets relative to ``new_text``.
        """
        delta = len(new_text) - (end - start)
        kept_before = [m for m in self.morphs if m.end <= start and m.start < start]
        kept_after = [_shift(m, delta) for m in self.morphs if m.start >= end]
        inserted = [_shift(m, start) for m in new_morphs]
        text = self.text[:start] + new_text + self.text[end:]
        regions = [part for r in self.edited for part in _outside(r, start, end, delta)]
        regions.append(_changed(self.text[start:end], new_text, start))
        return Draft(text, tuple(kept_before + inserted + kept_after), self.sources, _merge_regions(regions))

    def cut(self, start: int, end: int) -> Draft:
        """The draft's text from ``start`` to ``end`` (a whole sentence or clause), same sources."""
        morphs = tuple(_shift(m, -start) for m in self.morphs if m.start >= start and m.end <= end)
        regions = tuple((max(s, start) - start, min(e, end) - start) for s, e in self.edited if e >= start and s <= end)
        return Draft(self.text[start:end], morphs, self.sources, regions)

    def content_end(self) -> int:
        """Index of the last morpheme that is not trailing punctuation, or -1."""
        for index in range(len(self.morphs) - 1, -1, -1):
            morph = self.morphs[index]
            if morph.tag not in PUNCT_TAGS or morph.form in UNIT_SYMBOLS:
                return index
        return -1

    def ends_inside_quote(self) -> bool:
        """Whether the sentence ends with a closing double quotation mark (a quote stands as the sentence)."""
        stripped = self.text.rstrip(" " + FINAL_PUNCT)
        return stripped.endswith(("”", '"'))

    def leans(self) -> bool:
        """Whether the draft opens on a particle or an ending (it continues the text before it: '이라고 강조하며')."""
        if QUOTATIVE_START_RE.match(self.text):
            return True
        return bool(self.morphs) and self.morphs[0].start == 0 and self.morphs[0].tag in LEANING_TAGS

    def with_period(self) -> Draft:
        """The draft ending with a full stop (after any closing quote or bracket)."""
        stripped = self.text.rstrip()
        if stripped.endswith(tuple(FINAL_PUNCT)):
            return self if stripped == self.text else Draft(stripped, self.morphs, self.sources, self.edited)
        period = Morph(".", "SF", ".", len(stripped), 1)
        regions = _merge_regions([*self.edited, (len(stripped), len(stripped) + 1)])
        return Draft(stripped + ".", self.morphs + (period,), self.sources, regions)

    def protected(self) -> list[Region]:
        """Character spans inside quotation marks or 「」: text there is never rewritten."""
        return [(m.start(), m.end()) for m in QUOTE_SPAN_RE.finditer(self.text)]

    def is_protected(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` overlaps a quoted span."""
        return any(s < end and start < e for s, e in self.protected())


def _shift(morph: Morph, delta: int) -> Morph:
    return Morph(morph.form, morph.tag, morph.lemma, morph.start + delta, morph.length, morph.conjugation)


def _changed(old: str, new: str, offset: int) -> Region:
    """The part of ``new`` that differs from ``old`` (common prefix and suffix left out), at ``offset``."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return offset + prefix, offset + len(new) - suffix


def _outside(region: Region, start: int, end: int, delta: int) -> list[Region]:
    """The parts of a region outside a replaced span ``start..end``, shifted to the new text."""
    s, e = region
    parts = []
    if s < start:
        parts.append((s, min(e, start)))
    if e > end:
        parts.append((max(s, end) + delta, e + delta))
    if s == e and start <= s <= end:
        parts.append((start, start))
    return parts


def _shift_region(region: Region, start: int, end: int, delta: int) -> Region:
    s, e = region
    if e <= start:
        return region
    if s >= end:
        return s + delta, e + delta
    return min(s, start), max(e + delta, start)


def _merge_regions(regions: Sequence[Region]) -> tuple[Region, ...]:
    merged: list[Region] = []
    for s, e in sorted(regions):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return tuple(merged)


def word_start(draft: Draft, morph_index: int) -> int:
    """Index of the first morpheme of the eojeol (space-separated word) holding ``morph_index``."""
    index = morph_index
    while index > 0 and " " not in draft.text[draft.morphs[index - 1].end : draft.morphs[index].start]:
        index -= 1
    return index


def spaced_morphs(draft: Draft, first: int, last: int) -> list[MorphSpec]:
    """Morphemes ``first..last`` as (form, tag, space-before) tuples, the spacing as written."""
    out: list[MorphSpec] = []
    for index in range(first, last + 1):
        morph = draft.morphs[index]
        before = draft.text[draft.morphs[index - 1].end : morph.start] if index > first else ""
        out.append((morph.form, morph.join_tag, " " in before))
    return out


def rejoin(analyzer: Analyzer, draft: Draft, first: int, last: int, morphs: Sequence[MorphSpec]) -> Draft:
    """Replace morphemes ``first..last`` (whole eojeols) with ``morphs`` joined by Kiwi.

    Kiwi's join conjugates (밝히+었+다 → 밝혔다); a third tuple element says whether a space
    comes before the morpheme, so the spacing of kept words stays as written. The text before
    and after the span is kept exactly.
    """
    start = draft.morphs[first].start
    end = max(m.end for m in draft.morphs[first : last + 1])
    items = [m if len(m) == 3 else (m[0], m[1], False) for m in morphs]
    joined, positions = analyzer.kiwi.join(list(items), return_positions=True)
    new_morphs = [
        Morph(
            item[0],
            item[1].partition("-")[0],
            item[0] if not item[1].startswith("V") else item[0] + "다",
            s,
            max(e - s, 0),
            "".join(item[1].partition("-")[1:]),
        )
        for item, (s, e) in zip(items, positions, strict=True)
    ]
    return draft.replace_span(start, end, joined, new_morphs)


def merge_drafts(drafts: Sequence[Draft], tight: bool = False) -> Draft:
    """Join drafts into one (sources united, in order).

    A draft that leans on the one before (a particle or an ending first) joins without a space,
    and so does every draft when ``tight``.
    """
    text = ""
    morphs: list[Morph] = []
    sources: list[str] = []
    regions: list[Region] = []
    for draft in drafts:
        separator = "" if not text or tight or draft.leans() else " "
        offset = len(text) + len(separator)
        if text:
            regions.append((len(text), offset))
        text = f"{text}{separator}{draft.text}"
        morphs.extend(_shift(m, offset) for m in draft.morphs)
        regions.extend((s + offset, e + offset) for s, e in draft.edited)
        sources.extend(s for s in draft.sources if s not in sources)
    return Draft(text, tuple(morphs), tuple(sources), _merge_regions(regions))


def split_sentences(draft: Draft) -> list[Draft]:
    """Cut a draft where a finished sentence (final ending and full stop) is followed by more text."""
    pieces = []
    start = 0
    for index, morph in enumerate(draft.morphs[:-1]):
        following = draft.morphs[index + 1]
        if morph.tag != "EF" or following.tag != "SF" or following.form not in FINAL_PUNCT:
            continue
        end = following.end
        while end < len(draft.text) and draft.text[end] in CLOSERS:
            end += 1
        if draft.text[end:].strip() and not draft.is_protected(end - 1, end):
            pieces.append((start, end))
            start = end + len(draft.text[end:]) - len(draft.text[end:].lstrip())
    pieces.append((start, len(draft.text)))
    return [draft.cut(s, e) for s, e in pieces if draft.text[s:e].strip()] if len(pieces) > 1 else [draft]


def respace(analyzer: Analyzer, draft: Draft) -> Draft:
    """Apply Kiwi's spacing model, but only where our own edits wrote text (the source's spacing stays)."""
    return respace_many(analyzer, [draft])[0]


def respace_many(analyzer: Analyzer, drafts: Sequence[Draft]) -> list[Draft]:
    """``respace`` for many drafts with one batched call of Kiwi's spacing model.

    Only a window around the edited regions (one word either side) is given to the model: the
    rest of the sentence is the source's own text, whose spacing is never changed.
    """
    windows = {i: _edit_window(d) for i, d in enumerate(drafts) if d.edited}
    texts = [drafts[i].text[start:end] for i, (start, end) in windows.items()]
    spaced = dict(zip(windows, analyzer.space_many(texts), strict=True))
    out = list(drafts)
    for index, (start, end) in windows.items():
        draft = drafts[index]
        changes = [
            (start + position, kind)
            for position, kind in spacing_changes(draft.text[start:end], spaced[index])
            if near(start + position, draft.edited)
        ]
        for position, kind in reversed(changes):
            draft = _insert_space(draft, position) if kind == "+" else _remove_space(draft, position)
        out[index] = draft
    return out


def _edit_window(draft: Draft) -> tuple[int, int]:
    """From the word before the first edited region to the word after the last one."""
    first = min(s for s, _ in draft.edited)
    last = max(e for _, e in draft.edited)
    start = draft.text.rfind(" ", 0, max(draft.text.rfind(" ", 0, first), 0))
    end = draft.text.find(" ", draft.text.find(" ", min(last + 1, len(draft.text))) + 1)
    return (0 if start == -1 else start + 1), (len(draft.text) if end == -1 or end < last else end)


def _insert_space(draft: Draft, position: int) -> Draft:
    morphs = tuple(m if m.start < position else _shift(m, 1) for m in draft.morphs)
    regions = tuple(_shift_region(r, position, position, 1) for r in draft.edited)
    return Draft(
        draft.text[:position] + " " + draft.text[position:],
        morphs,
        draft.sources,
        _merge_regions([*regions, (position, position + 1)]),
    )


def _remove_space(draft: Draft, position: int) -> Draft:
    morphs = tuple(m if m.start <= position else _shift(m, -1) for m in draft.morphs)
    regions = tuple(_shift_region(r, position, position + 1, -1) for r in draft.edited)
    return Draft(draft.text[:position] + draft.text[position + 1 :], morphs, draft.sources, regions)
