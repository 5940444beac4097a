"""Fresh-process figures: ``haesol --version``, the first article with model load, and its peak RSS."""

from __future__ import annotations

import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from stats import summarize
from timing import ARTICLE_DATE

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FreshRun:
    """One fresh process: wall time from spawn to exit, its peak RSS and exit code."""

    wall_s: float
    peak_rss_mb: float
    returncode: int


def haesol_command() -> list[str]:
    """The ``haesol`` console script next to this interpreter, else ``python -m haesol``."""
    script = Path(sys.executable).parent / "haesol"
    return [str(script)] if script.exists() else [sys.executable, "-m", "haesol"]


def run_fresh(command: list[str], timeout: float = 120.0) -> FreshRun:
    """Run ``command`` in a new process and measure it with ``wait4`` (wall time and peak RSS).

    Raises:
        RuntimeError: when the command fails or outlives ``timeout``.
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)
        status, usage = _wait(process, start, timeout)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {errors.read()[-500:]!r}")
    return FreshRun(wall, usage.ru_maxrss / 1024, process.returncode)


def _wait(process: subprocess.Popen[bytes], start: float, timeout: float) -> tuple[int, resource.struct_rusage]:
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return status, usage
        if time.perf_counter() - start > timeout:
            process.kill()
            os.wait4(process.pid, 0)
            raise RuntimeError(f"timed out after {timeout} s")
        time.sleep(0.002)


def cold_start(example: Path, runs: int) -> dict[str, object]:
    """Median/min/max of ``runs`` fresh ``haesol --version`` and ``haesol write`` processes.

    One untimed run of each comes first (so the file-system cache is warm, as on a user's second try).

    Args:
        example: the release file for the first-article runs.
        runs: timed runs of each command.

    Returns:
        The JSON section: version and first-article times, peak RSS of the single write.
    """
    base = haesol_command()
    version = base + ["--version"]
    with tempfile.TemporaryDirectory() as tmp:
        article = base + [
            "write",
            str(example),
            "-o",
            str(Path(tmp) / "article.md"),
            "--date",
            ARTICLE_DATE.isoformat(),
        ]
        run_fresh(version)
        run_fresh(article)
        version_runs = [run_fresh(version) for _ in range(runs)]
        article_runs = [run_fresh(article) for _ in range(runs)]
    return {
        "command": " ".join(Path(base[0]).name if i == 0 else a for i, a in enumerate(base)),
        "example": example.name,
        "version_s": summarize([r.wall_s for r in version_runs]).as_json(),
        "first_article_s": summarize([r.wall_s for r in article_runs]).as_json(),
        "single_write_peak_rss_mb": summarize([r.peak_rss_mb for r in article_runs]).as_json(1),
        "version_peak_rss_mb": summarize([r.peak_rss_mb for r in version_runs]).as_json(1),
    }
