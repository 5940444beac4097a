"""Header fields of every real sample in ../shared/samples, written down by hand; non-releases are refused.

Expectations were decided per file from its content (see /work/notes/read.md): a document is a release
when it shows a type word (보도자료, 보도참고자료 …), a 보도시점/배포 or a contact block.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from haesol.errors import NotAReleaseError
from haesol.pipeline import WriteOptions, parse, write
from haesol.render.markdown import MarkdownRenderer
from haesol.verify.release_rules import given_years


@dataclass(frozen=True)
class Header:
    """What a sample's header says."""

    doc_type: str
    agency: str
    title: str
    subtitles: int
    timing_date: dt.date | None
    timing_time: dt.time | None = None
    edition: str = ""
    immediate: bool = False
    distributed_date: dt.date | None = None
    phones: frozenset[str] = frozenset()


KWATER = Header(
    "보도자료",
    "한국수자원공사",
    "윤석대 한국수자원공사 사장 혹한기 봉화댐 건설 현장점검 ‘안전 온도 높인다’",
    2,
    None,
    immediate=True,
    distributed_date=dt.date(2026, 1, 30),
    phones=frozenset({"053-668-1310", "053-668-1311"}),
)
FDI_2025 = Header(
    "보도자료",
    "",  # the ministry is a logo only; the contact department (대외경제국) does not name it
    "‘25년 2분기 해외직접투자는 141.5억 달러로 전년동기비 13.4% 감소",
    0,
    dt.date(2025, 9, 19),
    dt.time(11, 0),
    distributed_date=dt.date(2025, 9, 19),
    phones=frozenset({"044-215-7630"}),
)
GOVINNOV = Header(
    "보도자료",
    "행정안전부",
    "‘국민주권시대, AI와 함께 열다’ 국민주권정부의 정부혁신 청사진 공개",
    1,
    dt.date(2025, 12, 2),
    dt.time(16, 0),
)
NOORI = Header(
    "보도자료",
    "과학기술정보통신부",
    "우리가 독자 개발하여 최초 발사하는 한국형발사체, 국민이 정한 그 이름은 ｢누리｣",
    2,
    dt.date(2018, 9, 4),
    None,  # 조간; the online hour (9. 3. 12:00) is the day before
    edition="조간",
    distributed_date=dt.date(2018, 9, 3),
    phones=frozenset({"02-2110-2430", "02-2110-2428"}),
)
RELEASES = {
    "hwp/kwater_press.hwp": KWATER,
    "pdf/kwater_press.pdf": KWATER,
    "hwp/moef_fdi_2025q2.hwp": FDI_2025,
    "hwpx/moef_fdi_2025q2.hwpx": FDI_2025,
    "pdf/moef_fdi_2025q2.pdf": FDI_2025,
    "hwpx/edge_hwp5_misnamed.hwpx": Header(
        "보도자료",
        "",
        "‘24년 1분기 해외직접투자는 150.9억 달러로 전년동기비 14.6% 감소",
        0,
        dt.date(2024, 6, 21),
        dt.time(11, 0),
        distributed_date=dt.date(2024, 6, 21),
        phones=frozenset({"044-215-7630"}),
    ),
    "hwp/mois_press_govinnov.hwp": GOVINNOV,
    "hwpx/mois_press_govinnov.hwpx": GOVINNOV,
    "hwp/msit_press_noori.hwp": NOORI,
    "hwpx/msit_press_noori.hwpx": NOORI,
    "hwpx/molit_press_taxi.hwpx": Header(
        "보도설명자료",
        "국토교통부",
        "차량 생산중단에 대비하여, 택시 차령을 최대 2년 추가연장할 수 있도록 하고 있습니다.",
        0,
        None,
        immediate=True,
        distributed_date=dt.date(2024, 5, 20),
        phones=frozenset({"044-201-3823", "044-201-4770", "044-201-3813"}),
    ),
    # a work report handed out as '보도 참고자료 2'
    "hwp/mois_workreport.hwp": Header("보도참고자료", "행정안전부", "행정안전부 업무보고", 0, None),
}
NOT_RELEASES = (
    "pdf/gov_report_bullets.pdf",  # a report extract (국어 변이 조사): no type word, timing or contacts
    "pdf/rnd_form_merged.pdf",  # an R&D item form
    "pdf/moef_fiscal_2010.pdf",  # a statistics sheet (통합재정통계)
    "hwp/moef_fiscal_2010.hwp",
    "hwp/budget_table.hwp",  # a budget statement
    "hwp/nts_ruling_2000.hwp",  # a tax ruling
    "hwpx/moel_workreport.hwpx",  # a work report with no release marking
    "hwpx/lh_rental_notice.hwpx",  # a tenant recruitment notice
    "hwpx/gangbuk_rfp.hwpx",  # a request for proposals
    "hwpx/gangnam_notice.hwpx",  # a legislative notice (입법예고 공고)
    "hwpx/edge_no_manifest.hwpx",  # a legislative notice
    "hwpx/opendata_standard.hwpx",  # a data standard chapter
    "hwpx/parahead_numbering.hwpx",  # a synthetic numbering test
)
HEADER_WORDS = re.compile(r"보\s*도\s*시\s*점|보도일시|배포일시|보도설명자료|보도참고자료|사진\s*있음|공개용")
YEAR_RE = re.compile(r"(?<!\d)(20\d\d)년")


@pytest.mark.parametrize("name", sorted(RELEASES))
def test_real_release_header(samples: Path, name: str) -> None:
    release = parse(str(samples / name))
    want = RELEASES[name]
    assert release.doc_type == want.doc_type
    assert release.agency == want.agency
    assert release.title == want.title
    assert len(release.subtitles) == want.subtitles
    assert release.timing.date == want.timing_date
    assert release.timing.immediate == want.immediate
    assert release.timing.time == want.timing_time
    assert release.timing.edition == want.edition
    assert release.distributed.date == want.distributed_date
    assert {c.phone for c in release.contacts} >= want.phones
    assert release.is_release()


def test_explanation_release_reads_the_reported_claim(samples: Path) -> None:
    release = parse(str(samples / "hwpx/molit_press_taxi.hwpx"))
    [claim] = release.reported_claims
    assert (claim.outlet, claim.date) == ("한겨레", dt.date(2024, 5, 20))
    assert all(claim.text[:20] not in b.text for b in release.blocks)


@pytest.mark.parametrize("name", NOT_RELEASES)
def test_non_release_is_refused(samples: Path, name: str) -> None:
    with pytest.raises(NotAReleaseError):
        write(str(samples / name), WriteOptions(article_date=dt.date(2026, 12, 7)))


@pytest.mark.parametrize("name", sorted(set(RELEASES) - {"pdf/kwater_press.pdf", "hwp/moef_fdi_2025q2.hwp"}))
def test_real_release_article_has_no_header_and_no_foreign_year(samples: Path, name: str) -> None:
    result = write(str(samples / name), WriteOptions(article_date=dt.date(2033, 6, 1)))
    body = "\n".join(line.text for line in result.article.lines() if line.part.value != "source")
    assert not HEADER_WORDS.search(body)
    allowed = {str(year) for year in given_years(result.analysis)}
    text = MarkdownRenderer().render(result)
    assert "2033" not in allowed and "2033" not in text  # the article's own year is never added
    assert set(YEAR_RE.findall(text)) <= allowed
