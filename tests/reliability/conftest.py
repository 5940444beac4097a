"""The desk fixtures of tests/web, shared with the reliability tests."""

from __future__ import annotations

from tests.helpers.desk import auth_client, client, desk_db, desk_template

__all__ = ["auth_client", "client", "desk_db", "desk_template"]
