"""The '< 보도 내용 (매체, 날짜) >' box of a 보도설명자료/해명자료: what an outlet reported, kept apart from the statement."""

from __future__ import annotations

import datetime as dt
import logging
import re

from haesol.models import ReportedClaim

LOGGER = logging.getLogger(__name__)

REPORT_HEAD_RE = re.compile(
    r"^\s*[<〈《【\[]\s*(?:관련\s*)?보\s*도\s*내\s*용\s*(?:\((?P<inside>[^()]*)\))?\s*[>〉》】\]]\s*(?P<rest>.*)$", re.S
)
EXPLAIN_HEAD_RE = re.compile(r"^\s*[<〈《【\[]\s*(?:설\s*명|해\s*명)\s*내\s*용\s*[>〉》】\]]\s*$")
DATE_RE = re.compile(r"(?:(?P<y>\d{4}|[’'‘]\d{2})\s*[.년]\s*)?(?P<m>\d{1,2})\s*[.월]\s*(?P<d>\d{1,2})\s*[.일]?")
CLAIM_MARK_RE = re.compile(r"^[\s◈◇◆○ㅇ•·\-]+")


def is_report_head(text: str) -> bool:
    """Whether a line opens a '< 보도 내용 … >' box."""
    return REPORT_HEAD_RE.match(text.strip().split("\n", 1)[0]) is not None


def is_explain_head(text: str) -> bool:
    """Whether a line is the '< 설명 내용 >' heading that opens the ministry's own statement."""
    return EXPLAIN_HEAD_RE.match(text) is not None


def read_report_box(text: str, anchor: dt.date | None) -> ReportedClaim | None:
    """The claim a box states: outlet and date from its heading, the quoted report from the lines under it."""
    first, _, after = text.strip().partition("\n")
    match = REPORT_HEAD_RE.match(first)
    if match is None:
        return None
    outlet, date_text = split_outlet_date(match.group("inside") or "")
    lines = [match.group("rest"), *after.split("\n")]
    body = " ".join(CLAIM_MARK_RE.sub("", line).strip() for line in lines if line.strip())
    return ReportedClaim(outlet=outlet, date_text=date_text, text=body, date=claim_date(date_text, anchor))


def split_outlet_date(inside: str) -> tuple[str, str]:
    """'한겨레, 5.20' → ('한겨레', '5.20'); '○○일보 2024. 5. 20.' → ('○○일보', '2024. 5. 20.')."""
    date = DATE_RE.search(inside)
    if date is None:
        return inside.strip(" ,"), ""
    outlet = (inside[: date.start()] + inside[date.end() :]).strip(" ,·")
    return " ".join(outlet.split()), date.group(0).strip()


def claim_date(date_text: str, anchor: dt.date | None) -> dt.date | None:
    """The report's date; a month and day take the release's year (a report never postdates its answer)."""
    match = DATE_RE.search(date_text)
    if match is None:
        return None
    year_text = (match.group("y") or "").lstrip("’'‘")
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    elif anchor is not None:
        year = anchor.year
    else:
        return None
    try:
        found = dt.date(year, int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None
    if not year_text and anchor is not None and found > anchor:
        found = found.replace(year=year - 1)
    return found
