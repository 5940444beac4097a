"""The bounded fuzz budget CI runs every time (about half a minute); the long run is `python -m tests.fuzz.harness`."""

from __future__ import annotations

import contextlib
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haesol.errors import InputError
from haesol.parse import parse_bytes
from tests.fuzz.harness import run
from tests.fuzz.mutators import MUTATORS

BUDGET = int(os.environ.get("HAESOL_FUZZ_BUDGET", "120"))  # inputs per format in the normal test run
HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
TEXTISH = st.one_of(HANGUL, st.sampled_from(list(" \n\t|-□ㅇ○·※<>/=\"'0123456789.,()")))


@pytest.mark.parametrize("fmt", sorted(MUTATORS))
def test_seeded_structure_aware_inputs_never_crash_a_parser(fmt: str) -> None:
    campaign = run(BUDGET, seed=0, formats=(fmt,))
    assert campaign.ran[fmt] == BUDGET
    assert not campaign.findings, [(f.kind, f.seed, f.detail) for f in campaign.findings]


@settings(
    max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.text(TEXTISH, max_size=400))
def test_any_korean_text_parses_or_is_refused_cleanly(text: str) -> None:
    with contextlib.suppress(InputError):
        parse_bytes(text.encode("utf-8"), "hypothesis.txt")


@settings(max_examples=150, derandomize=True, database=None, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_parse_or_are_refused_cleanly(data: bytes) -> None:
    with contextlib.suppress(InputError):
        parse_bytes(data, "hypothesis.bin")


@settings(max_examples=80, derandomize=True, database=None, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["p", "td", "tr", "table", "div", "h1"]),
            st.text(TEXTISH, max_size=30),
            st.integers(-5, 5000),
        ),
        max_size=40,
    )
)
def test_any_tag_soup_parses_or_is_refused_cleanly(parts: list[tuple[str, str, int]]) -> None:
    body = "".join(f"<{tag} rowspan='{n}' colspan='{n}'>{text}" for tag, text, n in parts)
    with contextlib.suppress(InputError):
        parse_bytes(f"<html><body>{body}</body></html>".encode(), "soup.html")


# Inputs the harness found crashing 0.1.0 (run against main before the fixes, seeds 1000-1299): each is
# rebuilt from its seed and must now end in a specific input error.
FOUND_ON_MAIN = [
    ("hwpx", 1015, "ParseError"),  # NotImplementedError: zip file version 18.2
    ("hwpx", 1207, ""),  # zlib.error in a member the reader can do without: now parsed (or refused cleanly)
    ("docx", 1228, "ParseError"),  # zlib.error: invalid distance too far back
    ("docx", 1077, "ResourceLimitError"),  # MemoryError after 13.7 s: gridSpan
    ("docx", 1173, "ParseError"),  # AttributeError: no attribute 'body'
    ("hwp", 1142, "ResourceLimitError"),  # MemoryError after 10.3 s: cell spans
    ("hwp", 1244, "ResourceLimitError"),  # MemoryError after 22.3 s: cell spans
]


@pytest.mark.parametrize(("fmt", "seed", "error"), FOUND_ON_MAIN)
def test_crashes_the_harness_found_are_now_specific_input_errors(fmt: str, seed: int, error: str) -> None:
    from tests.fuzz.harness import one_input

    data = one_input(fmt, seed)
    if not error:
        with contextlib.suppress(InputError):
            parse_bytes(data, f"found-{seed}.{fmt}")
        return
    with pytest.raises(InputError) as caught:
        parse_bytes(data, f"found-{seed}.{fmt}")
    assert type(caught.value).__name__ == error, str(caught.value)
