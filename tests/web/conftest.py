"""Fixtures of this folder, from tests/helpers/desk.py."""

from tests.helpers.desk import auth_client, browser, client, desk, desk_db, desk_template, locked_desk, page  # noqa: F401
