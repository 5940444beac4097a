"""Generated releases of every header family (A–D) in every format: every header field is read right."""

from __future__ import annotations

import pytest

from haesol.models import Release
from haesol.parse import parse_bytes
from tests.parse.family_builders import FAMILIES, FORMATS, WRITERS, Spec, make_spec

SEEDS_PER_CASE = 13  # 4 families x 4 formats x 13 = 208 generated documents
HEADER_WORDS = ("보도시점", "보도일시", "배포일시", "배포 ")


def _cases() -> list[tuple[str, str, int]]:
    return [(family, fmt, seed) for family in FAMILIES for fmt in FORMATS for seed in range(SEEDS_PER_CASE)]


def _parse(spec: Spec, fmt: str) -> Release:
    return parse_bytes(WRITERS[fmt](spec), f"{spec.family}-{spec.seed}.{fmt}")


@pytest.mark.parametrize(("family", "fmt", "seed"), _cases())
def test_generated_release_header_fields(family: str, fmt: str, seed: int) -> None:
    spec = make_spec(family, seed)
    release = _parse(spec, fmt)
    e = spec.expected
    assert release.title == e.title
    assert release.subtitles == e.subtitles
    assert release.doc_type == e.doc_type and release.doc_type_stated
    assert (release.agency, release.agency_source.value) == (e.agency, e.agency_source)
    assert release.timing.date == e.timing_date, release.timing
    assert release.timing.time == e.timing_time
    assert release.timing.edition == e.edition
    assert release.timing.immediate == e.immediate
    assert release.distributed.date == e.distributed_date
    assert {c.phone for c in release.contacts} == set(e.phones)
    assert {c.name for c in release.contacts} == set(e.names)
    assert {c.department for c in release.contacts} == {e.department}
    body_text = " ".join(b.text for b in release.blocks)
    assert not any(word in body_text for word in HEADER_WORDS)
    assert e.doc_type not in body_text and e.title not in body_text
    if e.note:
        assert e.note.lstrip("※ ") not in body_text
        assert any(e.note.lstrip("※ ") in n.text for n in release.notes)
    assert release.is_release()
