"""The library API behind the CLI: parse, write and check, each a numbered sequence of stages."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field, replace
from typing import Any

from haesol.config import Config
from haesol.errors import LicenseError, NotAReleaseError, VerificationError
from haesol.models import AgencySource, Analysis, Article, ArticleInput, AuditReport, Release
from haesol.parse.text import UNDECODABLE_REASON
from haesol.verify.gate import GateReport

LOGGER = logging.getLogger(__name__)

STYLES = ("news", "polite")


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """Options of ``write``: engine, register, article date, strictness, quote-only mode."""

    engine: str = "extractive"
    style: str = "news"
    article_date: dt.date | None = None
    strict: bool = False
    quote_only: bool = False
    url: str = ""
    config: Config | None = None
    agency: str = ""
    force: bool = False

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"style must be one of {STYLES}, not {self.style!r}")


@dataclass(frozen=True, slots=True)
class WriteResult:
    """An article that passed the gate, with the gate's report and the warnings to show."""

    article: Article
    report: GateReport
    analysis: Analysis
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def gate_summary(self) -> dict[str, Any]:
        """What the store keeps of the gate: passed, how many lines were checked, the rejected ones, warnings."""
        rejected = [
            {"text": c.text, "part": c.part, "verdict": c.verdict.value, "problems": [p.message for p in c.problems]}
            for c in self.report.rejected
        ]
        return {
            "passed": self.report.passed,
            "checks": len(self.report.checks),
            "rejected": rejected,
            "warnings": list(self.warnings),
        }


def parse(source: str, *, url: str = "", agency: str = "", isolated: bool = False) -> Release:
    """Parse a release file (or '-' for standard input) in any supported format; ``agency`` names the issuer.

    With ``isolated`` the parse runs in a worker process under a deadline and a memory ceiling.
    """
    from haesol.parse import parse_file

    release = parse_file(source, url=url, isolated=isolated)
    return with_agency(release, agency) if agency.strip() else release


def with_agency(release: Release, agency: str) -> Release:
    """The release with the issuer the user named (``--agency``), canonical when the name is listed."""
    from haesol.parse.structure.agency import canonical_or_same

    return replace(release, agency=canonical_or_same(agency.strip()), agency_source=AgencySource.USER)


def release_warnings(release: Release, force: bool) -> list[str]:
    """Refuse a document that is not a press release (unless ``force``); warn when the issuer is unknown.

    Raises:
        NotAReleaseError: when no release signal is present and ``force`` is off.
    """
    warnings = []
    if not release.is_release():
        if not force:
            raise NotAReleaseError(release.missing_signals(), source=release.source.path or release.source.url)
        warnings.append(
            "보도자료 신호가 없는 문서를 --force로 기사화했습니다: "
            + ", ".join(release.missing_signals())
            + " (not a press release; written anyway because of --force)"
        )
    if not release.agency:
        warnings.append(
            "발행 기관을 확인하지 못했습니다. 출처에 '발행 기관 미확인'을 적었습니다; --agency로 지정하세요 "
            "(issuing agency unknown; the source block says so; name it with --agency)"
        )
    return warnings


def write(source: str | Release, options: WriteOptions | None = None) -> WriteResult:
    """Turn a release into a verified article.

    Args:
        source: a path ('-' for standard input) or an already parsed Release.
        options: engine, style, date and strictness.

    Returns:
        The gated article, the gate report and warnings (licence, dropped sentences).

    Raises:
        InputError: when the source cannot be read or has no body.
        NotAReleaseError: when the document shows no release signal and ``force`` is off.
        LicenseError: when the KOGL type forbids changes and quote-only mode is off.
        VerificationError: with ``strict`` when any sentence failed the gate.
    """
    from haesol.analyze.annotate import analyze_release
    from haesol.analyze.kiwi import get_analyzer
    from haesol.compose.extractive import ComposeOptions
    from haesol.registry import get_engine
    from haesol.verify.checker import Checker
    from haesol.verify.gate import Gate

    options = options or WriteOptions()
    # 0. a fresh analysis cache, so that a result never depends on what the process analysed before
    get_analyzer().clear_cache()
    # 1. parse
    release = source if isinstance(source, Release) else parse(source, url=options.url)
    release = with_agency(release, options.agency) if options.agency.strip() else release
    # 2. is it a release, who issued it, and the licence
    warnings = release_warnings(release, options.force)
    warnings.extend(license_warnings(release, options.quote_only))
    warnings.extend(f"{item.reason}: {item.text}" for item in release.dropped if item.reason == UNDECODABLE_REASON)
    # 3. analyze (Kiwi, once)
    analysis = analyze_release(release)
    # 4. compose
    engine = get_engine("extractive" if options.quote_only else options.engine)(
        config=options.config, make_checker=Checker
    )
    # the article is dated the release's date unless the caller sets one (an old release is not re-anchored to today)
    article_date = options.article_date or release.date or dt.date.today()
    compose_options = ComposeOptions(options.style, article_date, options.quote_only)
    article = engine.compose(analysis, compose_options)
    warnings.extend(generation_warnings(article))
    warnings.extend(editor_notes(release))
    # 5. verify: every sentence against the sentences it cites
    article, report = Gate(Checker(analysis)).run(article)
    warnings.extend(_rejection_warnings(report))
    if options.strict and not report.passed:
        raise VerificationError(
            f"검증을 통과하지 못한 문장이 {len(report.rejected)}개 있습니다 "
            f"({len(report.rejected)} sentences failed verification; see the report)"
        )
    return WriteResult(article, report, analysis, tuple(warnings))


@dataclass(frozen=True, slots=True)
class CheckResult:
    """An audit of an article against its source."""

    report: AuditReport
    article: ArticleInput
    analysis: Analysis


def check(article: str | bytes, source: str | Release, *, article_name: str = "", url: str = "") -> CheckResult:
    """Audit an article (a path, '-' for standard input, or its bytes) against its source.

    Args:
        article: the article's path, or its bytes.
        source: the source release's path (any format ``write`` reads) or a parsed Release.
        article_name: a label for the article in messages when bytes are given.
        url: the source's web address when known.

    Returns:
        The per-sentence verdicts, document findings and score.

    Raises:
        InputError: when the article or the source cannot be read.
    """
    from haesol.analyze.annotate import analyze_release
    from haesol.analyze.kiwi import get_analyzer
    from haesol.parse import read_input
    from haesol.parse.article_units import read_article
    from haesol.verify.audit import audit_article

    # 1. the source, parsed and analysed (with a fresh cache: results never depend on earlier work)
    get_analyzer().clear_cache()
    release = source if isinstance(source, Release) else parse(source, url=url)
    analysis = analyze_release(release)
    # 2. the article, read into units
    data = article if isinstance(article, bytes) else read_input(article)
    name = article_name or (article if isinstance(article, str) else "article")
    article_input = read_article(data, name)
    # 3. the audit
    return CheckResult(audit_article(article_input, analysis), article_input, analysis)


def license_warnings(release: Release, quote_only: bool) -> list[str]:
    """Warnings for the release's KOGL type; types 3 and 4 refuse a rewrite.

    Raises:
        LicenseError: for types 3 and 4 unless ``quote_only``.
    """
    kogl = release.license.kogl_type
    if kogl is not None and not release.license.allows_changes and not quote_only:
        raise LicenseError(
            f"공공누리 제{kogl}유형(변경금지) 자료는 고쳐 쓸 수 없습니다. "
            "--quote-only로 원문 인용 기사만 만들 수 있습니다 "
            f"(KOGL type {kogl} forbids changes; use --quote-only for a verbatim, credited article)"
        )
    if kogl is not None and not release.license.allows_commercial:
        return [f"공공누리 제{kogl}유형: 상업적 이용이 금지된 자료입니다 (KOGL type {kogl}: no commercial use)"]
    if kogl is None:
        return [
            "라이선스 확인 필요: 공공누리 유형을 찾지 못했습니다 (licence unknown: check the KOGL type before publishing)"
        ]
    return []


def editor_notes(release: Release) -> list[str]:
    """Notes for the editor that never go on the reader's page: pictures the article leaves out."""
    from haesol.compose.attribution import PHOTO_NOTICE

    pictures = ("image", "그림", "사진", "picture", "drawing", "그리기")
    if any(any(word in item.reason.lower() for word in pictures) for item in release.dropped):
        return [PHOTO_NOTICE]
    return []


def generation_warnings(article: Article) -> list[str]:
    """What a generating engine's own gate did: the counts, then its notes (replacements, fallbacks)."""
    stats = article.generation
    if stats is None:
        return []
    out = list(stats.notes)
    if article.engine != "extractive":
        out.insert(
            0,
            f"LLM 문장 검증: 통과 {stats.accepted}, 다시 써서 통과 {stats.regenerated}, 추출 문장으로 교체 {stats.replaced} "
            f"(accepted {stats.accepted}, regenerated {stats.regenerated}, replaced {stats.replaced})",
        )
    return out


def _rejection_warnings(report: GateReport) -> list[str]:
    out = []
    for check in report.rejected:
        reasons = "; ".join(p.message for p in check.problems) or f"근거 부족 (coverage {check.coverage:.2f})"
        out.append(f"검증 실패로 뺀 문장 (dropped, failed verification) [{check.part}]: {check.text} — {reasons}")
    return out
