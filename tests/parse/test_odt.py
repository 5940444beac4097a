"""Tests of the ODT parser: a release built as zip + XML, and hostile packages."""

from __future__ import annotations

import os

import pytest

from haesol.errors import ParseError, ProtectedDocumentError
from haesol.models import RawDocument, RawParagraph, RawTable
from haesol.parse.odt import OdtParser
from tests.helpers import doc_builders as db


def parse(data: bytes) -> RawDocument:
    return OdtParser().parse(data, "test.odt")


@pytest.fixture(scope="module")
def odt_bytes() -> bytes:
    return db.build_odt()


@pytest.fixture(scope="module")
def release(odt_bytes: bytes) -> RawDocument:
    return parse(odt_bytes)


def paragraphs(doc: RawDocument) -> list[RawParagraph]:
    return [item for item in doc.items if isinstance(item, RawParagraph)]


def by_text(doc: RawDocument, text: str) -> RawParagraph:
    return next(p for p in paragraphs(doc) if p.text == text)


def test_headings_paragraphs_lists_and_tables_in_order(release: RawDocument) -> None:
    kinds = ["T" if isinstance(item, RawTable) else "P" for item in release.items]
    assert kinds[0] == "T" and kinds[-1] == "T"
    texts = [p.text for p in paragraphs(release)]
    assert texts[:3] == [db.TITLE, db.SUBTITLE, "추진 배경"]
    assert [texts.index(t) for t in db.BODY] == sorted(texts.index(t) for t in db.BODY)
    assert by_text(release, "추진 배경").is_heading


def test_list_levels_and_markers(release: RawDocument) -> None:
    levels = [(p.text, p.marker, p.level) for p in paragraphs(release) if p.level]
    assert levels == [
        ("관리협의체 구성", "□", 1),
        ("어촌계 대표 참여", "ㅇ", 2),
        ("분기마다 회의", "-", 3),
        ("1차 사업지 선정", "1.", 1),
        ("2차 사업지 선정", "2.", 1),
    ]


def test_spanned_cells_and_covered_cells(release: RawDocument) -> None:
    tables = [item.table for item in release.items if isinstance(item, RawTable)]
    plan = next(t for t in tables if t.grid()[0][0] == "구분")
    assert plan.grid() == db.grid_of(db.PLAN_TABLE)
    assert [(c.text, c.row_span, c.col_span) for c in plan.rows[1]][:1] == [("면적(ha)", 2, 1)]
    assert tables[-1].grid() == db.grid_of(db.CONTACT_TABLE)


def test_caption_style_through_parent(release: RawDocument) -> None:
    assert by_text(release, "사진 1. 북항 앞바다에 심은 감태").is_caption
    assert not by_text(release, db.TITLE).is_caption


def test_master_page_furniture_and_image_are_dropped(release: RawDocument) -> None:
    reasons = {(d.text, d.reason) for d in release.dropped}
    assert (db.RUNNING_HEADER, "page header") in reasons
    assert ("- 1 -", "page footer") in reasons
    assert ("사진1", "image") in reasons


def test_spaces_tabs_line_breaks_and_notes() -> None:
    body = (
        '<text:p>  ㅇ<text:s text:c="2"/>조성<text:tab/>완료<text:line-break/>둘째 줄'
        "<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>각주 내용</text:p>"
        "</text:note-body></text:note> </text:p>"
        '<text:section><text:p><text:span>구역 안 <text:a xlink:href="https://example.org">링크</text:a></text:span></text:p>'
        "</text:section><text:p/>"
    )
    doc = parse(db.build_odt(body))
    assert [p.text for p in paragraphs(doc)] == ["  ㅇ  조성 완료\n둘째 줄", "구역 안 링크"]
    assert ("각주 내용", "footnote") in {(d.text, d.reason) for d in doc.dropped}


def test_nested_table_is_flattened_into_the_cell() -> None:
    inner = db.odt_table(((("가", 1, 1), ("나", 1, 1)),))
    body = (
        "<table:table><table:table-row><table:table-cell><text:p>바깥</text:p>"
        f"{inner}</table:table-cell></table:table-row></table:table>"
    )
    (table,) = [item for item in parse(db.build_odt(body)).items if isinstance(item, RawTable)]
    assert table.table.rows[0][0].text == "바깥\n가 | 나"


def test_encrypted_content_is_protected() -> None:
    with pytest.raises(ProtectedDocumentError):
        parse(db.build_odt(encrypted=True))


def test_xxe_payload_is_refused(odt_bytes: bytes) -> None:
    payload = (
        db.XXE_PAYLOAD
        + (
            f"<office:document-content {db.ODF_NS}><office:body><office:text><text:p>&secret;</text:p>"
            "</office:text></office:body></office:document-content>"
        ).encode()
    )
    with pytest.raises(ParseError):
        parse(db.replace_member(odt_bytes, "content.xml", payload))


def test_zip_bomb_is_refused(odt_bytes: bytes) -> None:
    with pytest.raises(ParseError):
        parse(db.bomb_member(odt_bytes, "Pictures/huge.bin"))


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.1])
def test_truncated_odt_raises_parse_error(odt_bytes: bytes, keep: float) -> None:
    with pytest.raises(ParseError):
        parse(odt_bytes[: int(len(odt_bytes) * keep)])


@pytest.mark.parametrize("data", [pytest.param(b"", id="empty"), pytest.param(os.urandom(2000), id="random")])
def test_garbage_raises_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError):
        parse(data)


def test_missing_content_and_malformed_xml_raise_parse_error(odt_bytes: bytes) -> None:
    with pytest.raises(ParseError):
        parse(db.zip_bytes({"mimetype": db.ODT_MIMETYPE}, first="mimetype"))
    with pytest.raises(ParseError):
        parse(db.replace_member(odt_bytes, "content.xml", b"<office:document-content><office:body>"))


def test_empty_text_body_gives_no_items() -> None:
    doc = parse(db.build_odt(""))
    assert doc.items == () and doc.format == "odt"
