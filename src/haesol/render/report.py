"""`haesol check` reports: a terminal report (colour on a TTY) and JSON (schemas/check.schema.json)."""

from __future__ import annotations

import json
import logging
from typing import Any

from haesol import __version__
from haesol.models import AuditReport, SentenceCheck, Verdict

LOGGER = logging.getLogger(__name__)

SYMBOLS = {Verdict.SUPPORTED: "✓", Verdict.PARTIAL: "~", Verdict.UNSUPPORTED: "?", Verdict.CONTRADICTED: "✗"}
COLOURS = {
    Verdict.SUPPORTED: "green",
    Verdict.PARTIAL: "yellow",
    Verdict.UNSUPPORTED: "magenta",
    Verdict.CONTRADICTED: "red",
}
LABELS = {
    Verdict.SUPPORTED: "근거 있음",
    Verdict.PARTIAL: "일부 근거",
    Verdict.UNSUPPORTED: "근거 없음",
    Verdict.CONTRADICTED: "원문과 다름",
}


def check_document(result: Any) -> dict[str, Any]:
    """The JSON document of a CheckResult."""
    report: AuditReport = result.report
    texts = {s.id: s.text for s in result.analysis.sentences}
    release = result.analysis.release
    return {
        "format_version": "1.0",
        "generator": {"name": "haesol", "version": __version__},
        "source": {
            "title": release.title,
            "agency": release.agency,
            "url": release.source.url or None,
            "date": release.date.isoformat() if release.date else None,
            "kogl_type": release.license.kogl_type,
        },
        "score": report.score,
        "counts": dict(report.counts),
        "sentences": [_sentence(c, texts) for c in report.sentences],
        "document": [
            {"code": f.code, "severity": f.severity, "message": f.message, "detail": f.detail} for f in report.findings
        ],
    }


def _sentence(check: SentenceCheck, texts: dict[str, str]) -> dict[str, Any]:
    return {
        "text": check.text,
        "part": check.part,
        "verdict": check.verdict.value,
        "coverage": check.coverage,
        "problems": [
            {"type": p.type, "span": p.span, "message": p.message, "expected": p.expected or None}
            for p in check.problems
        ],
        "evidence": [{"id": i, "text": texts.get(i, "")} for i in check.evidence],
    }


def render_check_json(result: Any) -> str:
    """The report as JSON text."""
    return json.dumps(check_document(result), ensure_ascii=False, indent=2) + "\n"


def render_check_text(result: Any, colour: bool = False) -> str:
    """The report for a terminal: one line per sentence, problems and evidence under it, then the document."""
    import click

    report: AuditReport = result.report
    texts = {s.id: s.text for s in result.analysis.sentences}

    def paint(text: str, verdict: Verdict) -> str:
        return click.style(text, fg=COLOURS[verdict]) if colour else text

    lines = [f"haesol check — {result.analysis.release.title}", ""]
    for number, check in enumerate(report.sentences, 1):
        head = f"{SYMBOLS[check.verdict]} {number:>3} [{check.part}] {LABELS[check.verdict]}"
        lines.append(paint(head, check.verdict) + f"  {check.text}")
        for problem in check.problems:
            lines.append(
                f"        ! {problem.type}: {problem.message}"
                + (f" — 원문: {problem.expected}" if problem.expected else "")
            )
        if check.verdict is not Verdict.SUPPORTED and check.evidence:
            lines.append(f"        ← {check.evidence[0]}: {texts.get(check.evidence[0], '')[:90]}")
    lines += ["", "문서 점검 (document):"]
    lines += [f"  - [{f.severity}] {f.message}" + (f" ({f.detail})" if f.detail else "") for f in report.findings] or [
        "  - 문제 없음"
    ]
    counts = ", ".join(f"{k} {v}" for k, v in report.counts)
    lines += ["", f"점수 (score): {report.score}/100   ({counts})", ""]
    return "\n".join(lines)
