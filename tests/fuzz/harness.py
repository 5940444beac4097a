"""The fuzz harness: seeded structure-aware inputs through ``parse_bytes``; anything but a Release or an
InputError is a crash, and an input slower than ``SLOW_SECONDS`` is a finding too.

A long run is one command (from the repository root):

    python -m tests.fuzz.harness --inputs 10000 --seed 1 --save fuzz-findings/

CI runs a bounded budget of the same harness in tests/fuzz/test_fuzz_budget.py.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from haesol.errors import InputError
from haesol.parse import parse_bytes
from tests.fuzz.mutators import MUTATORS

SLOW_SECONDS = 10.0
MEMORY_CAP = 2 * 1024**3  # the harness's own address-space cap: a blow-up fails loudly, never swaps


@dataclass
class Finding:
    """A crash or a slow input, with the seed that rebuilds it."""

    fmt: str
    seed: int
    kind: str
    detail: str
    data: bytes = field(repr=False, default=b"")


@dataclass
class Campaign:
    """What a run did: inputs per format, outcomes by kind, findings, the slowest input."""

    ran: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    slowest: tuple[float, str, int] = (0.0, "", 0)


def one_input(fmt: str, seed: int) -> bytes:
    """The input number ``seed`` of format ``fmt`` (the same bytes every time)."""
    return MUTATORS[fmt](random.Random(f"{fmt}:{seed}"))


def run(total: int, seed: int = 0, formats: tuple[str, ...] = tuple(MUTATORS)) -> Campaign:
    """Parse ``total`` inputs, round-robin over ``formats``, starting at input number ``seed``."""
    campaign = Campaign()
    for number in range(total):
        fmt = formats[number % len(formats)]
        input_seed = seed + number // len(formats)
        data = one_input(fmt, input_seed)
        started = time.perf_counter()
        outcome = _parse(fmt, input_seed, data, campaign)
        elapsed = time.perf_counter() - started
        campaign.ran[fmt] += 1
        campaign.outcomes[outcome] += 1
        if elapsed > campaign.slowest[0]:
            campaign.slowest = (elapsed, fmt, input_seed)
        if elapsed > SLOW_SECONDS:
            campaign.findings.append(Finding(fmt, input_seed, "slow", f"{elapsed:.1f} s", data))
    return campaign


def _parse(fmt: str, seed: int, data: bytes, campaign: Campaign) -> str:
    try:
        parse_bytes(data, f"fuzz-{seed}.{fmt}")
    except InputError as exc:
        return f"refused:{type(exc).__name__}"
    except Exception as exc:  # the point of the harness: nothing else may escape a parser
        campaign.findings.append(Finding(fmt, seed, "crash", f"{type(exc).__name__}: {exc}"[:300], data))
        return f"crash:{type(exc).__name__}"
    return "parsed"


def main(argv: list[str] | None = None) -> int:
    """Command line: run a campaign, print the tally, save findings; exit 1 when anything was found."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--formats", default=",".join(MUTATORS))
    parser.add_argument("--save", type=Path, help="Write each finding's input here.")
    args = parser.parse_args(argv)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    started = time.perf_counter()
    campaign = run(args.inputs, args.seed, tuple(args.formats.split(",")))
    print(f"ran {sum(campaign.ran.values())} inputs in {time.perf_counter() - started:.0f} s: {dict(campaign.ran)}")
    print(f"outcomes: {dict(sorted(campaign.outcomes.items()))}")
    print(f"slowest: {campaign.slowest[0]:.2f} s ({campaign.slowest[1]} seed {campaign.slowest[2]})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB; findings: {len(campaign.findings)}")
    for finding in campaign.findings:
        print(f"  {finding.kind} {finding.fmt} seed {finding.seed}: {finding.detail}")
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{finding.fmt}-{finding.seed}.bin").write_bytes(finding.data)
    return 1 if campaign.findings else 0


if __name__ == "__main__":
    sys.exit(main())
