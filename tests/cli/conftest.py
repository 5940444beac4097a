"""Fixtures of this folder, from tests/helpers/portal_fixtures.py."""

from tests.helpers.portal_fixtures import cli_env, client, portal, store  # noqa: F401
