"""Exact-match rate of 개조식 → 서술식 rewriting on the test set in tests/data/prose, per ending type.

Usage: python bench/prose/run.py [--misses]

Prints a table per ending type for the test set in tests/data/prose and for the held-out lines in
tests/data/prose/holdout (written after the rules were tuned, never used to tune them).

Each case is turned into a one-point release (title, 보도시점 line, the □ line and its ◦/ㅇ lines),
parsed and analysed like any release, and written by the extractive engine's ProseWriter in both
registers. A case matches when the sentences equal the expected text exactly; every written sentence
is also checked by the verifier against the sentences it cites.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

LOGGER = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "prose"
HOLDOUT = DATA / "holdout"
RELEASE_DATE = dt.date(2026, 10, 8)
LINE_BREAK = "⏎"
STYLES = ("news", "polite")


@dataclass(frozen=True, slots=True)
class Case:
    """One test line: the source lines of a point and the expected sentence in each register."""

    kind: str
    source: str
    news: str
    polite: str
    article_date: dt.date


@dataclass
class Outcome:
    """What the writer made of one case in one register, and whether the verifier accepted every sentence."""

    case: Case
    style: str
    text: str
    verified: bool = True
    problems: list[str] = field(default_factory=list)

    @property
    def expected(self) -> str:
        """The expected text in this register."""
        return self.case.news if self.style == "news" else self.case.polite

    @property
    def matched(self) -> bool:
        """Whether the output is exactly the expected text."""
        return self.text == self.expected


def load_cases(folder: Path = DATA) -> list[Case]:
    """Every case of every TSV file in ``folder``; the file's stem is the ending type."""
    cases = []
    for path in sorted(folder.glob("*.tsv")):
        article_date = RELEASE_DATE
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# article_date:"):
                article_date = dt.date.fromisoformat(line.split(":", 1)[1].strip())
            if not line.strip() or line.startswith("#"):
                continue
            source, news, polite = line.split("\t")
            cases.append(Case(path.stem, source, news, polite, article_date))
    return cases


def release_text(case: Case) -> str:
    """The case as a small 개조식 release."""
    lines = case.source.split(LINE_BREAK)
    body = [line if line.lstrip()[:1] in "□ㅇ◦○-*" else f"□ {line}" for line in lines]
    body = [body[0], *[f" {line}" for line in body[1:]]]
    header = f"보도자료\n\n보도시점: {RELEASE_DATE.year}. {RELEASE_DATE.month}. {RELEASE_DATE.day}.(목) 조간\n\n"
    return header + "시험용 보도자료 제목입니다\n\n" + "\n".join(body) + "\n"


def run_case(case: Case, verify: bool = True) -> list[Outcome]:
    """Write one case in both registers."""
    from haesol.analyze.annotate import analyze_release
    from haesol.analyze.kiwi import get_analyzer
    from haesol.compose.layout import group_body
    from haesol.compose.prose import ProseWriter
    from haesol.parse import parse_bytes
    from haesol.verify.checker import Checker, Claim

    release = parse_bytes(release_text(case).encode("utf-8"), source=f"{case.kind}.txt")
    analysis = analyze_release(release)
    sentences = [s for group in group_body(release) for block in group.blocks for s in analysis.of_block(block.id)]
    checker = Checker(analysis) if verify else None
    outcomes = []
    for style in STYLES:
        drafts = ProseWriter(get_analyzer(), style, case.article_date, analysis.anchor).write(sentences)
        outcome = Outcome(case, style, " ".join(d.text for d in drafts))
        for draft in drafts if checker is not None else []:
            check = checker.check(Claim(draft.text, "body", draft.sources), draft.morphs)
            if check.verdict.value != "supported":
                outcome.verified = False
                outcome.problems.append(
                    f"{draft.text} — {[p.message for p in check.problems]} coverage {check.coverage}"
                )
        outcomes.append(outcome)
    return outcomes


def measure(folder: Path = DATA, verify: bool = True) -> list[Outcome]:
    """Run every case of a test set (the main set by default, or the held-out lines)."""
    return [outcome for case in load_cases(folder) for outcome in run_case(case, verify)]


def table(outcomes: list[Outcome]) -> str:
    """A Markdown table: cases, exact matches per register, both, and verifier passes, per ending type."""
    kinds = sorted({o.case.kind for o in outcomes})
    rows = ["| ending type | cases | news exact | polite exact | verified |", "|---|---:|---:|---:|---:|"]
    for kind in [*kinds, "all"]:
        chosen = [o for o in outcomes if kind in ("all", o.case.kind)]
        news = [o for o in chosen if o.style == "news"]
        polite = [o for o in chosen if o.style == "polite"]
        rows.append(
            f"| {kind} | {len(news)} | {_rate(news)} | {_rate(polite)} | "
            f"{sum(o.verified for o in chosen)}/{len(chosen)} |"
        )
    return "\n".join(rows)


def _rate(outcomes: list[Outcome]) -> str:
    hits = sum(o.matched for o in outcomes)
    return f"{hits}/{len(outcomes)} ({100 * hits / max(len(outcomes), 1):.1f}%)"


def exact_rate(outcomes: list[Outcome]) -> float:
    """Share of (case, register) pairs written exactly as expected."""
    return sum(o.matched for o in outcomes) / max(len(outcomes), 1)


def main(argv: list[str] | None = None) -> int:
    """Print the table (and the misses with --misses); exit 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="print every case that did not match")
    args = parser.parse_args(argv)
    for title, folder in (("test set", DATA), ("held-out lines (not used for tuning)", HOLDOUT)):
        outcomes = measure(folder)
        if args.misses:
            _print_misses(outcomes)
        print(f"\n{title}\n")
        print(table(outcomes))
        print(f"\nexact match: {100 * exact_rate(outcomes):.1f}%")
    return 0


def _print_misses(outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        if not outcome.matched or not outcome.verified:
            print(f"[{outcome.case.kind}/{outcome.style}] {outcome.case.source}")
            print(f"   got:      {outcome.text}")
            print(f"   expected: {outcome.expected}")
            for problem in outcome.problems:
                print(f"   verifier: {problem}")


if __name__ == "__main__":
    sys.exit(main())
