"""The review desk (`haesol serve`): a FastAPI app with server-rendered pages and a JSON twin of each."""

from __future__ import annotations

import logging

from haesol.web.app import create_app
from haesol.web.desk import DeskSettings

LOGGER = logging.getLogger(__name__)

__all__ = ["DeskSettings", "create_app"]
