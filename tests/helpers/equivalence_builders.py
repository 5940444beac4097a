"""One invented 개조식 release written out as text, HWPX, DOCX and PDF, for the cross-format equivalence test."""

from __future__ import annotations

import io

TITLE = "해솔시, 어린이 통학버스 안전 점검 결과 발표"
SUBTITLE = "- 점검 대상 412대 중 37대 시정 조치…11월까지 재점검 -"
HEADER_ROWS = (("보도시점", "2026. 9. 17.(목) 조간", "배포", "2026. 9. 16.(수) 10:00"),)
BODY = (
    "□ 해솔시(시장 박한결)는 8월 한 달 동안 관내 어린이 통학버스 412대를 점검한 결과 37대에서 안전장치 미비를 적발해 시정 조치했다고 밝혔음",
    " ㅇ 적발 유형은 하차 확인 장치 고장이 19대로 가장 많았고, 어린이용 안전띠 불량 11대, 정지 표시장치 미작동 7대 순이었음",
    " ㅇ 시는 적발된 차량 운영자에게 30일 안에 수리를 마치도록 명령함",
    "□ 시는 10월부터 11월까지 시정 조치 이행 여부를 재점검할 계획",
    " ㅇ 재점검에서도 결함이 확인되면 해당 차량의 운행을 정지하고 과태료 50만 원을 부과할 예정",
    "□ 박한결 시장은 “아이들이 타는 차량에는 작은 결함도 용납하지 않겠다”고 강조함",
)
TABLE_ROWS = (
    ("유형", "대수"),
    ("하차 확인 장치 고장", "19대"),
    ("어린이용 안전띠 불량", "11대"),
    ("정지 표시장치 미작동", "7대"),
)
TABLE_CAPTION = "< 적발 유형별 현황 >"
CONTACT_ROWS = (("담당 부서", "교통국 교통안전과", "책임자", "과장 정다온 (031-000-4410)"),)


def as_text() -> bytes:
    """The release as copied from a viewer: tab-separated tables."""
    lines = ["보도자료", "  ".join(HEADER_ROWS[0]), TITLE, SUBTITLE, *BODY, TABLE_CAPTION]
    lines += ["\t".join(row) for row in TABLE_ROWS]
    lines += ["", "\t".join(CONTACT_ROWS[0])]
    return "\n".join(lines).encode("utf-8")


def as_hwpx() -> bytes:
    """The release as HWPX: header and contact tables, bullets in the text runs, a body table."""
    from tests.helpers.hwpx_builders import build_hwpx, cell, para, section, table

    def grid(rows: tuple[tuple[str, ...], ...]) -> str:
        return table(*[[cell(text, r, c) for c, text in enumerate(row)] for r, row in enumerate(rows)])

    paragraphs = [para("보도자료"), para(grid(HEADER_ROWS)), para(TITLE), para(SUBTITLE)]
    paragraphs += [para(line) for line in BODY]
    paragraphs += [para(TABLE_CAPTION), para(grid(TABLE_ROWS)), para(grid(CONTACT_ROWS))]
    return build_hwpx(section(*paragraphs))


def as_docx() -> bytes:
    """The release as DOCX: one paragraph per line, real tables."""
    import docx

    document = docx.Document()
    document.add_paragraph("보도자료")
    _docx_table(document, HEADER_ROWS)
    for line in (TITLE, SUBTITLE, *BODY, TABLE_CAPTION):
        document.add_paragraph(line)
    _docx_table(document, TABLE_ROWS)
    _docx_table(document, CONTACT_ROWS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document: object, rows: tuple[tuple[str, ...], ...]) -> None:
    made = document.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[attr-defined]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            made.cell(r, c).text = text


def as_pdf() -> bytes:
    """The release as a PDF with a Korean CID font, wrapped lines and ruled tables."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "HYSMyeongJo-Medium"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=17, spaceAfter=5)
    indents = {"□": 12, "ㅇ": 26}
    grid_style = TableStyle([("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.8, colors.black)])
    story: list[object] = [Paragraph("보도자료", body), Table([list(HEADER_ROWS[0])], style=grid_style), Spacer(1, 10)]
    story += [Paragraph(TITLE, body), Paragraph(SUBTITLE, body)]
    for line in BODY:
        marker = line.strip()[0]
        style = ParagraphStyle(f"l{marker}", parent=body, leftIndent=indents[marker], firstLineIndent=-12)
        story.append(Paragraph(line.strip(), style))
    story += [
        Paragraph(TABLE_CAPTION.replace("<", "&lt;").replace(">", "&gt;"), body),
        Table([list(r) for r in TABLE_ROWS], style=grid_style),
    ]
    story += [Spacer(1, 12), Table([list(CONTACT_ROWS[0])], style=grid_style)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()
