"""Where haesol's time goes: time inside Kiwi calls, the pipeline stages, and the top functions (cProfile)."""

from __future__ import annotations

import cProfile
import io
import logging
import pstats
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timing import haesol_write, reset_analysis_cache

LOGGER = logging.getLogger(__name__)

KIWI_METHODS = ("tokenize", "split_into_sents", "join", "space", "analyze")
# (path suffix, function name) → stage; cumulative time of each is the stage's time
STAGES = {
    "parse": ("haesol/pipeline.py", "parse"),
    "analyze": ("haesol/analyze/annotate.py", "analyze_release"),
    "compose": ("haesol/compose/extractive.py", "compose"),
    "verify": ("haesol/verify/gate.py", "run"),
}
TOP = 15
ADDRESS_RE = re.compile(r" at 0x[0-9a-f]+")


@dataclass
class KiwiClock:
    """Time spent inside Kiwi's public methods; nested calls count once."""

    seconds: float = 0.0
    calls: int = 0
    depth: int = 0


@contextmanager
def clock_kiwi() -> Iterator[KiwiClock]:
    """Patch ``kiwipiepy.Kiwi`` methods for the duration so that each call's time adds to a clock.

    Lazy results (``tokenize`` of a list returns a generator) are timed while they are consumed.
    """
    from kiwipiepy import Kiwi

    clock = KiwiClock()
    originals = {name: getattr(Kiwi, name) for name in KIWI_METHODS if hasattr(Kiwi, name)}
    for name, method in originals.items():
        setattr(Kiwi, name, _timed(method, clock))
    try:
        yield clock
    finally:
        for name, method in originals.items():
            setattr(Kiwi, name, method)


def _timed(method: Callable[..., Any], clock: KiwiClock) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if clock.depth:
            return method(*args, **kwargs)
        clock.depth += 1
        start = time.perf_counter()
        try:
            result = method(*args, **kwargs)
        finally:
            clock.seconds += time.perf_counter() - start
            clock.depth -= 1
        clock.calls += 1
        return _timed_iter(result, clock) if isinstance(result, Iterator) else result

    return wrapper


def _timed_iter(items: Iterator[Any], clock: KiwiClock) -> Iterator[Any]:
    while True:
        clock.depth += 1
        start = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            return
        finally:
            clock.seconds += time.perf_counter() - start
            clock.depth -= 1
        yield item


def kiwi_share(paths: list[str]) -> dict[str, float | int]:
    """One pass of ``write`` over ``paths`` with Kiwi's methods clocked: total and Kiwi seconds."""
    with clock_kiwi() as clock:
        start = time.perf_counter()
        for path in paths:
            reset_analysis_cache()
            haesol_write(path)
        total = time.perf_counter() - start
    return {
        "total_s": round(total, 3),
        "kiwi_s": round(clock.seconds, 3),
        "kiwi_calls": clock.calls,
        "kiwi_share": round(clock.seconds / total, 3),
        "rest_share": round(1 - clock.seconds / total, 3),
    }


def profile_pass(paths: list[str], dump: Path | None = None) -> dict[str, Any]:
    """Profile one pass of ``write`` with cProfile: stage shares and the top functions by own time.

    Args:
        paths: the release files.
        dump: where to write the full pstats text (top 60 by own and by cumulative time), if given.

    Returns:
        The JSON section: total seconds, stage shares, top functions (``file:function``, share of total).
    """
    profiler = cProfile.Profile()
    for path in paths:
        reset_analysis_cache()
        profiler.enable()
        haesol_write(path)
        profiler.disable()
    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in raw.values())
    if dump is not None:
        dump.parent.mkdir(parents=True, exist_ok=True)
        dump.write_text(_pstats_text(profiler), encoding="utf-8")
    return {
        "total_s": round(total, 3),
        "stages": {name: round(_cumulative(raw, *where) / total, 3) for name, where in STAGES.items()},
        "top_own_time": _top(raw, total, own=True),
        "top_cumulative_haesol": _top(raw, total, own=False),
        "note": "cProfile adds overhead to Python calls; read shares, not absolute times",
    }


def _cumulative(raw: dict[Any, Any], suffix: str, name: str) -> float:
    return float(sum(entry[3] for (file, _line, func), entry in raw.items() if file.endswith(suffix) and func == name))


def _label(key: tuple[str, int, str]) -> str:
    file, _line, func = key
    return f"{_short_paths(file)}:{func}" if file != "~" else ADDRESS_RE.sub("", func)


def _top(raw: dict[Any, Any], total: float, own: bool) -> list[dict[str, Any]]:
    column = 2 if own else 3
    keys = [k for k in raw if own or ("/haesol/" in k[0] and not k[0].endswith("pipeline.py"))]
    keys.sort(key=lambda k: raw[k][column], reverse=True)
    return [
        {
            "function": _label(k),
            "share": round(raw[k][column] / total, 3),
            "seconds": round(raw[k][column], 3),
            "calls": raw[k][1],
        }
        for k in keys[:TOP]
    ]


def _pstats_text(profiler: cProfile.Profile) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(60)
    stats.sort_stats("cumulative").print_stats(60)
    return _short_paths(out.getvalue())


def _short_paths(text: str) -> str:
    """Drop machine-specific path prefixes (venv, interpreter, checkout) from a pstats listing."""
    text = re.sub(r"/\S*?/site-packages/", "site-packages/", text)
    text = re.sub(r"/\S*?/src/haesol/", "haesol/", text)
    text = re.sub(r"/\S*?/bench/", "bench/", text)
    return re.sub(r"/\S*?/lib/python3\.\d+/", "stdlib/", text)
