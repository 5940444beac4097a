"""Numbers with big units and counters, normalised so that equal amounts compare equal."""

from __future__ import annotations

import pytest

from haesol.analyze.numbers import find_numbers


@pytest.mark.parametrize(
    ("text", "values"),
    [
        pytest.param("총 320억 원이 투입", ["32000000000원"], id="eok"),
        pytest.param("320억원", ["32000000000원"], id="no-space"),
        pytest.param("32,000,000,000원", ["32000000000원"], id="commas"),
        pytest.param("98억 7654만 3150원", ["9876543150원"], id="groups"),
        pytest.param("8억 2천만 달러", ["820000000달러"], id="cheonman"),
        pytest.param("71.3%가", ["71.3%"], id="percent"),
        pytest.param("12.4%p 상승", ["12.4%p"], id="points"),
        pytest.param("1,240곳을", ["1240곳"], id="counter"),
        pytest.param("약 45만 명", ["450000명"], id="people"),
    ],
)
def test_values(text: str, values: list[str]) -> None:
    assert [n.value for n in find_numbers(text)] == values
