"""The checker finds changed numbers, dates, names, quotes, places, terms, negation and caption content."""

from __future__ import annotations

import pytest

from haesol.models import Analysis, Verdict
from haesol.verify.checker import Checker, Claim


@pytest.fixture(scope="module")
def checker(heating_analysis: Analysis) -> Checker:
    return Checker(heating_analysis)


@pytest.mark.parametrize(
    ("text", "verdict", "problem"),
    [
        pytest.param(
            "국방부는 11월 2일부터 생활관 난방설비 1,240곳을 교체하는 사업을 추진한다.",
            Verdict.SUPPORTED,
            None,
            id="faithful",
        ),
        pytest.param("교체 작업은 12월 18일까지 1단계를 마친다.", Verdict.SUPPORTED, None, id="paraphrase"),
        pytest.param(
            "국방부는 11월 3일부터 생활관 난방설비를 교체한다.", Verdict.CONTRADICTED, "date", id="date-changed"
        ),
        pytest.param("이번 사업에는 총 350억 원이 투입된다.", Verdict.CONTRADICTED, "number", id="number-changed"),
        pytest.param(
            "국방부는 생활관 난방설비 교체 사업을 추진하지 않는다.", Verdict.CONTRADICTED, "negation", id="negation"
        ),
        pytest.param(
            "오세린 과장은 “공사가 끝날 때까지 현장을 꼭 챙기겠다”고 말했다.",
            Verdict.CONTRADICTED,
            "quote",
            id="quote-altered",
        ),
        pytest.param(
            "오세린 과장은 “공사가 끝날 때까지 현장을 직접 챙기겠다”고 말했다.",
            Verdict.CONTRADICTED,
            "quote_speaker",
            id="wrong-speaker",
        ),
        pytest.param(
            "해병대 장병들이 경북 포항 해안에서 상륙 훈련을 했다.", Verdict.UNSUPPORTED, "caption", id="caption"
        ),
        pytest.param(
            "이러한 노력은 어떤 형태로든 필수적이며 앞으로 더 중요해질 것이다.",
            Verdict.UNSUPPORTED,
            "unsupported",
            id="opinion",
        ),
        pytest.param("사업 대상에는 경남 진해시 부대도 포함된다.", Verdict.CONTRADICTED, "place", id="invented-place"),
        pytest.param(
            "임시 난방기는 모두 전기식으로 화재 예방 장치를 갖췄다.", Verdict.SUPPORTED, None, id="ending-changed"
        ),
    ],
)
def test_verdicts(checker: Checker, text: str, verdict: Verdict, problem: str | None) -> None:
    result = checker.check(Claim(text))
    assert result.verdict is verdict, result
    if problem is not None:
        assert problem in {p.type for p in result.problems}, result.problems
    else:
        assert not result.problems


def test_altered_term_is_found() -> None:
    from haesol.analyze.annotate import analyze_release
    from haesol.models import RawDocument, RawParagraph, SourceInfo
    from haesol.parse.structure import structure_release

    raw = RawDocument(
        (RawParagraph("해군 특수전 연합훈련 실시"), RawParagraph("□ 양국 대원들은 육상침투와 해상침투 훈련을 했다.")),
        "test",
    )
    checker = Checker(analyze_release(structure_release(raw, SourceInfo("test"))))
    result = checker.check(Claim("양국 대원들은 육상어 침투 훈련을 했다."))
    assert "term" in {p.type for p in result.problems}
    assert result.verdict is Verdict.CONTRADICTED


def test_gate_mode_only_accepts_cited_sentences(checker: Checker) -> None:
    text = "이번 사업에는 총 320억 원이 투입된다."
    assert checker.check(Claim(text, "body", ("b2.s1",))).verdict is Verdict.SUPPORTED
    assert checker.check(Claim(text, "body", ("b1.s1",))).verdict is not Verdict.SUPPORTED


def test_gate_refuses_a_cited_caption(checker: Checker) -> None:
    caption_id = next(s.id for s in checker.analysis.sentences if s.origin.value == "caption")
    text = "해병대 장병들이 경북 포항 해안에서 상륙 훈련을 했다."
    result = checker.check(Claim(text, "body", ("b1.s1", caption_id)))
    assert result.verdict is not Verdict.SUPPORTED
    assert "caption" in {p.type for p in result.problems}
