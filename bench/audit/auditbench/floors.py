"""Score floors pinned with a corpus hash (bench/audit/floors.json): compare, and update only on purpose."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)

LOWER_IS_BETTER = frozenset({"false_alarm"})


@dataclass(frozen=True, slots=True)
class Pinned:
    """Floors for one corpus: which releases, the corpus hash, and the figure each metric must reach."""

    releases: tuple[str, ...]
    corpus_sha256: str
    floors: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        """As a JSON object."""
        return {
            "releases": list(self.releases),
            "corpus_sha256": self.corpus_sha256,
            "floors": dict(sorted(self.floors.items())),
        }


def read_floors(path: Path) -> dict[str, Pinned]:
    """The pinned floors by name ('subset', 'full'); empty when the file does not exist."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: Pinned(tuple(v["releases"]), v["corpus_sha256"], dict(v["floors"]))
        for name, v in data.items()
        if not name.startswith("_")
    }


def floors_json(pinned: dict[str, Pinned]) -> str:
    """The floors file's text."""
    data: dict[str, Any] = {
        "_comment": "Written by `python bench/audit/score.py --update-floors`; lowering a floor needs --allow-lower."
    }
    data.update({name: p.to_json() for name, p in sorted(pinned.items())})
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def regressions(floors: dict[str, float], measured: dict[str, float]) -> list[str]:
    """Metrics that fall below their floor (or, for false alarms, rise above it)."""
    out = []
    for name, floor in sorted(floors.items()):
        value = measured.get(name)
        if value is None:
            out.append(f"{name}: not measured")
        elif name in LOWER_IS_BETTER and value > floor + 1e-9:
            out.append(f"{name}: {value:.4f} > {floor:.4f}")
        elif name not in LOWER_IS_BETTER and value < floor - 1e-9:
            out.append(f"{name}: {value:.4f} < {floor:.4f}")
    return out
