"""The source side of the desk: stored releases parsed and analysed again (cached), and their structure for display."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass

from haesol.errors import StoreError
from haesol.models import Analysis, Block, BlockKind, Origin, Release
from haesol.store import Store
from haesol.store.review import RevisionFile, revision_file
from haesol.verify.checker import Checker

LOGGER = logging.getLogger(__name__)

CACHE_SIZE = 16
# Kiwi, the checker and the engines run one at a time: the desk serves a few editors, not a crowd.
NLP_LOCK = threading.RLock()


@dataclass(frozen=True, slots=True)
class LoadedSource:
    """A revision parsed (with its page facts laid over it) and analysed, with a checker over it."""

    revision: RevisionFile
    release: Release
    analysis: Analysis
    checker: Checker


class SourceCache:
    """Parsed and analysed revisions, newest used kept (parsing a PDF or HWP again costs time)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, int], LoadedSource] = OrderedDict()
        self._lock = threading.Lock()

    def load(self, store: Store, revision_id: int) -> LoadedSource:
        """The revision, parsed and analysed (from the cache when it is there).

        Raises:
            StoreError: when the revision or its file is not in the store.
            InputError: when the stored file no longer parses.
        """
        key = (str(store.path), revision_id)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        loaded = _load(store, revision_id)
        with self._lock:
            self._items[key] = loaded
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return loaded


def _load(store: Store, revision_id: int) -> LoadedSource:
    from haesol.analyze.annotate import analyze_release
    from haesol.jobs.listing import PageOverlay, apply_overlay
    from haesol.parse import parse_bytes

    revision = revision_file(store, revision_id)
    if revision is None:
        raise StoreError(f"원문 판이 없습니다 (no revision {revision_id})", source=str(store.path))
    data = store.blob(revision.sha256)
    overlay = PageOverlay(
        revision.news_id,
        revision.source_url,
        revision.agency,
        revision.title,
        revision.kogl_type,
        revision.kogl_evidence,
    )
    with NLP_LOCK:
        release = apply_overlay(parse_bytes(data, revision.attachment_name or revision.news_id, isolated=True), overlay)
        analysis = analyze_release(release)
        checker = Checker(analysis)
    return LoadedSource(revision, release, analysis, checker)


# -- the source as displayed ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceSentence:
    """One source sentence with the id article sentences cite."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class SourceCell:
    """A table cell with its sentence id and spans; the first row is the header row."""

    id: str
    text: str
    rows: int = 1
    cols: int = 1
    header: bool = False


@dataclass(frozen=True, slots=True)
class SourceBlock:
    """A body block as the release has it: kind, marker, level, part, and its sentences or table."""

    id: str
    kind: str
    marker: str
    level: int
    part: str
    sentences: tuple[SourceSentence, ...] = ()
    caption: SourceSentence | None = None
    rows: tuple[tuple[SourceCell, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class SourceView:
    """The release's structure for the left side of the draft view."""

    title: SourceSentence | None
    subtitles: tuple[SourceSentence, ...]
    header: tuple[SourceSentence, ...]
    blocks: tuple[SourceBlock, ...]
    contacts: tuple[SourceSentence, ...]
    dropped: tuple[str, ...]


def _sentences(analysis: Analysis, origin: Origin) -> tuple[SourceSentence, ...]:
    return tuple(SourceSentence(s.id, s.text) for s in analysis.sentences if s.origin is origin)


def _table_rows(block: Block) -> tuple[tuple[SourceCell, ...], ...]:
    assert block.table is not None
    return tuple(
        tuple(
            SourceCell(f"{block.id}.r{r}c{c}", cell.text, max(cell.row_span, 1), max(cell.col_span, 1), r == 1)
            for c, cell in enumerate(row, 1)
        )
        for r, row in enumerate(block.table.rows, 1)
    )


def _block(block: Block, analysis: Analysis) -> SourceBlock:
    base = SourceBlock(block.id, block.kind.value, block.marker, block.level, block.part.value)
    if block.kind is BlockKind.TABLE and block.table is not None:
        caption = SourceSentence(f"{block.id}.cap", block.text) if block.text else None
        return SourceBlock(
            base.id, base.kind, base.marker, base.level, base.part, caption=caption, rows=_table_rows(block)
        )
    found = tuple(SourceSentence(s.id, s.text) for s in analysis.of_block(block.id))
    return SourceBlock(
        base.id,
        base.kind,
        base.marker,
        base.level,
        base.part,
        sentences=found or (SourceSentence(f"{block.id}.s1", block.text),),
    )


def source_view(analysis: Analysis) -> SourceView:
    """Title, subtitles, 보도시점 lines, body blocks (with markers, levels and tables) and contacts."""
    titles = _sentences(analysis, Origin.TITLE)
    return SourceView(
        title=titles[0] if titles else None,
        subtitles=_sentences(analysis, Origin.SUBTITLE),
        header=_sentences(analysis, Origin.HEADER),
        blocks=tuple(_block(block, analysis) for block in analysis.release.blocks),
        contacts=_sentences(analysis, Origin.CONTACT),
        dropped=tuple(d.text for d in analysis.release.dropped),
    )
