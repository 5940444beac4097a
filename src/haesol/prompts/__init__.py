"""Versioned Korean prompts of the LLM engine; the version is part of every cache key."""

from __future__ import annotations

import logging
from importlib import resources
from string import Template

LOGGER = logging.getLogger(__name__)

PROMPT_VERSION = "v1"
PROMPT_KINDS = ("article", "fix")


def load_prompt(kind: str, **values: str) -> str:
    """The prompt ``{kind}_{PROMPT_VERSION}.md`` with ``$name`` placeholders filled in.

    Args:
        kind: "article" (the system prompt) or "fix" (the follow-up for failed sentences).
        values: text for the placeholders.

    Returns:
        The prompt text.

    Raises:
        ValueError: for an unknown kind.
    """
    if kind not in PROMPT_KINDS:
        raise ValueError(f"unknown prompt kind {kind!r}; available: {', '.join(PROMPT_KINDS)}")
    text = resources.files(__name__).joinpath(f"{kind}_{PROMPT_VERSION}.md").read_text(encoding="utf-8")
    return Template(text).substitute(values)
