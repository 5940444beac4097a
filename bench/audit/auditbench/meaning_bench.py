"""The meaning bench: labelled sentences (one meaning error each, or a faithful rephrasing) scored with `check` and the gate."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from auditbench.meaning_rules import Rewriter, Variant, meaning_and_morphs
from auditbench.releases import ROOT, SAMPLE_RELEASES, SAMPLES, SEED
from haesol.analyze.meaning import Meaning, meaning_of
from haesol.analyze.meaning_diff import source_predicates

LOGGER = logging.getLogger(__name__)

TYPES = ("tense", "modality", "attribution", "range", "qualifier", "comparison", "fragment", "place")
MEANING_PROBLEMS = frozenset(TYPES)
ARTICLE_DATE = dt.date(2026, 11, 26)
MEANING_SAMPLES = (*SAMPLE_RELEASES, "hwpx/moel_workreport.hwpx", "hwp/mois_workreport.hwp")
TARGET_RECALL = 0.95
TARGET_FALSE_ALARM = 0.03
FLOORS = ROOT / "bench" / "audit" / "meaning_floors.json"
BASES = ROOT / "bench" / "audit" / "corpus" / "meaning_bases.json"


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled article sentence and the source sentences it was made from."""

    release: str
    split: str
    sources: tuple[str, ...]
    base: str
    text: str
    label: str
    rule: str


@dataclass
class Score:
    """Counts of one run: per type n and detections (check and gate), faithful n and alarms."""

    n: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    found_gate: Counter[str] = field(default_factory=Counter)
    faithful: int = 0
    alarms: int = 0
    alarms_gate: int = 0
    flagged: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """Recall per type (check and gate) and the false-alarm rates, rounded."""
        out = {f"recall.{t}": round(self.found[t] / self.n[t], 4) for t in TYPES if self.n[t]}
        out |= {f"gate_recall.{t}": round(self.found_gate[t] / self.n[t], 4) for t in TYPES if self.n[t]}
        out["false_alarm"] = round(self.alarms / self.faithful, 4) if self.faithful else 0.0
        out["gate_false_alarm"] = round(self.alarms_gate / self.faithful, 4) if self.faithful else 0.0
        return out


def invented_entries() -> list[tuple[str, str, Path]]:
    """The bench's own releases (tuning, held-out, meaning) and the bundled examples."""
    releases = ROOT / "bench" / "audit" / "releases"
    paths = [
        *sorted(releases.glob("*.txt")),
        *sorted((releases / "heldout").glob("*.txt")),
        *sorted((releases / "meaning").glob("*.txt")),
    ]
    paths += [
        ROOT / "examples" / n
        for n in ("mnd_barracks_heating.txt", "mof_seafood_exports.txt")
        if (ROOT / "examples" / n).is_file()
    ]
    return [(p.stem, "invented", p) for p in paths]


def sample_entries() -> list[tuple[str, str, Path]]:
    """Real releases in ../shared/samples (read at bench time, never committed)."""
    return [(Path(n).stem, "samples", SAMPLES / n) for n in MEANING_SAMPLES if (SAMPLES / n).is_file()]


@dataclass(frozen=True, slots=True)
class BaseLine:
    """A sentence `haesol write` made from a release, and the source sentence ids it cites."""

    text: str
    sources: tuple[str, ...]


def write_bases(entries: list[tuple[str, str, Path]]) -> dict[str, list[BaseLine]]:
    """The body and lead sentences `haesol write` makes from each release (news style)."""
    from haesol.pipeline import WriteOptions, write

    out = {}
    for name, _, path in entries:
        # force: moel_workreport is a work report, not a press release (issue 12 refuses it); the meaning
        # bench still wants its sentences
        article = write(str(path), WriteOptions(style="news", article_date=ARTICLE_DATE, force=True)).article
        lines = [
            BaseLine(line.text, tuple(line.sources))
            for line in article.lines()
            if line.part.value in ("body", "lead") and line.sources and line.text.endswith("다.")
        ]
        out[name] = list({line.text: line for line in lines}.values())
    return out


def read_bases(path: Path = BASES) -> dict[str, list[BaseLine]]:
    """Frozen bases (so that the corpus changes only with the generator, not with the composer)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: [BaseLine(b["text"], tuple(b["sources"])) for b in lines] for name, lines in data.items()}


def save_bases(bases: dict[str, list[BaseLine]], path: Path = BASES) -> None:
    """Store the bases of the invented releases (never those of ../shared/samples)."""
    data = {name: [asdict(b) for b in lines] for name, lines in bases.items()}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def build_and_score(
    entries: list[tuple[str, str, Path]], bases: dict[str, list[BaseLine]] | None = None, seed: int = SEED
) -> tuple[list[Item], Score]:
    """Make the labelled sentences of each release from its bases and score them with the checker (check and gate)."""
    from haesol.analyze.annotate import analyze_release
    from haesol.analyze.kiwi import get_analyzer
    from haesol.parse import parse_file
    from haesol.verify.checker import Checker, Claim

    bases = bases if bases is not None else write_bases(entries)
    items: list[Item] = []
    score = Score()
    for name, split, path in entries:
        analyzer = get_analyzer()
        analyzer.clear_cache()
        analysis = analyze_release(parse_file(str(path)))
        rewriter = Rewriter(analyzer)
        checker = Checker(analysis, analyzer)
        made = _items(name, split, analysis, bases.get(name, []), rewriter, random.Random(f"{seed}:{name}:meaning"))
        for item in made:
            _score(item, checker, Claim, score)
        items.extend(made)
    return items, score


def _items(
    name: str, split: str, analysis: Any, bases: list[BaseLine], rewriter: Rewriter, rng: random.Random
) -> list[Item]:
    seen: set[str] = set()
    out: list[Item] = []
    by_id = {s.id: s for s in analysis.sentences}
    for line in bases:
        if line.text in seen:
            continue
        seen.add(line.text)
        morphs, meaning = meaning_and_morphs(rewriter.analyzer, line.text)
        sources = [meaning_of(by_id[i].text, by_id[i].morphs) for i in line.sources if i in by_id]
        corrupted = [v for v in rewriter.corruptions(line.text, morphs, meaning, rng) if _labelled(v, meaning, sources)]
        faithful = [
            v
            for v in rewriter.faithful(line.text, morphs, meaning, rng)
            if not v.rule.startswith("ending_") or _nonpast(meaning, sources)
        ]
        variants = [*corrupted, *faithful]
        for variant in variants:
            if variant.text not in seen:
                seen.add(variant.text)
                out.append(Item(name, split, tuple(line.sources), line.text, variant.text, variant.label, variant.rule))
    return out


def _labelled(variant: Variant, meaning: Meaning, sources: list[Meaning]) -> bool:
    """A tense or modality change is labelled only where the source states the predicate's tense or mood:
    a 개조식 '~함' says neither past nor present, so '했다' and '한다' both render it."""
    if variant.label not in ("tense", "modality"):
        return True
    main = meaning.main
    found = source_predicates(main, sources) if main is not None else []
    if not found:
        return False
    return variant.label != "tense" or all(p.tense for p in found)


def _nonpast(meaning: Meaning, sources: list[Meaning]) -> bool:
    """The source writes the main predicate in a non-past tense ('감소한다' may then become '감소할 예정이다')."""
    found = source_predicates(meaning.main, sources) if meaning.main is not None else []
    return bool(found) and all(p.tense and p.tense != "past" for p in found)


def _score(item: Item, checker: Any, claim_type: Any, score: Score) -> None:
    check = checker.check(claim_type(item.text, "body"))
    gate = checker.check(claim_type(item.text, "body", item.sources))
    found = {p.type for p in check.problems}
    found_gate = {p.type for p in gate.problems}
    if item.label == "faithful":
        score.faithful += 1
        alarm = bool(found & MEANING_PROBLEMS)
        score.alarms += alarm
        score.alarms_gate += bool(found_gate & MEANING_PROBLEMS)
        score.flagged += check.verdict.value in ("unsupported", "contradicted")
        if alarm:
            score.misses.append(
                {
                    "kind": "false_alarm",
                    "text": item.text,
                    "base": item.base,
                    "rule": item.rule,
                    "problems": [(p.type, p.message) for p in check.problems if p.type in MEANING_PROBLEMS],
                }
            )
        return
    score.n[item.label] += 1
    hit = item.label in found
    score.found[item.label] += hit
    score.found_gate[item.label] += item.label in found_gate
    if not hit:
        score.misses.append(
            {
                "kind": "miss",
                "label": item.label,
                "rule": item.rule,
                "text": item.text,
                "base": item.base,
                "problems": [(p.type, p.message) for p in check.problems],
            }
        )


def corpus_hash(items: list[Item]) -> str:
    """SHA-256 of the labelled sentences (text, label, rule, sources, release)."""
    payload = json.dumps([asdict(i) for i in items], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def run(split: str, frozen: bool = False) -> dict[str, Any]:
    """Build and score one split ('invented' or 'samples'); figures, counts, hash and time.

    ``frozen`` (invented only) reads the saved bases instead of running `haesol write`; otherwise the
    invented bases are saved again.
    """
    entries = invented_entries() if split == "invented" else sample_entries()
    started = time.perf_counter()
    bases = read_bases() if frozen and split == "invented" else write_bases(entries)
    if split == "invented" and not frozen:
        save_bases(bases)
    items, score = build_and_score(entries, bases)
    return {
        "split": split,
        "releases": len(entries),
        "sentences": len(items),
        "corpus_sha256": corpus_hash(items),
        "counts": {t: score.n[t] for t in TYPES},
        "faithful": score.faithful,
        "flagged_faithful": score.flagged,
        "figures": score.figures(),
        "seconds": round(time.perf_counter() - started, 1),
        "misses": score.misses,
    }


def read_floors(path: Path = FLOORS) -> dict[str, Any]:
    """The pinned floors per split ({} when none are pinned)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def below_floors(result: dict[str, Any], pinned: dict[str, Any]) -> list[str]:
    """Figures of a run below (false alarms: above) the pinned ones, and a changed corpus hash."""
    problems = []
    if pinned.get("corpus_sha256") != result["corpus_sha256"]:
        problems.append(f"corpus hash {result['corpus_sha256'][:12]} != pinned {str(pinned.get('corpus_sha256'))[:12]}")
    for key, floor in pinned.get("floors", {}).items():
        value = result["figures"].get(key, 0.0)
        if (value > floor) if "false_alarm" in key else (value < floor):
            problems.append(f"{key}: {value} (floor {floor})")
    return problems


def targets_missed(result: dict[str, Any]) -> list[str]:
    """The issue's targets: recall ≥ 0.95 per type, false alarms ≤ 3 %."""
    figures = result["figures"]
    out = [
        f"recall.{t} {figures.get(f'recall.{t}')}"
        for t in TYPES
        if result["counts"][t] and figures[f"recall.{t}"] < TARGET_RECALL
    ]
    if figures["false_alarm"] > TARGET_FALSE_ALARM:
        out.append(f"false_alarm {figures['false_alarm']}")
    return out
