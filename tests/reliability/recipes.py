"""Hostile inputs built in code (recipes, never binary blobs) for the reliability tests and the fuzz harness."""

from __future__ import annotations

import io
import struct
import zipfile

from tests.helpers import doc_builders as db
from tests.helpers import hwp_builders as hwpb
from tests.helpers import hwpx_builders as hb

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LINES = (
    "보도자료",
    "보도시점: 2026. 11. 3.(화) 조간",
    "국토교통부, 농어촌 수요응답형 버스 40개 군으로 확대",
    "□ 국토교통부는 11월부터 농어촌 수요응답형 버스를 40개 군으로 확대한다고 밝혔다.",
    " ㅇ 이번 확대로 버스가 다니지 않던 마을 1,200곳의 주민이 전화로 버스를 부를 수 있게 된다.",
    "담당 부서: 대중교통과  책임자: 과장 박서윤 (044-000-3141)",
)


def release_text(lines: tuple[str, ...] = LINES) -> str:
    """An invented short release as plain text."""
    return "\n".join(lines) + "\n"


def hwpx_with_cells(count: int, span: int = 1000) -> bytes:
    """An HWPX whose one table has ``count`` cells of ``span`` × ``span`` (campaign defect 2)."""
    cells = [hb.cell(f"칸{i}", i, 0, row_span=span, col_span=span) for i in range(count)]
    body = [hb.para(line) for line in LINES] + [hb.para(hb.table(*[[c] for c in cells]))]
    return hb.build_hwpx(hb.section(*body))


def plain_hwpx() -> bytes:
    """An ordinary HWPX of the invented release."""
    return hb.build_hwpx(hb.section(*[hb.para(line) for line in LINES]))


def hwp_with_span(span: int = 65_000) -> bytes:
    """An HWP 5.0 file whose table cell spans ``span`` × ``span`` (u16 fields, no cap before)."""
    address = struct.pack("<HHHH", 0, 0, span, span) + b"\x00" * 18  # col, row, col span, row span
    children = [
        hwpb.Node(hwpb.TABLE, struct.pack("<IHH", 0, 1, 1) + b"\x00" * 10),
        hwpb.list_header(1, address),
        hwpb.paragraph("큰 칸"),
    ]
    table = hwpb._ctrl("tbl ", 11, b"\x00" * 42, children)
    nodes = [hwpb.paragraph(line) for line in LINES] + [hwpb.paragraph(table)]
    return hwpb.hwp_file([nodes])


def docx_document(body: str) -> bytes:
    """A DOCX package (python-docx's parts) whose ``word/document.xml`` body is ``body``."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}'
        "</w:body></w:document>"
    )
    return db.replace_member(db.build_docx(with_image=False), "word/document.xml", document.encode("utf-8"))


def docx_paragraphs(lines: tuple[str, ...] = LINES) -> str:
    """``w:p`` elements, one per line."""
    return "".join(f"<w:p><w:r><w:t xml:space='preserve'>{line}</w:t></w:r></w:p>" for line in lines)


def docx_with_grid_span(span: int = 200_000_000, rows: int = 2) -> bytes:
    """A DOCX whose table cells declare ``gridSpan`` = ``span`` (campaign defect 2)."""
    cell = f"<w:tc><w:tcPr><w:gridSpan w:val='{span}'/></w:tcPr><w:p><w:r><w:t>값</w:t></w:r></w:p></w:tc>"
    table = "<w:tbl>" + "".join(f"<w:tr>{cell}</w:tr>" for _ in range(rows)) + "</w:tbl>"
    return docx_document(docx_paragraphs() + table)


def html_with_spans(count: int = 40, span: int = 1000) -> bytes:
    """An HTML page with ``count`` cells of rowspan = colspan = ``span`` (campaign defect 2)."""
    cells = "".join(f'<tr><td rowspan="{span}" colspan="{span}">칸{i}</td></tr>' for i in range(count))
    paragraphs = "".join(f"<p>{line}</p>" for line in LINES)
    page = f'<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>{LINES[2]}</title></head><body><article>{paragraphs}<table>{cells}</table></article></body></html>'
    return page.encode("utf-8")


def odt_with_repeats(rows: int = 1000, columns: int = 1000) -> bytes:
    """An ODT table whose one cell repeats ``columns`` times in a row repeated ``rows`` times."""
    table = (
        '<table:table table:name="표1"><table:table-column table:number-columns-repeated="1000"/>'
        f'<table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{columns}"><text:p>0</text:p></table:table-cell>'
        "</table:table-row></table:table>"
    )
    return db.build_odt("".join(db.odt_paragraph(line) for line in LINES) + table)


def corrupt_deflate_member(package: bytes, name: str) -> bytes:
    """The same zip with ``name``'s compressed bytes flipped in the middle (its CRC left as it was)."""
    data = bytearray(package)
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        info = archive.getinfo(name)
    header = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[header + 26 : header + 30])
    start = header + 30 + name_len + extra_len
    for offset in range(start + 2, start + max(info.compress_size - 2, 3)):
        data[offset] ^= 0x5A
    return bytes(data)


def with_duplicate_entry(package: bytes, name: str, payload: bytes) -> bytes:
    """The same zip with a second member of the same ``name`` appended (zipfile would read the last)."""
    out = io.BytesIO(package)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive, _quiet_duplicates():
        archive.writestr(name, payload)
    return out.getvalue()


class _quiet_duplicates:
    def __enter__(self) -> None:
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("ignore", UserWarning)

    def __exit__(self, *exc: object) -> None:
        self._catch.__exit__(*exc)


def broken_central_directory(package: bytes) -> bytes:
    """A zip with its end-of-central-directory record cut off (local headers intact)."""
    end = package.rfind(b"PK\x05\x06")
    return package[:end]
