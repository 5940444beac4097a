"""Score `haesol check` on the labelled audit corpus: recall and precision per corruption type, false alarms.

Usage:
    python bench/audit/score.py                         # table on stdout, results/latest.json
    python bench/audit/score.py --split tune --misses   # every missed corruption and false alarm (tuning)
    python bench/audit/score.py --check-floors          # exit 1 when a pinned floor is not reached
    python bench/audit/score.py --update-floors [--allow-lower]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from auditbench.floors import floors_json, read_floors
from auditbench.model import CORRUPTION_TYPES, FAITHFUL, read_jsonl
from auditbench.releases import CORPUS, FLOORS, RESULTS
from auditbench.report import Run, results_json, table, targets_met
from auditbench.runner import (
    check_pinned,
    lowered_floors,
    new_floors,
    run_scoring,
    subset_run,
    write_atomically,
)
from auditbench.scoring import SPLITS, Outcomes

LOGGER = logging.getLogger(__name__)


def print_misses(outcomes: Outcomes) -> None:
    """Every false alarm, missed corruption and wrongly typed finding, for tuning."""
    for o in outcomes.sentences:
        if o.gold.label == FAITHFUL and o.article_kind == "faithful" and o.verdict != "supported":
            print(f"[{o.split}] FAITHFUL→{o.verdict} {list(o.problems)} {o.article}\n    {o.gold.text}")
        elif o.gold.label != FAITHFUL and not o.detected(o.gold.label):
            change = f"{o.gold.detail.get('from', '')}→{o.gold.detail.get('to', '')}"
            print(
                f"[{o.split}] MISSED {o.gold.label} ({o.verdict} {list(o.problems)}) {o.article} {change}\n    {o.gold.text}"
            )
    for o in outcomes.sentences:
        wrong = [kind for kind in CORRUPTION_TYPES if o.predicts(kind) and o.gold.label != kind]
        if wrong and not (o.gold.label == FAITHFUL and o.article_kind == "faithful"):
            print(
                f"[{o.split}] WRONG TYPE {wrong} on {o.gold.label} ({o.verdict} {list(o.problems)}) {o.article}\n    {o.gold.text}"
            )
    for m in outcomes.omissions:
        if not m.detected:
            print(f"[{m.split}] MISSED omission {m.fact} ({m.findings} findings) {m.article}")


def update_floors(full: Run, allow_lower: bool) -> int:
    """Pin the current figures of the full corpus and of the subset; refuse to lower one without ``allow_lower``."""
    new = new_floors(full, subset_run())
    lowered = lowered_floors(read_floors(FLOORS), new)
    if lowered and not allow_lower:
        print(
            "Refusing to lower floors (rerun with --allow-lower if this is intended):\n  " + "\n  ".join(lowered),
            file=sys.stderr,
        )
        return 1
    write_atomically(FLOORS, floors_json(new))
    print(f"floors written to {FLOORS}" + (f" (lowered: {'; '.join(lowered)})" if lowered else ""))
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (a function of its own so that tests can call it)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", nargs="+", help="only articles of these releases (file stems)")
    parser.add_argument("--split", choices=SPLITS, help="only articles of this split")
    parser.add_argument("--misses", action="store_true", help="list missed corruptions and false alarms")
    parser.add_argument("--no-write", action="store_true", help="do not write results/latest.json")
    parser.add_argument("--check-floors", action="store_true", help="exit 1 when the full corpus misses a pinned floor")
    parser.add_argument("--update-floors", action="store_true", help="pin the current figures in floors.json")
    parser.add_argument("--allow-lower", action="store_true", help="with --update-floors: allow lowering a floor")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        parser.error(f"{args.corpus} does not exist; run `python bench/audit/generate.py` first")
    if (args.update_floors or args.check_floors) and (args.only or args.split or args.corpus != CORPUS):
        parser.error("--update-floors and --check-floors work on the whole default corpus")
    return args


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    items = read_jsonl(args.corpus)
    items = [
        i
        for i in items
        if (not args.only or i.id.split("/")[0] in args.only) and (not args.split or i.split == args.split)
    ]
    run, outcomes = run_scoring(items)
    if args.misses:
        print_misses(outcomes)
    print(table(run))
    for split, score in run.scores.items():
        missed = targets_met(score)
        print(f"{split}: " + ("all targets met" if not missed else "targets missed: " + "; ".join(missed)))
    print(f"{run.articles} articles in {run.seconds:.1f} s; corpus sha256 {run.corpus_sha256[:12]}")
    if not (args.no_write or args.only or args.split or args.corpus != CORPUS):
        releases = sorted({item.id.split("/")[0] for item in items})
        write_atomically(RESULTS, json.dumps(results_json(run, releases), ensure_ascii=False, indent=2) + "\n")
    if args.update_floors:
        return update_floors(run, args.allow_lower)
    if args.check_floors:
        problems = check_pinned(run, "full")
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
