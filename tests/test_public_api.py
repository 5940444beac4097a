"""The public API: what `import haesol` offers, pinned, and loaded lazily so that --version stays fast."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import haesol

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "mnd_barracks_heating.txt"
PUBLIC = [
    "Article",
    "AuditReport",
    "CheckResult",
    "HaesolError",
    "InputError",
    "LicenseError",
    "Release",
    "VerificationError",
    "WriteOptions",
    "WriteResult",
    "__version__",
    "check",
    "parse",
    "write",
]


def test_exported_members_are_pinned_and_sorted() -> None:
    assert haesol.__all__ == PUBLIC
    for name in PUBLIC:
        assert getattr(haesol, name) is not None


def test_import_haesol_loads_no_model_or_parser() -> None:
    code = "import sys, haesol; print(sorted(m for m in sys.modules if m.startswith(('kiwipiepy', 'lxml', 'haesol.'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_parse_write_check_through_the_top_level_names() -> None:
    import haesol.parse.hwpx  # binding the subpackage must not hide the function

    release = haesol.parse(str(EXAMPLE))
    assert isinstance(release, haesol.Release)
    result = haesol.write(release, haesol.WriteOptions(style="polite"))
    assert result.article.headline.text
    markdown = "\n".join(line.text for line in result.article.lines())
    report = haesol.check(markdown.encode("utf-8"), release)
    assert report.report.sentences


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        haesol.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
