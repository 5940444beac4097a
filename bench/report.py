"""The bench results as Markdown: the summary table, the parse table, the profile summary; README update."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)

TABLE_MARKERS = ("<!-- bench:table:start -->", "<!-- bench:table:end -->")
PROFILE_MARKERS = ("<!-- bench:profile:start -->", "<!-- bench:profile:end -->")


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def _row(label: str, stat: dict[str, Any] | None, target: str = "", digits: int = 2) -> str:
    if not stat:
        return f"| {label} | – | – | – | {target} |"
    return f"| {label} | {_fmt(stat['median'], digits)} | {_fmt(stat['min'], digits)} | {_fmt(stat['max'], digits)} | {target} |"


def summary_table(result: dict[str, Any]) -> str:
    """The headline figures: each the median of the repetitions with min and max, and its target."""
    one, two = result["one_process"], result["two_processes"]
    kiwi, peer, cold = result["kiwi"], result["peer"], result["cold_start"]
    peer_name = f"textrankr {peer.get('version', '')}".strip() if peer.get("available") else "textrankr (not installed)"
    rows = [
        "| figure | median | min | max | target |",
        "|---|---:|---:|---:|---|",
        _row("write, 1 process: p50 latency (ms)", one["p50_ms"], digits=1),
        _row("write, 1 process: p95 latency (ms)", one["p95_ms"], digits=1),
        _row("write, 1 process: releases/s", one["releases_per_s"], digits=1),
        _row("write, 1 process: MB/s", one["mb_per_s"], digits=3),
        _row("write, 2 processes: releases/s", two["releases_per_s"], digits=1),
        _row("write, 2 processes: MB/s", two["mb_per_s"], digits=3),
        _row("write, 2 processes: p50 latency (ms)", two["p50_ms"], digits=1),
        _row("write, 2 processes: p95 latency (ms)", two["p95_ms"], digits=1),
        _row("Kiwi tokenize, same texts (ms/release)", kiwi["tokenize_ms_per_doc"], digits=1),
        _row("**haesol / Kiwi tokenize**", kiwi["ratio"], "≤ 2.0"),
        f"| haesol / Kiwi tokenize, fastest pass of each | {_fmt(kiwi.get('ratio_of_fastest'))} | | | |",
        _row("haesol / Kiwi tokenize, CPU time", kiwi.get("ratio_cpu")),
        _row("haesol / Kiwi split_into_sents", kiwi["ratio_split"]),
        _row(f"{peer_name}, same texts (ms/release)", peer.get("ms_per_doc"), digits=1),
        _row(f"**haesol / {peer_name.split(' (')[0]}**", peer.get("ratio"), "< 1 (faster)"),
        _row(f"haesol / {peer_name.split(' (')[0]}, CPU time", peer.get("ratio_cpu")),
        _row("cold start: `haesol --version` (s)", cold["version_s"], "< 0.3 s", digits=3),
        _row("cold start: first article incl. model load (s)", cold["first_article_s"], "< 2 s", digits=3),
        _row("peak RSS, single write, fresh process (MB)", cold["single_write_peak_rss_mb"], "≤ 500 MB", digits=1),
        _rss_row(two),
    ]
    return "\n".join(rows)


def _rss_row(two: dict[str, Any]) -> str:
    per = two.get("peak_rss_mb_per_process") or []
    if not per:
        return "| peak RSS, 2-process batch, per process (MB) | – | – | – | ≤ 500 MB |"
    return f"| peak RSS, 2-process batch, per process (MB) | {max(per):.1f} (max) | {min(per):.1f} | {max(per):.1f} | ≤ 500 MB |"


def parse_table(parse: dict[str, Any]) -> str:
    """Parse time per input format (``parse_bytes`` on bytes in memory)."""
    rows = ["| format | docs | ms/doc median [min–max] | MB/s median [min–max] | note |", "|---|---:|---:|---:|---|"]
    for fmt, entry in parse.items():
        if not entry["docs"]:
            rows.append(f"| {fmt} | 0 | – | – | {'; '.join(entry['notes'])[:120]} |")
            continue
        ms, mbs = entry["stats"]["ms_per_doc"], entry["stats"]["mb_per_s"]
        skipped = len(entry.get("notes") or [])
        note = f"{skipped} file(s) not measured (refused/empty)" if skipped else ""
        rows.append(
            f"| {fmt} | {entry['docs']} | {ms['median']:.2f} [{ms['min']:.2f}–{ms['max']:.2f}] "
            f"| {mbs['median']:.2f} [{mbs['min']:.2f}–{mbs['max']:.2f}] | {note} |"
        )
    return "\n".join(rows)


def header(result: dict[str, Any]) -> str:
    """Date, machine, load and settings of the run."""
    m, s = result["machine"], result["settings"]
    return (
        f"Run {result['date']} ({'quick' if s['quick'] else 'full'}) on {m['cpu']}, {m['cores']} cores, "
        f"{m['ram_gb']} GB RAM, Python {m['python']}, kiwipiepy {m['kiwipiepy']} (model {m['kiwipiepy_model']}), "
        f"haesol {m['haesol']} (commit {result.get('code', {}).get('commit') or '?'}"
        f"{', src/ with uncommitted changes' if result.get('code', {}).get('src_modified') else ''}). Load average at start/end: {m['loadavg_start']} / {m['loadavg_end']}; "
        f"other processes used {m['load_during_run']['other_cpu_share']:.0%} of the cores during the run. "
        f"Corpus: {result['corpus']['releases']} releases, {result['corpus']['bytes']:,} bytes; "
        f"{s['repeats']} repetitions, {s['cold_runs']} cold runs, {s['parse_repeats']} parse repetitions."
    )


def profile_summary(profile: dict[str, Any]) -> str:
    """Kiwi's share, stage shares and the top functions of the profile, as Markdown."""
    kiwi, prof = profile["kiwi"], profile["cprofile"]
    stages = ", ".join(f"{k} {v:.0%}" for k, v in prof["stages"].items())
    lines = [
        (
            f"- Inside Kiwi calls: **{kiwi['kiwi_share']:.0%}** of `write` ({kiwi['kiwi_s']} s of {kiwi['total_s']} s, "
            f"{kiwi['kiwi_calls']} calls); haesol's own Python: {kiwi['rest_share']:.0%}."
        ),
        f"- Stages (cumulative, cProfile): {stages}.",
        "",
        "| function (own time) | share | calls |",
        "|---|---:|---:|",
    ]
    lines += [f"| `{t['function']}` | {t['share']:.1%} | {t['calls']:,} |" for t in prof["top_own_time"][:12]]
    lines += ["", "| haesol function (cumulative) | share | calls |", "|---|---:|---:|"]
    lines += [f"| `{t['function']}` | {t['share']:.1%} | {t['calls']:,} |" for t in prof["top_cumulative_haesol"][:12]]
    return "\n".join(lines)


def markdown(result: dict[str, Any]) -> str:
    """Everything printed at the end of a run."""
    parts = [header(result), "", summary_table(result), "", parse_table(result["parse"])]
    if result.get("profile"):
        parts += ["", profile_summary(result["profile"])]
    return "\n".join(parts)


def update_readme(readme: Path, result: dict[str, Any]) -> None:
    """Replace the table and profile sections of ``readme`` (between their markers) with this run's.

    Raises:
        ValueError: when the markers are missing.
    """
    text = readme.read_text(encoding="utf-8")
    tables = "\n".join([header(result), "", summary_table(result), "", parse_table(result["parse"])])
    text = _replace_between(text, TABLE_MARKERS, tables)
    if result.get("profile"):
        text = _replace_between(text, PROFILE_MARKERS, profile_summary(result["profile"]))
    readme.write_text(text, encoding="utf-8")


def _replace_between(text: str, markers: tuple[str, str], body: str) -> str:
    start, end = markers
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"markers {start} … {end} not found")
    return pattern.sub(lambda _: f"{start}\n{body}\n{end}", text)
