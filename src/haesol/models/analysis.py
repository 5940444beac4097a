"""The analysed release: morphemes, facts and sentences with ids."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from haesol.models.release import Release


@dataclass(frozen=True, slots=True)
class Morph:
    """One morpheme from Kiwi; ``start`` is relative to its sentence.

    ``tag`` is Kiwi's tag without its conjugation mark; ``conjugation`` keeps that mark ("-I" for an
    irregular stem such as 잇 → 이었다, "-R" for a regular one) so that joining conjugates it right.
    """

    form: str
    tag: str
    lemma: str
    start: int
    length: int
    conjugation: str = ""

    @property
    def join_tag(self) -> str:
        """The tag to give Kiwi's join: with the conjugation mark (VV-I), so irregular stems conjugate."""
        return self.tag + self.conjugation

    @property
    def end(self) -> int:
        """Offset just after the morpheme in its sentence."""
        return self.start + self.length


class FactKind(StrEnum):
    """The kinds of checkable facts in a sentence."""

    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    PHONE = "phone"
    PERSON = "person"
    TITLE = "title"
    ORG = "org"
    PLACE = "place"
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact a reader can check: its kind, the text as written, and a normalised value."""

    kind: FactKind
    text: str
    value: str
    start: int
    end: int
    speaker: str = ""


class Origin(StrEnum):
    """Which part of the source a sentence comes from."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    BODY = "body"
    TABLE = "table"
    REFERENCE = "reference"
    APPENDIX = "appendix"
    CAPTION = "caption"
    CONTACT = "contact"
    HEADER = "header"
    REPORTED = "reported"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One source sentence with its id (``b3.s1``), morphemes and facts."""

    id: str
    text: str
    block_id: str
    origin: Origin
    morphs: tuple[Morph, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """A release with its sentences analysed once, and the date relative dates resolve against."""

    release: Release
    sentences: tuple[Sentence, ...]
    anchor: dt.date
    dated: bool = True

    @property
    def fact_anchor(self) -> dt.date | None:
        """The date partial dates resolve against: the release's date, or None (dates stay as written)."""
        return self.anchor if self.dated else None

    def sentence(self, sentence_id: str) -> Sentence:
        """Look a sentence up by id.

        Raises:
            KeyError: when no sentence has that id.
        """
        for s in self.sentences:
            if s.id == sentence_id:
                return s
        raise KeyError(sentence_id)

    def of_block(self, block_id: str) -> tuple[Sentence, ...]:
        """The sentences of one block, in order."""
        return tuple(s for s in self.sentences if s.block_id == block_id)
