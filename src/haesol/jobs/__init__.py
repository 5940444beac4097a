"""Collect press releases from the 정책브리핑 portal (list and view pages) and the optional data.go.kr API."""

from __future__ import annotations

import logging

LOGGER = logging.getLogger(__name__)
