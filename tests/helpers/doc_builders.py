"""Build a small invented Korean press release as DOCX (python-docx), PDF (reportlab) and ODT (zip + XML)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

# -- the release (invented) ------------------------------------------------------------------------

TITLE = "해솔시, 연안 바다숲 120헥타르 새로 만든다"
SUBTITLE = "- 2027년까지 6개 어촌 앞바다에 해조류 숲 조성… 어가 소득 15% 증대 기대 -"
TIMING = "보도시점 2026. 10. 8.(목) 조간 배포 2026. 10. 7.(수) 10:00"
BODY = (
    (
        "□ 해솔시는 10월 7일 「연안 바다숲 조성 기본계획」을 발표하고, 2027년까지 총사업비 84억 원을 들여 "
        "6개 어촌 앞바다에 바다숲 120헥타르를 새로 만든다고 밝혔다."
    ),
    (
        "ㅇ 바다숲은 감태와 모자반 같은 해조류를 심어 갯녹음으로 황폐해진 암반을 되살리는 사업으로, "
        "물고기 산란장과 탄소 흡수원 역할을 함께 한다."
    ),
    "- 올해는 북항과 남포 2개 어촌에 40헥타르를 먼저 조성하고, 나머지 80헥타르는 2027년까지 단계적으로 넓힌다.",
    "□ 시는 사업 효과를 높이려고 어촌계와 함께 관리협의체를 꾸리고, 해마다 해조류 생육 상태를 조사해 공개할 계획이다.",
    (
        "ㅇ 김바다 해양수산국장은 “바다숲은 어민 소득과 기후 대응을 함께 잡는 사업”이라며 "
        "“어촌계와 긴밀히 협력해 눈에 보이는 성과를 내겠다”라고 말했다."
    ),
    "※ 갯녹음: 연안 암반에서 해조류가 사라지고 흰 석회조류가 바닥을 덮는 현상",
)
TABLE_CAPTION = "< 연도별 조성 계획 >"
# (text, row_span, col_span) per cell; the grid is 4 columns wide
PLAN_TABLE = (
    (("구분", 1, 2), ("2026년", 1, 1), ("2027년", 1, 1)),
    (("면적(ha)", 2, 1), ("북항·남포", 1, 1), ("40", 1, 1), ("-", 1, 1)),
    (("기타 4개 어촌", 1, 1), ("-", 1, 1), ("80", 1, 1)),
    (("사업비(억 원)", 1, 2), ("28", 1, 1), ("56", 1, 1)),
)
CONTACT_TABLE = (
    (("담당 부서", 2, 1), ("해양수산국 수산자원과", 2, 1), ("책임자", 1, 1), ("과장 이해솔 (051-000-1234)", 1, 1)),
    (("담당자", 1, 1), ("주무관 박바다 (051-000-1235)", 1, 1)),
)
RUNNING_HEADER = "해솔시 보도자료"


def grid_of(rows: tuple[tuple[tuple[str, int, int], ...], ...]) -> list[list[str]]:
    """Expand a table given as (text, row_span, col_span) cells into a rectangular grid of texts."""
    placed: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        c = 0
        for text, row_span, col_span in row:
            while (r, c) in placed:
                c += 1
            for dr in range(row_span):
                for dc in range(col_span):
                    placed.setdefault((r + dr, c + dc), text)
            c += col_span
    height = max(r for r, _ in placed) + 1
    width = max(c for _, c in placed) + 1
    return [[placed.get((r, c), "") for c in range(width)] for r in range(height)]


def tiny_png() -> bytes:
    """A valid 1×1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")
    )


def zip_bytes(members: dict[str, bytes], first: str = "") -> bytes:
    """A zip archive; ``first`` is stored uncompressed and written first (ODF ``mimetype``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first), members[first], compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            if name != first:
                archive.writestr(name, data)
    return out.getvalue()


def replace_member(package: bytes, name: str, data: bytes) -> bytes:
    """The same zip with one member's bytes replaced."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    members[name] = data
    return zip_bytes(members, first="mimetype" if "mimetype" in members else "")


def bomb_member(package: bytes, name: str, size: int = 20 * 1024 * 1024) -> bytes:
    """The same zip with one extra member of ``size`` zero bytes (it compresses about 1000:1)."""
    out = io.BytesIO(package)
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as member,
    ):
        block = bytes(1024 * 1024)
        for _ in range(size // len(block)):
            member.write(block)
    return out.getvalue()


XXE_PAYLOAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'


# -- DOCX (python-docx) ----------------------------------------------------------------------------


def build_docx(*, with_image: bool = True) -> bytes:
    """The release as a Word document: header table, bullets, a numbered list, merged cells, a caption."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = RUNNING_HEADER
    document.sections[0].footer.paragraphs[0].text = "- 1 -"
    _docx_table(
        document,
        ((("보도시점", 1, 1), ("2026. 10. 8.(목) 조간", 1, 1)), (("배포", 1, 1), ("2026. 10. 7.(수) 10:00", 1, 1))),
    )
    document.add_paragraph(TITLE)
    document.add_paragraph(SUBTITLE)
    document.add_heading("추진 배경", level=1)
    for text in BODY:
        document.add_paragraph(text)
    first = document.add_paragraph("관리협의체 구성", style="List Bullet")
    second = document.add_paragraph("생육 조사 결과 공개", style="List Bullet")
    _set_ilvl(second, 1, OxmlElement, qn, num_id=_style_num_id(first, document, qn))
    document.add_paragraph("1차 사업지 선정", style="List Number")
    document.add_paragraph("2차 사업지 선정", style="List Number")
    document.add_paragraph(TABLE_CAPTION)
    _docx_table(document, PLAN_TABLE)
    if with_image:
        document.add_picture(io.BytesIO(tiny_png()))
    document.add_paragraph("사진 1. 북항 앞바다에 심은 감태", style="Caption")
    _docx_table(document, CONTACT_TABLE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document: object, rows: tuple[tuple[tuple[str, int, int], ...], ...]) -> None:
    grid = grid_of(rows)
    table = document.add_table(rows=len(grid), cols=len(grid[0]))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    placed: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for text, row_span, col_span in row:
            while (r, c) in placed:
                c += 1
            cell = table.cell(r, c)
            if row_span > 1 or col_span > 1:
                cell = cell.merge(table.cell(r + row_span - 1, c + col_span - 1))
            cell.text = text
            placed.update((r + dr, c + dc) for dr in range(row_span) for dc in range(col_span))
            c += col_span


def _style_num_id(paragraph: object, document: object, qn: object) -> str:
    style = paragraph.style  # type: ignore[attr-defined]
    num_id = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return num_id.get(qn("w:val"))


def _set_ilvl(paragraph: object, ilvl: int, element: object, qn: object, num_id: str) -> None:
    p_pr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    num_pr = element("w:numPr")
    level = element("w:ilvl")
    level.set(qn("w:val"), str(ilvl))
    number = element("w:numId")
    number.set(qn("w:val"), num_id)
    num_pr.append(level)
    num_pr.append(number)
    p_pr.append(num_pr)


# -- PDF (reportlab) -------------------------------------------------------------------------------

PDF_FONT = "HYSMyeongJo-Medium"
PDF_BOLD = "HYGothic-Medium"


def build_pdf() -> bytes:
    """The release as a two-page PDF with a running header, page numbers, wrapped bullets and ruled tables."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    for name in (PDF_FONT, PDF_BOLD):
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    body = ParagraphStyle("body", fontName=PDF_FONT, fontSize=12, leading=19, alignment=TA_JUSTIFY, spaceAfter=6)
    styles = {
        "□": ParagraphStyle("l1", parent=body, leftIndent=14, firstLineIndent=-14, spaceBefore=8),
        "ㅇ": ParagraphStyle("l2", parent=body, leftIndent=30, firstLineIndent=-14),
        "-": ParagraphStyle("l3", parent=body, leftIndent=44, firstLineIndent=-12),
        "※": ParagraphStyle("note", parent=body, fontSize=10, leading=15, leftIndent=14, firstLineIndent=-12),
    }
    title = ParagraphStyle("title", parent=body, fontName=PDF_BOLD, fontSize=20, leading=28, alignment=TA_CENTER)
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER)
    story = [
        Paragraph(TIMING, ParagraphStyle("timing", parent=body, fontSize=10)),
        Spacer(1, 12),
        Paragraph(TITLE, title),
        Paragraph(SUBTITLE, centred),
        Spacer(1, 12),
    ]
    story.extend(Paragraph(escape(text), styles[text[0]]) for text in BODY[:3])
    story.extend((Spacer(1, 6), Paragraph(TABLE_CAPTION, centred), _pdf_table(PLAN_TABLE, Table, TableStyle, colors)))
    story.extend((PageBreak(), *(Paragraph(escape(text), styles[text[0]]) for text in BODY[3:])))
    story.extend((Spacer(1, 18), _pdf_table(CONTACT_TABLE, Table, TableStyle, colors)))
    out = io.BytesIO()
    template = SimpleDocTemplate(out, pagesize=A4, leftMargin=60, rightMargin=60, topMargin=70, bottomMargin=70)
    template.build(story, onFirstPage=_pdf_furniture, onLaterPages=_pdf_furniture)
    return out.getvalue()


def _pdf_table(rows: tuple[tuple[tuple[str, int, int], ...], ...], table: type, style: type, colors: object) -> object:
    grid = grid_of(rows)
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), PDF_FONT, 10),
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black),  # type: ignore[attr-defined]
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ]
    data = [row[:] for row in grid]
    placed: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for _, row_span, col_span in row:
            while (r, c) in placed:
                c += 1
            if row_span > 1 or col_span > 1:
                commands.append(("SPAN", (c, r), (c + col_span - 1, r + row_span - 1)))
                for dr in range(row_span):
                    for dc in range(col_span):
                        if dr or dc:
                            data[r + dr][c + dc] = ""
            placed.update((r + dr, c + dc) for dr in range(row_span) for dc in range(col_span))
            c += col_span
    return table(data, style=style(commands))


def _pdf_furniture(canvas: object, document: object) -> None:
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFont(PDF_FONT, 9)  # type: ignore[attr-defined]
    canvas.drawRightString(535, 800, RUNNING_HEADER)  # type: ignore[attr-defined]
    canvas.drawCentredString(297, 40, f"- {document.page} -")  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]


def build_image_only_pdf() -> bytes:
    """A PDF of shapes only: no text layer at all."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    for index in range(2):
        page.rect(100, 500, 300, 200, fill=1)
        page.circle(300, 300, 50 + index * 10, fill=0)
        page.showPage()
    page.save()
    return out.getvalue()


def build_encrypted_pdf(user_password: str = "secret") -> bytes:
    """A one-page PDF encrypted with reportlab's standard security handler."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    out = io.BytesIO()
    encryption = StandardEncryption(user_password, ownerPassword="owner-secret", canPrint=1)
    page = canvas.Canvas(out, pagesize=A4, encrypt=encryption)
    page.setFont(PDF_FONT, 12)
    page.drawString(72, 700, TITLE)
    page.showPage()
    page.save()
    return out.getvalue()


# -- ODT (zip + XML) -------------------------------------------------------------------------------

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"'
)
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def odt_paragraph(text: str, style: str = "Standard") -> str:
    """A ``text:p``; runs of spaces become ``text:s`` as ODF writers save them."""
    parts = text.split("  ")
    inner = '<text:s text:c="2"/>'.join(escape(part) for part in parts)
    return f'<text:p text:style-name="{style}">{inner}</text:p>'


def odt_table(rows: tuple[tuple[tuple[str, int, int], ...], ...]) -> str:
    """A ``table:table`` with spanned cells followed by the covered cells ODF requires."""
    grid = grid_of(rows)
    covered: set[tuple[int, int]] = set()
    out = ['<table:table table:name="표1">', f'<table:table-column table:number-columns-repeated="{len(grid[0])}"/>']
    starts = _cell_starts(rows)
    for r in range(len(grid)):
        out.append("<table:table-row>")
        for c in range(len(grid[0])):
            if (r, c) in starts:
                text, row_span, col_span = starts[(r, c)]
                out.append(
                    f'<table:table-cell table:number-rows-spanned="{row_span}" '
                    f'table:number-columns-spanned="{col_span}">{odt_paragraph(text)}</table:table-cell>'
                )
                covered.update((r + dr, c + dc) for dr in range(row_span) for dc in range(col_span) if dr or dc)
            elif (r, c) in covered:
                out.append("<table:covered-table-cell/>")
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def _cell_starts(rows: tuple[tuple[tuple[str, int, int], ...], ...]) -> dict[tuple[int, int], tuple[str, int, int]]:
    starts: dict[tuple[int, int], tuple[str, int, int]] = {}
    placed: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in placed:
                c += 1
            starts[(r, c)] = cell
            placed.update((r + dr, c + dc) for dr in range(cell[1]) for dc in range(cell[2]))
            c += cell[2]
    return starts


def build_odt(body_xml: str | None = None, *, encrypted: bool = False) -> bytes:
    """The release as an ODT package (or any ``office:text`` body given as XML)."""
    if body_xml is None:
        body_xml = _release_odt_body()
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
        "<office:automatic-styles>"
        '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Caption"/>'
        '<text:list-style style:name="L1">'
        '<text:list-level-style-bullet text:level="1" text:bullet-char="□"/>'
        '<text:list-level-style-bullet text:level="2" text:bullet-char="ㅇ"/>'
        '<text:list-level-style-bullet text:level="3" text:bullet-char="-"/>'
        "</text:list-style>"
        '<text:list-style style:name="L2">'
        '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>'
        '<text:list-level-style-number text:level="2" style:num-format="가" style:num-suffix="."/>'
        "</text:list-style>"
        f"</office:automatic-styles><office:body><office:text>{body_xml}</office:text></office:body>"
        "</office:document-content>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF_NS}>'
        '<office:styles><style:style style:name="Caption" style:family="paragraph"/></office:styles>'
        '<office:master-styles><style:master-page style:name="Standard">'
        f"<style:header>{odt_paragraph(RUNNING_HEADER)}</style:header>"
        '<style:footer><text:p>- <text:page-number text:select-page="current">1</text:page-number> -</text:p>'
        "</style:footer></style:master-page></office:master-styles></office:document-styles>"
    )
    encryption = (
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
        "</manifest:encryption-data>"
        if encrypted
        else ""
    )
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest {ODF_NS}>'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{encryption}'
        "</manifest:file-entry></manifest:manifest>"
    )
    members = {
        "mimetype": ODT_MIMETYPE,
        "META-INF/manifest.xml": manifest.encode(),
        "content.xml": content.encode(),
        "styles.xml": styles.encode(),
    }
    return zip_bytes(members, first="mimetype")


def _release_odt_body() -> str:
    header = odt_table(
        ((("보도시점", 1, 1), ("2026. 10. 8.(목) 조간", 1, 1)), (("배포", 1, 1), ("2026. 10. 7.(수) 10:00", 1, 1)))
    )
    items = [
        header,
        odt_paragraph(TITLE),
        odt_paragraph(SUBTITLE),
        '<text:h text:outline-level="1">추진 배경</text:h>',
        *(odt_paragraph(text) for text in BODY),
        (
            '<text:list text:style-name="L1"><text:list-item>'
            f"{odt_paragraph('관리협의체 구성')}"
            f"<text:list><text:list-item>{odt_paragraph('어촌계 대표 참여')}"
            f"<text:list><text:list-item>{odt_paragraph('분기마다 회의')}</text:list-item></text:list>"
            "</text:list-item></text:list></text:list-item></text:list>"
        ),
        (
            '<text:list text:style-name="L2">'
            f"<text:list-item>{odt_paragraph('1차 사업지 선정')}</text:list-item>"
            f"<text:list-item>{odt_paragraph('2차 사업지 선정')}</text:list-item></text:list>"
        ),
        odt_paragraph(TABLE_CAPTION),
        odt_table(PLAN_TABLE),
        (
            '<text:p text:style-name="Standard"><draw:frame draw:name="사진1"><draw:image xlink:href="Pictures/1.png"/>'
            "</draw:frame></text:p>"
        ),
        odt_paragraph("사진 1. 북항 앞바다에 심은 감태", style="P1"),
        odt_table(CONTACT_TABLE),
    ]
    return "".join(items)
