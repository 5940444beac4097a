"""What haesol is measured against: Kiwi's own tokenisation (the limit) and textrankr (a peer summariser)."""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from haesol.models import Release

LOGGER = logging.getLogger(__name__)

PEER_NAME = "textrankr"
PEER_SENTENCES = 3


def kiwi_texts(release: Release) -> list[str]:
    """The texts haesol hands to Kiwi for one release, in the units ``analyze_release`` uses.

    Title, subtitles, every block's text, every table caption and cell, each contact line and the
    보도시점/배포 lines — the minimum a Korean analysis of the release has to read.
    """
    texts = [release.title, *release.subtitles]
    for block in release.blocks:
        if block.table is None:
            texts.append(block.text)
            continue
        texts.append(block.text)
        texts += [cell.text for row in block.table.rows for cell in row]
    for contact in release.contacts:
        person = " ".join(p for p in (contact.department, contact.role, contact.position, contact.name) if p)
        texts.append(f"{person} ({contact.phone})" if contact.phone else person)
    for label, timing in (("보도시점", release.timing), ("배포", release.distributed)):
        if timing.raw:
            texts.append(f"{label}: {timing.raw}")
    return [t for t in texts if t.strip()]


def kiwi_tokenize(kiwi: Any, texts: list[str]) -> int:
    """Tokenise ``texts`` with Kiwi in one batch (as haesol does); returns the token count."""
    return sum(len(tokens) for tokens in kiwi.tokenize(texts))


def kiwi_split(kiwi: Any, texts: list[str]) -> int:
    """Split ``texts`` into sentences with tokens (haesol's first Kiwi pass); returns the sentence count."""
    return sum(len(s) for s in kiwi.split_into_sents(texts, return_tokens=True, return_sub_sents=False))


@dataclass(frozen=True, slots=True)
class PeerInfo:
    """The peer summariser: whether it is installed, its version and licence."""

    name: str
    available: bool
    version: str = ""
    license: str = ""
    note: str = ""


def peer_info() -> PeerInfo:
    """Whether textrankr (and the scipy its networkx PageRank needs) can run here."""
    try:
        version = importlib.metadata.version(PEER_NAME)
        licence = importlib.metadata.metadata(PEER_NAME)["License"] or ""
        import scipy  # noqa: F401  (networkx.pagerank needs it)
        import textrankr  # noqa: F401
    except (importlib.metadata.PackageNotFoundError, ImportError) as exc:
        note = f"not installed ({exc}); pip install -r bench/requirements.txt"
        return PeerInfo(PEER_NAME, False, note=note)
    return PeerInfo(PEER_NAME, True, version, licence, f"TextRank, Kiwi tokenizer (morph forms), top {PEER_SENTENCES}")


def make_peer(kiwi: Any) -> Callable[[str], str]:
    """A textrankr summariser whose tokenizer is the given Kiwi instance (morpheme forms).

    Raises:
        ImportError: when textrankr is not installed.
    """
    from textrankr import TextRank

    def tokenize(text: str) -> list[str]:
        return [t.form for t in kiwi.tokenize(text)]

    textrank = TextRank(tokenize)

    def summarize(text: str) -> str:
        return str(textrank.summarize(text, PEER_SENTENCES, verbose=True))

    return summarize
