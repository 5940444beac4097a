"""A sentence being rewritten: its text, morphemes kept in step with every edit, and its source ids."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer
from haesol.models import Morph, Sentence

LOGGER = logging.getLogger(__name__)

FINAL_PUNCT = ".!?。"
CLOSERS = "\"”’')]」』"
UNIT_SYMBOLS = frozenset({"%", "％", "℃", "㎡", "㎞", "㎏", "$", "€", "￦", "₩"})


@dataclass(frozen=True, slots=True)
class Draft:
    """Text plus morphemes (offsets into the text) plus the source sentence ids it comes from."""

    text: str
    morphs: tuple[Morph, ...]
    sources: tuple[str, ...]

    @classmethod
    def of(cls, sentence: Sentence) -> Draft:
        """A draft that is a source sentence as written."""
        return cls(sentence.text, sentence.morphs, (sentence.id,))

    def replace_span(self, start: int, end: int, new_text: str, new_morphs: Sequence[Morph] = ()) -> Draft:
        """Replace ``text[start:end]``; morphemes inside are replaced, later ones shifted.

        Args:
            start: first character replaced.
            end: character after the last replaced.
            new_text: the replacement.
            new_morphs: morphemes of ``new_text`` with offsets relative to ``new_text``.
        """
        delta = len(new_text) - (end - start)
        kept_before = [m for m in self.morphs if m.end <= start]
        kept_after = [_shift(m, delta) for m in self.morphs if m.start >= end]
        inserted = [_shift(m, start) for m in new_morphs]
        text = self.text[:start] + new_text + self.text[end:]
        return Draft(text, tuple(kept_before + inserted + kept_after), self.sources)

    def content_end(self) -> int:
        """Index of the last morpheme that is not trailing punctuation, or -1."""
        for index in range(len(self.morphs) - 1, -1, -1):
            morph = self.morphs[index]
            if morph.tag not in ("SF", "SP", "SE", "SSC", "SSO", "SW", "SO") or morph.form in UNIT_SYMBOLS:
                return index
        return -1

    def ends_inside_quote(self) -> bool:
        """Whether the sentence ends with a closing quotation mark (a quote stands as the sentence)."""
        stripped = self.text.rstrip(" " + FINAL_PUNCT)
        return stripped.endswith(("”", '"', "’"))

    def with_period(self) -> Draft:
        """The draft ending with a full stop (after any closing quote or bracket)."""
        stripped = self.text.rstrip()
        if stripped.endswith(tuple(FINAL_PUNCT)):
            return self if stripped == self.text else Draft(stripped, self.morphs, self.sources)
        period = Morph(".", "SF", ".", len(stripped), 1)
        return Draft(stripped + ".", self.morphs + (period,), self.sources)


def _shift(morph: Morph, delta: int) -> Morph:
    return Morph(morph.form, morph.tag, morph.lemma, morph.start + delta, morph.length)


def word_start(draft: Draft, morph_index: int) -> int:
    """Index of the first morpheme of the eojeol (space-separated word) holding ``morph_index``."""
    index = morph_index
    while index > 0 and " " not in draft.text[draft.morphs[index - 1].end:draft.morphs[index].start]:
        index -= 1
    return index


def rejoin(analyzer: Analyzer, draft: Draft, first: int, last: int, morphs: Sequence[tuple[str, str]]) -> Draft:
    """Replace morphemes ``first..last`` (whole eojeols) with ``morphs`` joined by Kiwi.

    Kiwi's join conjugates (밝히+었+다 → 밝혔다) and spaces the new words; the text before
    and after the span is kept exactly as written.
    """
    start = draft.morphs[first].start
    end = draft.morphs[last].end
    joined, positions = analyzer.kiwi.join(list(morphs), return_positions=True)
    new_morphs = [
        Morph(form, tag, form if not tag.startswith("V") else form + "다", s, max(e - s, 0))
        for (form, tag), (s, e) in zip(morphs, positions, strict=True)
    ]
    return draft.replace_span(start, end, joined, new_morphs)


def merge_drafts(drafts: Sequence[Draft]) -> Draft:
    """Join drafts with single spaces into one draft (their sources united, in order)."""
    text = ""
    morphs: list[Morph] = []
    sources: list[str] = []
    for draft in drafts:
        offset = len(text) + (1 if text else 0)
        text = f"{text} {draft.text}" if text else draft.text
        morphs.extend(_shift(m, offset) for m in draft.morphs)
        sources.extend(s for s in draft.sources if s not in sources)
    return Draft(text, tuple(morphs), tuple(sources))
