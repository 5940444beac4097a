"""Tests of the HWPX parser: packages built in code, hostile inputs, and the real sample files."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest

from haesol.errors import HaesolError, ParseError, ProtectedDocumentError
from haesol.models import RawDocument, RawParagraph, RawTable, TableCell
from haesol.parse.hwpx import HwpxParser
from haesol.parse.hwpx.heads import ParaHead, bullet_character, format_head
from haesol.parse.numbering import format_number
from tests.helpers import hwpx_builders as hb

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "hwpx"
HANGUL_RE = re.compile(r"[가-힣]")


def parse(data: bytes) -> RawDocument:
    return HwpxParser().parse(data, "test.hwpx")


def paragraphs(doc: RawDocument) -> list[RawParagraph]:
    return [item for item in doc.items if isinstance(item, RawParagraph)]


def texts(doc: RawDocument) -> list[str]:
    return [item.text if isinstance(item, RawParagraph) else "<표>" for item in doc.items]


def one_section(*paras: str, **options: object) -> bytes:
    return hb.build_hwpx(hb.section(hb.para(hb.section_properties(), "해솔시 보도자료"), *paras), **options)


# -- paragraphs and bullets -------------------------------------------------------------------


def test_bullets_written_in_the_text_are_kept_with_their_indent() -> None:
    data = one_section(
        hb.para("□ 해솔시는 10월 8일(목) 강변 야간도서관 축제를 연다고 밝혔다."),
        hb.para(" ㅇ 축제는 강변공원 일대에서 사흘간 열리며,\t시민 누구나 참여할 수 있다."),
        hb.para("   - 사전 신청은 9월 30일까지 받는다.   "),
        hb.para("  * 우천 시 실내 행사로 바뀐다."),
    )
    doc = parse(data)
    assert texts(doc) == [
        "해솔시 보도자료",
        "□ 해솔시는 10월 8일(목) 강변 야간도서관 축제를 연다고 밝혔다.",
        " ㅇ 축제는 강변공원 일대에서 사흘간 열리며, 시민 누구나 참여할 수 있다.",
        "   - 사전 신청은 9월 30일까지 받는다.",
        "  * 우천 시 실내 행사로 바뀐다.",
    ]
    assert all(p.marker == "" and p.level is None for p in paragraphs(doc))
    assert doc.format == "hwpx"


def test_inline_controls_become_spaces_and_line_breaks() -> None:
    inline = hb.run("<hp:t>행사\u00a0기간<hp:tab/>10월<hp:fwSpace/>8일<hp:lineBreak/>장소: 강변공원</hp:t>")
    doc = parse(one_section(hb.para(inline)))
    assert texts(doc)[1] == "행사 기간 10월 8일\n장소: 강변공원"


def test_automatic_bullets_and_numbers_come_from_header_xml() -> None:
    data = one_section(
        hb.para("축제 개요", para_pr=hb.BULLET_SQUARE),
        hb.para("일시: 10월 8일부터 사흘간", para_pr=hb.BULLET_CIRCLE),
        hb.para("주요 프로그램", para_pr=hb.NUMBER_1),
        hb.para("야간 낭독회", para_pr=hb.NUMBER_2),
        hb.para("책 교환 장터", para_pr=hb.NUMBER_2),
        hb.para("참가 방법", para_pr=hb.NUMBER_1),
        hb.para("사전 신청", para_pr=hb.NUMBER_2),
        hb.para("추진 배경", para_pr=hb.OUTLINE_1),
        hb.para("시민 의견 수렴", para_pr=hb.OUTLINE_2),
    )
    heads = [(p.marker, p.level, p.is_heading, p.text) for p in paragraphs(parse(data))[1:]]
    assert heads == [
        ("□", 1, False, "축제 개요"),
        ("○", 2, False, "일시: 10월 8일부터 사흘간"),
        ("1.", 1, False, "주요 프로그램"),
        ("가.", 2, False, "야간 낭독회"),
        ("나.", 2, False, "책 교환 장터"),
        ("2.", 1, False, "참가 방법"),
        ("가.", 2, False, "사전 신청"),
        ("1.", 1, True, "추진 배경"),
        ("가.", 2, True, "시민 의견 수렴"),
    ]


def test_a_new_numbering_restarts_the_count_and_empty_numbered_paragraphs_still_count() -> None:
    spec = hb.HeaderSpec(
        headings={1: ("NUMBER", 1, 0), 2: ("NUMBER", 2, 0)},
        numberings={1: [("^1)", "DIGIT")], 2: [("(^1)", "CIRCLED_DIGIT")]},
    )
    data = hb.build_hwpx(
        hb.section(
            hb.para("첫째 항목", para_pr=1),
            hb.para(para_pr=1),
            hb.para("셋째 항목", para_pr=1),
            hb.para("다른 목록", para_pr=2),
            hb.para("처음부터 다시", para_pr=1),
        ),
        header=hb.header_xml(spec),
    )
    assert [(p.marker, p.text) for p in paragraphs(parse(data))] == [
        ("1)", "첫째 항목"),
        ("3)", "셋째 항목"),
        ("(①)", "다른 목록"),
        ("1)", "처음부터 다시"),
    ]


def test_private_use_bullet_characters_are_mapped_to_unicode() -> None:
    assert bullet_character("\uf06c") == "●"
    assert bullet_character("\uf06e") == "■"
    assert bullet_character("\uf0fe") == "•"
    assert bullet_character("") == "•"
    assert bullet_character("❍") == "❍"


@pytest.mark.parametrize(
    ("value", "num_format", "expected"),
    [
        pytest.param(3, "DIGIT", "3", id="digit"),
        pytest.param(1, "HANGUL_SYLLABLE", "가", id="ga"),
        pytest.param(14, "HANGUL_SYLLABLE", "하", id="ha"),
        pytest.param(15, "HANGUL_SYLLABLE", "거", id="geo"),
        pytest.param(2, "CIRCLED_DIGIT", "②", id="circled"),
        pytest.param(4, "ROMAN_CAPITAL", "IV", id="roman"),
        pytest.param(9, "ROMAN_SMALL", "ix", id="roman-small"),
        pytest.param(3, "LATIN_SMALL", "c", id="latin"),
        pytest.param(2, "HANGUL_JAMO", "ㄴ", id="jamo"),
        pytest.param(12, "HANGUL_PHONETIC", "십이", id="hangul-phonetic"),
        pytest.param(21, "IDEOGRAPH", "二十一", id="ideograph"),
        pytest.param(2, "DECAGON_CIRCLE", "을", id="decagon"),
        pytest.param(5, "UNKNOWN_STYLE", "5", id="unknown"),
    ],
)
def test_number_formats(value: int, num_format: str, expected: str) -> None:
    assert format_number(value, num_format) == expected


def test_head_templates_use_each_levels_own_format() -> None:
    levels = {0: ParaHead("^1.", "DIGIT"), 1: ParaHead("^1-^2", "HANGUL_SYLLABLE"), 2: ParaHead("^N)", "DIGIT")}
    assert format_head("^1-^2", [2, 3, 0], levels, 1) == "2-다"
    assert format_head("^N)", [2, 3, 4], levels, 2) == "4)"


# -- tables -----------------------------------------------------------------------------------


def test_table_with_merged_cells_is_emitted_where_it_is_anchored() -> None:
    grid = hb.table(
        [hb.cell("구분", 0, 0, row_span=2), hb.cell("2025년", 0, 1, col_span=2)],
        [hb.cell("상반기", 1, 1), hb.cell("하반기", 1, 2)],
        [hb.cell("방문객(명)", 2, 0), hb.cell("12,400", 2, 1), hb.cell((hb.para("15,800"), hb.para("(잠정)")), 2, 2)],
        caption="< 축제 방문객 추이 >",
    )
    doc = parse(one_section(hb.para("방문객은 다음과 같다.", grid, "자세한 내용은 붙임을 참고한다.")))
    assert texts(doc) == ["해솔시 보도자료", "방문객은 다음과 같다.", "<표>", "자세한 내용은 붙임을 참고한다."]
    table = doc.items[2]
    assert isinstance(table, RawTable)
    assert table.table.caption == "< 축제 방문객 추이 >"
    assert table.table.rows == (
        (TableCell("구분", 2, 1), TableCell("2025년", 1, 2)),
        (TableCell("상반기"), TableCell("하반기")),
        (TableCell("방문객(명)"), TableCell("12,400"), TableCell("15,800\n(잠정)")),
    )
    assert table.table.grid()[1] == ["구분", "상반기", "하반기"]


def test_cells_follow_their_column_address_and_nested_tables_are_flattened() -> None:
    inner = hb.table([hb.cell("부스", 0, 0), hb.cell("20개", 0, 1)], [hb.cell("공연", 1, 0), hb.cell("8회", 1, 1)])
    outer = hb.table(
        [hb.cell("규모", 0, 1), hb.cell("항목", 0, 0)],
        [hb.cell((hb.para("행사 구성"), hb.para(inner)), 1, 0, col_span=2)],
    )
    doc = parse(one_section(hb.para(outer)))
    table = doc.items[1]
    assert isinstance(table, RawTable)
    assert [cell.text for cell in table.table.rows[0]] == ["항목", "규모"]
    assert table.table.rows[1] == (TableCell("행사 구성\n부스 | 20개\n공연 | 8회", 1, 2),)


def test_automatic_heads_inside_cells_are_written_into_the_cell_text() -> None:
    grid = hb.table([hb.cell((hb.para("야간 개방", para_pr=hb.BULLET_SQUARE),), 0, 0)])
    table = parse(one_section(hb.para(grid))).items[1]
    assert isinstance(table, RawTable)
    assert table.table.rows[0][0].text == "□ 야간 개방"


# -- notes, text boxes, pictures, page furniture ----------------------------------------------------


def test_footnote_follows_the_paragraph_that_anchors_it() -> None:
    doc = parse(
        one_section(
            hb.para("지난해 축제에는 3만 명이 다녀갔다", hb.footnote("해솔시 관광과 집계(2025년 10월 기준)"), "."),
            hb.para("올해는 4만 명을 목표로 한다."),
        )
    )
    assert [(p.marker, p.text) for p in paragraphs(doc)[1:]] == [
        ("", "지난해 축제에는 3만 명이 다녀갔다."),
        ("*", "해솔시 관광과 집계(2025년 10월 기준)"),
        ("", "올해는 4만 명을 목표로 한다."),
    ]


def test_footnote_anchored_in_a_cell_follows_the_table() -> None:
    grid = hb.table([hb.cell((hb.para("예산 2억 원", hb.footnote("시비와 도비 포함")),), 0, 0)])
    doc = parse(one_section(hb.para(grid), hb.para("끝.")))
    assert texts(doc)[1:] == ["<표>", "시비와 도비 포함", "끝."]
    assert paragraphs(doc)[1].marker == "*"


def test_text_box_paragraphs_follow_the_anchoring_paragraph() -> None:
    box = hb.text_box(hb.para("축제 한눈에 보기"), hb.para("기간: 10. 8.~10. 10.", para_pr=hb.BULLET_CIRCLE))
    doc = parse(one_section(hb.para("시민 참여 행사가 늘었다.", box), hb.para("문의는 관광과로 하면 된다.")))
    assert [(p.marker, p.text) for p in paragraphs(doc)[1:]] == [
        ("", "시민 참여 행사가 늘었다."),
        ("", "축제 한눈에 보기"),
        ("○", "기간: 10. 8.~10. 10."),
        ("", "문의는 관광과로 하면 된다."),
    ]


def test_pictures_and_placeholder_text_are_dropped_and_recorded() -> None:
    doc = parse(
        one_section(
            hb.para(hb.picture(caption="< 지난해 축제 모습 >")),
            hb.para("그림입니다."),
            hb.para("원본 그림의 이름: 축제포스터.jpg"),
            hb.para("포스터는 누리집에서 내려받을 수 있다."),
        )
    )
    captions = [p for p in paragraphs(doc) if p.is_caption]
    assert [p.text for p in captions] == ["< 지난해 축제 모습 >"]
    assert "그림입니다." not in texts(doc)
    assert texts(doc)[-1] == "포스터는 누리집에서 내려받을 수 있다."
    reasons = [d.reason for d in doc.dropped]
    assert reasons.count("image") == 1
    assert reasons.count("picture placeholder") == 2
    assert doc.dropped[0].text == "그림입니다."


def test_page_headers_footers_and_numbers_are_dropped_and_recorded() -> None:
    doc = parse(
        one_section(hb.para(hb.page_header("해솔시 보도자료 2026"), hb.page_footer("- 1 -"), hb.page_number(), "본문"))
    )
    assert texts(doc) == ["해솔시 보도자료", "본문"]
    assert {(d.text, d.reason) for d in doc.dropped} == {
        ("해솔시 보도자료 2026", "page header"),
        ("- 1 -", "page footer"),
        ("쪽 번호", "page number"),
    }


# -- sections and packages ------------------------------------------------------------------


def test_sections_are_read_in_spine_order() -> None:
    first = hb.section(hb.para("첫째 구역: 본문"))
    second = hb.section(hb.para("둘째 구역: 참고자료"))
    assert texts(parse(hb.build_hwpx(first, second))) == ["첫째 구역: 본문", "둘째 구역: 참고자료"]
    assert texts(parse(hb.build_hwpx(first, second, spine=[1, 0]))) == ["둘째 구역: 참고자료", "첫째 구역: 본문"]


def test_without_a_manifest_sections_are_sorted_by_number() -> None:
    sections = [hb.section(hb.para(f"{n}번 구역")) for n in (0, 2, 10)]
    names = ["Contents/section0.xml", "Contents/section2.xml", "Contents/section10.xml"]
    data = hb.build_hwpx(*sections, with_package=False, section_names=names)
    assert texts(parse(data)) == ["0번 구역", "2번 구역", "10번 구역"]


def test_a_package_without_header_xml_still_reads_its_text() -> None:
    data = hb.build_hwpx(hb.section(hb.para("머리 정보가 없는 문서", para_pr=hb.BULLET_SQUARE)), header="")
    assert [(p.marker, p.text) for p in paragraphs(parse(data))] == [("", "머리 정보가 없는 문서")]


def test_a_blank_document_gives_no_items() -> None:
    doc = parse(hb.build_hwpx(hb.section(hb.para(hb.section_properties()), hb.para("   "))))
    assert doc.items == ()


# -- protection and broken input ------------------------------------------------------------------


def test_encrypted_package_is_refused_as_password_protected() -> None:
    data = hb.build_hwpx(hb.section(hb.para("x")), manifest=hb.ENCRYPTED_MANIFEST)
    with pytest.raises(ProtectedDocumentError) as caught:
        parse(data)
    assert caught.value.protection == "암호가 걸린"
    assert "test.hwpx" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty-bytes"),
        pytest.param(os.urandom(4096), id="random-bytes"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), id="ole-hwp5"),
        pytest.param(hb.build_hwpx(hb.section(hb.para("잘린 파일")))[:300], id="truncated-zip"),
    ],
)
def test_unreadable_bytes_raise_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError):
        parse(data)


def test_a_zip_that_is_not_hwpx_raises_parse_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(ParseError, match="section"):
        parse(buffer.getvalue())


def test_malformed_section_xml_raises_parse_error() -> None:
    data = hb.build_hwpx(hb.section(hb.para("닫히지 않은 문단")).replace("</hs:sec>", ""))
    with pytest.raises(ParseError, match="XML"):
        parse(data)


def test_zip_bomb_raises_parse_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/hwp+zip")
        archive.writestr("Contents/section0.xml", b"<" + b" " * (60 * 1024 * 1024))
    with pytest.raises(ParseError, match="zip bomb"):
        parse(buffer.getvalue())


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("비밀-토큰-7731", encoding="utf-8")
    doctype = f'<!DOCTYPE hs:sec [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    xml = hb.section(hb.para(hb.run("<hp:t>앞 &xxe; 뒤</hp:t>")), prefix=doctype)
    doc = parse(hb.build_hwpx(xml))
    assert texts(doc) == ["앞  뒤"]
    assert "7731" not in repr(doc)


def test_entity_expansion_bomb_is_not_expanded() -> None:
    entities = '<!ENTITY a "축제축제축제축제축제축제축제축제축제축제">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    xml = hb.section(hb.para(hb.run("<hp:t>시작 &i; 끝</hp:t>")), prefix=f"<!DOCTYPE hs:sec [{entities}]>")
    started = time.perf_counter()
    try:
        doc = parse(hb.build_hwpx(xml))
    except ParseError:  # libxml2 refuses the amplification outright
        doc = None
    assert time.perf_counter() - started < 2
    assert doc is None or texts(doc) == ["시작  끝"]


def test_deeply_nested_text_boxes_end_quickly() -> None:
    inner = hb.para("가장 안쪽")
    for _ in range(40):
        inner = hb.para(hb.text_box(inner))
    started = time.perf_counter()
    try:
        doc = parse(hb.build_hwpx(hb.section(inner)))
    except ParseError:
        return
    assert time.perf_counter() - started < 2
    assert any(d.reason == "nested too deep" for d in doc.dropped)


# -- the real samples -------------------------------------------------------------------------

SAMPLE_FILES = sorted(SAMPLES.glob("*.hwpx")) if SAMPLES.is_dir() else []
MIN_TABLES = {
    "edge_no_manifest.hwpx": 1,
    "gangbuk_rfp.hwpx": 30,
    "gangnam_notice.hwpx": 0,
    "lh_rental_notice.hwpx": 40,
    "moef_fdi_2025q2.hwpx": 20,
    "moel_workreport.hwpx": 30,
    "mois_press_govinnov.hwpx": 8,
    "molit_press_taxi.hwpx": 4,
    "msit_press_noori.hwpx": 4,
    "opendata_standard.hwpx": 3,
    "parahead_numbering.hwpx": 0,
}


def _all_text(doc: RawDocument) -> str:
    parts: list[str] = []
    for item in doc.items:
        if isinstance(item, RawParagraph):
            parts.append(item.text)
        else:
            parts.extend(cell.text for row in item.table.rows for cell in row)
    return "\n".join(parts)


def _sample(name: str) -> bytes:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"sample {name} is not available")
    return path.read_bytes()


@pytest.mark.skipif(not SAMPLE_FILES, reason="shared samples are not available")
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.name)
def test_every_sample_parses_or_raises_its_documented_error(path: Path) -> None:
    data = path.read_bytes()
    if path.name == "edge_password.hwpx":
        with pytest.raises(ProtectedDocumentError):
            parse(data)
        return
    if path.name == "edge_hwp5_misnamed.hwpx":
        with pytest.raises(ParseError):
            parse(data)
        return
    try:
        doc = parse(data)
    except HaesolError:
        assert path.name not in MIN_TABLES, f"{path.name} should parse"
        return
    if path.name in ("edge_empty.hwpx", "headerfooter.hwpx"):
        assert doc.items == ()
        return
    assert len(HANGUL_RE.findall(_all_text(doc))) >= 20
    tables = sum(isinstance(item, RawTable) for item in doc.items)
    assert tables >= MIN_TABLES.get(path.name, 0)


PARAHEAD_EXPECTED = {
    "글머리1-1": "●",
    "글머리2-2": "■",
    "번호1": "1.",
    "번호3": "3.",
    "번호3-1": "3.1.",
    "번호3-2": "3.2.",
    "번호4": "4.",
    "번호-4-1-1-1": "4.1.1.1.",
    "번호-4-1-2": "4.1.2.",
    "번호-4-1-2-1": "4.1.2.1.",
    "개요1": "1.",
    "개요1-1": "가.",
    "개요1-3": "다.",
    "개요2": "2.",
    "개요2-1": "가.",
    "개요2-1-1": "1)",
}


def test_sample_parahead_numbering_resolves_bullets_numbers_and_outline() -> None:
    doc = parse(_sample("parahead_numbering.hwpx"))
    heads = {p.text: p.marker for p in paragraphs(doc)}
    assert {text: heads[text] for text in PARAHEAD_EXPECTED} == PARAHEAD_EXPECTED
    outline = [p for p in paragraphs(doc) if p.text.startswith("개요")]
    assert all(p.is_heading for p in outline) and outline[-1].level == 3


def test_sample_headerfooter_records_its_page_furniture() -> None:
    doc = parse(_sample("headerfooter.hwpx"))
    assert {d.reason for d in doc.dropped} == {"page header", "page footer"}


def test_sample_press_release_keeps_body_bullets_and_contact_table() -> None:
    doc = parse(_sample("mois_press_govinnov.hwpx"))
    body = [p.text for p in paragraphs(doc)]
    assert sum(text.startswith("□") for text in body) >= 8
    assert sum(text.startswith(" ○") for text in body) >= 8
    contact = [i for i in doc.items if isinstance(i, RawTable) and "담당 부서" in i.table.rows[0][0].text]
    assert contact and contact[0].table.rows[0][1] == TableCell("참여혁신국", 2, 1)
    assert any(d.reason == "image" for d in doc.dropped)


def test_sample_without_manifest_reads_both_sections() -> None:
    doc = parse(_sample("edge_no_manifest.hwpx"))
    assert sum(isinstance(item, RawTable) for item in doc.items) == 1
    assert len(paragraphs(doc)) > 10


def test_biggest_sample_parses_fast() -> None:
    data = _sample("lh_rental_notice.hwpx")
    best = min(_timed(data) for _ in range(3))
    assert best < 0.5, f"lh_rental_notice.hwpx took {best * 1000:.0f} ms"


def _timed(data: bytes) -> float:
    started = time.perf_counter()
    parse(data)
    return time.perf_counter() - started
