"""The starting point of every labelled article: a release, its facts as written, and `haesol write`'s sentences."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)

BASE_PARTS = ("headline", "lead", "heading", "body", "bullet")
CAPTION_LINE_RE = re.compile(r"^\s*\[사진\s*\d*\]\s*(?P<text>.+?)\s*(?:\(사진\s*[=＝][^)]*\))?\s*$")


@dataclass(frozen=True, slots=True)
class BaseLine:
    """One sentence of the extractive article, where it sits, and which paragraph it belongs to."""

    text: str
    part: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A release the corpus is generated from: its file, raw text, date and base sentences."""

    name: str
    path: str
    split: str
    text: str
    anchor: dt.date
    lines: tuple[BaseLine, ...]
    captions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extracted:
    """What the generator needs from a release: its date, text, captions and `haesol write`'s sentences."""

    anchor: dt.date
    text: str
    captions: tuple[str, ...]
    lines: tuple[BaseLine, ...]


def extract_base(path: Path) -> Extracted:
    """Parse a release and run `haesol write` on it (extractive engine, dated on the release date).

    Returns:
        The release date that relative dates resolve against, every source sentence as one text,
        the photo captions, and the headline, lead, headings, body sentences and key points in
        reading order (exact duplicates dropped).
    """
    from haesol.analyze.annotate import analyze_release
    from haesol.models import Origin
    from haesol.parse import parse_file
    from haesol.pipeline import WriteOptions, write

    release = parse_file(str(path))
    analysis = analyze_release(release)
    text = "\n".join([s.text for s in analysis.sentences] + [d.text for d in release.dropped])
    captions = tuple(_caption_text(s.text) for s in analysis.sentences if s.origin is Origin.CAPTION)
    article = write(release, WriteOptions(article_date=analysis.anchor)).article
    return Extracted(analysis.anchor, text, tuple(c for c in captions if c), tuple(_article_lines(article)))


def _caption_text(line: str) -> str:
    match = CAPTION_LINE_RE.match(line)
    return match.group("text") if match else line.strip()


def _article_lines(article: Any) -> list[BaseLine]:
    """Headline, lead, headings, body and key points of a composed Article, in reading order."""
    lines: list[BaseLine] = [BaseLine(article.headline.text, "headline", 0)]
    lines += [BaseLine(line.text, "lead", 1) for line in article.lead]
    paragraph = 1
    for section in article.sections:
        paragraph += 1
        lines.append(BaseLine(section.heading.text, "heading", paragraph))
        for block in section.paragraphs:
            paragraph += 1
            lines += [BaseLine(line.text, "body", paragraph) for line in block]
    paragraph += 1
    lines += [BaseLine(line.text, "bullet", paragraph) for line in article.key_points]
    return _dedupe(lines)


def _dedupe(lines: list[BaseLine]) -> list[BaseLine]:
    seen: set[str] = set()
    out = []
    for line in lines:
        key = re.sub(r"\s+", "", line.text)
        if key and key not in seen and line.part in BASE_PARTS:
            seen.add(key)
            out.append(line)
    return out


def bases_to_json(docs: list[SourceDoc]) -> dict[str, Any]:
    """What was taken from every release (a snapshot that later runs can reuse without `haesol write`)."""
    return {
        doc.name: {
            "anchor": doc.anchor.isoformat(),
            "text": doc.text,
            "captions": list(doc.captions),
            "lines": [[line.text, line.part, line.paragraph] for line in doc.lines],
        }
        for doc in docs
    }


def load_sources(root: Path, entries: list[tuple[str, str, Path]], snapshot: dict[str, Any] | None) -> list[SourceDoc]:
    """Read the releases; base sentences come from ``snapshot`` when it has them, else from `haesol write`.

    Args:
        root: the repository root (paths in the corpus are relative to it).
        entries: (name, split, path) of each release.
        snapshot: a ``bases_to_json`` result, or None to run `haesol write` for every release.
    """
    docs = []
    for name, split, path in entries:
        if snapshot is not None and name in snapshot:
            saved = snapshot[name]
            lines = tuple(BaseLine(t, p, int(n)) for t, p, n in saved["lines"])
            got = Extracted(dt.date.fromisoformat(saved["anchor"]), saved["text"], tuple(saved["captions"]), lines)
        else:
            got = extract_base(path)
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        docs.append(SourceDoc(name, shown, split, got.text, got.anchor, got.lines, got.captions))
    return docs


def read_snapshot(path: Path) -> dict[str, Any] | None:
    """The saved base sentences, or None when the file does not exist."""
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
