"""The API reference page: the endpoints of /openapi.json listed on a local page (FastAPI's /docs loads a CDN)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

LOGGER = logging.getLogger(__name__)

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One API operation: method, path, summary, parameters and the request body's schema name."""

    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[str, ...]
    body: str
    response: str


def _schema_name(content: dict[str, Any]) -> str:
    for media_type, spec in content.items():
        schema = spec.get("schema", {})
        ref = schema.get("$ref", "")
        return f"{ref.rsplit('/', 1)[-1] or schema.get('type', '')} ({media_type})"
    return ""


def api_endpoints(openapi: dict[str, Any]) -> tuple[Endpoint, ...]:
    """Every operation of an OpenAPI document, in path order."""
    out = []
    for path, item in sorted(openapi.get("paths", {}).items()):
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            params = tuple(f"{p['name']} ({p.get('in', '')})" for p in operation.get("parameters", ()))
            body = _schema_name(operation.get("requestBody", {}).get("content", {}))
            ok = operation.get("responses", {}).get("200", {})
            out.append(
                Endpoint(
                    method.upper(),
                    path,
                    operation.get("summary", ""),
                    operation.get("description", ""),
                    params,
                    body,
                    _schema_name(ok.get("content", {})),
                )
            )
    return tuple(out)
