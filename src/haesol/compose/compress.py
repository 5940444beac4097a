"""Short noun-ending phrases from sentences (개조식 key points and headings), by cutting, never adding."""

from __future__ import annotations

import logging
import re

from haesol.analyze.negation import negation_count
from haesol.compose.clauses import (
    Clause,
    _predicate_before,
    clauses,
    reported_clause_end,
    topic_end,
)
from haesol.compose.draft import Draft
from haesol.compose.prose import MODAL_NOUNS
from haesol.data.lexicon import load_lexicon
from haesol.models import Morph

LOGGER = logging.getLogger(__name__)

HEADING_TAIL_CHARS = 20
TOPIC_MAX_CHARS = 10
QUOTE_MARKS = "'\"‘’“”「」"
REASON_RE = re.compile(r"(?:데|것에|점에|결과에|요구에)\s*따라|때문에")
PURPOSE_RE = re.compile(r"(?:기|하기)\s*위(?:해|하여|한)\s+|(?:에|데)\s*따라\s+|때문에\s+")
ORDINAL_RE = re.compile(r"^(?:첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*번째\s*,?\s*")
LEADING_PARTICLE_RE = re.compile(r"^(\S+?)(은|는|이|가)(\s)")
MIN_HEADING_CHARS = 6


def compress(draft: Draft, clause: Clause | None = None) -> Draft | None:
    """Cut a sentence (or one clause) down to '[topic] … [object] [predicate noun] [예정]'.

    Returns None when the predicate is not a noun (…하다/되다/이다), or the clause is negated.
    """
    parts = clauses(draft)
    if not parts:
        return None
    clause = clause or parts[-1]
    end_index = reported_clause_end(draft, clause)
    predicate = _predicate_before(draft, end_index) if end_index is not None else clause.predicate
    predicate = _verb_before_modal(draft, predicate)
    head = draft.morphs[predicate]
    if head.tag not in ("NNG", "NNP") or negation_count(draft.morphs[clause.first : clause.last + 1]) > 0:
        return None
    suffix = _modality(draft, predicate, clause.last)
    head_end = _noun_end(draft, predicate)
    result = draft.replace_span(head_end, len(draft.text), suffix, _suffix_morphs(suffix))
    result = _drop_case_particle(result, predicate)
    start = _phrase_start(draft, clause, predicate)
    result = result.replace_span(0, start, "") if start > 0 else result
    return _tidy(result)


def _verb_before_modal(draft: Draft, predicate: int) -> int:
    """For '완료할 예정' the predicate is 완료, not 예정."""
    head = draft.morphs[predicate]
    if head.form not in MODAL_NOUNS or predicate < 3:
        return predicate
    etm, verb = draft.morphs[predicate - 1], draft.morphs[predicate - 2]
    if etm.tag == "ETM" and verb.tag == "XSV":
        index = predicate - 3
        while index > 0 and draft.morphs[index].tag == "XSN":
            index -= 1
        return index
    return predicate


def _noun_end(draft: Draft, predicate: int) -> int:
    """End of the predicate noun, including a suffix such as -화 (최소화)."""
    end = draft.morphs[predicate].end
    for morph in draft.morphs[predicate + 1 :]:
        if morph.tag != "XSN":
            break
        end = morph.end
    return end


def _modality(draft: Draft, predicate: int, last: int) -> str:
    for morph in draft.morphs[predicate + 1 : last + 1]:
        if morph.tag == "NNG" and morph.form in MODAL_NOUNS:
            return f" {morph.form}"
    return ""


def _suffix_morphs(suffix: str) -> list[Morph]:
    word = suffix.strip()
    return [Morph(word, "NNG", word, 1, len(word))] if word else []


def _drop_case_particle(draft: Draft, predicate: int) -> Draft:
    if predicate == 0:
        return draft
    particle = draft.morphs[predicate - 1]
    head = draft.morphs[predicate]
    if particle.tag in ("JKO", "JKS") and draft.text[particle.end : head.start].strip() == "":
        return draft.replace_span(particle.start, particle.end, "")
    return draft


def _phrase_start(draft: Draft, clause: Clause, predicate: int) -> int:
    """Where the phrase starts: after an agency topic ('국방부는'), else at the clause start."""
    start = draft.morphs[clause.first].start
    topic = topic_end(draft, predicate)
    if topic is not None and topic >= clause.first:
        subject = draft.text[start : draft.morphs[topic].start]
        if _is_agency(subject):
            following = draft.morphs[topic + 1] if topic + 1 < len(draft.morphs) else None
            return following.start if following is not None else start
    return start


def _is_agency(text: str) -> bool:
    bare = re.sub(r"\(.*?\)", "", text).strip()
    return bool(load_lexicon().agency(bare)) or bare.endswith(("부", "처", "청", "위원회"))


def _tidy(draft: Draft) -> Draft | None:
    match = re.match(r"^[\s,·]+", draft.text)
    if match:
        draft = draft.replace_span(0, match.end(), "")
    text = draft.text.strip()
    if len(text) < 4 or text.count("'") % 2 or text.count("“") != text.count("”") or text.count("(") != text.count(")"):
        return None
    return draft


def key_point(draft: Draft) -> Draft | None:
    """A key-point phrase: the clause of a sentence richest in facts, compressed."""
    parts = clauses(draft)
    best: Draft | None = None
    best_score = -1
    for clause in parts:
        compressed = compress(draft, clause)
        if compressed is None:
            continue
        score = len(re.findall(r"\d", compressed.text)) + (2 if clause is parts[0] else 0)
        if score > best_score:
            best, best_score = compressed, score
    return best


def heading_phrase(draft: Draft) -> Draft | None:
    """A heading: the topic (unless an agency) plus the last words before the predicate."""
    parts = clauses(draft)
    if not parts:
        return None
    compressed = compress(draft, parts[-1])
    if compressed is None:
        return None
    compressed = _without_ordinal(compressed)
    tail_start = _tail_start(compressed, HEADING_TAIL_CHARS)
    topic_text, topic_morphs = _topic(draft)
    tail = compressed.replace_span(0, tail_start, "")
    purpose = list(PURPOSE_RE.finditer(tail.text))
    reason = (
        any("위한" not in m.group(0) for m in purpose)
        or REASON_RE.search(draft.text[: draft.morphs[draft.content_end()].start]) is not None
    )
    if purpose:
        tail = tail.replace_span(0, purpose[-1].end(), "")
    tail = _drop_leading_adverb(tail)
    has_topic = any(m.tag == "JX" and m.form in ("은", "는") for m in tail.morphs)
    if topic_text and topic_text not in tail.text and not compressed.text.startswith(tail.text) and not has_topic:
        tail = _prefix(tail, topic_text, topic_morphs)
    if reason and len(tail.text.split()) <= 3 and not tail.text.endswith(("배경", *MODAL_NOUNS)):
        tail = tail.replace_span(len(tail.text), len(tail.text), " 배경", [Morph("배경", "NNG", "배경", 1, 2)])
    tail = _without_ordinal(_without_leading_particle(tail))
    return _tidy(tail) if len(tail.text) >= MIN_HEADING_CHARS else None


def _drop_leading_adverb(draft: Draft) -> Draft:
    """A heading does not open on an adverb whose verb is cut away ('확고히 정착시키기 …')."""
    while draft.morphs and draft.morphs[0].tag == "MAG" and " " in draft.text:
        draft = draft.replace_span(0, draft.text.index(" ") + 1, "")
    return draft


def _without_leading_particle(draft: Draft) -> Draft:
    """'이용객은 1만 2천 명으로 집계' → '이용객 1만 2천 명으로 집계' (headings drop the topic particle)."""
    match = LEADING_PARTICLE_RE.match(draft.text)
    if match is None or not any(m.tag in ("JX", "JKS") and m.start == match.start(2) for m in draft.morphs):
        return draft
    return draft.replace_span(match.start(2), match.end(2), "")


def _without_ordinal(draft: Draft) -> Draft:
    match = ORDINAL_RE.match(draft.text)
    return draft.replace_span(0, match.end(), "") if match else draft


def _prefix(draft: Draft, text: str, morphs: tuple[Morph, ...]) -> Draft:
    return draft.replace_span(0, 0, text + " ", list(morphs))


def _topic(draft: Draft) -> tuple[str, tuple[Morph, ...]]:
    """The sentence's topic noun phrase without its particle, and its morphemes ('' for an agency).

    A long topic ('현재 본댐 공사를 추진 중인 봉화댐') is cut to its head word ('봉화댐').
    """
    topic = _any_topic(draft)
    if topic is None:
        return "", ()
    subject = draft.text[: draft.morphs[topic].start].strip()
    if len(subject) > TOPIC_MAX_CHARS and " " in subject:
        head = subject.rsplit(" ", 1)[1]
        head_start = draft.morphs[topic].start - len(head)
        return (
            (head, tuple(m for m in draft.morphs[:topic] if m.start >= head_start))
            if not _is_agency(head) and len(head) >= 2
            else ("", ())
        )
    if _is_agency(subject) or len(subject) > TOPIC_MAX_CHARS or any(q in subject for q in QUOTE_MARKS):
        return "", ()
    return subject, draft.morphs[:topic]


def _any_topic(draft: Draft) -> int | None:
    """The topic particle (은/는) of the sentence's subject, even after a modifier clause."""
    found = topic_end(draft, len(draft.morphs))
    if found is not None:
        return found
    for index, morph in enumerate(draft.morphs):
        if (
            morph.tag == "JX"
            and morph.form in ("은", "는")
            and index > 0
            and draft.morphs[index - 1].tag in ("NNG", "NNP")
        ):
            return index if not any(m.tag == "JKO" for m in draft.morphs[index + 1 : index + 2]) else None
        if morph.tag in ("EF", "SF"):
            break
    return None


def _tail_start(draft: Draft, max_chars: int) -> int:
    """Start of the longest run of whole words at the end of the text within ``max_chars``, quotes kept whole.

    The run never starts on a word that leans on the word before it (a modifier ending, a
    connective ending or a bound noun such as 데).
    """
    text = draft.text
    words = list(re.finditer(r"\S+", text))
    start = len(text)
    for word in reversed(words):
        if len(text) - word.start() > max_chars and start < len(text):
            break
        start = word.start()
    candidate = text[start:]
    while (sum(candidate.count(q) for q in "'‘’") % 2 or candidate.count("(") != candidate.count(")")) and start > 0:
        previous = text.rfind(" ", 0, start - 1)
        start = previous + 1 if previous >= 0 else 0
        candidate = text[start:]
    while 0 < start < len(text) and (_leans_back(draft, start) or re.match(r"\S+,(\s|$)", text[start:])):
        following = text.find(" ", start)
        if following == -1:
            break
        start = following + 1
    return start


def _leans_back(draft: Draft, start: int) -> bool:
    """Whether the word at ``start`` cannot open a phrase (ends in a modifier/connective, or is a bound noun)."""
    if draft.text[start : start + 1] in QUOTE_MARKS:
        return False
    end = draft.text.find(" ", start)
    end = len(draft.text) if end == -1 else end
    word = [m for m in draft.morphs if start <= m.start < end]
    if not word:
        return False
    first, last = word[0], word[-1]
    return first.tag == "NNB" or last.tag in ("ETM", "EC", "JKG", "JKB", "JC") or first.tag.startswith("V")
