"""Exports that carry the review: the approval (clean or override, who, why) and every sentence's verdict."""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReviewMark:
    """The review facts an export carries: status, approval kind and signer, and the flagged sentences."""

    status: str
    kind: str
    approved_by: str = ""
    approved_at: str = ""
    reason: str = ""
    verdicts: tuple[tuple[int, str, str], ...] = ()

    @property
    def flagged(self) -> tuple[tuple[int, str, str], ...]:
        """The sentences that are not supported by the source: (position, verdict, text)."""
        return tuple(v for v in self.verdicts if v[1] != "supported")


def _one_line(text: str) -> str:
    return " ".join(text.replace("--", "—").split())


def mark_markdown(text: str, mark: ReviewMark) -> str:
    """The Markdown with an HTML comment on top recording the approval (and an override's reason and flags)."""
    lines = [f"haesol-review: status={mark.status} approval={mark.kind}"]
    if mark.approved_by:
        lines.append(f"승인: {_one_line(mark.approved_by)} {mark.approved_at}")
    if mark.kind == "override":
        lines.append(f"예외 승인 사유: {_one_line(mark.reason)}")
    lines.extend(f"문제 문장 {pos} [{verdict}]: {_one_line(sentence)}" for pos, verdict, sentence in mark.flagged)
    return "<!--\n" + "\n".join(lines) + "\n-->\n\n" + text


def mark_html(text: str, mark: ReviewMark) -> str:
    """The HTML with data attributes on <article> (approval kind, signer, reason) and on each flagged sentence's note."""
    attributes = (
        f' data-haesol-status="{html.escape(mark.status)}" data-haesol-approval="{html.escape(mark.kind)}"'
        f' data-haesol-approved-by="{html.escape(mark.approved_by)}"'
        f' data-haesol-flagged="{len(mark.flagged)}"'
    )
    if mark.kind == "override":
        attributes += f' data-haesol-override-reason="{html.escape(mark.reason)}"'
    marked = text.replace("<article>", f"<article{attributes}>", 1)
    if mark.kind == "override" and "</article>" in marked:
        note = (
            '<aside class="haesol-override" data-haesol-approval="override"><p>예외 승인: '
            + html.escape(mark.reason)
            + "</p></aside>\n"
        )
        marked = marked.replace("</article>", note + "</article>", 1)
    return marked


def mark_json(text: str, mark: ReviewMark) -> str:
    """The JSON document with ``review`` (status, approval kind, signer, reason) and per-sentence ``verdicts``."""
    document = json.loads(text)
    document["review"] = {
        "status": mark.status,
        "approval": mark.kind,
        "approved_by": mark.approved_by,
        "approved_at": mark.approved_at,
        "override_reason": mark.reason if mark.kind == "override" else "",
        "flagged": len(mark.flagged),
    }
    document["verdicts"] = [{"position": p, "verdict": v, "text": t} for p, v, t in mark.verdicts]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


MARKERS = {"md": mark_markdown, "html": mark_html, "json": mark_json}


def mark_export(fmt: str, text: str, mark: ReviewMark) -> str:
    """The exported text with the review marked in the format's own way."""
    return MARKERS[fmt](text, mark)
