"""The bench corpus: new releases recombined, with a fixed seed, from the blocks of the bundled examples."""

from __future__ import annotations

import hashlib
import logging
import random
from dataclasses import dataclass
from pathlib import Path

from haesol.models import Block, BlockKind, Contact, Part, Release

LOGGER = logging.getLogger(__name__)

SEED = 20261008
MIN_GROUPS = 4
MAX_GROUPS = 8
INDENT_OF_LEVEL = {1: "", 2: " ", 3: "   ", 4: "  "}
MARKER_OF_LEVEL = {1: "□", 2: "ㅇ", 3: "-", 4: "*"}


@dataclass(frozen=True, slots=True)
class Group:
    """A top-level body block (□ point, paragraph or table) with all blocks nested under it."""

    source: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class CorpusDoc:
    """One generated release: its file, its text, the example it took its front matter from."""

    path: Path
    text: str
    front: str

    @property
    def size(self) -> int:
        """The file's size in bytes (UTF-8)."""
        return len(self.text.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class Corpus:
    """The generated releases and a hash of their texts (same seed and examples → same hash)."""

    docs: tuple[CorpusDoc, ...]
    sources: tuple[str, ...]
    seed: int

    @property
    def size(self) -> int:
        """Total bytes of all releases."""
        return sum(d.size for d in self.docs)

    @property
    def sha256(self) -> str:
        """SHA-256 over the texts in order."""
        digest = hashlib.sha256()
        for doc in self.docs:
            digest.update(doc.text.encode("utf-8") + b"\0")
        return digest.hexdigest()


def example_paths(examples: Path) -> list[Path]:
    """The bundled example releases the corpus is built from (``*.txt`` and ``*.html``), sorted."""
    return sorted([*examples.glob("*.txt"), *examples.glob("*.html")])


def build_corpus(examples: Path, out_dir: Path, count: int, seed: int = SEED) -> Corpus:
    """Write ``count`` recombined releases into ``out_dir`` as text files.

    Args:
        examples: the folder with the bundled examples.
        out_dir: where the generated ``.txt`` releases are written.
        count: how many releases to generate.
        seed: the random seed (the corpus is deterministic for a seed).

    Returns:
        The corpus, in generation order.

    Raises:
        ValueError: when no example yields a body group.
    """
    from haesol.parse import parse_file

    releases = [parse_file(str(p)) for p in example_paths(examples)]
    names = [p.name for p in example_paths(examples)]
    pools = [body_groups(r, n) for r, n in zip(releases, names, strict=True)]
    everything = [g for pool in pools for g in pool]
    if not everything:
        raise ValueError(f"no body blocks in the examples under {examples}")
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = []
    for index in range(count):
        front = index % len(releases)
        groups = _pick_groups(rng, pools[front], everything)
        timing_from = releases[front] if releases[front].timing.raw else _with_timing(releases, index)
        text = render_release(releases[front], groups, timing_from)
        path = out_dir / f"bench_{index:03d}.txt"
        path.write_text(text, encoding="utf-8")
        docs.append(CorpusDoc(path, text, names[front]))
    return Corpus(tuple(docs), tuple(names), seed)


def _with_timing(releases: list[Release], index: int) -> Release:
    timed = [r for r in releases if r.timing.raw]
    return timed[index % len(timed)] if timed else releases[0]


def _pick_groups(rng: random.Random, own: list[Group], everything: list[Group]) -> list[Group]:
    """The front release's first point, then 3–7 more groups sampled from all examples."""
    first = own[0] if own else everything[0]
    rest = [g for g in everything if g is not first]
    k = min(len(rest), rng.randint(MIN_GROUPS, MAX_GROUPS) - 1)
    return [first, *rng.sample(rest, k)]


def body_groups(release: Release, source: str) -> list[Group]:
    """Split the main body into top-level groups; captions, 참고 and 붙임 are left out."""
    groups: list[list[Block]] = []
    for block in release.blocks:
        if block.part is not Part.BODY or block.kind is BlockKind.CAPTION:
            continue
        if block.parent is None or not groups:
            groups.append([block])
        else:
            groups[-1].append(block)
    return [Group(source, tuple(g)) for g in groups]


def render_release(front: Release, groups: list[Group], timed: Release) -> str:
    """Write a release in the plain-text layout: banner, timing, title, subtitles, □/ㅇ body, tables, 담당."""
    lines = [front.doc_type or "보도자료", ""]
    if timed.timing.raw:
        distributed = f"   배포: {timed.distributed.raw}" if timed.distributed.raw else ""
        lines += [f"보도시점: {timed.timing.raw}{distributed}", ""]
    lines.append(front.title)
    lines += [f"- {s} -" for s in front.subtitles]
    for group in groups:
        lines.append("")
        for block in group.blocks:
            lines += render_block(block)
    if front.contacts:
        lines += ["", *render_contacts(front.contacts)]
    return "\n".join(lines) + "\n"


def render_block(block: Block) -> list[str]:
    """One block as text lines: a marked line at its level, or a captioned, tab-separated table."""
    if block.table is not None:
        caption = block.table.caption or block.text
        rows = ["\t".join(" ".join(cell.split()) or "-" for cell in row) for row in block.table.grid()]
        return ([f"< {caption} >"] if caption else []) + rows
    level = block.level if block.level in MARKER_OF_LEVEL else 1
    marker = block.marker if block.marker in ("□", "ㅇ", "-", "*", "※") else MARKER_OF_LEVEL[level]
    return [f"{INDENT_OF_LEVEL[level]}{marker} {block.text}"]


def render_contacts(contacts: tuple[Contact, ...]) -> list[str]:
    """The 담당 lines: the department once, then one line per person (position, name, phone)."""
    lines = []
    for n, contact in enumerate(contacts):
        person = " ".join(p for p in (contact.position, contact.name) if p)
        phone = f" ({contact.phone})" if contact.phone else ""
        role = contact.role or "담당자"
        head = f"담당 부서: {contact.department}   " if n == 0 else " " * 20
        lines.append(f"{head}{role}: {person}{phone}")
    return lines
