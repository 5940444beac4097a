"""Publishing approved articles: to a WordPress site (REST API) and as a static site with feeds."""

from __future__ import annotations

import logging

LOGGER = logging.getLogger(__name__)
