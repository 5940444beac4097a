"""The names of built-in parsers, engines and renderers; the CLI only looks names up here."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any, Protocol

from haesol.errors import ConfigError
from haesol.models import Analysis, Article, CheckerFactory
from haesol.parse.formats import PARSERS, get_parser

LOGGER = logging.getLogger(__name__)

__all__ = [
    "ENGINES",
    "PARSERS",
    "RENDERERS",
    "Engine",
    "EngineFactory",
    "Renderer",
    "get_engine",
    "get_parser",
    "get_renderer",
]

if TYPE_CHECKING:
    from haesol.compose.extractive import ComposeOptions
    from haesol.config import Config

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


class Engine(Protocol):
    """What composes an article from an analysed release (the extractive and the LLM engine)."""

    name: str

    def compose(self, analysis: Analysis, options: ComposeOptions) -> Article: ...


class EngineFactory(Protocol):
    """An engine class: built with the settings and the verify stage's checker factory."""

    def __call__(self, *, config: Config | None = ..., make_checker: CheckerFactory | None = ...) -> Engine: ...


class Renderer(Protocol):
    """What turns a write result into text (Markdown, HTML, JSON)."""

    def render(self, result: object) -> str: ...


def get_engine(name: str) -> EngineFactory:
    """The engine class registered as ``name``.

    Raises:
        ConfigError: for an unknown engine name (the message lists the known ones).
    """
    factory: EngineFactory = _load(ENGINES, name, "engine")
    return factory


def get_renderer(name: str) -> Renderer:
    """An instance of the renderer registered as ``name``.

    Raises:
        ConfigError: for an unknown format name (the message lists the known ones).
    """
    renderer: Renderer = _load(RENDERERS, name, "format")()
    return renderer
