"""Generate the labelled audit corpus: faithful and corrupted articles from the bench releases (seeded).

Usage:
    python bench/audit/generate.py                 # run `haesol write` on every release, write the corpus
    python bench/audit/generate.py --frozen        # reuse the saved `haesol write` sentences (corpus/bases.json)
    python bench/audit/generate.py --only mohw_night_care --out /tmp/c.jsonl
    python bench/audit/generate.py --samples --out /tmp/samples.jsonl   # real releases in ../shared/samples
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from auditbench.base import bases_to_json, load_sources, read_snapshot
from auditbench.build import build_articles
from auditbench.model import corpus_hash, dump_jsonl
from auditbench.releases import (
    CORPUS,
    ROOT,
    SEED,
    SNAPSHOT,
    release_entries,
    sample_entries,
    select,
)
from auditbench.runner import write_atomically

LOGGER = logging.getLogger(__name__)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (a function of its own so that tests can call it)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--frozen", action="store_true", help="reuse corpus/bases.json instead of running `haesol write`"
    )
    parser.add_argument("--only", nargs="+", help="release names (file stems)")
    parser.add_argument("--out", type=Path, default=CORPUS)
    parser.add_argument(
        "--samples",
        action="store_true",
        help="the real releases in ../shared/samples (needs --out outside the repository)",
    )
    args = parser.parse_args(argv)
    if args.samples and args.out.resolve().is_relative_to(ROOT):
        parser.error("--samples: real documents must not be written into the repository; use --out /tmp/…")
    return args


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    names = tuple(args.only) if args.only else None
    try:
        entries = sample_entries() if args.samples else select(release_entries(ROOT), names)
    except ValueError as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 2
    sources = load_sources(ROOT, entries, read_snapshot(SNAPSHOT) if args.frozen else None)
    items = build_articles(sources, args.seed)
    write_atomically(args.out, dump_jsonl(items))
    if not args.frozen and names is None and not args.samples:
        write_atomically(SNAPSHOT, json.dumps(bases_to_json(sources), ensure_ascii=False, indent=1) + "\n")
    labels = sum(len(item.sentences) for item in items)
    print(
        f"{len(items)} articles, {labels} labelled sentences from {len(sources)} releases → {args.out} (sha256 {corpus_hash(items)[:12]})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
