"""The one Kiwi instance of a process, and a cache so that no text is analysed twice."""

from __future__ import annotations

import functools
import logging
import threading
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from haesol.models import Morph

LOGGER = logging.getLogger(__name__)

CACHE_LIMIT = 50_000
_LOCK = threading.Lock()
_ANALYZER: Analyzer | None = None


@dataclass(frozen=True, slots=True)
class SplitSentence:
    """A sentence Kiwi found in a text: its text, where it starts, and its morphemes."""

    text: str
    start: int
    morphs: tuple[Morph, ...]


def _load_kiwi() -> Any:
    """Load Kiwi once; agencies and titles become user words so they stay whole.

    Kiwi's optional default, multi-word and typo dictionaries are not loaded: they double the cold
    start and slow every call, and the prose, audit and end-to-end benches score the same without them.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from kiwipiepy import Kiwi

        kiwi = Kiwi(load_multi_dict=False, load_typo_dict=False, load_default_dict=False)
    from haesol.data.lexicon import load_lexicon

    lexicon = load_lexicon()
    for name in set(lexicon.agencies.values()):
        if 2 < len(name) <= 20 and " " not in name:
            kiwi.add_user_word(name, "NNP", 0.0)
    for title in lexicon.titles - lexicon.ambiguous_titles:
        if 2 < len(title) <= 10 and " " not in title:
            kiwi.add_user_word(title, "NNG", 0.0)
    return kiwi


def _to_morphs(tokens: Iterable[Any], offset: int) -> tuple[Morph, ...]:
    return tuple(Morph(t.form, _tag(t.tag), t.lemma, t.start - offset, t.len, _conjugation(t.tag)) for t in tokens)


@functools.lru_cache(maxsize=256)
def _tag(tag: str) -> str:
    """A Kiwi tag without its irregular-conjugation suffix (VV-R → VV)."""
    return str(tag).split("-")[0]


@functools.lru_cache(maxsize=256)
def _conjugation(tag: str) -> str:
    """Kiwi's conjugation mark of a tag ("-I" in VV-I, "-R" in VA-R), or ''."""
    _, dash, mark = str(tag).partition("-")
    return dash + mark


class Analyzer:
    """Wraps Kiwi: sentence splitting, morphemes and spacing, each text analysed at most once."""

    def __init__(self) -> None:
        self._kiwi: Any = None
        self._morphs: dict[str, tuple[Morph, ...]] = {}

    @property
    def kiwi(self) -> Any:
        """The loaded Kiwi instance (loaded on first use)."""
        if self._kiwi is None:
            with _LOCK:
                if self._kiwi is None:
                    self._kiwi = _load_kiwi()
        return self._kiwi

    def split(self, texts: Sequence[str]) -> list[list[SplitSentence]]:
        """Split each text into sentences with their morphemes (one Kiwi pass, batched)."""
        results = self.kiwi.split_into_sents(list(texts), return_tokens=True, return_sub_sents=False)
        out: list[list[SplitSentence]] = []
        for sentences in results:
            found = []
            for sentence in sentences:
                morphs = _to_morphs(sentence.tokens, sentence.start)
                found.append(SplitSentence(sentence.text, sentence.start, morphs))
                self._remember(sentence.text, morphs)
            out.append(found)
        return out

    def morphs(self, text: str) -> tuple[Morph, ...]:
        """The morphemes of one text (cached)."""
        cached = self._morphs.get(text)
        if cached is None:
            cached = _to_morphs(self.kiwi.tokenize(text), 0)
            self._remember(text, cached)
        return cached

    def morphs_many(self, texts: Sequence[str]) -> list[tuple[Morph, ...]]:
        """Morphemes of many texts; uncached ones are analysed in one batch."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._morphs))
        if missing:
            for text, tokens in zip(missing, self.kiwi.tokenize(missing), strict=True):
                self._remember(text, _to_morphs(tokens, 0))
        return [self._morphs[t] for t in texts]

    def remember(self, text: str, morphs: tuple[Morph, ...]) -> None:
        """Record morphemes a composer built for a text it derived (so it is not re-analysed)."""
        self._remember(text, morphs)

    def _remember(self, text: str, morphs: tuple[Morph, ...]) -> None:
        if len(self._morphs) >= CACHE_LIMIT:
            self._morphs.clear()
        self._morphs[text] = morphs

    def join(self, morphs: Sequence[tuple[str, str]]) -> str:
        """Join morphemes into text with Kiwi (it conjugates and spaces)."""
        return str(self.kiwi.join(list(morphs)))

    def space(self, text: str) -> str:
        """Kiwi's spacing model applied to ``text``."""
        return str(self.kiwi.space(text))

    def space_many(self, texts: Sequence[str]) -> list[str]:
        """Kiwi's spacing model applied to many texts in one batched call."""
        if not texts:
            return []
        return [str(t) for t in self.kiwi.space(list(texts))]

    def clear_cache(self) -> None:
        """Forget every cached analysis (benchmarks use it to time cold work)."""
        self._morphs.clear()


def get_analyzer() -> Analyzer:
    """The process-wide Analyzer (the model loads once per process)."""
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = Analyzer()
    return _ANALYZER
