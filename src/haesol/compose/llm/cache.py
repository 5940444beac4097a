"""The LLM response cache: one JSON file per request, keyed by what determines the answer."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

LOGGER = logging.getLogger(__name__)

CACHE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class CacheKey:
    """Everything that decides an answer: model, prompt version, register, sampling, request kind and text."""

    model: str
    prompt_version: str
    style: str
    source_hash: str
    kind: str
    temperature: float = 0.0
    seed: int = 0

    def digest(self) -> str:
        """The sha256 hex digest naming the cache file."""
        fields = [
            CACHE_FORMAT,
            self.model,
            self.prompt_version,
            self.style,
            self.source_hash,
            self.kind,
            self.temperature,
            self.seed,
        ]
        return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    """sha256 hex digest of a text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    """~/.cache/haesol/llm (or under $XDG_CACHE_HOME)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "haesol" / "llm"


class ResponseCache:
    """Answers stored on disk; a damaged or unreadable entry counts as a miss, a failed write as a warning."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory) if directory else default_cache_dir()

    def __repr__(self) -> str:
        return f"ResponseCache({str(self.directory)!r})"

    def path(self, key: CacheKey) -> Path:
        """The file that holds the answer for ``key``."""
        digest = key.digest()
        return self.directory / digest[:2] / f"{digest}.json"

    def get(self, key: CacheKey) -> str | None:
        """The cached answer text, or None."""
        path = self.path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            LOGGER.debug("ignoring unreadable cache entry %s: %s", path, exc)
            return None
        content = data.get("content") if isinstance(data, dict) else None
        return content if isinstance(content, str) else None

    def put(self, key: CacheKey, content: str) -> None:
        """Store an answer atomically (a temporary file renamed into place)."""
        path = self.path(key)
        record = {
            "format": CACHE_FORMAT,
            "model": key.model,
            "prompt_version": key.prompt_version,
            "style": key.style,
            "kind": key.kind,
            "content": content,
        }
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            os.replace(temp, path)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            LOGGER.warning("cannot write the LLM cache %s: %s", self.directory, exc)
