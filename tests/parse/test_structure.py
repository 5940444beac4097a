"""The structurer: front matter, body hierarchy, 참고/붙임, contacts and captions, from any format's items."""

from __future__ import annotations

import datetime as dt

from haesol.models import BlockKind, Part, RawDocument, RawParagraph, RawTable, Release, SourceInfo, Table, TableCell
from haesol.parse.structure import structure_release


def _structure(*items: RawParagraph | RawTable) -> Release:
    return structure_release(RawDocument(items=tuple(items), format="test"), SourceInfo(format="test"))


def _table(*rows: tuple[str, ...]) -> RawTable:
    return RawTable(Table(tuple(tuple(TableCell(text) for text in row) for row in rows)))


def test_text_release_front_matter(heating_release: Release) -> None:
    release = heating_release
    assert release.doc_type == "보도자료"
    assert release.title == "국방부, 접경지역 장병 생활관 난방 개선에 320억 원 투입"
    assert release.subtitles == ("11월부터 노후 난방설비 1,240곳 교체…'따뜻한 병영' 사업 본격 추진",)
    assert release.timing.date == dt.date(2026, 10, 8) and release.timing.edition == "조간"
    assert release.distributed.time == dt.time(10, 0)
    assert release.agency == "국방부"
    assert release.style == "box"


def test_body_hierarchy_and_parts(heating_release: Release) -> None:
    blocks = {b.id: b for b in heating_release.blocks}
    assert (blocks["b1"].marker, blocks["b1"].level, blocks["b1"].parent) == ("□", 1, None)
    assert (blocks["b2"].marker, blocks["b2"].level, blocks["b2"].parent) == ("ㅇ", 2, "b1")
    assert blocks["b6"].level == 3 and blocks["b6"].parent == "b5"
    assert blocks["b7"].kind is BlockKind.NOTE
    table = next(b for b in heating_release.blocks if b.kind is BlockKind.TABLE)
    assert table.text == "사업 개요" and table.table is not None and table.table.grid()[1][3] == "1,240곳"
    assert any(b.part is Part.APPENDIX for b in heating_release.blocks)
    assert all(not b.text.startswith(("□", "ㅇ", "-", "*")) for b in heating_release.blocks)


def test_caption_is_kept_apart(heating_release: Release) -> None:
    captions = [b for b in heating_release.blocks if b.kind is BlockKind.CAPTION]
    assert len(captions) == 1 and "해병대" in captions[0].text
    assert all("해병대" not in b.text for b in heating_release.body_blocks())


def test_contacts_are_not_body(heating_release: Release) -> None:
    assert [c.phone for c in heating_release.contacts] == ["02-748-5310", "02-748-5316"]
    assert all("02-748" not in b.text for b in heating_release.blocks)


def test_title_and_header_in_tables_as_hwpx_writes_them() -> None:
    release = _structure(
        _table(("", "보도자료", "")),
        _table(("보도시점", "2026. 9. 18.(금) 11:00", "배포", "2026. 9. 18.(금) 08:00")),
        RawTable(Table(((TableCell("청년 주거비 지원 대상 두 배로\n- 월 20만 원, 최대 12개월 -"),),))),
        RawParagraph("□ 국토교통부는 청년 월세 지원 대상을 두 배로 늘린다고 밝혔다."),
        _table(("담당 부서", "주거복지정책과", "책임자", "과장 박서연 (044-201-3340)")),
    )
    assert release.title == "청년 주거비 지원 대상 두 배로"
    assert release.subtitles == ("월 20만 원, 최대 12개월",)
    assert release.timing.time == dt.time(11, 0)
    assert [b.text for b in release.blocks] == ["국토교통부는 청년 월세 지원 대상을 두 배로 늘린다고 밝혔다."]
    assert release.contacts[0].phone == "044-201-3340"
    assert release.agency == "국토교통부"
    assert release.agency_source.value == "lead"  # the lead announces it: '국토교통부는 … 밝혔다'


def test_boilerplate_is_dropped_with_reason_and_kogl_read() -> None:
    release = _structure(
        RawParagraph("제목입니다"),
        RawParagraph("본문 문단이다. 내용이 있다."),
        RawParagraph("그림입니다."),
        RawParagraph("이 저작물은 공공누리 제1유형: 출처표시 조건에 따라 이용할 수 있습니다."),
    )
    assert [b.text for b in release.blocks] == ["본문 문단이다. 내용이 있다."]
    assert {d.reason.split(" ")[0] for d in release.dropped} == {"그림", "저작권·라이선스"}
    assert release.license.kogl_type == 1
