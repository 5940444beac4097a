"""Labelled articles: the records the generator writes (JSON lines) and the scorer reads."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)

FAITHFUL = "faithful"
CORRUPTION_TYPES = ("number", "date", "name", "place", "inserted", "caption", "negation", "term", "number_swap")
DOCUMENT_TYPES = ("omission",)


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One article sentence with its gold label (``faithful`` or a corruption type) and how it was made."""

    text: str
    part: str
    label: str = FAITHFUL
    detail: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OmittedFact:
    """A key fact of the source that a document-level item leaves out on purpose."""

    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """A generated article: its source, Markdown text, gold sentences and omitted facts."""

    id: str
    split: str
    source: str
    kind: str
    base: str
    text: str
    sentences: tuple[GoldSentence, ...]
    omitted: tuple[OmittedFact, ...] = ()
    format: str = "md"

    def to_json(self) -> dict[str, Any]:
        """The record as a JSON object."""
        data = asdict(self)
        data["sentences"] = [asdict(s) for s in self.sentences]
        data["omitted"] = [asdict(o) for o in self.omitted]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LabelledArticle:
        """Read a record written by ``to_json``."""
        sentences = tuple(GoldSentence(**s) for s in data["sentences"])
        omitted = tuple(OmittedFact(**o) for o in data.get("omitted", ()))
        fields = {k: v for k, v in data.items() if k not in ("sentences", "omitted")}
        return cls(**fields, sentences=sentences, omitted=omitted)


def dump_jsonl(items: list[LabelledArticle]) -> str:
    """The records as JSON lines (stable key order, UTF-8 text)."""
    return "".join(json.dumps(item.to_json(), ensure_ascii=False, sort_keys=True) + "\n" for item in items)


def corpus_hash(items: list[LabelledArticle]) -> str:
    """SHA-256 of the JSON-lines text: the same generator, releases and seed give the same hash."""
    return hashlib.sha256(dump_jsonl(items).encode("utf-8")).hexdigest()


def read_jsonl(path: Path) -> list[LabelledArticle]:
    """Read a corpus file.

    Raises:
        ValueError: when a line is not a valid record.
    """
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(LabelledArticle.from_json(json.loads(line)))
        except (json.JSONDecodeError, TypeError, KeyError) as exc:
            raise ValueError(f"{path}:{number}: not a labelled article ({exc})") from exc
    return items
