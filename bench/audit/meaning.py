"""Meaning bench: recall per meaning-error type and false alarms on faithful rephrasings (issue 13).

python bench/audit/meaning.py                    # invented releases (+ ../shared/samples when present)
python bench/audit/meaning.py --misses           # every miss and false alarm
python bench/audit/meaning.py --frozen           # from the saved `haesol write` sentences (as the floors test does)
python bench/audit/meaning.py --update-floors    # pin the figures and corpus hashes in meaning_floors.json
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from auditbench.meaning_bench import FLOORS, TYPES, below_floors, read_floors, run, targets_missed

RESULTS = Path(__file__).resolve().parent / "results" / "meaning.json"


def _table(result: dict[str, object]) -> str:
    figures = result["figures"]
    counts = result["counts"]
    assert isinstance(figures, dict) and isinstance(counts, dict)
    lines = [
        f"## {result['split']}: {result['releases']} releases, {result['sentences']} sentences, {result['seconds']} s",
        "| type | n | recall (check) | recall (gate) |",
        "|---|---:|---:|---:|",
    ]
    for name in TYPES:
        if counts[name]:
            lines.append(
                f"| {name} | {counts[name]} | {figures[f'recall.{name}']:.3f} | {figures[f'gate_recall.{name}']:.3f} |"
            )
    lines.append(
        f"| **false alarms** on faithful rephrasings | {result['faithful']} | {figures['false_alarm']:.3f} | {figures['gate_false_alarm']:.3f} |"
    )
    lines.append(f"faithful sentences judged unsupported/contradicted for any reason: {result['flagged_faithful']}")
    return "\n".join(lines)


def main() -> int:
    """Run the bench; print tables; optionally list misses or pin floors."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--update-floors", action="store_true")
    parser.add_argument("--split", choices=["invented", "samples", "all"], default="all")
    parser.add_argument("--frozen", action="store_true", help="read the invented bases from corpus/meaning_bases.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    splits = ["invented", "samples"] if args.split == "all" else [args.split]
    results = [r for r in (run(s, frozen=args.frozen) for s in splits) if r["releases"]]
    for result in results:
        print(_table(result))
        missed = targets_missed(result)
        print("targets met" if not missed else "targets missed: " + ", ".join(missed))
        if args.misses:
            for miss in result["misses"]:
                print(json.dumps(miss, ensure_ascii=False))
    summary = {
        "machine": f"{platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "results": [{k: v for k, v in r.items() if k != "misses"} for r in results],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.update_floors:
        pinned = read_floors()
        for result in results:
            pinned[result["split"]] = {"corpus_sha256": result["corpus_sha256"], "floors": result["figures"]}
        FLOORS.write_text(json.dumps(pinned, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    failed = [
        p
        for r in results
        for p in below_floors(r, read_floors().get(r["split"], {"corpus_sha256": r["corpus_sha256"]}))
    ]
    for problem in failed:
        print("below floor:", problem)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
