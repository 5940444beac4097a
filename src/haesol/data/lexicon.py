"""Word lists shipped with haesol: agencies, places, titles; loaded once, looked up fast."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

LOGGER = logging.getLogger(__name__)

AGENCY_SUFFIX_RE = re.compile(
    r"[가-힣A-Za-z0-9]{1,12}(?:부|처|청|위원회|공사|공단|재단|진흥원|연구원|사령부|본부|교육청)$"
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Name → canonical maps for agencies and places, and the set of official titles."""

    agencies: dict[str, str]
    agency_kinds: dict[str, str]
    places: dict[str, str]
    place_kinds: dict[str, str]
    short_places: dict[str, str]
    titles: frozenset[str]
    ambiguous_titles: frozenset[str]

    def agency(self, name: str) -> str:
        """The canonical agency for a name or alias, or ''."""
        return self.agencies.get(name.replace(" ", ""), "")

    def place(self, name: str) -> str:
        """The canonical place for a name or alias, or ''."""
        return self.places.get(name, "")

    def agency_pattern(self) -> re.Pattern[str]:
        """A regex matching any agency name or alias (longest first)."""
        return _alternation(id(self), "agencies", self.agencies.keys())

    def place_pattern(self) -> re.Pattern[str]:
        """A regex matching any place name or alias (longest first)."""
        return _alternation(id(self), "places", self.places.keys())

    def title_pattern(self) -> re.Pattern[str]:
        """A regex matching any title (longest first)."""
        return _alternation(id(self), "titles", self.titles)


_PATTERNS: dict[tuple[int, str], re.Pattern[str]] = {}


def _alternation(owner: int, name: str, words: Iterable[str]) -> re.Pattern[str]:
    """One compiled alternation per lexicon and word list, longest words first."""
    key = (owner, name)
    pattern = _PATTERNS.get(key)
    if pattern is None:
        ordered = sorted({w for w in words if w}, key=len, reverse=True)
        pattern = _PATTERNS[key] = re.compile("|".join(re.escape(w) for w in ordered) or r"(?!)")
    return pattern


def _read_lines(name: str) -> list[list[str]]:
    try:
        text = resources.files("haesol.data").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        LOGGER.warning("word list %s is missing", name)
        return []
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([col.strip() for col in line.split("\t")])
    return rows


def _aliases(column: str) -> list[str]:
    return [a.strip() for a in column.split("|") if a.strip()]


@functools.cache
def load_lexicon() -> Lexicon:
    """Load the shipped word lists once per process."""
    agencies: dict[str, str] = {}
    agency_kinds: dict[str, str] = {}
    for row in _read_lines("agencies.txt"):
        canonical = row[0]
        agency_kinds[canonical] = row[1] if len(row) > 1 else ""
        for name in [canonical, *(_aliases(row[2]) if len(row) > 2 else [])]:
            agencies.setdefault(name.replace(" ", ""), canonical)
    places: dict[str, str] = {}
    place_kinds: dict[str, str] = {}
    short_places: dict[str, str] = {}
    for row in _read_lines("places.txt"):
        canonical = row[0]
        place_kinds[canonical] = row[1] if len(row) > 1 else ""
        for name in [canonical, *(_aliases(row[2]) if len(row) > 2 else [])]:
            places.setdefault(name, canonical)
        for name in _aliases(row[3]) if len(row) > 3 else []:
            short_places.setdefault(name, canonical)
    titles, ambiguous = _read_titles()
    return Lexicon(agencies, agency_kinds, places, place_kinds, short_places, titles, ambiguous)


def _read_titles() -> tuple[frozenset[str], frozenset[str]]:
    try:
        text = resources.files("haesol.data").joinpath("titles.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset(), frozenset()
    titles: set[str] = set()
    ambiguous: set[str] = set()
    in_ambiguous = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            in_ambiguous = in_ambiguous or "ambiguous" in stripped.lower()
            continue
        if not stripped:
            continue
        word = stripped.split("\t")[0].strip()
        (ambiguous if in_ambiguous else titles).add(word)
    return frozenset(titles | ambiguous), frozenset(ambiguous)


def guess_agency(text: str, *, listed_only: bool = False) -> str:
    """The first agency named in ``text`` (from the list, else — unless ``listed_only`` — by its suffix), or ''."""
    lexicon = load_lexicon()
    match = lexicon.agency_pattern().search(text)
    if match:
        return lexicon.agencies[match.group(0).replace(" ", "")]
    if listed_only:
        return ""
    for word in re.findall(r"[가-힣]+", text[:60]):
        if AGENCY_SUFFIX_RE.fullmatch(word) and len(word) >= 3:
            return str(word)
    return ""


@functools.cache
def load_synonyms() -> dict[str, frozenset[str]]:
    """Word → the other words of its synonym groups (data/synonyms.txt)."""
    groups: dict[str, set[str]] = {}
    for row in _read_lines("synonyms.txt"):
        words = row[0].split()
        for word in words:
            groups.setdefault(word, set()).update(w for w in words if w != word)
    return {word: frozenset(others) for word, others in groups.items()}
