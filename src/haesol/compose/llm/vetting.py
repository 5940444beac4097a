"""The LLM engine's own gate: every generated sentence is judged by the shared checker, failures get one retry."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from haesol.compose.llm.prompt import FixRequest, GenArticle, GenSentence
from haesol.models import Analysis, Claim, ClaimChecker, PartName, Verdict

LOGGER = logging.getLogger(__name__)

Slot = tuple[PartName, GenSentence]


class Fate(StrEnum):
    """What became of a generated sentence."""

    ACCEPTED = "accepted"
    REGENERATED = "regenerated"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Judgement:
    """Whether a sentence may stand, and the problems named when it may not."""

    ok: bool
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """The final state of one generated sentence: the text to use (if any) and its fate."""

    fate: Fate
    sentence: GenSentence | None
    problems: tuple[str, ...] = ()
    replace_ids: tuple[str, ...] = ()


@dataclass
class Resolution:
    """Outcomes by (part, generated sentence), filled in by :class:`SentenceGate`."""

    outcomes: dict[Slot, Outcome] = field(default_factory=dict)

    def outcome(self, part: PartName, sentence: GenSentence) -> Outcome:
        """The outcome of a sentence (a sentence never judged counts as failed, with nothing to replace it)."""
        return self.outcomes.get((part, sentence), Outcome(Fate.FAILED, None, ("검증되지 않음 (not checked)",)))

    def failed(self) -> list[Slot]:
        """The slots whose sentences did not pass, in order."""
        return [slot for slot, outcome in self.outcomes.items() if outcome.fate is Fate.FAILED]


class SentenceGate:
    """Judges generated sentences with the same Checker as ``haesol check`` and the write gate."""

    def __init__(self, analysis: Analysis, citable: frozenset[str], checker: ClaimChecker) -> None:
        self.checker = checker
        self.citable = citable
        self.known = frozenset(s.id for s in analysis.sentences)

    def judge(self, sentence: GenSentence, part: PartName) -> Judgement:
        """SUPPORTED by exactly the cited, citable ids, or the problems that say why not."""
        id_problems = self._id_problems(sentence.ids)
        if id_problems:
            return Judgement(False, id_problems)
        result = self.checker.check(Claim(sentence.text, part.value, sentence.ids))
        if result.verdict is Verdict.SUPPORTED:
            return Judgement(True)
        problems = tuple(_problem_text(p.message, p.span, p.expected) for p in result.problems)
        return Judgement(False, problems or (f"출처 문장에 없는 단어가 있습니다 (coverage {result.coverage:.2f})",))

    def _id_problems(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        if not ids:
            return ("근거 id가 없습니다 (no source ids)",)
        unknown = [i for i in ids if i not in self.known]
        barred = [i for i in ids if i in self.known and i not in self.citable]
        problems = []
        if unknown:
            problems.append(f"원문에 없는 id입니다 (unknown ids): {', '.join(unknown)}")
        if barred:
            problems.append(f"사진 설명·담당자·보도시점 줄은 근거가 될 수 없습니다 (not citable): {', '.join(barred)}")
        return tuple(problems)

    def review(self, article: GenArticle) -> Resolution:
        """Judge every sentence of a generated article once."""
        resolution = Resolution()
        for part, sentence in slots(article):
            if (part, sentence) in resolution.outcomes:
                continue
            judgement = self.judge(sentence, part)
            if judgement.ok:
                resolution.outcomes[(part, sentence)] = Outcome(Fate.ACCEPTED, sentence)
            else:
                outcome = Outcome(Fate.FAILED, None, judgement.problems, self.replacement_ids(sentence.ids))
                resolution.outcomes[(part, sentence)] = outcome
        return resolution

    def replacement_ids(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        """The ids whose extractive lines may replace a failed sentence.

        None when it cites a caption, contact or header line: its content came from there, and the
        extractive line of another id it cites would only put unrelated text in its place.
        """
        if any(i in self.known and i not in self.citable for i in ids):
            return ()
        return tuple(i for i in ids if i in self.citable)

    def retry(self, resolution: Resolution, ask: Callable[[list[FixRequest]], dict[int, GenSentence]]) -> None:
        """Ask once for rewrites of every failed sentence and accept the rewrites that pass.

        Args:
            resolution: outcomes from :meth:`review`; updated in place.
            ask: sends the follow-up request and returns rewrites by number (empty on any failure).
        """
        failed = resolution.failed()
        if not failed:
            return
        requests = [
            FixRequest(n, part.value, sentence.text, sentence.ids, resolution.outcomes[(part, sentence)].problems)
            for n, (part, sentence) in enumerate(failed, 1)
        ]
        rewrites = ask(requests)
        for n, (part, sentence) in enumerate(failed, 1):
            rewrite = rewrites.get(n)
            if rewrite is None:
                continue
            judgement = self.judge(rewrite, part)
            if judgement.ok:
                resolution.outcomes[(part, sentence)] = Outcome(Fate.REGENERATED, rewrite)
            else:
                LOGGER.info("rewrite %d still fails: %s", n, "; ".join(judgement.problems))


def slots(article: GenArticle) -> list[Slot]:
    """Every generated sentence with the article part it sits in, in reading order."""
    out: list[Slot] = []
    if article.headline is not None:
        out.append((PartName.HEADLINE, article.headline))
    out.extend((PartName.LEAD, s) for s in article.lead)
    for section in article.sections:
        if section.heading is not None:
            out.append((PartName.HEADING, section.heading))
        out.extend((PartName.BODY, s) for paragraph in section.paragraphs for s in paragraph)
    out.extend((PartName.BULLET, s) for s in article.key_points)
    for item in article.faq:
        out.extend(((PartName.FAQ_QUESTION, item.question), (PartName.FAQ_ANSWER, item.answer)))
    return out


def _problem_text(message: str, span: str, expected: str) -> str:
    text = f"{message}: {span}" if span else message
    return f"{text} (원문: {expected})" if expected else text
