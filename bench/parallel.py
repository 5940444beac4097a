"""Two-process batches: a spawn pool whose workers load Kiwi once each, then write the corpus."""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.pool
import os
import resource
import time
from dataclasses import dataclass

from stats import percentile, summarize
from timing import haesol_write, reset_analysis_cache

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Written:
    """One release written by a worker: its time, the worker's pid and the worker's peak RSS so far."""

    ms: float
    pid: int
    peak_rss_kb: int


@dataclass(frozen=True, slots=True)
class BatchRun:
    """One pass of the pool over the corpus."""

    wall_s: float
    results: tuple[Written, ...]


def _init_worker(warm_path: str) -> None:
    """Load Kiwi and haesol's word lists once in this worker, with one untimed write."""
    from haesol.analyze.kiwi import get_analyzer

    get_analyzer().kiwi.tokenize("")
    haesol_write(warm_path)


def _write_one(path: str) -> Written:
    reset_analysis_cache()
    start = time.perf_counter()
    haesol_write(path)
    elapsed = (time.perf_counter() - start) * 1000
    return Written(elapsed, os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def run_pool(paths: list[str], repeats: int, processes: int = 2) -> tuple[float, list[BatchRun]]:
    """Write every path with a pool of ``processes`` workers, ``repeats`` times (same workers).

    Args:
        paths: the release files.
        repeats: passes over the corpus.
        processes: pool size.

    Returns:
        The pool start-up time (spawn, imports, model load, one write) and each pass.
    """
    context = multiprocessing.get_context("spawn")
    start = time.perf_counter()
    with context.Pool(processes, initializer=_init_worker, initargs=(paths[0],)) as pool:
        _wait_for_workers(pool, processes)
        startup = time.perf_counter() - start
        runs = []
        for _ in range(repeats):
            begin = time.perf_counter()
            results = pool.map(_write_one, paths, chunksize=1)
            runs.append(BatchRun(time.perf_counter() - begin, tuple(results)))
    return startup, runs


def _ready(_: int) -> int:
    time.sleep(0.05)
    return os.getpid()


def _wait_for_workers(pool: multiprocessing.pool.Pool, processes: int) -> None:
    """Block until every worker has run its initializer (each answers at least one ready call)."""
    seen: set[int] = set()
    for _ in range(20):
        seen.update(pool.map(_ready, range(processes * 2), chunksize=1))
        if len(seen) >= processes:
            return
    LOGGER.warning("only %d of %d workers answered", len(seen), processes)


def batch_figures(startup_s: float, runs: list[BatchRun], size: int, processes: int) -> dict[str, object]:
    """Throughput, latency and per-worker peak RSS of the pool runs, as median/min/max."""
    docs = len(runs[0].results)
    peaks: dict[int, int] = {}
    for run in runs:
        for item in run.results:
            peaks[item.pid] = max(peaks.get(item.pid, 0), item.peak_rss_kb)
    rss_mb = sorted(round(kb / 1024, 1) for kb in peaks.values())
    return {
        "processes": processes,
        "startup_s": round(startup_s, 3),
        "releases_per_s": summarize([docs / r.wall_s for r in runs]).as_json(),
        "mb_per_s": summarize([size / 1e6 / r.wall_s for r in runs]).as_json(),
        "p50_ms": summarize([percentile([w.ms for w in r.results], 50) for r in runs]).as_json(),
        "p95_ms": summarize([percentile([w.ms for w in r.results], 95) for r in runs]).as_json(),
        "total_s": summarize([r.wall_s for r in runs]).as_json(),
        "peak_rss_mb_per_process": rss_mb,
        "peak_rss_mb": max(rss_mb) if rss_mb else None,
        "workers_seen": len(peaks),
    }
