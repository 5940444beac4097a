"""The 보도시점 embargo, computed conservatively: the latest of every time the sources state."""

from __future__ import annotations

import datetime as dt
import logging
import re

from haesol.models import KST, Release

LOGGER = logging.getLogger(__name__)

# Attachment names start with the 보도시점: "260908(조간) …", "250724(석간) …" or "260908 …".
NAME_TIMING = re.compile(r"^\s*(\d{2})(\d{2})(\d{2})(?!\d)\s*(?:[(\[]\s*(조간|석간)\s*[)\]])?")
EDITION_HOUR = {"조간": 0, "석간": 12}


def embargo_from_name(name: str) -> dt.datetime | None:
    """The embargo an attachment's name implies: 00:00 KST (조간, or no edition) or 12:00 KST (석간).

    Args:
        name: an attachment file name such as ``260908(조간) ○○ 결과.hwpx``.

    Returns:
        An aware datetime, or None when the name does not start with a YYMMDD date.
    """
    match = NAME_TIMING.match(name)
    if not match:
        return None
    year, month, day, edition = match.groups()
    try:
        date = dt.date(2000 + int(year), int(month), int(day))
    except ValueError:
        return None
    return dt.datetime.combine(date, dt.time(EDITION_HOUR.get(edition or "", 0)), tzinfo=KST)


def conservative_embargo(release: Release | None, *stated: dt.datetime | None) -> dt.datetime | None:
    """The latest of the release's 보도시점 and every other stated embargo (API, file name).

    Rule (source-formats.md §3.1): max(API EmbargoDate, the 보도시점 time); 조간/석간 without a
    time hold until 00:00/12:00 KST of the stated date. ``배포 즉시`` adds no embargo.

    Returns:
        An aware datetime, or None when nothing states an embargo.
    """
    candidates = [moment for moment in stated if moment is not None]
    if release is not None and release.timing.embargo_until is not None:
        candidates.append(release.timing.embargo_until)
    aware = [m if m.tzinfo else m.replace(tzinfo=KST) for m in candidates]
    return max(aware) if aware else None


def is_ready(embargo_until: dt.datetime | None, now: dt.datetime | None = None) -> bool:
    """Whether the embargo has passed (True when there is none)."""
    if embargo_until is None:
        return True
    return (now or dt.datetime.now(dt.UTC)) >= embargo_until
