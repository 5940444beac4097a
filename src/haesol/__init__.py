"""haesol: faithful explainer articles from Korean government press releases."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# The public API, loaded on first use so that `haesol --version` does not import Kiwi or lxml.
_EXPORTS: dict[str, str] = {
    "Article": "haesol.models",
    "AuditReport": "haesol.models",
    "CheckResult": "haesol.pipeline",
    "HaesolError": "haesol.errors",
    "InputError": "haesol.errors",
    "LicenseError": "haesol.errors",
    "Release": "haesol.models",
    "VerificationError": "haesol.errors",
    "WriteOptions": "haesol.pipeline",
    "WriteResult": "haesol.pipeline",
    "check": "haesol.pipeline",
    "write": "haesol.pipeline",
}

__all__ = [
    "Article",
    "AuditReport",
    "CheckResult",
    "HaesolError",
    "InputError",
    "LicenseError",
    "Release",
    "VerificationError",
    "WriteOptions",
    "WriteResult",
    "__version__",
    "check",
    "parse",
    "write",
]

if TYPE_CHECKING:
    from haesol.errors import HaesolError, InputError, LicenseError, VerificationError
    from haesol.models import Article, AuditReport, Release
    from haesol.pipeline import CheckResult, WriteOptions, WriteResult, check, write


def __getattr__(name: str) -> Any:
    if name == "parse":  # the parse stage package is callable: haesol.parse(source) -> Release
        return importlib.import_module("haesol.parse")
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'haesol' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
