"""The SQLite store: releases with revisions, parsed documents, articles, check reports, Korean search."""

from __future__ import annotations

import logging

from haesol.store.db import Store, default_db_path, open_store
from haesol.store.records import (
    ArticleRecord,
    KnownRelease,
    NewRevision,
    PendingRelease,
    ReleaseRow,
    SaveResult,
    SearchHit,
)

LOGGER = logging.getLogger(__name__)

__all__ = [
    "ArticleRecord",
    "KnownRelease",
    "NewRevision",
    "PendingRelease",
    "ReleaseRow",
    "SaveResult",
    "SearchHit",
    "Store",
    "default_db_path",
    "open_store",
]
