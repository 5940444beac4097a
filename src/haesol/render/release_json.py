"""The parsed Release as plain JSON data (what `haesol parse` prints)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

from haesol.models import Release


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def release_document(release: Release) -> dict[str, Any]:
    """The release as JSON-ready data, with the computed embargo time added."""
    data: dict[str, Any] = _plain(release)
    embargo = release.timing.embargo_until
    data["embargo_until"] = embargo.isoformat() if embargo else None
    data["date"] = release.date.isoformat() if release.date else None
    return data
