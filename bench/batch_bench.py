"""Batch throughput: `haesol batch` over a folder of ≥ 200 varied releases with 1 and 2 jobs (docs/s, median of runs).

Usage:

    python bench/batch_bench.py                    # 210 documents, jobs 1 and 2, 3 runs each
    python bench/batch_bench.py --docs 300 --runs 5 --jobs 1 2 4 --json results.json

Each run is a fresh Python process (so no run profits from another's Kiwi cache) that times
``haesol.jobs.batch.batch_folder`` end to end: Kiwi load (jobs 1) or pool start-up with one Kiwi per
worker (jobs ≥ 2), parsing, writing, verifying, rendering and the atomic file writes.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

LOGGER = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("mnd_barracks_heating.txt", "mof_seafood_exports.txt", "korea_kr_page.html")
# Numbers followed by a unit change from copy to copy, so no two documents share those sentences.
COUNTED = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})*|\d+)(?=\s*(?:곳|억|만|원|대|명|개|건|톤|%))")


@dataclass(frozen=True, slots=True)
class RunResult:
    """One timed batch: jobs, documents done and failed, seconds."""

    jobs: int
    done: int
    failed: int
    seconds: float

    @property
    def rate(self) -> float:
        """Documents per second."""
        return (self.done + self.failed) / self.seconds


def vary(text: str, copy: int) -> str:
    """The text with every counted number shifted by ``copy`` (thousands separators kept)."""

    def shift(match: re.Match[str]) -> str:
        value = int(match.group(1).replace(",", "")) + copy
        return f"{value:,}" if "," in match.group(1) else str(value)

    return COUNTED.sub(shift, text)


def make_corpus(folder: Path, docs: int) -> list[Path]:
    """Write ``docs`` releases into ``folder``: the bundled examples in turn, each copy varied."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(docs):
        name = EXAMPLES[index % len(EXAMPLES)]
        source = (ROOT / "examples" / name).read_text(encoding="utf-8")
        path = folder / f"{index:04d}_{name}"
        path.write_text(vary(source, index // len(EXAMPLES) + 1), encoding="utf-8")
        paths.append(path)
    return paths


def run_once(input_dir: Path, jobs: int) -> RunResult:
    """Time one batch in this process (called in a fresh child process)."""
    from haesol.jobs.batch import BatchOptions, batch_folder

    with tempfile.TemporaryDirectory() as out:
        options = BatchOptions(fmt="md", jobs=jobs, output_dir=Path(out), force=True)
        started = time.perf_counter()
        summary = batch_folder(input_dir, options)
        seconds = time.perf_counter() - started
    return RunResult(jobs, summary.count("done"), summary.count("failed"), seconds)


def run_child(input_dir: Path, jobs: int) -> RunResult:
    """Run ``run_once`` in a new interpreter and read its JSON line."""
    command = [sys.executable, __file__, "--child", str(input_dir), "--jobs", str(jobs)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return RunResult(**json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, time every job count ``--runs`` times, print a table (and JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=210)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(asdict(run_once(args.child, args.jobs[0]))))
        return 0
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(corpus, args.docs)
        figures = {jobs: [run_child(corpus, jobs) for _ in range(args.runs)] for jobs in args.jobs}
    report = _report(figures, args.docs)
    report["loadavg_1min"] = [round(load_start, 2), round(os.getloadavg()[0], 2)]
    print(_table(report))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


def _report(figures: dict[int, list[RunResult]], docs: int) -> dict[str, object]:
    rows = {}
    for jobs, runs in figures.items():
        rates = [r.rate for r in runs]
        rows[str(jobs)] = {
            "docs_per_s_median": round(statistics.median(rates), 2),
            "docs_per_s_min": round(min(rates), 2),
            "docs_per_s_max": round(max(rates), 2),
            "seconds_median": round(statistics.median(r.seconds for r in runs), 2),
            "failed": max(r.failed for r in runs),
            "runs": len(runs),
        }
    return {
        "docs": docs,
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "jobs": rows,
    }


def _table(report: dict[str, object]) -> str:
    title = (
        f"batch over {report['docs']} documents ({report['cores']} cores, Python {report['python']}, "
        f"load average {report['loadavg_1min']})"
    )
    lines = [title, "jobs | docs/s (median) | min–max | seconds (median) | failed"]
    for jobs, row in report["jobs"].items():  # type: ignore[attr-defined]
        lines.append(
            f"{jobs:>4} | {row['docs_per_s_median']:>15} | {row['docs_per_s_min']}–{row['docs_per_s_max']} "
            f"| {row['seconds_median']:>16} | {row['failed']}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
