"""Document findings of an audit: attribution, reused photos, omitted key facts and format defects."""

from __future__ import annotations

import logging
import re

from haesol.analyze.kiwi import Analyzer
from haesol.models import Analysis, ArticleInput, Fact, FactKind, Finding, Origin, SentenceCheck
from haesol.verify.facts_check import counter_after
from haesol.verify.index import normalize_compact

LOGGER = logging.getLogger(__name__)

MAX_OMISSIONS = 10
MARKER_START_RE = re.compile(r"^\s*(□|■|ㅇ(?=\s)|○|◦|❍|※|▲|◆|◇|▶)")
KEY_FACT_KINDS = (FactKind.NUMBER, FactKind.DATE, FactKind.PERSON, FactKind.QUOTE)
KEY_ORIGINS = (Origin.TITLE, Origin.SUBTITLE, Origin.BODY)
SPACING_PARTS = frozenset({"body", "faq_answer", "lead", "bullet", "heading", "headline"})
SPACE_AFTER_TAGS = frozenset({"ETM", "JKS", "JKO", "JKG", "JKB", "JX", "EC"})


def document_findings(
    article: ArticleInput, analysis: Analysis, checks: list[SentenceCheck], analyzer: Analyzer
) -> list[Finding]:
    """Every document-level finding, in a fixed order of kinds."""
    findings = attribution_findings(article, analysis)
    findings += omission_findings(article, analysis)
    findings += format_findings(article, checks, analysis, analyzer)
    return findings


def attribution_findings(article: ArticleInput, analysis: Analysis) -> list[Finding]:
    """Source named, link given, KOGL type stated, no photos reused."""
    release = analysis.release
    text = " ".join(u.text for u in article.units)
    out = []
    if release.agency and release.agency not in text:
        out.append(
            Finding(
                "attribution_missing",
                f"출처 기관({release.agency})이 기사에 없습니다 (source agency not named)",
                "error",
            )
        )
    url = release.source.url
    linked = any(
        url and (url in link or (release.source.news_id and release.source.news_id in link)) for link in article.links
    )
    if not linked and not re.search(r"korea\.kr|정책브리핑", text):
        out.append(Finding("link_missing", "원문 링크가 없습니다 (no link to the source)", "warning", url))
    if "공공누리" not in text and "KOGL" not in text:
        kogl = release.license.kogl_type
        detail = f"원문: 공공누리 제{kogl}유형" if kogl is not None else "원문 유형 미확인"
        out.append(Finding("license_missing", "공공누리 유형 표시가 없습니다 (no KOGL notice)", "warning", detail))
    if article.images:
        out.append(
            Finding(
                "photo_reused",
                f"사진·그림 {len(article.images)}개: 공공누리는 텍스트에만 적용됩니다 (photos need the rights holder's permission)",
                "error",
                ", ".join(article.images[:5]),
            )
        )
    return out


def omission_findings(article: ArticleInput, analysis: Analysis) -> list[Finding]:
    """Key facts of the source's title and main body that the article never mentions."""
    article_text = normalize_compact(" ".join(u.text for u in article.units))
    out: list[Finding] = []
    seen: set[str] = set()
    main_blocks = {b.id for b in analysis.release.body_blocks() if b.level <= 1 or b.parent is None}
    for sentence in analysis.sentences:
        if sentence.origin not in KEY_ORIGINS or (
            sentence.origin is Origin.BODY and sentence.block_id not in main_blocks
        ):
            continue
        for fact in sentence.facts:
            if fact.kind not in KEY_FACT_KINDS or fact.value in seen or "○" in fact.text:
                continue
            seen.add(fact.value)
            written = _key_fact_text(fact, sentence.text)
            needle = normalize_compact(fact.value if fact.kind is FactKind.QUOTE else written)
            if needle and needle not in article_text:
                out.append(
                    Finding(
                        "omission", f"원문의 핵심 사실이 빠졌습니다: {written} (key fact omitted)", "info", sentence.id
                    )
                )
    return out[:MAX_OMISSIONS]


def _key_fact_text(fact: Fact, text: str) -> str:
    """A fact as written; a number without a unit keeps the word that counts it ('8' → '8분')."""
    if fact.kind is FactKind.NUMBER and fact.text.strip().replace(",", "").replace(".", "").isdigit():
        return fact.text + counter_after(text, fact.end)
    return fact.text


def format_findings(
    article: ArticleInput, checks: list[SentenceCheck], analysis: Analysis, analyzer: Analyzer
) -> list[Finding]:
    """Flattened or ragged tables, leftover bullet markers, spacing errors, likely typos."""
    out = [
        Finding("flattened_table", "표가 한 줄로 뭉개졌습니다 (table flattened into running text)", "warning", line)
        for line in article.flattened_tables
    ]
    out += [
        Finding("ragged_table", "표의 행마다 칸 수가 다릅니다 (ragged table)", "warning", line)
        for line in article.ragged_tables
    ]
    for unit in article.units:
        if MARKER_START_RE.match(unit.text):
            out.append(
                Finding(
                    "leftover_marker",
                    "개조식 기호가 문장에 남았습니다 (leftover bullet marker)",
                    "warning",
                    unit.text[:60],
                )
            )
    out += spacing_findings(checks, analysis, analyzer)
    for check in checks:
        for problem in check.problems:
            if problem.type == "term":
                out.append(
                    Finding(
                        "typo",
                        f"오타 또는 바뀐 용어: {problem.span} → {problem.expected} (likely typo)",
                        "warning",
                        check.text[:60],
                    )
                )
    return out


def spacing_findings(checks: list[SentenceCheck], analysis: Analysis, analyzer: Analyzer) -> list[Finding]:
    """Missing spaces that Kiwi's spacing model restores after an ending or particle ('자세한정보를')."""
    out = []
    for check in checks:
        if check.part not in SPACING_PARTS or len(check.text) < 6:
            continue
        morphs = analyzer.morphs(check.text)
        for position in _missing_spaces(check.text, analyzer.space(check.text)):
            following = [m for m in morphs if m.start >= position]
            auxiliary = bool(following) and following[0].tag in ("VX", "XSV", "XSA", "VCP")
            if not auxiliary and any(m.end == position and m.tag in SPACE_AFTER_TAGS for m in morphs):
                word = _word_at(check.text, position)
                out.append(Finding("spacing", f"띄어쓰기 오류: '{word}' (spacing error)", "info", check.text[:60]))
                break
    return out


def _missing_spaces(original: str, spaced: str) -> list[int]:
    """Positions in ``original`` where ``spaced`` has a space that ``original`` lacks."""
    positions = []
    i = j = 0
    while i < len(original) and j < len(spaced):
        if original[i] == spaced[j]:
            i += 1
            j += 1
        elif spaced[j] == " ":
            positions.append(i)
            j += 1
        elif original[i] == " ":
            i += 1
        else:
            return positions
    return positions


def _word_at(text: str, position: int) -> str:
    start = text.rfind(" ", 0, position) + 1
    end = text.find(" ", position)
    return text[start : end if end != -1 else len(text)].strip(".,")
