"""Benchmark haesol against Kiwi (the limit) and textrankr (a peer) in one run; write JSON, print Markdown."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import logging
import os
import platform
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from corpus import Corpus, build_corpus
from formats import collect, time_formats
from fresh import cold_start
from hotspots import kiwi_share, profile_pass
from parallel import batch_figures, run_pool
from peers import peer_info
from report import markdown, update_readme
from stats import Stat
from timing import Runs, pass_figures, ratio, run_one_process

LOGGER = logging.getLogger(__name__)

DEFAULT_OUT = BENCH / "results" / "latest.json"
FIRST_ARTICLE_EXAMPLE = ROOT / "examples" / "mnd_barracks_heating.txt"
SAMPLES = ROOT.parent / "shared" / "samples"
TARGETS = {
    "ratio_vs_kiwi": ("<=", 2.0),
    "ratio_vs_peer": ("<", 1.0),
    "cold_start_version_s": ("<", 0.3),
    "cold_start_first_article_s": ("<", 2.0),
    "peak_rss_mb": ("<=", 500.0),
    "peak_rss_mb_2proc": ("<=", 500.0),
}


@dataclass(frozen=True, slots=True)
class Settings:
    """How big a run is: corpus size and repetitions of each measurement."""

    quick: bool
    releases: int
    repeats: int
    pool_repeats: int
    cold_runs: int
    parse_repeats: int
    processes: int = 2
    peer: bool = True
    profile: bool = True


FULL = Settings(quick=False, releases=60, repeats=5, pool_repeats=5, cold_runs=5, parse_repeats=5)
QUICK = Settings(quick=True, releases=12, repeats=2, pool_repeats=1, cold_runs=2, parse_repeats=1)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line of ``python bench/run.py``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small corpus, fewer repetitions (under a minute)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the JSON goes (default %(default)s)")
    parser.add_argument("--releases", type=int, help="corpus size (default 60; quick 12)")
    parser.add_argument("--repeats", type=int, help="repetitions of each timing (default 5; quick 2)")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="real documents folder (default %(default)s)")
    parser.add_argument("--no-peer", action="store_true", help="skip textrankr")
    parser.add_argument("--no-profile", action="store_true", help="skip the profile pass")
    parser.add_argument("--readme", action="store_true", help="also update the tables in bench/README.md")
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    """Full or quick settings with the command line's overrides.

    Raises:
        ValueError: for a corpus or repetition count below 1.
    """
    base = QUICK if args.quick else FULL
    releases = base.releases if args.releases is None else args.releases
    repeats = base.repeats if args.repeats is None else args.repeats
    if releases < 1 or repeats < 1:
        raise ValueError("--releases and --repeats must be at least 1")
    pool_repeats = base.pool_repeats if args.repeats is None else repeats
    return Settings(
        base.quick,
        releases,
        repeats,
        pool_repeats,
        base.cold_runs,
        base.parse_repeats,
        peer=not args.no_peer,
        profile=not args.no_profile,
    )


def machine_info() -> dict[str, Any]:
    """CPU, cores, RAM, Python and library versions, and the load average now."""
    return {
        "cpu": _cpu_model(),
        "arch": platform.machine(),
        "cores": os.cpu_count(),
        "ram_gb": _ram_gb(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "kiwipiepy": _version("kiwipiepy"),
        "kiwipiepy_model": _version("kiwipiepy_model"),
        "haesol": _version("haesol"),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }


@dataclass(frozen=True, slots=True)
class CpuMark:
    """Busy CPU seconds of the whole machine and of this process with its children, at one moment."""

    machine_busy_s: float
    own_s: float
    wall_s: float

    @classmethod
    def now(cls) -> CpuMark:
        """Read /proc/stat and os.times() (machine busy time is 0 where /proc/stat is missing)."""
        busy = 0.0
        try:
            fields = Path("/proc/stat").read_text(encoding="utf-8").splitlines()[0].split()[1:]
            ticks = [int(x) for x in fields]
            busy = (sum(ticks[:3]) + sum(ticks[5:8])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            pass
        t = os.times()
        return cls(busy, t.user + t.system + t.children_user + t.children_system, time.monotonic())


def other_load(start: CpuMark, end: CpuMark) -> dict[str, float]:
    """How busy the other processes kept the machine during the run (share of all cores)."""
    wall = max(end.wall_s - start.wall_s, 1e-9)
    cores = os.cpu_count() or 1
    others = max(end.machine_busy_s - start.machine_busy_s - (end.own_s - start.own_s), 0.0)
    return {
        "wall_s": round(wall, 1),
        "own_cpu_s": round(end.own_s - start.own_s, 1),
        "other_cpu_s": round(others, 1),
        "other_cpu_share": round(others / (wall * cores), 3),
    }


def code_version() -> dict[str, Any]:
    """The checkout measured: its commit and whether src/ has uncommitted changes (read-only git)."""
    import subprocess

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    try:
        commit = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain", "--", "src")
    except (OSError, subprocess.SubprocessError):
        return {"commit": "", "src_modified": None}
    return {"commit": commit, "src_modified": bool(changed) if commit else None}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def run_bench(settings: Settings, samples: Path, work: Path, profile_dump: Path | None = None) -> dict[str, Any]:
    """Every measurement of the bench, in one process (plus its fresh subprocesses and pool).

    Args:
        settings: corpus size and repetitions.
        samples: the real documents folder.
        work: a scratch folder for the generated corpus.
        profile_dump: where the full cProfile listing goes (none when not given).

    Returns:
        The result as a JSON-ready dict.
    """
    result: dict[str, Any] = {"schema": 1, "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    result["machine"] = machine_info()
    mark = CpuMark.now()
    result["settings"] = asdict(settings)
    result["code"] = code_version()
    # 1. the corpus
    corpus = build_corpus(ROOT / "examples", work / "corpus", settings.releases)
    paths = [str(d.path) for d in corpus.docs]
    result["corpus"] = _corpus_section(corpus)
    # 2. fresh processes: cold start and the peak RSS of one write
    LOGGER.info("cold start (%d runs each)", settings.cold_runs)
    result["cold_start"] = cold_start(FIRST_ARTICLE_EXAMPLE, settings.cold_runs)
    # 3. one process: haesol, Kiwi and the peer, one pass each per repetition
    LOGGER.info("one process: %d releases × %d repetitions", len(paths), settings.repeats)
    runs = run_one_process(corpus, settings.repeats, with_peer=settings.peer)
    _one_process_sections(result, runs, len(paths), corpus.size, settings.peer)
    # 4. two processes
    LOGGER.info("%d processes × %d repetitions", settings.processes, settings.pool_repeats)
    startup, batches = run_pool(paths, settings.pool_repeats, settings.processes)
    result["two_processes"] = batch_figures(startup, batches, corpus.size, settings.processes)
    # 5. parse per format
    LOGGER.info("parse per format (%d repetitions)", settings.parse_repeats)
    found = collect(ROOT, samples, [d.path for d in corpus.docs])
    result["parse"] = time_formats(found, settings.parse_repeats)
    # 6. where the time goes
    if settings.profile:
        LOGGER.info("profile")
        result["profile"] = {"kiwi": kiwi_share(paths), "cprofile": profile_pass(paths, profile_dump)}
    else:
        result["profile"] = None
    result["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    result["machine"]["load_during_run"] = other_load(mark, CpuMark.now())
    return _headline(result)


def _corpus_section(corpus: Corpus) -> dict[str, Any]:
    return {
        "releases": len(corpus.docs),
        "bytes": corpus.size,
        "chars": sum(len(d.text) for d in corpus.docs),
        "sha256": corpus.sha256,
        "seed": corpus.seed,
        "sources": list(corpus.sources),
        "recipe": "front matter of example i mod n + its first body group + 3–7 groups sampled from all examples (bench/corpus.py)",
    }


def _one_process_sections(result: dict[str, Any], runs: Runs, docs: int, size: int, with_peer: bool) -> None:
    result["one_process"] = pass_figures(runs.haesol, docs, size)
    kiwi_ratio, split_ratio = ratio(runs.haesol, runs.kiwi), ratio(runs.haesol, runs.kiwi_split)
    result["kiwi"] = {
        "call": "kiwi.tokenize(texts) on the release's text units, same Kiwi instance and configuration as haesol",
        "tokenize_ms_per_doc": pass_figures(runs.kiwi, docs, size)["ms_per_doc"],
        "split_ms_per_doc": pass_figures(runs.kiwi_split, docs, size)["ms_per_doc"],
        "ratio": kiwi_ratio.as_json() if kiwi_ratio else None,
        "ratio_split": split_ratio.as_json() if split_ratio else None,
        "ratio_of_fastest": round(min(p.wall_s for p in runs.haesol) / min(p.wall_s for p in runs.kiwi), 3),
        "ratio_cpu": _as_json(ratio(runs.haesol, runs.kiwi, cpu=True)),
    }
    info = peer_info()
    peer: dict[str, Any] = {**asdict(info), "ms_per_doc": None, "ratio": None, "ratio_cpu": None}
    if not with_peer:
        peer["note"] = "skipped (--no-peer)"
    if runs.peer:
        peer_ratio = ratio(runs.haesol, runs.peer)
        peer["ms_per_doc"] = pass_figures(runs.peer, docs, size)["ms_per_doc"]
        peer["ratio"] = peer_ratio.as_json() if peer_ratio else None
        peer["ratio_cpu"] = _as_json(ratio(runs.haesol, runs.peer, cpu=True))
    result["peer"] = peer


def _as_json(stat: Stat | None) -> dict[str, float | int] | None:
    return stat.as_json() if stat is not None else None


def _headline(result: dict[str, Any]) -> dict[str, Any]:
    """The result with the top-level figures (medians) first, then whether each target is met, then the details."""
    one, two, cold = result["one_process"], result["two_processes"], result["cold_start"]
    peer_ratio = result["peer"]["ratio"]
    head: dict[str, Any] = {"schema": result["schema"], "date": result["date"]}
    head.update(
        {
            "ratio_vs_kiwi": result["kiwi"]["ratio"]["median"] if result["kiwi"]["ratio"] else None,
            "ratio_vs_peer": peer_ratio["median"] if peer_ratio else None,
            "releases_per_s": one["releases_per_s"]["median"],
            "mb_per_s": one["mb_per_s"]["median"],
            "p50_ms": one["p50_ms"]["median"],
            "p95_ms": one["p95_ms"]["median"],
            "releases_per_s_2proc": two["releases_per_s"]["median"],
            "cold_start_version_s": cold["version_s"]["median"],
            "cold_start_first_article_s": cold["first_article_s"]["median"],
            "peak_rss_mb": cold["single_write_peak_rss_mb"]["median"],
            "peak_rss_mb_2proc": two["peak_rss_mb"],
        }
    )
    targets = {}
    for key, (op, limit) in TARGETS.items():
        value = head.get(key)
        met = None if value is None else (value <= limit if op == "<=" else value < limit)
        targets[key] = {"target": f"{op} {limit}", "value": value, "met": met}
    head["targets"] = targets
    return {**head, **result}


def write_json(result: dict[str, Any], out: Path) -> None:
    """Write the result atomically (a temporary file renamed into place)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out.parent, suffix=".tmp", delete=False) as handle:
        json.dump(result, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, out)


def main(argv: list[str] | None = None) -> int:
    """Run the bench; 0 on success, 2 for bad arguments."""
    logging.basicConfig(level=logging.INFO, format="bench: %(message)s", stream=sys.stderr)
    args = parse_args(argv)
    try:
        settings = settings_from(args)
    except ValueError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="haesol-bench-") as work:
        result = run_bench(settings, args.samples, Path(work), args.out.with_suffix(".profile.txt"))
    write_json(result, args.out)
    print(markdown(result))
    if args.readme:
        update_readme(BENCH / "README.md", result)
    LOGGER.info("wrote %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
