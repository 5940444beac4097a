"""Publishability lint: would an editor publish these sentences as they stand (endings, markers, length, register, spacing)?"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from haesol.analyze.kiwi import Analyzer, get_analyzer
from haesol.analyze.spans import near, spacing_changes
from haesol.models import Analysis, Article, Line, Morph, PartName
from haesol.parse.markers import MARKER_RE

LOGGER = logging.getLogger(__name__)

MAX_SENTENCE_CHARS = 120
MAX_FRAME_CHARS = 40
QUOTED_RE = re.compile(r"“[^“”]*”|\"[^\"]*\"")
PROSE_PARTS = frozenset({PartName.LEAD, PartName.BODY, PartName.FAQ_ANSWER})
POLITE_ENDINGS = frozenset(
    {"습니다", "ᆸ니다", "니다", "ᆸ니까", "습니까", "어요", "아요", "에요", "예요", "요", "지요", "죠"}
)
MARKER_START_RE = re.compile(r"^\s*(?:[□■◆◇○●◦❍ㅇ•·▲△※*\-–]|o\s)")
SENTENCE_PUNCT = (".", "!", "?", "。")
NOMINAL_ENDINGS = frozenset({"ᆷ", "음", "기"})
PUNCT_TAGS = frozenset({"SF", "SP", "SS", "SSO", "SSC", "SE", "SO", "SW"})


class LintCode(StrEnum):
    """What a finding is about."""

    NO_FINAL_ENDING = "no-final-ending"
    NO_PUNCTUATION = "no-punctuation"
    MARKER = "marker"
    TOO_LONG = "too-long"
    MIXED_REGISTER = "mixed-register"
    SPACING = "spacing"
    REPEATED = "repeated"
    FAQ_MIRRORS_BODY = "faq-mirrors-body"


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One defect: its code, the part of the article, the sentence, and what is wrong."""

    code: LintCode
    part: str
    text: str
    detail: str = ""


def lint_article(
    article: Article, analysis: Analysis | None = None, analyzer: Analyzer | None = None
) -> list[LintFinding]:
    """Check every prose sentence (lead, body, FAQ answer) of an article.

    Args:
        article: the composed (or gated) article.
        analysis: the analysed source; with it, the spacing of the regions our rewriting changed
            (compared with the cited source sentences) is checked with Kiwi's spacing model.
        analyzer: the Kiwi wrapper (the process-wide one by default).

    Returns:
        The findings, in article order; an empty list means publishable as far as this lint sees.
    """
    analyzer = analyzer or get_analyzer()
    findings: list[LintFinding] = []
    lines = list(_prose_lines(article))
    for line in lines:
        for sentence, morphs in _sentences(analyzer, line.text):
            found = _sentence_findings(line, sentence, morphs, article.style)
            if analysis is not None and _source_as_written(sentence, line, analysis):
                found = [f for f in found if f.code is not LintCode.TOO_LONG]
            findings.extend(found)
        if analysis is not None:
            findings.extend(_spacing_findings(analyzer, line, analysis))
    findings.extend(_repeats(lines))
    findings.extend(_faq_mirror(article))
    return findings


def _prose_lines(article: Article) -> Iterator[Line]:
    yield from article.lead
    for section in article.sections:
        for paragraph in section.paragraphs:
            yield from paragraph
    for item in article.faq:
        yield item.answer


def _sentences(analyzer: Analyzer, text: str) -> list[tuple[str, tuple[Morph, ...]]]:
    """The line's sentences with morphemes; a trailing parenthetical is analysed apart (Kiwi reads '…한다(' as EC)."""
    found = analyzer.split([text])[0]
    out = []
    for sentence in found or []:
        head = _without_tail(sentence.text)
        morphs = sentence.morphs if head == sentence.text else analyzer.morphs(head + ".")
        out.append((sentence.text, morphs))
    return out or [(text, analyzer.morphs(text))]


def _without_tail(sentence: str) -> str:
    end = len(sentence.rstrip().rstrip("".join(SENTENCE_PUNCT)).rstrip())
    if not sentence[:end].endswith(")"):
        return sentence
    depth = 0
    for position in range(end - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(sentence[position], 0)
        if depth == 0:
            return sentence[:position].rstrip()
    return sentence


def _sentence_findings(line: Line, sentence: str, morphs: tuple[Morph, ...], style: str) -> list[LintFinding]:
    part = line.part.value
    findings = []
    if not sentence.rstrip().endswith(SENTENCE_PUNCT):
        findings.append(
            LintFinding(LintCode.NO_PUNCTUATION, part, sentence, "문장부호로 끝나지 않습니다 (no final punctuation)")
        )
    ending = final_ending(sentence, morphs)
    if ending is None or ending.form in NOMINAL_ENDINGS:
        findings.append(
            LintFinding(
                LintCode.NO_FINAL_ENDING, part, sentence, "종결어미로 끝나지 않습니다 (no final ending, Kiwi tag EF)"
            )
        )
    elif _register_of(ending) != ("polite" if style == "polite" else "news"):
        findings.append(
            LintFinding(LintCode.MIXED_REGISTER, part, sentence, f"'{ending.form}' is not the {style} register")
        )
    if MARKER_START_RE.match(sentence) or (MARKER_RE.match(sentence) and MARKER_RE.match(sentence).group("marker")):  # type: ignore[union-attr]
        findings.append(
            LintFinding(LintCode.MARKER, part, sentence, "개조식 기호가 남아 있습니다 (leftover bullet marker)")
        )
    if too_long(sentence):
        findings.append(
            LintFinding(LintCode.TOO_LONG, part, sentence, f"{len(sentence)} characters > {MAX_SENTENCE_CHARS}")
        )
    return findings


def _source_as_written(sentence: str, line: Line, analysis: Analysis) -> bool:
    """A long sentence that is its one source sentence as written (but for the ending): no cut of it keeps
    both halves whole sentences with the source's meaning, so it stays long (issue 13)."""
    if len(line.sources) != 1:
        return False
    try:
        source = analysis.sentence(line.sources[0]).text
    except KeyError:
        return False
    mine, theirs = "".join(sentence.split()), "".join(source.split())
    body = mine[: max(len(mine) - 8, 0)]
    return len(body) > MAX_SENTENCE_CHARS // 2 and body in theirs


def too_long(sentence: str) -> bool:
    """Over 120 characters, unless the length is one verbatim quote that may not be cut ('장관은 “…”라고 말했다')."""
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return False
    quotes = QUOTED_RE.findall(sentence)
    frame = len(QUOTED_RE.sub("", sentence))
    return not (len(quotes) == 1 and frame <= MAX_FRAME_CHARS)


def final_ending(sentence: str, morphs: tuple[Morph, ...]) -> Morph | None:
    """The sentence's final ending (EF) before closing punctuation and a trailing parenthetical, or None."""
    head = _without_tail(sentence)
    end = len(head.rstrip().rstrip("".join(SENTENCE_PUNCT)).rstrip())
    inside = [m for m in morphs if m.end <= end and m.tag not in PUNCT_TAGS]
    last = inside[-1] if inside else None
    return last if last is not None and last.tag == "EF" and last.end >= end - 1 else None


def _register_of(ending: Morph) -> str:
    return "polite" if ending.form in POLITE_ENDINGS or ending.form.endswith(("니다", "요")) else "news"


def _spacing_findings(analyzer: Analyzer, line: Line, analysis: Analysis) -> list[LintFinding]:
    """Kiwi's spacing model must change nothing where our rewriting changed the cited source text."""
    source = " ".join(_source_text(analysis, i) for i in line.sources)
    if not source:
        return []
    regions = rewritten_regions(source, line.text)
    changes = [c for c in spacing_changes(line.text, analyzer.space(line.text)) if near(c[0], regions)]
    return [
        LintFinding(
            LintCode.SPACING,
            line.part.value,
            line.text,
            f"spacing model would {'add' if kind == '+' else 'remove'} a space at {position}: …{line.text[max(0, position - 8) : position + 8]}…",
        )
        for position, kind in changes
    ]


def _source_text(analysis: Analysis, sentence_id: str) -> str:
    try:
        return analysis.sentence(sentence_id).text
    except KeyError:
        return ""


def rewritten_regions(source: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that differ from ``source`` (characters we wrote, and where we cut)."""
    matcher = difflib.SequenceMatcher(None, source, text, autojunk=False)
    return [(j1, j2) for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _repeats(lines: list[Line]) -> list[LintFinding]:
    """The same sentence twice in the lead and body, or twice among the FAQ answers."""
    findings = []
    for parts in ({PartName.LEAD, PartName.BODY}, {PartName.FAQ_ANSWER}):
        seen: set[str] = set()
        for line in lines:
            if line.part not in parts:
                continue
            if line.text in seen:
                findings.append(
                    LintFinding(
                        LintCode.REPEATED, line.part.value, line.text, "같은 문장이 반복됩니다 (repeated sentence)"
                    )
                )
            seen.add(line.text)
    return findings


def _faq_mirror(article: Article) -> list[LintFinding]:
    """FAQ answers that are the body's paragraphs again, one by one in the same order."""
    paragraphs = [" ".join(line.text for line in article.lead)]
    paragraphs += [" ".join(line.text for line in p) for s in article.sections for p in s.paragraphs]
    answers = [item.answer.text for item in article.faq]
    if len(answers) < 2 or not all(a in paragraphs for a in answers):
        return []
    positions = [paragraphs.index(a) for a in answers]
    if positions != sorted(positions):
        return []
    return [
        LintFinding(
            LintCode.FAQ_MIRRORS_BODY,
            PartName.FAQ_ANSWER.value,
            " / ".join(answers),
            "FAQ answers repeat the body paragraphs in order",
        )
    ]
