"""The audit: verdicts on real source/rewrite pairs, document findings and the score."""

from __future__ import annotations

from pathlib import Path

import pytest

from haesol.models import Analysis, Verdict
from haesol.parse.article_units import read_article
from haesol.verify.audit import audit_article, failing, score

DATA = Path(__file__).resolve().parents[1] / "data" / "check"


def _audit(name: str, analysis: Analysis):  # type: ignore[no-untyped-def]
    return audit_article(read_article((DATA / name).read_bytes()), analysis)


def test_faithful_markdown_passes(heating_analysis: Analysis) -> None:
    report = _audit("heating_faithful.md", heating_analysis)
    assert not failing(report, "unsupported"), [c for c in report.sentences if c.verdict is not Verdict.SUPPORTED]
    assert report.score >= 90
    assert not [f for f in report.findings if f.severity == "error"]


def test_autoblog_problems_are_found(heating_analysis: Analysis) -> None:
    report = _audit("heating_autoblog.txt", heating_analysis)
    problems = {p.type for c in report.sentences for p in c.problems}
    assert {"date", "number", "place", "title", "quote", "negation", "caption", "unsupported"} <= problems
    codes = {f.code for f in report.findings}
    assert {"flattened_table", "spacing", "license_missing", "omission"} <= codes
    assert report.score < 40
    assert failing(report, "contradicted")


def test_html_rewrite_flags_photo_speaker_and_date(heating_analysis: Analysis) -> None:
    report = _audit("heating_rewrite.html", heating_analysis)
    by_text = {c.text: c for c in report.sentences}
    wrong_speaker = by_text["문태호 서기관은 “공사가 끝날 때까지 현장을 직접 챙기겠다”고 말했다."]
    assert "quote_speaker" in {p.type for p in wrong_speaker.problems}
    assert by_text["1단계 820곳은 12월 8일까지 마무리"].verdict is Verdict.CONTRADICTED
    assert by_text["한도윤 장관은 “공사가 끝날 때까지 현장을 직접 챙기겠다”고 강조했다."].verdict is Verdict.SUPPORTED
    assert "photo_reused" in {f.code for f in report.findings}
    assert all(c.part != "caption" for c in report.sentences)


def test_score_bounds() -> None:
    assert score([], []) == 0


def test_unknown_fail_on(heating_analysis: Analysis) -> None:
    report = _audit("heating_faithful.md", heating_analysis)
    with pytest.raises(ValueError):
        failing(report, "sometimes")
