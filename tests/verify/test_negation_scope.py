"""A negation belongs to its own predicate: '타협할 수 없는' negates 타협, not every '수 있다' nearby."""

from __future__ import annotations

from haesol.analyze.kiwi import get_analyzer
from haesol.verify.terms import negation_problem

SOURCE = (
    "사장은 “안전은 타협할 수 없는 최우선 가치”라며 “모두가 안심할 수 있는 작업 환경을 조성하는 데 "
    "최선을 다하겠다”라고 말했다."
)


def _problem(claim: str) -> object:
    analyzer = get_analyzer()
    return negation_problem(analyzer.morphs(claim), [analyzer.morphs(SOURCE)], claim)


def test_second_half_of_a_quote_keeps_no_negation_of_the_first() -> None:
    assert _problem("사장은 “모두가 안심할 수 있는 작업 환경을 조성하는 데 최선을 다하겠다”라고 말했다.") is None


def test_a_dropped_modal_negation_is_still_found() -> None:
    problem = _problem("사장은 “안전은 타협할 수 있는 최우선 가치”라고 말했다.")
    assert problem is not None and "negation" in str(problem)


def test_plain_existence_negation_is_still_found() -> None:
    analyzer = get_analyzer()
    source = "이번 조치로 달라지는 요금은 없다."
    claim = "이번 조치로 달라지는 요금이 있다."
    assert negation_problem(analyzer.morphs(claim), [analyzer.morphs(source)], claim) is not None
