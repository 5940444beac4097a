"""Header fields of a release: 보도시점/배포 timing, document type, and the 담당 contact rows."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from haesol.models import Contact, Timing

LOGGER = logging.getLogger(__name__)

DOC_TYPES = (
    "보도참고자료",
    "보도설명자료",
    "보도해명자료",
    "설명자료",
    "해명자료",
    "참고자료",
    "동정자료",
    "보도자료",
)
DOC_TYPE_RE = re.compile(r"^[\s\[<(【]*(" + "|".join(DOC_TYPES) + r")[\s\]>)】\d]*$")

TIMING_LABEL_RE = re.compile(
    r"(?P<label>보\s*도\s*(?:시\s*점|일\s*시|일\s*자|시\s*간|가능\s*시점|예정)|엠\s*바\s*고|"
    r"배\s*포\s*(?:일\s*시|일\s*자|시\s*점|시\s*간)?(?=\s*[:：]|\s+\d|\s*$))\s*[:：]?\s*"
)
PARTIAL_DATE_RE = re.compile(
    r"(?<![\d.])(?P<m>\d{1,2})\s*[.월]\s*(?P<d>\d{1,2})\s*[.일]?\s*\(\s*(?P<w>[월화수목금토일])\s*\)"
)
WEEKDAYS = "월화수목금토일"
PIN_YEARS_BACK = 12
DATE_IN_TIMING_RE = re.compile(
    r"(?P<y>\d{4}|\d{2})\s*[.년/-]\s*(?P<m>\d{1,2})\s*[.월/-]\s*(?P<d>\d{1,2})\s*[.일]?"
    r"(?:\s*\(\s*[월화수목금토일]\s*\))?"
)
TIME_IN_TIMING_RE = re.compile(r"(?:(?P<ampm>오전|오후)\s*)?(?P<h>\d{1,2})\s*(?::|시)\s*(?P<min>\d{2})?")
IMMEDIATE_RE = re.compile(r"즉\s*시|배\s*포\s*시|배포와\s*동시|바\s*로\s*보\s*도")
VALUE_END_RE = re.compile(
    r"\s*(?:담\s*당\s*부\s*서|담\s*당\s*과|담\s*당\s*자|책\s*임\s*자|연\s*락\s*처|사\s*진\s*(?:있음|없음)).*$"
)
EDITION_RE = re.compile(r"조\s*간|석\s*간")

CONTACT_LABEL_RE = re.compile(r"담\s*당\s*부\s*서|담당\s*과|책\s*임\s*자|담\s*당\s*자|문\s*의")
PHONE_RE = re.compile(r"\(?\s*(0\d{1,2}[-.)\s]\s?\d{3,4}[-.\s]\d{4})\s*\)?")
POSITIONS = (
    "과장",
    "팀장",
    "국장",
    "실장",
    "단장",
    "본부장",
    "센터장",
    "부장",
    "소장",
    "관장",
    "처장",
    "정책관",
    "사무관",
    "서기관",
    "기술서기관",
    "주무관",
    "연구관",
    "연구사",
    "연구원",
    "행정관",
    "대변인",
    "차장",
    "책임연구원",
    "선임연구원",
    "전문위원",
    "전문관",
    "조사관",
    "감사관",
    "담당관",
    "계장",
    "과 장",
    "팀 장",
)
POSITION_RE = re.compile(
    "|".join(sorted((re.escape(p).replace(r"\ ", r"\s*") for p in POSITIONS), key=len, reverse=True))
)
NAME_RE = re.compile(r"[가-힣]{1}[가-힣○◯〇Ｏ*]{1,3}|[○◯〇]{2,3}")


@dataclass(frozen=True, slots=True)
class HeaderFields:
    """The timing statements found on a line: 보도시점 and 배포."""

    release: Timing | None = None
    distributed: Timing | None = None


def detect_doc_type(line: str) -> str:
    """The document type a banner line names (보도자료, 설명자료 …), or ''."""
    match = DOC_TYPE_RE.match(line.replace(" ", ""))
    if not match:
        return ""
    found = match.group(1)
    return "보도설명자료" if found == "보도설명자료" else found


def parse_timing_line(line: str) -> HeaderFields:
    """Read 보도시점/배포 statements from one line (labels may share a line)."""
    matches = list(TIMING_LABEL_RE.finditer(line))
    release = distributed = None
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        value = VALUE_END_RE.sub("", line[match.end() : end]).strip(" :：|/")
        timing = parse_timing(value)
        if match.group("label").replace(" ", "").startswith("배포"):
            distributed = distributed or timing
        else:
            release = release or timing
    return HeaderFields(release, distributed)


def pin_year(month: int, day: int, weekday: int, anchor: dt.date | None) -> int | None:
    """The year in which month/day falls on ``weekday`` (0 = Monday): nearest the anchor's year (±1),
    or, with no anchor, the latest such year up to next year; None when none fits."""
    if anchor is not None:
        candidates = [anchor.year, anchor.year - 1, anchor.year + 1]
    else:
        latest = dt.date.today().year + 1
        candidates = list(range(latest, latest - PIN_YEARS_BACK, -1))
    for year in candidates:
        try:
            if dt.date(year, month, day).weekday() == weekday:
                return year
        except ValueError:
            continue
    return None


def parse_timing(raw: str, anchor: dt.date | None = None) -> Timing:
    """Parse a timing value such as '2026. 10. 8.(목) 조간', '2026. 10. 7.(수) 12:00', '3. 4.(화) 조간' or
    '배포 즉시'; a date without a year takes it from its weekday (nearest ``anchor`` when given)."""
    raw = " ".join(raw.split())
    date_match: re.Match[str] | None = DATE_IN_TIMING_RE.search(raw)
    date = _to_date(date_match) if date_match else None
    if date_match is None:
        date_match = PARTIAL_DATE_RE.search(raw)
        date = _pinned_date(date_match, anchor) if date_match else None
    rest = raw[date_match.end() :] if date_match else raw
    rest = re.sub(r"\(.*?\)", " ", rest) if "온라인" in rest or "방송" in rest else rest
    edition_match = EDITION_RE.search(rest)
    time_match = TIME_IN_TIMING_RE.search(rest)
    return Timing(
        raw=raw,
        date=date,
        time=_to_time(time_match) if time_match else None,
        edition=edition_match.group(0).replace(" ", "") if edition_match else "",
        immediate=bool(IMMEDIATE_RE.search(raw)) and date is None,
    )


def _pinned_date(match: re.Match[str], anchor: dt.date | None) -> dt.date | None:
    month, day = int(match.group("m")), int(match.group("d"))
    year = pin_year(month, day, WEEKDAYS.index(match.group("w")), anchor)
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def _to_date(match: re.Match[str]) -> dt.date | None:
    year = int(match.group("y"))
    year = year + 2000 if year < 100 else year
    try:
        return dt.date(year, int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


def _to_time(match: re.Match[str]) -> dt.time | None:
    hour = int(match.group("h"))
    if match.group("ampm") == "오후" and hour < 12:
        hour += 12
    minute = int(match.group("min") or 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def is_contact_line(line: str) -> bool:
    """Whether a line (or a flattened table row) is a 담당 contact row with a phone number."""
    return bool(CONTACT_LABEL_RE.search(line)) and bool(PHONE_RE.search(line))


def parse_contacts(lines: list[str]) -> list[Contact]:
    """Parse contact rows; a row without a department inherits the one above it."""
    contacts: list[Contact] = []
    department = ""
    for line in lines:
        found_department = _department_of(line)
        department = found_department or department
        contacts.extend(_people_of(line, department))
    return _unique(contacts)


def _department_of(line: str) -> str:
    match = re.search(
        r"(?:담\s*당\s*부\s*서|담당\s*과(?!\s*장)|문\s*의)\s*[:：]?\s*(?P<dept>.+?)(?=책\s*임\s*자|담\s*당\s*자|담\s*당\s*과\s*장|\(?0\d|$)",
        line,
    )
    if not match:
        return ""
    department = re.sub(r"<[^>]*>", "", match.group("dept")).strip(" :：|,")
    return " ".join(department.split())


def _people_of(line: str, department: str) -> list[Contact]:
    people: list[Contact] = []
    pattern = re.compile(
        r"(?P<role>책\s*임\s*자|담\s*당\s*자|담\s*당\s*과\s*장)\s*[:：]?\s*(?P<body>.*?)"
        r"(?=책\s*임\s*자|담\s*당\s*자|담\s*당\s*과\s*장|$)"
    )
    for match in pattern.finditer(line):
        people.extend(_person(match.group("role"), match.group("body"), department))
    if not people:
        for phone in PHONE_RE.findall(line):
            people.append(Contact(department=department, phone=_clean_phone(phone)))
    return people


def _person(role: str, body: str, department: str) -> list[Contact]:
    phones = PHONE_RE.findall(body)
    if not phones:
        return []
    before_phone = body[: body.find(phones[0])] if phones[0] in body else body
    role = role.replace(" ", "")
    position_match = POSITION_RE.search(before_phone)
    position = position_match.group(0).replace(" ", "") if position_match else ""
    after_position = before_phone[position_match.end() :] if position_match else before_phone
    name_match = NAME_RE.search(after_position) or (
        NAME_RE.search(before_phone[: position_match.start()]) if position_match else None
    )
    if role == "담당과장":
        role, position = "책임자", position or "과장"
    return [
        Contact(
            department=department,
            role=role,
            position=position,
            name=name_match.group(0) if name_match else "",
            phone=_clean_phone(phones[0]),
        )
    ]


def _clean_phone(phone: str) -> str:
    digits = re.sub(r"[^\d]", "-", phone.strip())
    return re.sub(r"-+", "-", digits).strip("-")


def _unique(contacts: list[Contact]) -> list[Contact]:
    seen: set[Contact] = set()
    out = []
    for contact in contacts:
        if contact not in seen:
            seen.add(contact)
            out.append(contact)
    return out
