"""Which releases the corpus is made from: the bench's own (tuning and held-out) and the bundled examples."""

from __future__ import annotations

import logging
from pathlib import Path

LOGGER = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[3]
BENCH = ROOT / "bench" / "audit"
RELEASES = BENCH / "releases"
CORPUS = BENCH / "corpus" / "corpus.jsonl"
SNAPSHOT = BENCH / "corpus" / "bases.json"
RESULTS = BENCH / "results" / "latest.json"
FLOORS = BENCH / "floors.json"
EXAMPLES = ("mnd_barracks_heating.txt", "mof_seafood_exports.txt", "korea_kr_page.html")
SEED = 20261105
# the fast subset the floors test runs: one 개조식 and one 문단식 release, a bundled example, one held-out release
SAMPLES = ROOT.parent / "shared" / "samples"
# real press releases among the shared samples (never copied into the repository)
SAMPLE_RELEASES = (
    "hwpx/msit_press_noori.hwpx",
    "hwpx/mois_press_govinnov.hwpx",
    "hwpx/moef_fdi_2025q2.hwpx",
    "hwpx/molit_press_taxi.hwpx",
    "hwp/kwater_press.hwp",
)
SUBSET = ("mohw_night_care", "mafra_kimchi_season", "mnd_barracks_heating", "kdca_flu_advisory")


def release_entries(root: Path = ROOT) -> list[tuple[str, str, Path]]:
    """(name, split, path) of every release: tuning releases, bundled examples, then held-out releases."""
    releases = root / "bench" / "audit" / "releases"
    out = [(p.stem, "tune", p) for p in sorted(releases.glob("*.txt"))]
    out += [
        (Path(name).stem, "tune", root / "examples" / name) for name in EXAMPLES if (root / "examples" / name).is_file()
    ]
    out += [(p.stem, "heldout", p) for p in sorted((releases / "heldout").glob("*.txt"))]
    return out


def sample_entries(samples: Path = SAMPLES) -> list[tuple[str, str, Path]]:
    """(name, 'samples', path) of the real press releases in ../shared/samples that exist."""
    return [(Path(name).stem, "samples", samples / name) for name in SAMPLE_RELEASES if (samples / name).is_file()]


def select(entries: list[tuple[str, str, Path]], names: tuple[str, ...] | None) -> list[tuple[str, str, Path]]:
    """The entries whose names are listed (all when ``names`` is None).

    Raises:
        ValueError: when a listed name is not a release.
    """
    if names is None:
        return entries
    known = {name for name, _, _ in entries}
    missing = sorted(set(names) - known)
    if missing:
        raise ValueError(f"unknown releases {missing}; available: {sorted(known)}")
    return [entry for entry in entries if entry[0] in names]
