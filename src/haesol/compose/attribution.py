"""The source block and KOGL (공공누리) notices: what each licence type allows and how to credit it."""

from __future__ import annotations

import logging

from haesol.models import Analysis, Attribution, Line, PartName, Release

LOGGER = logging.getLogger(__name__)

KOGL_NAMES = {
    0: "공공누리 제0유형(자유이용)",
    1: "공공누리 제1유형(출처표시)",
    2: "공공누리 제2유형(출처표시+상업적 이용금지)",
    3: "공공누리 제3유형(출처표시+변경금지)",
    4: "공공누리 제4유형(출처표시+상업적 이용금지+변경금지)",
}
UNKNOWN_LICENSE = "라이선스 확인 필요: 원문의 공공누리 유형을 찾지 못했습니다. 게시 전에 원문 페이지에서 확인하세요."
UNKNOWN_ISSUER = (
    "발행 기관 미확인: 원문에서 발행 기관을 확인하지 못했습니다."  # the instruction to the editor goes to stderr
)
PHOTO_NOTICE = (
    "원문의 사진·그림은 공공누리 적용 대상이 아니어서 싣지 않았습니다 "
    "(photos and drawings of the source are not covered by KOGL and were left out)"
)


def license_notice(kogl_type: int | None, quote_only: bool = False) -> str:
    """The notice line for the article's licence situation."""
    if kogl_type is None:
        return UNKNOWN_LICENSE
    name = KOGL_NAMES[kogl_type]
    if quote_only:
        return f"이 기사는 {name}으로 개방된 보도자료의 텍스트를 고치지 않고 인용했습니다."
    notice = f"이 기사는 {name}으로 개방된 보도자료의 텍스트를 바탕으로 작성했습니다."
    if kogl_type == 2:
        notice += " 상업적 이용은 허용되지 않습니다."
    return notice


def date_text(release: Release) -> str:
    """The release date as the source block shows it: '2026년 10월 8일 조간'."""
    date = release.date
    if date is None:
        return ""
    text = f"{date.year}년 {date.month}월 {date.day}일"
    edition = release.timing.edition if release.timing.date == date else ""
    return f"{text} {edition}".strip()


def build_attribution(analysis: Analysis, quote_only: bool = False) -> Attribution:
    """Who published the release, when, where, and under which licence."""
    release = analysis.release
    return Attribution(
        agency=release.agency,
        title=release.title,
        date_text=date_text(release),
        url=release.source.url,
        notice=license_notice(release.license.kogl_type, quote_only),
        kogl_type=release.license.kogl_type,
    )


def source_lines(analysis: Analysis, attribution: Attribution) -> tuple[Line, ...]:
    """The source block: the credit line (sourced), the link and the licence notice (labels)."""
    release = analysis.release
    kind = release.doc_type or "보도자료"
    title = f" 「{attribution.title}」" if attribution.title else ""
    credit = " ".join(f"출처: {attribution.agency} {kind}".split()) + title
    if attribution.date_text:
        credit += f"({attribution.date_text})"
    sources = tuple(i for i in ("title", "h1", "h2") if _has(analysis, i) and (i == "title" or _dated(analysis, i)))
    sources += ("h0",) if attribution.agency and _has(analysis, "h0") else ()
    lines = [Line(credit, PartName.SOURCE if sources else PartName.LABEL, sources)]
    if not attribution.agency:
        lines.append(Line(UNKNOWN_ISSUER, PartName.LABEL))
    if attribution.url:
        portal = "대한민국 정책브리핑 " if "korea.kr" in attribution.url else ""
        lines.append(Line(f"{portal}{attribution.url}", PartName.LABEL))
    if attribution.kogl_type is not None:  # an unknown licence is a note for the editor (stderr, JSON), not the reader
        lines.append(Line(attribution.notice, PartName.LABEL))
    return tuple(lines)


def _dated(analysis: Analysis, sentence_id: str) -> bool:
    return any(s.id == sentence_id and any(f.kind.value == "date" for f in s.facts) for s in analysis.sentences)


def _has(analysis: Analysis, sentence_id: str) -> bool:
    return any(s.id == sentence_id for s in analysis.sentences)
