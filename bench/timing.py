"""One-process timing: haesol ``write``, Kiwi's tokenisation and the peer, one pass each per repetition."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from corpus import Corpus
from peers import kiwi_split, kiwi_texts, kiwi_tokenize, make_peer, peer_info
from stats import Stat, percentile, ratio_stat, summarize

LOGGER = logging.getLogger(__name__)

ARTICLE_DATE = dt.date(2026, 11, 26)


@dataclass(frozen=True, slots=True)
class PassTimes:
    """One pass over the corpus: each document's time, the pass's wall time and its CPU time."""

    latencies_ms: tuple[float, ...]
    wall_s: float
    cpu_s: float = 0.0

    @property
    def p50_ms(self) -> float:
        """Median latency of a document."""
        return percentile(self.latencies_ms, 50)

    @property
    def p95_ms(self) -> float:
        """95th-percentile latency of a document."""
        return percentile(self.latencies_ms, 95)


@dataclass(frozen=True, slots=True)
class Contender:
    """One thing timed per document: its calls (one per document) and untimed work before each."""

    name: str
    calls: list[Callable[[], object]]
    before: Callable[[], None] | None = None


@dataclass
class Runs:
    """Passes of each contender, one per repetition, in the same order."""

    haesol: list[PassTimes] = field(default_factory=list)
    kiwi: list[PassTimes] = field(default_factory=list)
    kiwi_split: list[PassTimes] = field(default_factory=list)
    peer: list[PassTimes] = field(default_factory=list)


def write_options() -> Any:
    """The options every bench write uses: extractive engine, a fixed article date."""
    from haesol.pipeline import WriteOptions

    return WriteOptions(engine="extractive", article_date=ARTICLE_DATE)


def reset_analysis_cache() -> None:
    """Forget the morphemes the process-wide analyser cached, so each document is analysed afresh.

    The corpus reuses sentences across releases; without this the cache would make repeats free.
    """
    from haesol.analyze.kiwi import get_analyzer

    cache = getattr(get_analyzer(), "_morphs", None)
    if isinstance(cache, dict):
        cache.clear()


def timed_ms(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU milliseconds (this process, all threads) that one call of ``work`` takes."""
    cpu, start = time.process_time(), time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def to_pass(timings: list[tuple[float, float]]) -> PassTimes:
    """A pass from its documents' (wall, CPU) times; its times are their sums (no work between them counts)."""
    latencies = tuple(wall for wall, _ in timings)
    return PassTimes(latencies, sum(latencies) / 1000, sum(cpu for _, cpu in timings) / 1000)


def haesol_write(path: str) -> object:
    """``haesol.pipeline.write`` of one release file with the bench options."""
    from haesol.pipeline import write

    return write(path, write_options())


def run_one_process(corpus: Corpus, repeats: int, with_peer: bool = True) -> Runs:
    """Time haesol, Kiwi (tokenize and split) and the peer on the corpus, ``repeats`` times, interleaved.

    Args:
        corpus: the generated releases.
        repeats: how many passes of each contender.
        with_peer: whether to time textrankr (when installed).

    Returns:
        The passes of each contender.
    """
    from haesol.analyze.kiwi import get_analyzer
    from haesol.parse import parse_file

    kiwi = get_analyzer().kiwi
    paths = [str(d.path) for d in corpus.docs]
    texts = [kiwi_texts(parse_file(p)) for p in paths]
    raw = [d.text for d in corpus.docs]
    summarize_peer = make_peer(kiwi) if with_peer and peer_info().available else None
    _warm_up(paths, texts, raw, kiwi, summarize_peer)
    contenders = [
        Contender("haesol", [partial(haesol_write, p) for p in paths], before=reset_analysis_cache),
        Contender("kiwi", [partial(kiwi_tokenize, kiwi, t) for t in texts]),
        Contender("kiwi_split", [partial(kiwi_split, kiwi, t) for t in texts]),
    ]
    if summarize_peer is not None:
        contenders.append(Contender("peer", [partial(summarize_peer, t) for t in raw]))
    runs = Runs()
    for rep in range(repeats):
        # each contender makes its own pass (its own hot loop, as it would run alone), then the next
        for contender in contenders:
            latencies = []
            for call in contender.calls:
                if contender.before is not None:
                    contender.before()
                latencies.append(timed_ms(call))
            getattr(runs, contender.name).append(to_pass(latencies))
        LOGGER.info(
            "repetition %d/%d: haesol %.2f s, kiwi %.2f s",
            rep + 1,
            repeats,
            runs.haesol[-1].wall_s,
            runs.kiwi[-1].wall_s,
        )
    return runs


def _warm_up(
    paths: list[str], texts: list[list[str]], raw: list[str], kiwi: Any, peer: Callable[[str], str] | None
) -> None:
    """One untimed round of each contender (model load, lazy imports, word lists, regex caches)."""
    kiwi.tokenize("")
    for path, unit_texts, text in list(zip(paths, texts, raw, strict=True))[:3]:
        haesol_write(path)
        kiwi_tokenize(kiwi, unit_texts)
        if peer is not None:
            peer(text)


def pass_figures(passes: list[PassTimes], docs: int, size: int) -> dict[str, Any]:
    """Latency percentiles and throughput over repetitions, each as median/min/max."""
    return {
        "p50_ms": summarize([p.p50_ms for p in passes]).as_json(),
        "p95_ms": summarize([p.p95_ms for p in passes]).as_json(),
        "ms_per_doc": summarize([p.wall_s * 1000 / docs for p in passes]).as_json(),
        "releases_per_s": summarize([docs / p.wall_s for p in passes]).as_json(),
        "mb_per_s": summarize([size / 1e6 / p.wall_s for p in passes]).as_json(),
        "total_s": summarize([p.wall_s for p in passes]).as_json(),
        "cpu_ms_per_doc": summarize([p.cpu_s * 1000 / docs for p in passes]).as_json(),
    }


def ratio(passes: list[PassTimes], others: list[PassTimes], cpu: bool = False) -> Stat | None:
    """haesol's (wall or CPU) time over the other's, per repetition (below 1: haesol is faster)."""
    if not passes or not others:
        return None
    if cpu:
        return ratio_stat([p.cpu_s for p in passes], [o.cpu_s for o in others])
    return ratio_stat([p.wall_s for p in passes], [o.wall_s for o in others])
