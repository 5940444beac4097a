"""보도시점/배포 timing, embargo times and 담당 contact rows."""

from __future__ import annotations

import datetime as dt

import pytest

from haesol.models import KST
from haesol.parse.structure.header import parse_contacts, parse_timing, parse_timing_line


@pytest.mark.parametrize(
    ("raw", "date", "time", "edition", "immediate"),
    [
        pytest.param("2026. 10. 8.(목) 조간", dt.date(2026, 10, 8), None, "조간", False, id="morning"),
        pytest.param("2026. 10. 7.(수) 석간", dt.date(2026, 10, 7), None, "석간", False, id="evening"),
        pytest.param("2026. 10. 7.(수) 12:00", dt.date(2026, 10, 7), dt.time(12, 0), "", False, id="time"),
        pytest.param("배포 즉시", None, None, "", True, id="immediate"),
        pytest.param(
            "2018. 9. 4.(화) 조간(온라인 9. 3. 12:00)부터", dt.date(2018, 9, 4), None, "조간", False, id="online"
        ),
    ],
)
def test_timing_values(raw: str, date: dt.date | None, time: dt.time | None, edition: str, immediate: bool) -> None:
    timing = parse_timing(raw)
    assert (timing.date, timing.time, timing.edition, timing.immediate) == (date, time, edition, immediate)


def test_embargo_is_conservative() -> None:
    assert parse_timing("2026. 10. 8.(목) 조간").embargo_until == dt.datetime(2026, 10, 8, 0, 0, tzinfo=KST)
    assert parse_timing("2026. 10. 7.(수) 석간").embargo_until == dt.datetime(2026, 10, 7, 12, 0, tzinfo=KST)
    assert parse_timing("배포 즉시").embargo_until is None


def test_two_labels_on_one_line() -> None:
    fields = parse_timing_line("보도시점: 2026. 3. 12.(목) 조간   배포: 2026. 3. 11.(수) 10:00")
    assert fields.release is not None and fields.release.date == dt.date(2026, 3, 12)
    assert fields.distributed is not None and fields.distributed.time == dt.time(10, 0)


def test_contacts_inherit_department() -> None:
    contacts = parse_contacts(
        [
            "담당 부서: 국방부 군수관리관실 시설기획과   책임자: 과장 오세린 (02-748-5310)",
            "담당자: 서기관 문태호 (02-748-5316)",
        ]
    )
    assert [(c.department, c.role, c.position, c.name, c.phone) for c in contacts] == [
        ("국방부 군수관리관실 시설기획과", "책임자", "과장", "오세린", "02-748-5310"),
        ("국방부 군수관리관실 시설기획과", "담당자", "서기관", "문태호", "02-748-5316"),
    ]


def test_spaced_position_is_read() -> None:
    contacts = parse_contacts(["담당부서 교통물류실 책임자 과  장 이주열 (044-201-3823)"])
    assert contacts[0].position == "과장" and contacts[0].name == "이주열"
