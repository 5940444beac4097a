"""The real documents in ../shared/samples: each parses to Korean text or fails with its documented error,
and twins of one document in several formats agree on their text."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from haesol.errors import EmptyInputError, NoBodyError, ProtectedDocumentError, UnsupportedVersionError
from haesol.models import RawParagraph, RawTable
from haesol.parse import parse_bytes, parse_raw
from haesol.parse.sniff import detect_format

EXPECTED_ERRORS: dict[str, type[Exception]] = {
    "hwp/edge_distribution_notice.hwp": ProtectedDocumentError,
    "hwp/kwater_press_dist.hwp": ProtectedDocumentError,
    "hwp/edge_password.hwp": ProtectedDocumentError,
    "hwp/edge_drm_markany.hwp": ProtectedDocumentError,
    "hwp/edge_hwp3.hwp": UnsupportedVersionError,
    "hwp/edge_empty.hwp": EmptyInputError,
    "hwp/headerfooter.hwp": NoBodyError,
    "hwpx/edge_password.hwpx": ProtectedDocumentError,
    "hwpx/edge_empty.hwpx": EmptyInputError,
    "hwpx/headerfooter.hwpx": EmptyInputError,
}
TWINS = {
    "moef_fdi_2025q2": ("hwp/moef_fdi_2025q2.hwp", "hwpx/moef_fdi_2025q2.hwpx", "pdf/moef_fdi_2025q2.pdf"),
    "mois_press_govinnov": ("hwp/mois_press_govinnov.hwp", "hwpx/mois_press_govinnov.hwpx"),
    "msit_press_noori": ("hwp/msit_press_noori.hwp", "hwpx/msit_press_noori.hwpx"),
    "kwater_press": ("hwp/kwater_press.hwp", "pdf/kwater_press.pdf"),
}
AGREEMENT_FLOOR = 0.95
HANGUL_RE = re.compile(r"[가-힣]")


def _sample_files(samples: Path) -> list[str]:
    return sorted(str(p.relative_to(samples)) for p in samples.glob("*/*") if p.suffix in (".hwp", ".hwpx", ".pdf"))


def test_every_sample_parses_or_fails_as_documented(samples: Path) -> None:
    for name in _sample_files(samples):
        data = (samples / name).read_bytes()
        expected = EXPECTED_ERRORS.get(name)
        if expected is not None:
            with pytest.raises(expected):
                parse_bytes(data, name)
            continue
        release = parse_bytes(data, name)
        text = " ".join(b.text for b in release.blocks) + " ".join(
            c.text for b in release.blocks if b.table for row in b.table.rows for c in row
        )
        assert len(HANGUL_RE.findall(text)) > 20, name


def test_tables_survive(samples: Path) -> None:
    for name, minimum in (
        ("hwpx/moef_fdi_2025q2.hwpx", 20),
        ("hwp/mois_workreport.hwp", 40),
        ("pdf/kwater_press.pdf", 2),
    ):
        release = parse_bytes((samples / name).read_bytes(), name)
        assert sum(1 for b in release.blocks if b.table is not None) >= minimum, name


def _all_text(samples: Path, name: str) -> str:
    data = (samples / name).read_bytes()
    raw = parse_raw(data, detect_format(data), name)
    parts = []
    for item in raw.items:
        if isinstance(item, RawParagraph):
            parts.append(item.text)
        elif isinstance(item, RawTable):
            parts.extend(cell.text for row in item.table.rows for cell in row)
    return re.sub(r"\s+", "", "".join(parts))


def _agreement(a: str, b: str) -> float:
    """Share of characters in matching blocks (order-aware, insensitive to whitespace)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return 2 * matched / max(len(a) + len(b), 1)


@pytest.mark.parametrize("document", sorted(TWINS))
def test_twins_agree(samples: Path, document: str) -> None:
    files = TWINS[document]
    texts = [_all_text(samples, name) for name in files]
    for name, text in zip(files[1:], texts[1:], strict=True):
        assert _agreement(texts[0], text) >= AGREEMENT_FLOOR, (files[0], name)
