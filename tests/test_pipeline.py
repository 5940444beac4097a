"""The public API is exactly what haesol/__init__.py exports."""

from __future__ import annotations

import haesol


def test_exported_members() -> None:
    assert haesol.__all__ == sorted(haesol.__all__)
    for name in haesol.__all__:
        assert hasattr(haesol, name), name
