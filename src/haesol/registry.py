"""The names of built-in parsers, engines and renderers; the CLI only looks names up here."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from haesol.errors import ConfigError
from haesol.parse.formats import PARSERS, get_parser

LOGGER = logging.getLogger(__name__)

__all__ = ["ENGINES", "PARSERS", "RENDERERS", "get_engine", "get_parser", "get_renderer"]

ENGINES: dict[str, str] = {
    "extractive": "haesol.compose.extractive:ExtractiveEngine",
    "llm": "haesol.compose.llm:LlmEngine",
}
RENDERERS: dict[str, str] = {
    "md": "haesol.render.markdown:MarkdownRenderer",
    "html": "haesol.render.html:HtmlRenderer",
    "json": "haesol.render.json:JsonRenderer",
}


def _load(table: dict[str, str], name: str, what: str) -> Any:
    target = table.get(name)
    if target is None:
        raise ConfigError(f"알 수 없는 {what}: {name} (unknown {what}; available: {', '.join(sorted(table))})")
    module_name, _, attr = target.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def get_engine(name: str) -> Any:
    """The engine class registered as ``name``."""
    return _load(ENGINES, name, "engine")


def get_renderer(name: str) -> Any:
    """An instance of the renderer registered as ``name``."""
    return _load(RENDERERS, name, "format")()
