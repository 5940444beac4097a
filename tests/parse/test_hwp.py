"""Tests for the HWP 5.0 parser: synthetic files built in code, the real samples, and hostile bytes."""

from __future__ import annotations

import contextlib
import importlib
import io
import random
import re
import struct
import time
import zipfile
from pathlib import Path

import pytest

from haesol.errors import HaesolError, ParseError, ProtectedDocumentError, UnsupportedVersionError
from haesol.models import RawDocument, RawItem, RawParagraph, RawTable
from haesol.parse.hwp import HwpParser

# The builders sit beside this module, which pytest imports either as a package member or top-level.
hb = importlib.import_module("tests.helpers.hwp_builders")

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
HWP_SAMPLES = SAMPLES / "hwp"
PUA_RE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
PUA_OR_GARBAGE_RE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff\ufffd\x00-\x09\x0b-\x1f]")


def parse(data: bytes) -> RawDocument:
    return HwpParser().parse(data, "test.hwp")


def paragraphs(doc: RawDocument) -> list[RawParagraph]:
    return [item for item in doc.items if isinstance(item, RawParagraph)]


def tables(doc: RawDocument) -> list[RawTable]:
    return [item for item in doc.items if isinstance(item, RawTable)]


def flat_texts(items: tuple[RawItem, ...]) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item, RawParagraph):
            out.append(item.text)
        else:
            out.append(item.table.caption)
            out.extend(line for row in item.table.rows for cell in row for line in cell.text.split("\n"))
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------------------
# synthetic documents: text, heads, tables, notes, objects
# ---------------------------------------------------------------------------


def test_paragraph_text_is_normalised_and_keeps_leading_spaces() -> None:
    body = [
        hb.paragraph("□ 해솔시는 10월 8일\u00a0청년 창업\t박람회를 연다고 밝혔다.   "),
        hb.paragraph("  ㅇ 행사는\u3000이틀간 열린다", "\n", "둘째 줄"),
        hb.paragraph("   "),
    ]
    assert [p.text for p in paragraphs(parse(hb.hwp_file([body])))] == [
        "□ 해솔시는 10월 8일 청년 창업 박람회를 연다고 밝혔다.",
        "  ㅇ 행사는 이틀간 열린다\n둘째 줄",
    ]


def test_automatic_bullet_from_docinfo_maps_symbol_glyph() -> None:
    info = hb.doc_info(
        shapes=[hb.para_shape(), hb.para_shape(hb.HEAD_BULLET, 0, 1), hb.para_shape(hb.HEAD_BULLET, 1, 2)],
        bullets=[hb.bullet("\uf0a7"), hb.bullet("-")],
    )
    body = [hb.paragraph("창업 지원금을 늘린다", shape=1), hb.paragraph("1인당 500만원", shape=2)]
    first, second = paragraphs(parse(hb.hwp_file([body], info)))
    assert (first.marker, first.level, first.text) == ("□", 1, "창업 지원금을 늘린다")
    assert (second.marker, second.level) == ("-", 2)


def test_automatic_numbering_counts_levels_and_resets() -> None:
    info = hb.doc_info(
        shapes=[hb.para_shape(), hb.para_shape(hb.HEAD_NUMBER, 0, 1), hb.para_shape(hb.HEAD_NUMBER, 1, 1)],
        numberings=[hb.numbering([("^1.", 0), ("^2)", 8)])],
    )
    body = [
        hb.paragraph(text, shape=shape)
        for text, shape in [("추진 배경", 1), ("현황", 2), ("문제점", 2), ("추진 계획", 1), ("일정", 2)]
    ]
    markers = [p.marker for p in paragraphs(parse(hb.hwp_file([body], info)))]
    assert markers == ["1.", "가)", "나)", "2.", "가)"]


def test_outline_heads_use_the_section_numbering() -> None:
    info = hb.doc_info(
        shapes=[hb.para_shape(), hb.para_shape(hb.HEAD_OUTLINE, 0, 0)],
        numberings=[hb.numbering([("^1.", 0)]), hb.numbering([("^1.", 2)])],
    )
    body = [
        hb.paragraph(hb.section_def(outline_numbering=2)),
        hb.paragraph("개요", shape=1),
        hb.paragraph("세부 내용", shape=1),
    ]
    heads = [(p.marker, p.level, p.is_heading) for p in paragraphs(parse(hb.hwp_file([body], info)))]
    assert heads == [("I.", 1, True), ("II.", 1, True)]


def test_table_cells_in_row_order_with_spans_and_caption() -> None:
    grid = [
        [hb.Cell("구분", row_span=2), hb.Cell("2026년", col_span=2)],
        ["상반기", "하반기"],
        ["참가 기업", "120", "135"],
    ]
    body = [hb.paragraph("< 박람회 참가 현황 >"), hb.paragraph(hb.table(grid, caption="(단위: 개)"))]
    doc = parse(hb.hwp_file([body]))
    assert isinstance(doc.items[0], RawParagraph)
    assert isinstance(doc.items[1], RawTable)
    table = doc.items[1].table
    assert table.caption == "(단위: 개)"
    assert [[(c.text, c.row_span, c.col_span) for c in row] for row in table.rows] == [
        [("구분", 2, 1), ("2026년", 1, 2)],
        [("상반기", 1, 1), ("하반기", 1, 1)],
        [("참가 기업", 1, 1), ("120", 1, 1), ("135", 1, 1)],
    ]
    assert table.grid()[1] == ["구분", "상반기", "하반기"]


def test_nested_table_is_flattened_into_the_cell() -> None:
    inner = hb.table([["가", "나"], ["다", "라"]])
    outer = hb.table([["바깥", hb.Cell([hb.paragraph("안쪽 표"), hb.paragraph(inner)])]])
    (item,) = tables(parse(hb.hwp_file([[hb.paragraph(outer)]])))
    assert item.table.rows[0][1].text == "안쪽 표\n가 | 나\n다 | 라"


def test_table_splits_the_paragraph_where_it_is_anchored() -> None:
    body = [hb.paragraph("표 앞 글", hb.table([["칸"]]), "표 뒤 글")]
    kinds = [(type(i).__name__, getattr(i, "text", "")) for i in parse(hb.hwp_file([body])).items]
    assert kinds == [("RawParagraph", "표 앞 글"), ("RawTable", ""), ("RawParagraph", "표 뒤 글")]


def test_footnotes_follow_their_anchoring_paragraph() -> None:
    cell = hb.Cell([hb.paragraph("예산", hb.footnote(" 추경 포함"))])
    body = [
        hb.paragraph("지원 대상은 청년이다", hb.footnote(" 만 19~34세"), "."),
        hb.paragraph(hb.table([[cell]])),
        hb.paragraph("끝."),
    ]
    items = parse(hb.hwp_file([body])).items
    assert [(type(i).__name__, getattr(i, "marker", ""), getattr(i, "text", "")) for i in items] == [
        ("RawParagraph", "", "지원 대상은 청년이다."),
        ("RawParagraph", "*", "만 19~34세"),
        ("RawTable", "", ""),
        ("RawParagraph", "*", "추경 포함"),
        ("RawParagraph", "", "끝."),
    ]


def test_headers_and_footers_are_dropped_and_recorded() -> None:
    body = [hb.paragraph(hb.header("해솔시 보도자료"), hb.header("- 1 -", "foot")), hb.paragraph("본문입니다")]
    doc = parse(hb.hwp_file([body]))
    assert [p.text for p in paragraphs(doc)] == ["본문입니다"]
    assert [(d.text, d.reason.split(" ")[0]) for d in doc.dropped] == [
        ("해솔시 보도자료", "머리말"),
        ("- 1 -", "꼬리말"),
    ]


def test_text_box_is_emitted_and_picture_dropped_with_its_caption() -> None:
    body = [
        hb.paragraph(hb.text_box("◆ 박람회 개요\n일시: 10월 8일")),
        hb.paragraph(hb.picture("[사진] 지난해 박람회")),
    ]
    doc = parse(hb.hwp_file([body]))
    assert [(p.text, p.is_caption) for p in paragraphs(doc)] == [
        ("◆ 박람회 개요", False),
        ("일시: 10월 8일", False),
        ("[사진] 지난해 박람회", True),
    ]
    assert [d.reason for d in doc.dropped] == ["그림 (picture)"]


def test_overlapped_characters_stay_in_the_text() -> None:
    (item,) = paragraphs(parse(hb.hwp_file([[hb.paragraph("｢", hb.overlap("가칭"), "청년기본법｣ 제정")]])))
    assert item.text == "｢가칭청년기본법｣ 제정"


def test_private_use_glyphs_are_mapped_or_dropped() -> None:
    body = [hb.paragraph("\uf0a7 첫째 항목"), hb.paragraph("\uf076 둘째\ue123 항목"), hb.paragraph("\U000f02b1 셋째")]
    assert [p.text for p in paragraphs(parse(hb.hwp_file([body])))] == ["□ 첫째 항목", "◆ 둘째 항목", "• 셋째"]


def test_sections_are_read_in_numeric_order() -> None:
    sections = [[hb.paragraph(f"{n}구역")] for n in range(12)]
    assert [p.text for p in paragraphs(parse(hb.hwp_file(sections)))] == [f"{n}구역" for n in range(12)]


def test_uncompressed_streams_are_read() -> None:
    doc = parse(hb.hwp_file([[hb.paragraph("압축하지 않은 문서")]], flags=0))
    assert doc.items == (RawParagraph("압축하지 않은 문서"),)


def test_large_records_use_the_extended_size_field() -> None:
    text = "가나다라마바사 " * 700
    (item,) = paragraphs(parse(hb.hwp_file([[hb.paragraph(text)]])))
    assert item.text == text.rstrip()


# ---------------------------------------------------------------------------
# protection and versions
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "protection"),
    [
        pytest.param(hb.FLAG_COMPRESSED | hb.FLAG_PASSWORD, "암호가 걸린", id="password"),
        pytest.param(hb.FLAG_COMPRESSED | hb.FLAG_DISTRIBUTION, "배포용", id="distribution"),
        pytest.param(hb.FLAG_COMPRESSED | hb.FLAG_DRM, "DRM으로 보호된", id="drm-flag"),
    ],
)
def test_protection_flags_raise_specific_errors(flags: int, protection: str) -> None:
    with pytest.raises(ProtectedDocumentError) as caught:
        parse(hb.hwp_file([[hb.paragraph("비밀")]], flags=flags))
    assert caught.value.protection == protection
    assert "PDF 또는 HWPX" in str(caught.value)


def test_drm_wrapper_and_hwp3_magic_are_recognised() -> None:
    with pytest.raises(ProtectedDocumentError, match="DRM"):
        parse(b"<MARKANY_DOCUMENTSAFER>" + bytes(200))
    with pytest.raises(UnsupportedVersionError, match=r"HWP 3\.0"):
        parse(b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + bytes(200))


def test_other_ole_versions_are_unsupported() -> None:
    with pytest.raises(UnsupportedVersionError):
        parse(hb.hwp_file([[hb.paragraph("옛 문서")]], version=(3, 0, 0, 0)))


def test_view_text_without_body_text_is_distribution_protected() -> None:
    streams = {"FileHeader": hb.file_header(), "DocInfo": hb.deflate(hb.doc_info()), "ViewText/Section0": bytes(300)}
    with pytest.raises(ProtectedDocumentError, match="배포용"):
        parse(hb.ole_file(streams))
    with pytest.raises(ParseError, match="BodyText"):
        parse(hb.ole_file({"FileHeader": hb.file_header(), "DocInfo": hb.deflate(hb.doc_info())}))


# ---------------------------------------------------------------------------
# hostile input: always a ParseError (or a result), quickly, never another exception
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(random.Random(7).randbytes(5000), id="random"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1/etc/passwd", id="short-ole"),
        pytest.param(b"/etc/passwd", id="path-like"),
        pytest.param(hb.ole_file({"Other": b"x" * 100}), id="ole-not-hwp"),
        pytest.param(hb.ole_file({"FileHeader": b"Not an HWP file" * 20}), id="bad-signature"),
    ],
)
def test_garbage_raises_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError):
        parse(data)


def test_bad_deflate_stream_raises_parse_error() -> None:
    streams = {"FileHeader": hb.file_header(), "DocInfo": hb.deflate(hb.doc_info()), "BodyText/Section0": b"\xff" * 64}
    with pytest.raises(ParseError, match="deflate"):
        parse(hb.ole_file(streams))


def test_truncated_deflate_stream_raises_parse_error() -> None:
    section = hb.deflate(hb.serialize([hb.paragraph("잘린 문단 " * 400)]))
    streams = {"FileHeader": hb.file_header(), "DocInfo": hb.deflate(hb.doc_info()), "BodyText/Section0": section[:-40]}
    with pytest.raises(ParseError, match="truncated"):
        parse(hb.ole_file(streams))


def test_record_size_beyond_the_stream_raises_parse_error() -> None:
    overrun = struct.pack("<I", hb.PARA_TEXT | 0xFFF << 20) + struct.pack("<I", 10_000_000) + b"ab"
    streams = {"FileHeader": hb.file_header(0), "DocInfo": hb.doc_info(), "BodyText/Section0": overrun}
    with pytest.raises(ParseError, match="overruns"):
        parse(hb.ole_file(streams))


def test_deflate_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("haesol.parse.hwp.MAX_STREAM_BYTES", 1_000_000)
    bomb = hb.deflate(bytes(5_000_000))
    streams = {"FileHeader": hb.file_header(), "DocInfo": hb.deflate(hb.doc_info()), "BodyText/Section0": bomb}
    with pytest.raises(ParseError, match="beyond"):
        parse(hb.ole_file(streams))


def test_deeply_nested_tables_end_quickly() -> None:
    node = hb.paragraph("가장 안쪽")
    for _ in range(60):
        node = hb.paragraph(hb.table([[hb.Cell([node])]]))
    started = time.perf_counter()
    doc = parse(hb.hwp_file([[node]]))
    assert time.perf_counter() - started < 2
    assert any("nesting" in d.reason for d in doc.dropped)


def test_level_jumps_and_stray_records_do_not_break_the_walk() -> None:
    stream = (
        hb.record_bytes(hb.PARA_TEXT, 0, "고아 텍스트\r".encode("utf-16-le"))
        + hb.serialize([hb.paragraph("정상 문단")])
        + hb.record_bytes(hb.CTRL_HEADER, 9, b" lbt")
        + hb.record_bytes(hb.LIST_HEADER, 700, b"\x01")
    )
    streams = {"FileHeader": hb.file_header(0), "DocInfo": hb.doc_info(), "BodyText/Section0": stream}
    assert parse(hb.ole_file(streams)).items == (RawParagraph("정상 문단"),)


def test_mutated_files_fail_cleanly() -> None:
    body = [
        hb.paragraph("□ 본문", hb.footnote("각주")),
        hb.paragraph(hb.table([["가", hb.Cell("나", 2, 1)], ["다"]])),
        hb.paragraph(hb.text_box("상자")),
        hb.paragraph(hb.header("머리말")),
    ]
    info = hb.doc_info(
        shapes=[hb.para_shape(), hb.para_shape(hb.HEAD_NUMBER, 0, 1)],
        numberings=[hb.numbering([("^1.", 0)])],
        bullets=[hb.bullet("-")],
    )
    for flags in (0, hb.FLAG_COMPRESSED):
        original = hb.hwp_file([body], info, flags=flags)
        rng = random.Random(flags)
        for _ in range(150):
            data = bytearray(original)
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(512, len(data))] = rng.randrange(256)
            started = time.perf_counter()
            with contextlib.suppress(HaesolError):
                parse(bytes(data))
            assert time.perf_counter() - started < 1


# ---------------------------------------------------------------------------
# the real samples (skipped when /work/shared/samples is absent)
# ---------------------------------------------------------------------------

needs_samples = pytest.mark.skipif(not HWP_SAMPLES.is_dir(), reason="shared samples not available")

READABLE = {
    "budget_table.hwp": 4,
    "kwater_press.hwp": 6,
    "moef_fdi_2025q2.hwp": 26,
    "moef_fiscal_2010.hwp": 12,
    "mois_press_govinnov.hwp": 9,
    "mois_workreport.hwp": 51,
    "msit_press_noori.hwp": 5,
    "nts_ruling_2000.hwp": 1,
}
PROTECTED = {
    "edge_distribution_notice.hwp": "배포용",
    "kwater_press_dist.hwp": "배포용",
    "edge_password.hwp": "암호가 걸린",
    "edge_drm_markany.hwp": "DRM으로 보호된",
}
TWINS = ("mois_press_govinnov", "msit_press_noori", "moef_fdi_2025q2")


def sample(name: str) -> bytes:
    path = HWP_SAMPLES / name
    if not path.is_file():
        pytest.skip(f"{name} not in the samples")
    return path.read_bytes()


@needs_samples
@pytest.mark.parametrize(("name", "table_count"), READABLE.items(), ids=list(READABLE))
def test_sample_gives_clean_korean_text_and_its_tables(name: str, table_count: int) -> None:
    doc = HwpParser().parse(sample(name), name)
    text = "\n".join(flat_texts(doc.items))
    assert len(re.findall("[가-힣]", text)) > 50
    assert len(tables(doc)) == table_count
    assert not PUA_OR_GARBAGE_RE.search(text)


@needs_samples
@pytest.mark.parametrize("name", READABLE, ids=list(READABLE))
def test_sample_contains_its_preview_text(name: str) -> None:
    import olefile  # type: ignore[import-untyped]

    with olefile.OleFileIO(io.BytesIO(sample(name))) as ole:
        if not ole.exists("PrvText"):
            pytest.skip("no preview text")
        preview = ole.openstream("PrvText").read().decode("utf-16-le", "replace")
    body = squash("".join(flat_texts(HwpParser().parse(sample(name)).items)).replace("•", ""))
    lines = [line for line in preview.split("\n")[:-1] if len(line.strip()) >= 10 and not line.startswith("<")]
    missing = [line for line in lines if squash(PUA_RE.sub("", line)) not in body]
    assert len(missing) <= len(lines) // 10, missing


@needs_samples
@pytest.mark.parametrize(("name", "protection"), PROTECTED.items(), ids=list(PROTECTED))
def test_protected_sample_raises_its_specific_error(name: str, protection: str) -> None:
    with pytest.raises(ProtectedDocumentError) as caught:
        HwpParser().parse(sample(name), name)
    assert caught.value.protection == protection


@needs_samples
def test_hwp3_sample_is_unsupported() -> None:
    with pytest.raises(UnsupportedVersionError, match=r"HWP 3\.0"):
        HwpParser().parse(sample("edge_hwp3.hwp"))


@needs_samples
def test_empty_sample_has_no_text() -> None:
    doc = HwpParser().parse(sample("edge_empty.hwp"))
    assert all(not text.strip() for text in flat_texts(doc.items))


@needs_samples
def test_headerfooter_sample_keeps_body_without_header_and_footer() -> None:
    doc = HwpParser().parse(sample("headerfooter.hwp"))
    reasons = {d.reason.split(" ")[0] for d in doc.dropped}
    assert {"머리말", "꼬리말"} <= reasons
    body = " ".join(flat_texts(doc.items))
    assert body.strip()
    assert all(d.text not in body for d in doc.dropped)


@needs_samples
def test_footnotes_sample_emits_marked_notes() -> None:
    doc = HwpParser().parse(sample("moef_fiscal_2010.hwp"))
    assert sum(1 for p in paragraphs(doc) if p.marker == "*") == 30


@needs_samples
def test_misnamed_hwpx_that_is_hwp_parses() -> None:
    path = SAMPLES / "hwpx" / "edge_hwp5_misnamed.hwpx"
    if not path.is_file():
        pytest.skip("sample missing")
    assert tables(HwpParser().parse(path.read_bytes()))


@needs_samples
@pytest.mark.parametrize("name", TWINS)
def test_text_matches_the_hwpx_twin(name: str) -> None:
    twin = SAMPLES / "hwpx" / f"{name}.hwpx"
    if not twin.is_file():
        pytest.skip("twin missing")
    reference = squash(PUA_RE.sub("", _hwpx_text(twin.read_bytes())).replace("•", ""))
    pieces = [
        squash(piece.replace("•", ""))
        for text in flat_texts(HwpParser().parse(sample(f"{name}.hwp")).items)
        for piece in text.split(" | ")
    ]
    pieces = [piece for piece in pieces if len(piece) >= 6]
    missing = [piece for piece in pieces if piece not in reference]
    assert len(pieces) > 20
    assert len(missing) <= len(pieces) // 20, missing[:5]


def _hwpx_text(data: bytes) -> str:
    from lxml import etree

    out: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(n for n in archive.namelist() if re.fullmatch(r"Contents/section\d+\.xml", n)):
            root = etree.fromstring(archive.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
            out.extend("".join(str(part) for part in t.itertext()) for t in root.iter("{*}t"))
    return "".join(out)


@needs_samples
def test_largest_sample_parses_fast() -> None:
    data = sample("mois_workreport.hwp")
    best = min(_timed(data) for _ in range(3))
    assert best < 0.5


def _timed(data: bytes) -> float:
    started = time.perf_counter()
    HwpParser().parse(data)
    return time.perf_counter() - started


@needs_samples
@pytest.mark.parametrize("name", READABLE, ids=list(READABLE))
def test_truncated_sample_fails_cleanly(name: str) -> None:
    data = sample(name)
    for fraction in (0.1, 0.5, 0.9):
        try:
            HwpParser().parse(data[: int(len(data) * fraction)])
        except ParseError:
            continue
