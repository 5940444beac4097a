"""Facts of a sentence: people with titles, quotes with speakers, agencies, places."""

from __future__ import annotations

import datetime as dt

from haesol.analyze.facts import extract_facts
from haesol.analyze.kiwi import get_analyzer
from haesol.models import Analysis, FactKind


def _facts(text: str) -> dict[FactKind, list[str]]:
    morphs = get_analyzer().morphs(text)
    found: dict[FactKind, list[str]] = {}
    for fact in extract_facts(text, morphs, dt.date(2026, 10, 8)):
        found.setdefault(fact.kind, []).append(fact.value)
    return found


def test_person_and_full_title() -> None:
    facts = _facts("김선호 국방부장관 직무대행이 31일 헤그세스 신임 미 국방장관과 통화했다.")
    assert facts[FactKind.PERSON] == ["김선호"]
    assert "국방부장관직무대행" in facts[FactKind.TITLE]
    assert facts[FactKind.DATE] == ["2026-10-31"]


def test_title_grows_over_agency_and_word() -> None:
    facts = _facts('정민서 해양수산부 수산정책실장은 "꾸준히 지원하겠다"라고 말했다.')
    assert facts[FactKind.TITLE] == ["해양수산부수산정책실장"]
    assert facts[FactKind.PERSON] == ["정민서"]


def test_places_and_agencies() -> None:
    facts = _facts("국방부는 강원 철원군과 경기 연천군 부대를 지원한다.")
    assert facts[FactKind.ORG] == ["국방부"]
    assert set(facts[FactKind.PLACE]) >= {"철원군", "연천군"}


def test_quote_speaker_comes_from_parent_line(heating_analysis: Analysis) -> None:
    quotes = [f for f in heating_analysis.sentence("b10.s1").facts if f.kind is FactKind.QUOTE]
    assert quotes[0].speaker == "한도윤"


def test_phone_is_not_a_number() -> None:
    facts = _facts("문의 02-748-5310")
    assert facts == {FactKind.PHONE: ["02-748-5310"]}
