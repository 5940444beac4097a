"""Text of a release for the store: plain lines, a content hash, Kiwi tokens for FTS5, and snippets.

SQLite's ``unicode61`` tokenizer splits on spaces only, so "난방기를" is one token and a search
for "난방" finds nothing. The store therefore indexes Kiwi morpheme forms joined by spaces
("난방 기 를"), plus each run of nouns written together ("난방기"), because Kiwi may read a
query word alone differently than in its sentence; queries accept either form.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from haesol.models import BlockKind, Morph, Release

LOGGER = logging.getLogger(__name__)

PUNCTUATION_TAGS = frozenset({"SF", "SP", "SS", "SSO", "SSC", "SE", "SO", "SW", "Z_CODA", "W_SERIAL"})
QUERY_TAGS = ("NN", "NR", "NP", "VV", "VA", "XR", "SL", "SH", "SN", "MAG", "W_")
COMPOUND_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "XSN", "XPN", "SN", "SL", "SH"})
SNIPPET_CHARS = 120
SPACES = re.compile(r"\s+")


def release_lines(release: Release) -> list[str]:
    """The release as lines of text: title, subtitles, then every block (tables cell by cell)."""
    lines = [release.title, *release.subtitles]
    for block in release.blocks:
        if block.kind is BlockKind.TABLE and block.table is not None:
            lines.extend(" ".join(cell for cell in row if cell) for row in block.table.grid())
        elif block.text:
            lines.append(block.text)
    return [SPACES.sub(" ", line).strip() for line in lines if line and line.strip()]


def content_hash(lines: Sequence[str]) -> str:
    """A hash of the text with all whitespace removed: the same release saved twice hashes the same."""
    squashed = "\n".join(SPACES.sub("", line) for line in lines if line.strip())
    return hashlib.sha256(squashed.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One word of a query: its content morphemes, and its nouns written together when there are several."""

    parts: tuple[str, ...]
    whole: str = ""

    def terms(self) -> tuple[str, ...]:
        """Every form a match may show (for snippets)."""
        return (*self.parts, self.whole) if self.whole else self.parts


def compounds(text: str, morphs: Sequence[Morph]) -> list[str]:
    """Runs of two or more noun-like morphemes written without a space ('난방'+'기' → '난방기')."""
    out: list[str] = []
    run: list[Morph] = []
    for morph in [*morphs, None]:
        if morph is not None and morph.tag in COMPOUND_TAGS and (not run or morph.start == run[-1].end):
            run.append(morph)
            continue
        if len(run) > 1:
            out.append(text[run[0].start : run[-1].end])
        run = [morph] if morph is not None and morph.tag in COMPOUND_TAGS else []
    return out


def index_tokens(lines: Sequence[str]) -> str:
    """The morpheme forms of every line and its noun compounds, joined by spaces (what FTS5 indexes)."""
    from haesol.analyze.kiwi import get_analyzer

    texts = [line for line in lines if line.strip()]
    if not texts:
        return ""
    out = []
    for text, morphs in zip(texts, get_analyzer().morphs_many(texts), strict=True):
        forms = [m.form for m in morphs if m.tag not in PUNCTUATION_TAGS]
        out.append(" ".join([*forms, *compounds(text, morphs)]))
    return "\n".join(out)


def query_words(query: str) -> list[QueryWord]:
    """The words of a query with their content morphemes ('난방기를 교체' → 난방기, 교체); particles are dropped."""
    from haesol.analyze.kiwi import get_analyzer

    words: list[QueryWord] = []
    for word in query.split():
        morphs = get_analyzer().morphs(word)
        parts = [m.form for m in morphs if m.tag.startswith(QUERY_TAGS)]
        if not parts and len(query.split()) == 1:
            parts = [m.form for m in morphs if m.tag not in PUNCTUATION_TAGS]
        parts = list(dict.fromkeys(p for p in parts if p.strip()))
        if parts:
            joined = compounds(word, morphs)
            words.append(QueryWord(tuple(parts), joined[0] if len(parts) > 1 and len(joined) == 1 else ""))
    return words


def fts_query(words: Sequence[QueryWord]) -> str:
    """An FTS5 MATCH expression requiring every word (each term quoted, so no operator can be injected)."""
    clauses = []
    for word in words:
        parts = " AND ".join(_quote(part) for part in word.parts)
        clauses.append(f"(({parts}) OR {_quote(word.whole)})" if word.whole else f"({parts})")
    return " AND ".join(clauses)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def snippet(text: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """The line of ``text`` holding the most terms, cut around the first one, terms marked «…»."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    best = max(lines, key=lambda line: (sum(term in line for term in terms), -lines.index(line)))
    first = min((best.find(t) for t in terms if t in best), default=0)
    start = max(0, first - width // 3)
    cut = best[start : start + width]
    cut = ("…" if start else "") + cut + ("…" if start + width < len(best) else "")
    marked = sorted((t for t in set(terms) if len(t) > 1 or not t.isascii()), key=len, reverse=True)
    if not marked:
        return cut
    return re.sub("|".join(re.escape(t) for t in marked), lambda m: f"«{m.group(0)}»", cut)
