"""Tests of the DOCX parser: a release built with python-docx and hostile packages."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from haesol.errors import ParseError, ProtectedDocumentError
from haesol.models import RawDocument, RawParagraph, RawTable
from haesol.parse.docx import DocxParser
from haesol.parse.markers import clean_text
from haesol.parse.numbering import format_word_number as format_number
from tests.helpers import doc_builders as db

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def parse(data: bytes) -> RawDocument:
    return DocxParser().parse(data, "test.docx")


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return db.build_docx()


@pytest.fixture(scope="module")
def release(docx_bytes: bytes) -> RawDocument:
    return parse(docx_bytes)


def paragraphs(doc: RawDocument) -> list[RawParagraph]:
    return [item for item in doc.items if isinstance(item, RawParagraph)]


def by_text(doc: RawDocument, text: str) -> RawParagraph:
    return next(p for p in paragraphs(doc) if p.text == text)


def document_xml(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{body}'
        "</w:body></w:document>"
    ).encode()


def with_body(docx_bytes: bytes, body: str) -> bytes:
    return db.replace_member(docx_bytes, "word/document.xml", document_xml(body))


# -- the built release ----------------------------------------------------------------------------


def test_body_paragraphs_and_tables_in_document_order(release: RawDocument) -> None:
    kinds = ["T" if isinstance(item, RawTable) else "P" for item in release.items]
    assert kinds[0] == "T"  # 보도시점/배포 header table first
    assert kinds[-1] == "T"  # contact table last
    texts = [item.text for item in paragraphs(release)]
    assert texts[:2] == [db.TITLE, db.SUBTITLE]
    body_at = [texts.index(text) for text in db.BODY]
    assert body_at == sorted(body_at)
    plan_at = next(
        i for i, item in enumerate(release.items) if isinstance(item, RawTable) and "구분" in item.table.grid()[0]
    )
    assert release.items[plan_at - 1] == RawParagraph(db.TABLE_CAPTION)


def test_text_is_kept_as_written_with_bullets(release: RawDocument) -> None:
    texts = [item.text for item in paragraphs(release)]
    for text in db.BODY:
        assert text in texts


def test_heading_style_marks_heading(release: RawDocument) -> None:
    heading = by_text(release, "추진 배경")
    assert heading.is_heading and not by_text(release, db.TITLE).is_heading


def test_caption_style_marks_caption(release: RawDocument) -> None:
    assert by_text(release, "사진 1. 북항 앞바다에 심은 감태").is_caption


def test_list_levels_and_generated_markers(release: RawDocument) -> None:
    first, second = by_text(release, "관리협의체 구성"), by_text(release, "생육 조사 결과 공개")
    assert (first.marker, first.level) == ("•", 1)
    assert second.level == 2
    numbered = [by_text(release, "1차 사업지 선정"), by_text(release, "2차 사업지 선정")]
    assert [(p.marker, p.level) for p in numbered] == [("1.", 1), ("2.", 1)]
    assert by_text(release, db.BODY[0]).level is None


def test_merged_cells_become_spans(release: RawDocument) -> None:
    tables = [item.table for item in release.items if isinstance(item, RawTable)]
    plan = next(t for t in tables if t.grid()[0][0] == "구분")
    assert plan.grid() == db.grid_of(db.PLAN_TABLE)
    spans = [(c.text, c.row_span, c.col_span) for row in plan.rows for c in row]
    assert spans[:3] == [("구분", 1, 2), ("2026년", 1, 1), ("2027년", 1, 1)]
    assert ("면적(ha)", 2, 1) in spans and ("사업비(억 원)", 1, 2) in spans
    contacts = tables[-1]
    assert contacts.rows[0][0].row_span == 2 and len(contacts.rows[1]) == 2


def test_header_footer_and_image_are_recorded_as_dropped(release: RawDocument) -> None:
    reasons = {(d.text, d.reason) for d in release.dropped}
    assert (db.RUNNING_HEADER, "page header") in reasons
    assert ("- 1 -", "page footer") in reasons
    assert any(reason == "image" for _, reason in reasons)
    assert db.RUNNING_HEADER not in [p.text for p in paragraphs(release)]


def test_odd_spaces_tabs_and_breaks_are_normalised(docx_bytes: bytes) -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">  ㅇ\u00a0바다숲\u3000조성</w:t><w:tab/><w:t>완료  </w:t>'
        "<w:br/><w:t>둘째 줄</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>   </w:t></w:r></w:p>"
    )
    doc = parse(with_body(docx_bytes, body))
    assert [p.text for p in paragraphs(doc)] == ["  ㅇ 바다숲 조성 완료\n둘째 줄"]


def test_nested_table_text_goes_into_the_cell(docx_bytes: bytes) -> None:
    inner = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>가</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>나</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    body = f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>바깥</w:t></w:r></w:p>{inner}</w:tc></w:tr></w:tbl>"
    doc = parse(with_body(docx_bytes, body))
    (table,) = [item for item in doc.items if isinstance(item, RawTable)]
    assert table.table.rows[0][0].text == "바깥\n가 | 나"


def test_content_controls_and_hyperlinks_keep_their_text(docx_bytes: bytes) -> None:
    body = (
        "<w:sdt><w:sdtContent><w:p><w:hyperlink><w:r><w:t>링크 안</w:t></w:r></w:hyperlink>"
        "<w:del><w:r><w:delText>지운 글</w:delText></w:r></w:del></w:p></w:sdtContent></w:sdt>"
    )
    assert [p.text for p in paragraphs(parse(with_body(docx_bytes, body)))] == ["링크 안"]


def test_helpers() -> None:
    assert clean_text("가\u00a0나\t다  \r\n라 ") == "가 나 다\n라"
    assert [format_number(n, "ganada") for n in (1, 3)] == ["가", "다"]
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV"


# -- hostile inputs ---------------------------------------------------------------------------------


def test_xxe_payload_is_refused(docx_bytes: bytes) -> None:
    payload = (
        db.XXE_PAYLOAD
        + (
            f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>'
        ).encode()
    )
    with pytest.raises(ParseError):
        parse(db.replace_member(docx_bytes, "word/document.xml", payload))


def test_zip_bomb_is_refused(docx_bytes: bytes) -> None:
    with pytest.raises(ParseError):
        parse(db.bomb_member(docx_bytes, "word/media/huge.bin"))


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.1])
def test_truncated_docx_raises_parse_error(docx_bytes: bytes, keep: float) -> None:
    with pytest.raises(ParseError):
        parse(docx_bytes[: int(len(docx_bytes) * keep)])


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(os.urandom(3000), id="random"),
        pytest.param(b"PK\x03\x04" + os.urandom(500), id="zip-noise"),
    ],
)
def test_garbage_raises_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError):
        parse(data)


def test_zip_without_word_document_raises_parse_error() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ParseError):
        parse(out.getvalue())


def test_malformed_document_xml_raises_parse_error(docx_bytes: bytes) -> None:
    with pytest.raises(ParseError):
        parse(db.replace_member(docx_bytes, "word/document.xml", b"<w:document><w:body><w:p>"))


def test_encrypted_ooxml_container_is_protected() -> None:
    fake_ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(100)
    with pytest.raises(ProtectedDocumentError):
        parse(fake_ole)


def test_empty_body_gives_no_items(docx_bytes: bytes) -> None:
    doc = parse(with_body(docx_bytes, "<w:p/>"))
    assert doc.items == () and doc.format == "docx"
