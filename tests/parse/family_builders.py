"""Seeded generator of invented releases for every header family (A–D), written as text, HWPX, DOCX and PDF.

A: three stacked header tables (agency | type, 보도시점 | 배포, title / - subtitle -).
B: one header table with rows (보도일시, 배포일시, 담당부서, 담당자), title in the paragraph after it.
C: text lines only ('보도자료', '보도일시: …', title, '- subtitle -', □/ㅇ body).
D: statistics release: a timing line, then the title as the first paragraph and the body straight after.
Agencies are drawn from haesol's list and shown whole, letter-spaced, cut to their tail, or not at all
(logo only); in the last case the lead may introduce the issuer ('○○부(장관 …)는') or only mention a host.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass

from haesol.data.lexicon import load_lexicon
from haesol.parse.structure.agency import unique_cut_match

FAMILIES = ("A", "B", "C", "D")
FORMATS = ("txt", "hwpx", "docx", "pdf")
DOC_TYPES = ("보도자료", "보도참고자료", "보도설명자료", "동정자료", "해명자료")
WEEKDAYS = "월화수목금토일"
ISSUER_KINDS = ("부처", "청", "처", "위원회")
TITLE_WORDS = (
    "청년",
    "어촌",
    "스마트",
    "안전",
    "지원",
    "확대",
    "돌봄",
    "기술",
    "수출",
    "창업",
    "공간",
    "점검",
    "개편",
    "혁신",
    "일자리",
    "기반",
    "마련",
    "강화",
)
SURNAMES = "김이박최정강조윤장임한오서신권황안송"
GIVEN = ("서연", "민준", "지우", "하준", "도윤", "서윤", "예준", "지호", "수아", "은우")
DEPARTMENTS = ("정책기획과", "혁신행정담당관", "산업지원과", "안전정책과", "국제협력과", "통계분석과")
NOTES = ("※ 현장 사진 별도 배포 예정", "※ 엠바고 준수 요망", "※ 세부 내용은 붙임 참고", "사진 있음")


@dataclass(frozen=True)
class Expected:
    """What the parser must read from a generated release."""

    title: str
    subtitles: tuple[str, ...]
    doc_type: str
    agency: str
    agency_source: str
    timing_date: dt.date | None
    timing_time: dt.time | None
    edition: str
    immediate: bool
    distributed_date: dt.date | None
    department: str
    phones: tuple[str, ...]
    names: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Spec:
    """One invented release: its family, how each header part is written, and the expected fields."""

    family: str
    seed: int
    banner: str
    timing: str
    distributed: str
    title_lines: tuple[str, ...]
    body: tuple[str, ...]
    contact_rows: tuple[tuple[str, ...], ...]
    expected: Expected


def _weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def _dotted(day: dt.date, with_year: bool = True) -> str:
    head = f"{day.year}. " if with_year else ""
    return f"{head}{day.month}. {day.day}.({_weekday(day)})"


def _issuers() -> list[str]:
    lexicon = load_lexicon()
    return sorted(n for n, kind in lexicon.agency_kinds.items() if kind in ISSUER_KINDS and len(n) >= 3)


def _cut_of(agency: str) -> str:
    """The shortest tail (at least 2 characters) of the name that still points at this agency alone."""
    for size in range(2, len(agency)):
        tail = agency[-size:]
        if unique_cut_match(tail) == agency:
            return tail
    return ""


def _timing(rng: random.Random, day: dt.date) -> tuple[str, Expected | None, dict[str, object]]:
    kind = rng.choice(("morning", "evening", "time", "immediate", "free", "partial"))
    if kind == "morning":
        return f"{_dotted(day)} 조간", None, {"date": day, "edition": "조간"}
    if kind == "evening":
        return f"{_dotted(day)} 석간", None, {"date": day, "edition": "석간"}
    if kind == "time":
        hour = rng.choice((6, 9, 11, 12, 14, 16))
        return f"{_dotted(day)} {hour:02d}:00", None, {"date": day, "time": dt.time(hour, 0)}
    if kind == "immediate":
        return rng.choice(("즉시 보도 가능", "배포 즉시")), None, {"immediate": True}
    if kind == "free":
        return "본회의 통과시(별도통보)", None, {}
    return f"{_dotted(day, with_year=False)} 조간", None, {"date": day, "edition": "조간"}


def _title(rng: random.Random) -> tuple[str, ...]:
    words = [rng.choice(TITLE_WORDS) for _ in range(rng.randint(3, 12))]
    line = " ".join(words)
    if len(line) > 28 and rng.random() < 0.5:
        cut = len(words) // 2
        return (" ".join(words[:cut]), " ".join(words[cut:]))
    return (line,)


def make_spec(family: str, seed: int) -> Spec:
    """A random release of one family; the same seed always gives the same release."""
    rng = random.Random(f"{family}-{seed}")
    issuers = _issuers()
    agency = rng.choice(issuers)
    host = rng.choice([n for n in issuers if n != agency])
    day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 7))
    doc_type = rng.choice(DOC_TYPES)
    timing, _, meaning = _timing(rng, day)
    distributed_day = day - dt.timedelta(days=rng.randint(0, 1))
    distributed = f"{_dotted(distributed_day)} {rng.choice((9, 10, 14)):02d}:00" if rng.random() < 0.7 else ""
    if meaning.get("edition") == "조간" and "." in timing and not timing.startswith(str(day.year)):
        # a date written without its year is pinned by its weekday; keep the test's day pinnable
        distributed = distributed or f"{_dotted(day)} 10:00"
        distributed_day = day if distributed.startswith(_dotted(day)) else distributed_day
    mode = rng.choice(("plain", "spaced", "cut", "logo"))
    cut = _cut_of(agency)
    if mode == "cut" and not cut:
        mode = "plain"
    banner = {"plain": agency, "spaced": " ".join(agency), "cut": cut, "logo": ""}[mode]
    if family == "C" and mode in ("cut", "logo"):
        banner, mode = agency, "plain"
    if family in ("B", "D"):
        banner, mode = "", "logo"
    introduce = mode != "logo" or rng.random() < 0.6
    head = {"부처": "장관", "청": "청장", "처": "처장", "위원회": "위원장"}[load_lexicon().agency_kinds[agency]]
    official = rng.choice(SURNAMES) + rng.choice(GIVEN)
    if introduce:
        lead = (
            f"{agency}({head} {official})는 {day.month}월 {day.day}일 {host}와 함께 지역 주민과 전문가 의견을 "
            "반영한 새 사업 계획을 마련해 올해 하반기부터 단계적으로 시행한다고 발표했다."
        )
    else:
        lead = (
            f"{host}는 {day.month}월 {day.day}일 지역 주민 300명과 관계 기관 담당자들이 참석한 가운데 "
            "새 사업의 추진 방향과 일정, 주민 지원 방안을 소개하는 설명회를 열었다."
        )
    body = (
        lead,
        f"이번 계획에는 모두 {rng.randint(2, 90)}개 과제가 담겼으며 예산은 {rng.randint(10, 900)}억 원 규모로, "
        "현장 의견을 모아 지역별 여건에 맞게 단계적으로 추진하고 중간 점검 결과를 바탕으로 보완해 나갈 계획이다.",
        f"{agency if introduce else '관계 기관'}은 하반기까지 세부 시행 방안을 마련하고, 분기마다 추진 상황을 "
        "점검해 그 결과를 누리집에 공개하는 한편 필요한 제도 개선 과제도 함께 발굴할 예정이다.",
    )
    title_lines = _title(rng)
    subtitles = tuple(f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_WORDS)} 추진" for _ in range(rng.randint(0, 2)))
    if family == "D":
        subtitles = ()
        title_lines = (" ".join(title_lines),)
    department = rng.choice(DEPARTMENTS)
    lead_name, staff_name = (rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(2))
    area = rng.choice(("044", "02"))
    phones = (
        f"{area}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
        f"{area}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
    )
    contact_rows = (
        ("담당 부서", department, "책임자", f"과장 {lead_name} ({phones[0]})"),
        ("", "", "담당자", f"사무관 {staff_name} ({phones[1]})"),
    )
    note = rng.choice(NOTES) if rng.random() < 0.5 else ""
    expected = Expected(
        title=" ".join(title_lines),
        subtitles=subtitles,
        doc_type=doc_type,
        agency=agency if introduce or mode != "logo" else "",
        agency_source="header" if mode != "logo" else ("lead" if introduce else ""),
        timing_date=meaning.get("date"),  # type: ignore[arg-type]
        timing_time=meaning.get("time"),  # type: ignore[arg-type]
        edition=str(meaning.get("edition", "")),
        immediate=bool(meaning.get("immediate", False)),
        distributed_date=distributed_day if distributed else None,
        department=department,
        phones=phones,
        names=(lead_name, staff_name),
        note=note,
    )
    full_body = (*body[:1], note, *body[1:]) if note else body
    return Spec(family, seed, banner, timing, distributed, title_lines, full_body, contact_rows, expected)


# -- the four writers ---------------------------------------------------------------------------


def _header_rows(spec: Spec) -> list[tuple[str, ...]]:
    """The family's header as rows of cells (tables) — a title cell keeps its line breaks."""
    timing_row = ("보도시점", spec.timing, *(("배포", spec.distributed) if spec.distributed else ()))
    return [timing_row]


def _subtitle_lines(spec: Spec) -> list[str]:
    return [f"- {s} -" for s in spec.expected.subtitles]


def _text_blocks(spec: Spec) -> list[tuple[str, object]]:
    """The release as a list of ('p', text) and ('t', rows) items, the same for every format."""
    e = spec.expected
    items: list[tuple[str, object]] = []
    if spec.family == "A":
        items.append(("t", [(spec.banner, e.doc_type, "")]))
        items.append(("t", _header_rows(spec)))
        items.append(("t", [("\n".join([*spec.title_lines, *_subtitle_lines(spec)]),)]))
    elif spec.family == "B":
        rows = [("보도일시", spec.timing)]
        if spec.distributed:
            rows.append(("배포일시", spec.distributed))
        items.append(("p", e.doc_type))
        items.append(("t", rows))
        items.extend(("p", line) for line in (*spec.title_lines, *_subtitle_lines(spec)))
    elif spec.family == "C":
        items.append(("p", f"{spec.banner} {e.doc_type}" if spec.banner else e.doc_type))
        items.append(("p", f"보도일시: {spec.timing}"))
        if spec.distributed:
            items.append(("p", f"배포일시: {spec.distributed}"))
        items.extend(("p", line) for line in (*spec.title_lines, *_subtitle_lines(spec)))
    else:
        items.append(("p", e.doc_type))
        timing = f"보도시점: {spec.timing}" + (f"  배포: {spec.distributed}" if spec.distributed else "")
        items.append(("p", timing))
        items.append(("p", spec.title_lines[0]))
    marker = "□ " if spec.family in ("A", "C") else ""
    for line in spec.body:
        items.append(("p", line if line.startswith(("※", "사진")) else f"{marker}{line}"))
    items.append(("t", list(spec.contact_rows)))
    return items


def as_text(spec: Spec) -> bytes:
    """The release as text copied from a viewer: tables tab-separated, a title cell on its own lines."""
    lines: list[str] = []
    for kind, value in _text_blocks(spec):
        if kind == "p":
            lines.append(str(value))
            continue
        rows = value  # type: ignore[assignment]
        if len(rows) == 1 and len(rows[0]) == 1:  # type: ignore[arg-type]
            lines.extend(str(rows[0][0]).split("\n"))  # type: ignore[index]
        else:
            lines.extend("\t".join(c for c in row if c) for row in rows)  # type: ignore[union-attr]
    return "\n".join(lines).encode("utf-8")


def as_hwpx(spec: Spec) -> bytes:
    """The release as HWPX: tables are real tables, a title cell holds one paragraph per line."""
    from tests.helpers.hwpx_builders import build_hwpx, cell, para, section, table

    paragraphs = []
    for kind, value in _text_blocks(spec):
        if kind == "p":
            paragraphs.append(para(str(value)))
            continue
        rows = value  # type: ignore[assignment]
        grid = [
            [cell(tuple(para(x) for x in text.split("\n")), r, c) for c, text in enumerate(row)]
            for r, row in enumerate(rows)  # type: ignore[arg-type]
        ]
        paragraphs.append(para(table(*grid)))
    return build_hwpx(section(*paragraphs))


def as_docx(spec: Spec) -> bytes:
    """The release as DOCX: paragraphs and tables; a title cell keeps its line breaks."""
    import docx

    document = docx.Document()
    for kind, value in _text_blocks(spec):
        if kind == "p":
            document.add_paragraph(str(value))
            continue
        rows = value  # type: ignore[assignment]
        width = max(len(r) for r in rows)  # type: ignore[union-attr]
        made = document.add_table(rows=len(rows), cols=width)  # type: ignore[arg-type]
        for r, row in enumerate(rows):  # type: ignore[arg-type]
            for c, text in enumerate(row):
                made.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_pdf(spec: Spec) -> bytes:
    """The release as PDF (reportlab, Korean CID font): ruled tables, a larger title for family D."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "HYSMyeongJo-Medium"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=17, spaceAfter=10)
    big = ParagraphStyle("big", parent=body, fontSize=18, leading=26)
    grid_style = TableStyle([("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.8, colors.black)])
    story: list[object] = []
    for kind, value in _text_blocks(spec):
        if kind == "p":
            text = str(value).replace("<", "&lt;").replace(">", "&gt;")
            story.append(Paragraph(text, big if text in spec.title_lines else body))
            continue
        rows = value  # type: ignore[assignment]
        width = max(len(r) for r in rows)  # type: ignore[union-attr]
        data = [list(r) + [""] * (width - len(r)) for r in rows]  # type: ignore[union-attr]
        story += [Table(data, style=grid_style), Spacer(1, 8)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


WRITERS = {"txt": as_text, "hwpx": as_hwpx, "docx": as_docx, "pdf": as_pdf}
