"""The top of the article: the headline's subject, the dek, the dateline and key points as whole sentences."""

from __future__ import annotations

import logging
import re

from haesol.analyze.kiwi import Analyzer
from haesol.compose.draft import Draft
from haesol.compose.plan import is_quote
from haesol.models import Analysis, Line, Morph, PartName, Release

LOGGER = logging.getLogger(__name__)

MIN_KEY_POINTS = 3
MIN_BODY_FOR_KEY_POINTS = 6
LONG_BODY = 16
LEADING_ADVERB_RE = re.compile(r"^(?:이날|이번에|현재|한편|당일)\s*,?\s+")
NEGATION_RE = re.compile(r"없|않|못|아니|불가")
SPEAKER_RE = re.compile(
    r"^((?:[가-힣]{2,4}\s)?(?:[가-힣A-Za-z()·]+\s){0,3}?(?:[가-힣]{2,4}\s)?[가-힣]*"
    r"(?:장관|차관|사장|청장|위원장|대변인|총리|대통령|원장|이사장|본부장|실장|국장|처장|단장|직무대행|정책관|심의관|조정관|기획관|담당관))(은|는)\s"
)
MAX_KEY_POINTS = 5
KEY_POINT_MIN_CHARS = 18
KEY_POINT_MAX_CHARS = 110
HEADLINE_MAX_CHARS = 40
SUBJECT_PARTICLES = frozenset({"은", "는", "이", "가"})
OPENING_CONNECTIVE_RE = re.compile(r"^(?:또한|이어|한편|특히|아울러|이에 따라|이와 함께|그리고|다만)\s?,?\s+")
FIRST_PERSON_END_RE = re.compile(r"(겠다|겠습니다)\.$")
ENDS_SENTENCE_RE = re.compile(r"(?:다|니다|까|요)\.$")


def has_subject(analyzer: Analyzer, text: str, agency: str) -> bool:
    """Whether a headline names who acts: the agency, an 'X, …' topic, or a subject/topic particle."""
    if agency and _short_agency(agency) in text:
        return True
    if re.match(r"^[^,\s]{2,16}(?:\s[^,\s]{1,10})?,\s", text):
        return True
    return any(m.tag in ("JKS", "JX") and m.form in SUBJECT_PARTICLES for m in analyzer.morphs(text))


def _short_agency(agency: str) -> str:
    return agency.split()[-1] if agency else ""


def with_subject(analyzer: Analyzer, headline: Draft, analysis: Analysis) -> Draft:
    """The headline with the issuer in front ('국토교통부, …') when it names no one; the issuer's sentence is cited."""
    agency = analysis.release.agency
    if not agency or has_subject(analyzer, headline.text, agency):
        return headline
    text = f"{agency}, {headline.text}"
    if len(text) > HEADLINE_MAX_CHARS:
        return headline
    cited = next((s.id for s in analysis.sentences if agency in s.text), None)
    sources = tuple(dict.fromkeys([*headline.sources, *([cited] if cited else [])]))
    return Draft(text, analyzer.morphs(text), sources)


def dek(analysis: Analysis, headline: str) -> Line | None:
    """The subtitle under the headline, when it says more than the headline."""
    for sentence in analysis.sentences:
        if not sentence.id.startswith("sub"):
            continue
        text = re.sub(r"^[\s\-–—·◇◆○]+|[\s\-–—]+$", "", sentence.text).strip()
        if len(text) >= 8 and text not in headline and headline not in text:
            return Line(text, PartName.DEK, (sentence.id,))
    return None


def dateline(release: Release) -> Line | None:
    """'[기관명] 2026년 1월 8일': the release's issuer and date."""
    date = release.date
    if date is None and not release.agency:
        return None
    when = f"{date.year}년 {date.month}월 {date.day}일" if date else ""
    who = f"[{release.agency}]" if release.agency else ""
    return Line(" ".join(part for part in (who, when) if part), PartName.DATELINE, ())


def key_point_sentences(analyzer: Analyzer, drafts: list[Draft], shown: list[Draft]) -> list[Draft]:
    """Three to five whole sentences with a subject, favouring figures and dates, in article order; none if fewer.

    ``shown`` are the sentences right above the key points (lead, context): they are not repeated.
    """
    if len(drafts) < MIN_BODY_FOR_KEY_POINTS:  # a short article would only repeat itself
        return []
    wanted = MAX_KEY_POINTS if len(drafts) >= LONG_BODY else MIN_KEY_POINTS
    lead_texts = {d.text for d in shown}
    scored: list[tuple[int, int, Draft]] = []
    for order, draft in enumerate(drafts):
        text = OPENING_CONNECTIVE_RE.sub("", draft.text)
        if draft.text in lead_texts or is_quote(draft) or not ENDS_SENTENCE_RE.search(text):
            continue
        if not KEY_POINT_MIN_CHARS <= len(text) <= KEY_POINT_MAX_CHARS or "다음과 같" in text or text[0] in "▲-·":
            continue
        morphs = analyzer.morphs(text)
        if not main_subject(morphs):
            continue
        score = len(re.findall(r"\d+", text)) * 2 - len(text) // 40
        scored.append((score, order, Draft(text, morphs, draft.sources)))
    if len(scored) < MIN_KEY_POINTS:
        return []
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:wanted]
    return [point for _, _, point in sorted(best, key=lambda item: item[1])]


def main_subject(morphs: tuple[Morph, ...]) -> bool:
    """Whether a sentence has a subject or topic of its own, not only one inside a modifier ('방문이 어려운 국민').

    A topic (은/는) heads the sentence; a subject (이/가) does unless a modifier ending follows it first.
    """
    for index, morph in enumerate(morphs):
        if morph.form not in SUBJECT_PARTICLES:
            continue
        if morph.tag == "JX" or (morph.tag == "JKS" and not _in_modifier(morphs, index + 1)):
            return True
    return False


def _in_modifier(morphs: tuple[Morph, ...], start: int) -> bool:
    """Whether the words after a subject end in a modifier ending (ETM) before the clause or sentence ends."""
    for morph in morphs[start:]:
        if morph.tag == "ETM":
            return True
        if morph.tag in ("EF", "SF", "JKS", "JX") or (morph.tag == "EC" and morph.form not in ("고", "며", "으며")):
            return False
    return False


def reported(analyzer: Analyzer, draft: Draft, agency: str, style: str) -> Draft:
    """The agency's first person as reported speech: '…협의해 나가겠다.' → '…협의해 나가겠다고 밝혔다.'

    A sentence without a subject gets the agency as its topic. Quotes are left as they are.
    """
    if is_quote(draft) or not FIRST_PERSON_END_RE.search(draft.text):
        return draft
    said = "밝혔습니다." if style == "polite" else "밝혔다."
    text = FIRST_PERSON_END_RE.sub(f"겠다고 {said}", draft.text)
    head = analyzer.morphs(draft.text)
    if agency and not any(m.tag in ("JKS", "JX") and m.form in SUBJECT_PARTICLES for m in head):
        text = f"{agency}{topic_particle(agency)} {text}"
    return Draft(text, analyzer.morphs(text), draft.sources)


def topic_particle(word: str) -> str:
    """'은' after a final consonant, '는' after a vowel."""
    last = word[-1] if word else ""
    if "가" <= last <= "힣":
        return "은" if (ord(last) - 0xAC00) % 28 else "는"
    return "는"


def with_speakers(analyzer: Analyzer, drafts: list[Draft]) -> list[Draft]:
    """A quote whose sentence names no speaker gets the speaker last named in the article ('윤호중 장관은 “…”').

    The speaker is cited from a sentence that names them without a negation (the gate compares negations).
    """
    out: list[Draft] = []
    speaker: str | None = None
    cited: dict[str, tuple[str, ...]] = {}
    for draft in drafts:
        match = SPEAKER_RE.match(LEADING_ADVERB_RE.sub("", OPENING_CONNECTIVE_RE.sub("", draft.text)))
        if match is not None:
            speaker = match.group(0)
            if not NEGATION_RE.search(draft.text):
                cited.setdefault(speaker, draft.sources)
        elif speaker is not None and speaker in cited and draft.text.startswith(("“", '"')):
            text = f"{speaker}{draft.text}"
            draft = Draft(text, analyzer.morphs(text), tuple(dict.fromkeys([*cited[speaker], *draft.sources])))
        out.append(draft)
    return out
