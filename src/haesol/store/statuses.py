"""The one status vocabulary of haesol: codes the CLI prints and filters by, and the Korean labels the desk shows."""

from __future__ import annotations

import logging

LOGGER = logging.getLogger(__name__)

# code → Korean label, in workflow order
STATUS_LABELS: dict[str, str] = {
    "new": "새 자료",
    "drafted": "초안",
    "ready": "초안 · 보도 가능",
    "embargoed": "보도시점 전",
    "needs_review": "검토 필요",
    "approved": "승인",
    "failed": "실패",
    "duplicate": "중복",
}
REVIEW_STATUSES = ("needs_review", "approved")
ALL_STATUSES = tuple(STATUS_LABELS)


def status_help() -> str:
    """The vocabulary as one line for CLI help: 'new (새 자료), drafted (초안), …'."""
    return ", ".join(f"{code} ({label})" for code, label in STATUS_LABELS.items())


def status_label(status: str, embargoed: bool = False) -> str:
    """The Korean label of a desk status; a draft reads as the CLI says it: ready, or embargoed before its 보도시점."""
    if status == "drafted":
        return STATUS_LABELS["embargoed" if embargoed else "ready"]
    return STATUS_LABELS.get(status, status)
