"""A self-contained HTML audit report: each sentence coloured by verdict, its evidence on hover and focus."""

from __future__ import annotations

import html
import logging
from typing import Any

from haesol.models import AuditReport, SentenceCheck, Verdict
from haesol.render.report import LABELS

LOGGER = logging.getLogger(__name__)

STYLE = """
body { margin: 0; font: 16px/1.7 "Pretendard", "Apple SD Gothic Neo", "Noto Sans KR", "Malgun Gothic", sans-serif;
  color: #1b1f24; background: #fff; word-break: keep-all; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.score { font-size: 2rem; font-weight: 700; }
.legend span, .s { padding: .05rem .25rem; border-radius: 3px; }
.s { display: inline; position: relative; cursor: help; }
.s:focus { outline: 3px solid #0b5cad; outline-offset: 1px; }
.supported { background: #e3f4e6; } .partial { background: #fff3c4; }
.unsupported { background: #f3e1f7; } .contradicted { background: #ffd9d6; text-decoration: underline wavy #b3261e; }
.part { color: #5a6270; font-size: .8rem; margin-right: .3rem; }
.unit { margin: .5rem 0; }
.tip { display: none; position: absolute; z-index: 2; left: 0; top: 1.6em; width: min(36rem, 90vw); padding: .6rem .8rem;
  background: #1b1f24; color: #fff; font-size: .85rem; line-height: 1.5; border-radius: 6px; }
.s:hover .tip, .s:focus .tip, .s:focus-within .tip { display: block; }
ul.findings li { margin: .2rem 0; }
"""


def e(text: str) -> str:
    """Escape for HTML text and attributes."""
    return html.escape(text, quote=True)


def _tip(check: SentenceCheck, texts: dict[str, str]) -> str:
    parts = [f"<strong>{e(LABELS[check.verdict])}</strong> (근거 비율 {check.coverage:.0%})"]
    parts += [f"<br>! {e(p.message)}" + (f" — 원문: {e(p.expected)}" if p.expected else "") for p in check.problems]
    parts += [f"<br>← <code>{e(i)}</code> {e(texts.get(i, ''))}" for i in check.evidence[:3]]
    return "".join(parts)


def render_check_html(result: Any) -> str:
    """The report as one standalone HTML page."""
    report: AuditReport = result.report
    texts = {s.id: s.text for s in result.analysis.sentences}
    units = []
    for index, check in enumerate(report.sentences):
        units.append(
            f'<div class="unit"><span class="part">{e(check.part)}</span>'
            f'<span class="s {check.verdict.value}" tabindex="0" id="s{index + 1}" '
            f'aria-label="{e(LABELS[check.verdict])}">{e(check.text)}'
            f'<span class="tip" role="tooltip">{_tip(check, texts)}</span></span></div>'
        )
    findings = "".join(
        f"<li>[{e(f.severity)}] {e(f.message)}" + (f" <small>{e(f.detail)}</small>" if f.detail else "") + "</li>"
        for f in report.findings
    )
    legend = " ".join(f'<span class="{v.value}">{e(LABELS[v])}</span>' for v in Verdict)
    counts = ", ".join(f"{e(k)} {v}" for k, v in report.counts)
    title = e(result.analysis.release.title)
    return (
        '<!doctype html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>haesol check — {title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>기사 점검: {title}</h1>\n"
        f'<p class="score">{report.score}/100</p><p>{counts}</p><p class="legend">{legend}</p>\n'
        "<h2>문장별 점검</h2>\n" + "\n".join(units) + "\n"
        f'<h2>문서 점검</h2>\n<ul class="findings">{findings or "<li>문제 없음</li>"}</ul>\n'
        "</main>\n</body>\n</html>\n"
    )
