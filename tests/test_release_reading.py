"""Issue 12 end to end: dates anchored to the release (never today's year), issuer honesty, editor notes,
reported claims kept attributed, and the refusal of documents that are not press releases."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from haesol.analyze.annotate import analyze_release
from haesol.analyze.dates import find_dates
from haesol.cli import main
from haesol.models import AgencySource
from haesol.parse import parse_bytes
from haesol.pipeline import WriteOptions, write
from haesol.render.markdown import MarkdownRenderer
from haesol.verify.release_rules import ReleaseRules

TODAY_YEAR = str(dt.date.today().year)

RELEASE_2024 = """해 양 수 산 부 보도자료
보도시점: 2024. 1. 3.(수) 조간   배포: 2024. 1. 2.(화) 10:00
어촌 청년 정착 지원 300명으로 늘린다
- 1. 8.(월)부터 신청 접수 -
※ 현장 사진 별도 배포 예정
□ 해양수산부(장관 한바다)는 어촌에 정착하는 청년 지원 대상을 올해 300명으로 늘린다고 밝혔다.
 ㅇ 신청은 1. 8.(월)부터 2. 2.(금)까지 받으며, 지난 5일 열린 설명회에는 120명이 참석했다.
 ㅇ 지원 대상은 오늘 발표한 기준에 따라 3월 중 확정된다.
담당 부서: 어촌정책과  책임자: 과장 김하늘 (044-200-5610)
"""

NO_DATE_RELEASE = """보도자료
어촌 청년 정착 지원 300명으로 늘린다
□ 해양수산부(장관 한바다)는 1. 2.(화) 청년 지원 대상을 늘린다고 밝혔다.
 ㅇ 지난 5일 열린 설명회에는 120명이 참석했다.
담당 부서: 어촌정책과  책임자: 과장 김하늘 (044-200-5610)
"""

EXPLANATION = """보도설명자료
보도시점: 배포 즉시 보도 가능   배포: 2024. 5. 20.(월)
연안 여객선 운항 중단 없이 대체 선박을 투입하고 있습니다
< 보도 내용 (가나일보, 5.19) >
◈ 섬 주민들, 여객선 끊겨 발 묶여
섬 항로 여객선이 한 달째 끊겨 주민 불편이 크다는 보도
< 설명 내용 >
□ 해양수산부(장관 한바다)는 정기 여객선 정비 기간에 대체 선박을 투입해 운항을 이어가고 있다고 밝혔다.
 ㅇ 대체 선박은 하루 두 차례 운항하고 있습니다.
담당 부서: 연안해운과  책임자: 과장 박바다 (044-200-5710)
"""

NOT_A_RELEASE = """통계 자료 모음
□ 지역별 어가 수는 1만 2천 가구로 집계되었다.
 ㅇ 전년보다 3.1% 줄었다.
"""


def _release(text: str, name: str = "r.txt"):  # type: ignore[no-untyped-def]
    return parse_bytes(text.encode("utf-8"), name)


def test_release_in_another_year_never_gets_todays_year() -> None:
    result = write(_release(RELEASE_2024), WriteOptions(article_date=dt.date.today()))
    text = MarkdownRenderer().render(result)
    assert TODAY_YEAR not in text
    assert "2024" in text  # re-anchored dates name the release's own year


def test_weekday_pins_the_year_and_a_bare_date_stays_as_written() -> None:
    analysis = analyze_release(_release(NO_DATE_RELEASE))
    assert not analysis.dated
    values = {f.text: f.value for s in analysis.sentences for f in s.facts if f.kind.value == "date"}
    assert values["1. 2.(화)"] == "2024-01-02"
    assert values["5일"].startswith("????")  # no release date: no year, no month invented
    mentions = find_dates("지난 5일과 오늘", None)
    assert [m.year for m in mentions] == [None, None]


def test_article_date_never_supplies_a_year() -> None:
    result = write(_release(NO_DATE_RELEASE), WriteOptions(article_date=dt.date(2031, 3, 1), force=True))
    text = MarkdownRenderer().render(result)
    assert "2031" not in text


def test_gate_rejects_a_year_the_release_did_not_give() -> None:
    analysis = analyze_release(_release(RELEASE_2024))
    rules = ReleaseRules(analysis)
    assert rules.year_problems("신청은 2024년 1월 8일부터 받는다.") == []
    [problem] = rules.year_problems("신청은 2026년 1월 8일부터 받는다.")
    assert problem.type == "invented_year"


def test_header_and_notes_stay_out_of_the_release_body() -> None:
    release = _release(RELEASE_2024)
    assert (release.agency, release.agency_source) == ("해양수산부", AgencySource.HEADER)
    assert release.title == "어촌 청년 정착 지원 300명으로 늘린다"
    assert release.subtitles == ("1. 8.(월)부터 신청 접수",)
    assert release.timing.date == dt.date(2024, 1, 3) and release.timing.edition == "조간"
    assert [n.kind for n in release.notes] == ["photo"]
    assert all("사진" not in b.text and "보도시점" not in b.text for b in release.blocks)


def test_reported_claim_is_parsed_and_must_be_attributed() -> None:
    release = _release(EXPLANATION)
    [claim] = release.reported_claims
    assert (claim.outlet, claim.date) == ("가나일보", dt.date(2024, 5, 19))
    assert "발 묶여" in claim.text
    assert all("발 묶여" not in b.text and "설명 내용" not in b.text for b in release.blocks)
    analysis = analyze_release(release)
    claim_id = next(s.id for s in analysis.sentences if s.origin.value == "reported")
    rules = ReleaseRules(analysis)
    [problem] = rules.reported_problems("섬 주민들이 여객선이 끊겨 발이 묶였다.", (claim_id,))
    assert problem.type == "unattributed_report"
    assert rules.reported_problems("가나일보는 섬 주민들이 발이 묶였다고 보도했다.", (claim_id,)) == []
    article = MarkdownRenderer().render(write(release, WriteOptions(article_date=dt.date(2024, 5, 21))))
    assert "발 묶여" not in article


def test_unknown_issuer_is_said_and_warned(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "r.txt"
    source.write_text(NO_DATE_RELEASE.replace("해양수산부(장관 한바다)는", "시범 사업단은"), encoding="utf-8")
    result = runner.invoke(main, ["write", str(source), "--date", "2024-01-05"])
    assert result.exit_code == 0
    assert "발행 기관 미확인" in result.stdout
    assert "issuing agency unknown" in result.stderr
    named = runner.invoke(main, ["write", str(source), "--date", "2024-01-05", "--agency", "해수부"])
    assert named.exit_code == 0 and "출처: 해양수산부 보도자료" in named.stdout
    assert "issuing agency unknown" not in named.stderr


def test_not_a_release_is_refused_unless_forced(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "stats.txt"
    source.write_text(NOT_A_RELEASE, encoding="utf-8")
    output = tmp_path / "out.md"
    refused = runner.invoke(main, ["write", str(source), "-o", str(output)])
    assert refused.exit_code == 1 and not output.exists()
    assert "not a press release" in refused.output and "Traceback" not in refused.output
    for missing in ("document type", "release timing", "contact block", "issuing agency"):
        assert missing in refused.output
    forced = runner.invoke(main, ["write", str(source), "--force"])
    assert forced.exit_code == 0 and "--force" in forced.stderr


@pytest.mark.parametrize(
    ("banner", "agency"),
    [("해 양 수 산 부", "해양수산부"), ("광부", "문화체육관광부"), ("산림청", "산림청")],
)
def test_letter_spaced_and_cut_banners(banner: str, agency: str) -> None:
    from tests.helpers.hwpx_builders import build_hwpx, cell, para, section, table

    def grid(*rows: tuple[str, ...]) -> str:
        return para(table(*[[cell(text, r, c) for c, text in enumerate(row)] for r, row in enumerate(rows)]))

    data = build_hwpx(
        section(
            grid((banner, "보도자료", "")),
            grid(("보도시점", "2025. 3. 4.(화) 12:00", "배포", "2025. 3. 4.(화) 09:00")),
            grid(("새 정책 발표",)),
            para("□ 행사를 주관한 한국관광공사는 4일 서울에서 설명회를 열었다고 밝혔다."),
        )
    )
    release = parse_bytes(data, "banner.hwpx")
    assert (release.agency, release.agency_source) == (agency, AgencySource.HEADER)
    assert re.sub(r"\s", "", release.title) == "새정책발표"


def test_check_flags_an_unattributed_report_and_an_invented_year(tmp_path: Path) -> None:
    from haesol.pipeline import check

    source = tmp_path / "explain.txt"
    source.write_text(EXPLANATION, encoding="utf-8")
    article = "섬 항로 여객선이 한 달째 끊겨 주민 불편이 크다.\n\n해양수산부는 2019년 대체 선박을 투입했다고 밝혔다.\n"
    report = check(article.encode("utf-8"), str(source)).report
    types = {p.type for c in report.sentences for p in c.problems}
    assert "invented_year" in types
    assert "unattributed_report" in types


def test_a_dropped_note_takes_its_footnote_star_along() -> None:
    text = (
        "보도자료\n보도시점: 2024. 1. 3.(수) 조간\n새 제도 시행\n"
        "□ 해양수산부(장관 한바다)는 새 제도를 시행*한다고 밝혔다.\n  * 현장 사진 별도 배포 예정\n"
    )
    release = _release(text)
    assert release.blocks[0].text == "해양수산부(장관 한바다)는 새 제도를 시행한다고 밝혔다."
    assert any(d.reason.startswith("각주 표시") for d in release.dropped)
