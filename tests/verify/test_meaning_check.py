"""Issue 13 through the checker: new problem types in `check` and the gate, and fewer false alarms on labels,
headline quotes, contact lines and common short forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from haesol.analyze.annotate import analyze_release
from haesol.models import Analysis, Verdict
from haesol.parse import parse_file
from haesol.verify.checker import Checker, Claim

RELEASE = """보도자료

보도시점: 2026. 11. 3.(화) 조간   배포: 2026. 11. 2.(월) 11:00

국방부, 동절기 장병 방한복 12만 벌 추가 보급
- 문화체육관광부와 함께 장병 문화 공연도 20회 연다 -

□ 윤서준 국방부장관 직무대행은 2일 경기 연천군의 한 부대를 찾아 동절기 장병 방한복 12만 벌을 추가로 보급한다고 밝혔음
 ㅇ 국방부는 문화체육관광부와 함께 12월까지 전방 부대에서 장병 문화 공연을 20회 열 계획임
 ㅇ 지난해 5월 피복 담당 인력 30명을 채용하여 전방 부대에 배치하였음
 ㅇ 현재 방한복 세탁 지원 센터 4곳이 정상 운영되고 있음
 ㅇ 보급 기간은 부대별로 약 2~3주가 걸림

□ 한빛일보는 1일 자 기사에서 전방 부대의 방한 장비가 부족하다고 보도하였음
 ㅇ 올해 방한복 예산은 지난해보다 12% 많은 410억 원임

붙임 : 1. 보급 계획 1부.  끝.

담당 부서: 국방부 군수관리관실 피복급식과   책임자: 과장 임하준 (02-748-5110)
"""


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    path: Path = tmp_path_factory.mktemp("release") / "release.txt"
    path.write_text(RELEASE, encoding="utf-8")
    return analyze_release(parse_file(str(path)))


@pytest.fixture(scope="module")
def checker(analysis: Analysis) -> Checker:
    return Checker(analysis)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("국방부는 피복 담당 인력 30명을 채용할 계획이다.", "tense"),
        ("방한복 세탁 지원 센터 4곳이 운영될 예정이다.", "modality"),
        ("전방 부대의 방한 장비가 부족하다.", "attribution"),
        ("보급 기간은 부대별로 약 3주가 걸린다.", "range"),
        ("보급 기간은 부대별로 2~3주가 걸린다.", "qualifier"),
        ("지난해 방한복 예산은 올해보다 12% 많은 410억 원이다.", "comparison"),
        ("있는 전방 부대에서 장병 문화 공연을 20회 열 계획이다.", "fragment"),
        ("국방부는 12월까지 세종컨벤션센터에서 장병 문화 공연을 20회 열 계획이다.", "place"),
    ],
)
def test_meaning_errors_are_flagged_in_check_and_gate(
    checker: Checker, analysis: Analysis, text: str, problem: str
) -> None:
    result = checker.check(Claim(text, "body"))
    assert problem in {p.type for p in result.problems}, result
    assert result.verdict in (Verdict.CONTRADICTED, Verdict.UNSUPPORTED)
    cited = tuple(s.id for s in analysis.sentences if s.origin.value == "body")
    gated = checker.check(Claim(text, "body", cited))
    assert gated.verdict is not Verdict.SUPPORTED


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ('국방부 "방한복 12만 벌 추가 보급"…장병 문화 공연도', "headline"),
        ("쟁점", "heading"),
        ("장병 방한복 추가 보급", "heading"),
        (
            "윤서준 국방대행은 2일 경기 연천군의 한 부대를 찾아 동절기 장병 방한복 12만 벌을 추가로 보급한다고 밝혔다.",
            "body",
        ),
        ("국방부는 문체부와 함께 12월까지 전방 부대에서 장병 문화 공연을 20회 열 계획이다.", "body"),
        ("문의: 국방부 군수관리관실 피복급식과 (02-748-5110)", "body"),
        ("현재 방한복 세탁 지원 센터 4곳이 정상적으로 운영되고 있다.", "body"),
        ("한빛일보는 전방 부대의 방한 장비가 부족하다고 보도했다.", "body"),
    ],
)
def test_faithful_lines_pass(checker: Checker, text: str, part: str) -> None:
    result = checker.check(Claim(text, part))
    assert result.verdict is Verdict.SUPPORTED, result


def test_headline_quote_needs_a_speaker_named_in_the_source(checker: Checker) -> None:
    result = checker.check(Claim('행안부 "방한복 12만 벌 추가 보급"…장병 문화 공연도', "headline"))
    assert result.verdict is not Verdict.SUPPORTED
