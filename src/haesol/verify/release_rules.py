"""Release-level gate rules: no year the release or the user did not give; reported claims stay attributed."""

from __future__ import annotations

import logging
import re

from haesol.analyze.dates import find_dates
from haesol.models import Analysis, Origin, Problem, SentenceCheck, Verdict

LOGGER = logging.getLogger(__name__)

EXPLICIT_YEAR_KINDS = frozenset({"full", "short_full", "year_month", "short_year_month", "short_year", "year"})
REPORTING_RE = re.compile(r"보도(?:했|하였|한|됐|된|에\s*따르면|내용)|(?:기사|보도)에서|라고\s*(?:썼|지적했|주장했)")


class ReleaseRules:
    """Checks one article line against what the release (and the user) gave: years and reported claims."""

    def __init__(self, analysis: Analysis, user_years: frozenset[int] = frozenset()) -> None:
        self.analysis = analysis
        self.allowed_years = frozenset(given_years(analysis)) | user_years
        self.reported = {s.id: s.block_id for s in analysis.sentences if s.origin is Origin.REPORTED}

    def problems(self, text: str, sources: tuple[str, ...]) -> tuple[Problem, ...]:
        """The rule violations of one line: an invented year, an unattributed reported claim."""
        return (*self.year_problems(text), *self.reported_problems(text, sources))

    def year_problems(self, text: str) -> list[Problem]:
        """Years written in the line that neither the release nor the user gave."""
        out = []
        for mention in find_dates(text, self.analysis.fact_anchor):
            if mention.kind in EXPLICIT_YEAR_KINDS and mention.year and mention.year not in self.allowed_years:
                out.append(
                    Problem(
                        "invented_year",
                        mention.text,
                        f"원문에 없는 연도입니다: {mention.year} (a year the release does not give)",
                        ", ".join(str(y) for y in sorted(self.allowed_years)),
                    )
                )
        return out

    def reported_problems(self, text: str, sources: tuple[str, ...]) -> list[Problem]:
        """A line citing a reported claim must name the outlet and say it reported it."""
        claims = self.analysis.release.reported_claims
        out = []
        for source in sources:
            block = self.reported.get(source)
            if block is None:
                continue
            claim = claims[int(block[2:]) - 1]
            if not (claim.outlet and claim.outlet in text and REPORTING_RE.search(text)):
                out.append(
                    Problem(
                        "unattributed_report",
                        text[:40],
                        f"언론 보도 내용은 '{claim.outlet or '해당 매체'}은(는) …고 보도했다'처럼 밝혀 써야 합니다 "
                        "(a reported claim must be attributed to its outlet)",
                        claim.outlet,
                    )
                )
        return out

    def apply(self, result: SentenceCheck, text: str, sources: tuple[str, ...]) -> SentenceCheck:
        """The check with the rule violations added (and its verdict lowered when there are any)."""
        found = self.problems(text, sources)
        if not found:
            return result
        return SentenceCheck(
            result.text,
            Verdict.CONTRADICTED,
            result.evidence,
            (*result.problems, *found),
            result.coverage,
            result.part,
        )


def given_years(analysis: Analysis) -> set[int]:
    """Years the release gives: its date's year and every year its sentences write or resolve to."""
    years = {analysis.anchor.year} if analysis.dated else set()
    for sentence in analysis.sentences:
        for fact in sentence.facts:
            if fact.kind.value == "date" and fact.value[:4].isdigit():
                years.add(int(fact.value[:4]))
    return years
