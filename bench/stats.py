"""Small statistics for the bench: percentiles and median/min/max over repetitions."""

from __future__ import annotations

import logging
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stat:
    """A figure over repetitions: the median with the smallest and largest value, and how many."""

    median: float
    min: float
    max: float
    n: int

    def as_json(self, digits: int = 3) -> dict[str, float | int]:
        """The figure as a JSON object, rounded."""
        return {
            "median": round(self.median, digits),
            "min": round(self.min, digits),
            "max": round(self.max, digits),
            "n": self.n,
        }


def summarize(values: Sequence[float]) -> Stat:
    """Median, min and max of ``values``.

    Raises:
        ValueError: when ``values`` is empty.
    """
    if not values:
        raise ValueError("no values to summarize")
    return Stat(statistics.median(values), min(values), max(values), len(values))


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) with linear interpolation between closest ranks.

    Raises:
        ValueError: when ``values`` is empty or ``q`` is outside 0–100.
    """
    if not values:
        raise ValueError("no values")
    if not 0 <= q <= 100:
        raise ValueError(f"q must be within 0–100, not {q}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ratio_stat(numerators: Sequence[float], denominators: Sequence[float]) -> Stat:
    """Per-repetition ratios (same repetition on both sides), summarised.

    Raises:
        ValueError: when the sequences differ in length or are empty.
    """
    if len(numerators) != len(denominators):
        raise ValueError("ratio of sequences of different lengths")
    return summarize([n / d for n, d in zip(numerators, denominators, strict=True) if d > 0])
