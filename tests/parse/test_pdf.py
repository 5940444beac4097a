"""Tests of the PDF parser: a release built with reportlab, hostile inputs and the real sample PDFs."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from haesol.errors import HaesolError, ImageOnlyPdfError, ParseError, ProtectedDocumentError
from haesol.models import RawDocument, RawParagraph, RawTable
from haesol.parse.pdf import PdfParser
from haesol.parse.pdf.tables import merge_segments
from haesol.parse.pdf.text_lines import Segment
from tests.helpers import doc_builders as db

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "pdf"
HANGUL = re.compile(r"[가-힣]")


def parse(data: bytes) -> RawDocument:
    return PdfParser().parse(data, "test.pdf")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def release() -> RawDocument:
    return parse(db.build_pdf())


def paragraphs(doc: RawDocument) -> list[str]:
    return [item.text for item in doc.items if isinstance(item, RawParagraph)]


def tables(doc: RawDocument) -> list[RawTable]:
    return [item for item in doc.items if isinstance(item, RawTable)]


# -- the built release --------------------------------------------------------------------------


def test_cid_font_text_is_real_hangul(release: RawDocument) -> None:
    texts = paragraphs(release)
    assert db.TITLE in texts
    assert db.SUBTITLE in texts
    assert db.TIMING in texts


def test_wrapped_lines_are_rejoined_into_one_paragraph_each(release: RawDocument) -> None:
    texts = paragraphs(release)
    for expected in db.BODY:
        matches = [t for t in texts if squeeze(t) == squeeze(expected)]
        assert matches, f"not one paragraph: {expected[:30]}"


def test_word_wrapped_lines_keep_their_spaces(release: RawDocument) -> None:
    texts = paragraphs(release)
    assert sum(text in texts for text in db.BODY) >= len(db.BODY) - 1


def test_reading_order_puts_tables_between_paragraphs(release: RawDocument) -> None:
    kinds = ["T" if isinstance(item, RawTable) else item.text[:1] for item in release.items]
    caption_at = paragraphs(release).index(db.TABLE_CAPTION)
    assert caption_at > 0
    assert kinds[-1] == "T"  # the contact table closes the release
    first_table = kinds.index("T")
    assert release.items[first_table - 1] == RawParagraph(db.TABLE_CAPTION)
    assert squeeze(release.items[first_table + 1].text) == squeeze(db.BODY[3])


def test_ruled_table_with_merged_cells(release: RawDocument) -> None:
    plan, contacts = tables(release)
    assert plan.table.grid() == db.grid_of(db.PLAN_TABLE)
    spans = [(c.text, c.row_span, c.col_span) for row in plan.table.rows for c in row]
    assert ("구분", 1, 2) in spans and ("면적(ha)", 2, 1) in spans and ("사업비(억 원)", 1, 2) in spans
    assert contacts.table.grid() == db.grid_of(db.CONTACT_TABLE)


def test_running_header_and_page_numbers_are_dropped_and_recorded(release: RawDocument) -> None:
    texts = paragraphs(release)
    assert db.RUNNING_HEADER not in texts
    assert not any(re.fullmatch(r"- \d -", t) for t in texts)
    reasons = {(d.text, d.reason) for d in release.dropped}
    assert ("- 1 -", "page number") in reasons and ("- 2 -", "page number") in reasons
    assert (db.RUNNING_HEADER, "running header") in reasons


def test_format_and_no_automatic_markers(release: RawDocument) -> None:
    assert release.format == "pdf"
    assert all(p.marker == "" and p.level is None for p in release.items if isinstance(p, RawParagraph))


# -- hostile and special inputs -----------------------------------------------------------------


def test_image_only_pdf_raises_image_only_error() -> None:
    with pytest.raises(ImageOnlyPdfError):
        parse(db.build_image_only_pdf())


def test_password_protected_pdf_raises_protected_error() -> None:
    with pytest.raises(ProtectedDocumentError) as caught:
        parse(db.build_encrypted_pdf())
    assert "암호" in str(caught.value)


def test_pdf_with_empty_user_password_opens() -> None:
    doc = parse(db.build_encrypted_pdf(user_password=""))
    assert paragraphs(doc) == [db.TITLE]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(os.urandom(4096), id="random"),
        pytest.param(b"%PDF-1.7\n" + os.urandom(2048), id="header-then-noise"),
        pytest.param(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF", id="no-pages"),
    ],
)
def test_garbage_raises_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError):
        parse(data)


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.2, 0.05])
def test_truncated_pdf_raises_parse_error(keep: float) -> None:
    data = db.build_pdf()
    with pytest.raises(ParseError):
        parse(data[: int(len(data) * keep)])


@pytest.mark.parametrize("keep", [0.97, 0.6])
def test_truncated_real_pdf_fails_cleanly_or_parses(keep: float) -> None:
    data = sample("kwater_press.pdf")
    try:
        doc = parse(data[: int(len(data) * keep)])
    except HaesolError:
        return
    assert isinstance(doc, RawDocument)


def test_dotted_and_pieced_rules_merge_into_one_line() -> None:
    dots = [Segment(True, 100.0, x, x + 0.8) for x in range(50, 200, 2)]
    merged = merge_segments(dots + [Segment(False, 50.0, 90.0, 110.0)])
    horizontals = [s for s in merged if s.horizontal]
    assert len(horizontals) == 1 and horizontals[0].start == 50 and horizontals[0].end >= 198


# -- real samples ---------------------------------------------------------------------------------

SAMPLE_EXPECTATIONS = {
    # file: (a phrase that must be in the text, minimum tables)
    "moef_fdi_2025q2.pdf": ("해외직접투자액은 총투자액 기준 141.5억 달러로", 15),
    "kwater_press.pdf": ("봉화댐 건설 현장을 찾아 혹한기 근로자 안전관리 실태를 긴급 점검했다", 1),
    "gov_report_bullets.pdf": ("□ 국어 변화 관측 및 다양성 보존 체계 마련", 1),
    "moef_fiscal_2010.pdf": ("□ 관리대상수지", 6),
    "rnd_form_merged.pdf": ("나노산소운반체", 5),
}


def sample(name: str) -> bytes:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"sample not available: {path}")
    return path.read_bytes()


def all_text(doc: RawDocument) -> str:
    parts: list[str] = []
    for item in doc.items:
        if isinstance(item, RawTable):
            parts.extend(cell.text for row in item.table.rows for cell in row)
        else:
            parts.append(item.text)
    return "\n".join(parts)


@pytest.mark.parametrize("name", sorted(SAMPLE_EXPECTATIONS))
def test_real_sample_parses_to_korean_text_and_tables(name: str) -> None:
    data = sample(name)
    started = time.perf_counter()
    doc = parse(data)
    elapsed = time.perf_counter() - started
    phrase, min_tables = SAMPLE_EXPECTATIONS[name]
    text = all_text(doc)
    assert len(HANGUL.findall(text)) > 200
    assert phrase in text
    assert len(tables(doc)) >= min_tables
    assert elapsed < 5.0


def test_real_release_body_paragraphs_are_whole() -> None:
    doc = parse(sample("kwater_press.pdf"))
    texts = paragraphs(doc)
    assert any(t.startswith("보도시점") and "배포 2026. 1. 30.(금)" in t for t in texts)
    assert "윤석대 한국수자원공사 사장 혹한기 봉화댐 건설 현장점검 ‘안전 온도 높인다’" in texts
    assert sum(t.startswith("- ") for t in texts) == 2  # the two subtitle lines
    joined = [t for t in texts if t.startswith("이어 작업중지권의")]
    assert joined and joined[0].endswith("현장 문화로 완전히 안착시킬 것을 당부했다.")  # across a page break


def test_real_statistics_tables_split_unruled_rows_and_keep_spans() -> None:
    doc = parse(sample("moef_fdi_2025q2.pdf"))
    first = tables(doc)[0].table
    grid = first.grid()
    assert grid[0][:3] == ["구분", "2023년", "2023년"]
    assert grid[2][0] == "총투자" and grid[3][0] == "증감률"
    assert grid[3][-1] == "(△13.4)"
    assert [d.reason for d in doc.dropped].count("page number") == 9


def test_real_footnotes_repeated_with_other_numbers_are_kept() -> None:
    doc = parse(sample("moef_fiscal_2010.pdf"))
    text = all_text(doc)
    assert "5) 순 융 자 : 융자지출 - 융자회수" in text
    assert not doc.dropped
