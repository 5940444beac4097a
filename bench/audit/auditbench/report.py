"""The bench's outputs: the Markdown table, the results JSON, and the floors the test pins."""

from __future__ import annotations

import datetime as dt
import logging
import os
import platform
from dataclasses import dataclass
from typing import Any

from auditbench.model import CORRUPTION_TYPES
from auditbench.scoring import SplitScore

LOGGER = logging.getLogger(__name__)

RECALL_TARGETS = {
    "number": 0.95,
    "date": 0.95,
    "name": 0.95,
    "place": 0.95,
    "inserted": 0.95,
    "negation": 0.8,
    "term": 0.8,
}
FALSE_ALARM_TARGET = 0.05
LABELS = {
    "number": "number changed",
    "date": "date changed",
    "name": "name/title swapped",
    "place": "invented place",
    "inserted": "inserted sentence",
    "caption": "caption text",
    "negation": "negation flipped",
    "term": "altered term",
    "number_swap": "number swapped (value from elsewhere in the source)",
}


@dataclass(frozen=True, slots=True)
class Run:
    """One scoring run: its figures per split, the corpus hash, and where it ran."""

    scores: dict[str, SplitScore]
    corpus_sha256: str
    articles: int
    seconds: float


def metrics(score: SplitScore) -> dict[str, float]:
    """The pinned figures of a split: recall per type, omission recall and the false-alarm rate (lower is better)."""
    out = {f"recall.{kind}": round(score.types[kind].recall, 4) for kind in CORRUPTION_TYPES}
    out["recall.omission"] = round(score.omission_recall, 4)
    out["false_alarm"] = round(score.false_alarm_rate, 4)
    return out


def targets_met(score: SplitScore) -> list[str]:
    """The targets a split misses (empty when all are met)."""
    misses = [
        f"{kind} recall {score.types[kind].recall:.3f} < {target}"
        for kind, target in RECALL_TARGETS.items()
        if score.types[kind].recall < target
    ]
    if score.false_alarm_rate > FALSE_ALARM_TARGET:
        misses.append(f"false alarms {score.false_alarm_rate:.3f} > {FALSE_ALARM_TARGET}")
    return misses


def table(run: Run) -> str:
    """The Markdown table: one row per corruption type, omissions and false alarms, tuning and held-out columns."""
    splits = [name for name in ("tune", "heldout", "samples", "all") if name in run.scores]
    head = (
        "| type | target | "
        + " | ".join(f"{_title(s)} n | {_title(s)} recall | {_title(s)} precision" for s in splits)
        + " |"
    )
    rule = "|---|---|" + "---:|---:|---:|" * len(splits)
    rows = [head, rule]
    for kind in CORRUPTION_TYPES:
        target = f"≥ {RECALL_TARGETS[kind]}" if kind in RECALL_TARGETS else "—"
        cells = [f"{t.n} | {t.recall:.3f} | {t.precision:.3f}" for t in (run.scores[s].types[kind] for s in splits)]
        rows.append(f"| {LABELS[kind]} | {target} | " + " | ".join(cells) + " |")
    cells = [f"{run.scores[s].omissions} | {run.scores[s].omission_recall:.3f} | —" for s in splits]
    rows.append("| key fact omitted (document) | — | " + " | ".join(cells) + " |")
    cells = [
        f"{run.scores[s].faithful} | {run.scores[s].false_alarm_rate:.3f} | partial {run.scores[s].partial_share:.3f}"
        for s in splits
    ]
    rows.append(f"| **false alarms** on faithful sentences | ≤ {FALSE_ALARM_TARGET} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _title(split: str) -> str:
    return {"tune": "tuning", "heldout": "held-out", "samples": "real samples", "all": "all"}[split]


def results_json(run: Run, releases: list[str]) -> dict[str, Any]:
    """The results document (results/latest.json)."""
    return {
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "machine": machine(),
        "corpus_sha256": run.corpus_sha256,
        "articles": run.articles,
        "releases": releases,
        "seconds": round(run.seconds, 1),
        "targets": {"recall": RECALL_TARGETS, "false_alarm_max": FALSE_ALARM_TARGET},
        "splits": {name: split_json(score) for name, score in run.scores.items()},
        "targets_missed": {name: targets_met(score) for name, score in run.scores.items()},
    }


def split_json(score: SplitScore) -> dict[str, Any]:
    """One split's figures as JSON."""
    return {
        "types": {
            kind: {
                "n": t.n,
                "detected": t.detected,
                "recall": round(t.recall, 4),
                "flagged": t.predicted,
                "precision": round(t.precision, 4),
            }
            for kind, t in score.types.items()
        },
        "faithful": {
            "n": score.faithful,
            "false_alarms": score.false_alarms,
            "rate": round(score.false_alarm_rate, 4),
            "partial": score.partial,
            "partial_share": round(score.partial_share, 4),
            "by_base": {base: {"n": n, "false_alarms": bad} for base, (n, bad) in score.by_base.items()},
        },
        "omission": {
            "n": score.omissions,
            "detected": score.omissions_found,
            "recall": round(score.omission_recall, 4),
        },
        "unaligned_sentences": score.unaligned,
    }


def machine() -> str:
    """A one-line description of the machine: OS, CPU model and count, Python."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as stream:
            model = next((line.split(":", 1)[1].strip() for line in stream if line.startswith("model name")), model)
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {model} × {os.cpu_count()}, Python {platform.python_version()}"
