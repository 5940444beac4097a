"""The anatomy of an answer for a question: its clauses, predicate phrase, subject, and the polite interrogative ending."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer
from haesol.compose.clauses import (
    Clause,
    _predicate_before,
    reported_clause_end,
    topic_end,
)
from haesol.compose.draft import Draft, word_start

LOGGER = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 60
MIN_QUESTION_CHARS = 10
MIDDLE_MAX_CHARS = 26
SUBJECT_MAX_WORDS = 4
PAST = "었"
CLAUSE_ENDINGS = frozenset({"며", "으며", "고", "면서", "으면서", "지만", "는데", "ᆫ데", "으나", "나"})
COMMA_CLAUSE_ENDINGS = frozenset({"어", "아", "여", "어서", "아서"})
ADVERBIAL_STEMS = frozenset(
    {"위하", "따르", "통하", "대하", "관하", "의하", "발맞추", "맞추", "비롯하", "거치", "인하"}
)
OPENING_RE = re.compile(
    r"^(?:특히|또한|아울러|한편|이어|이날|이와 함께|이에 따라|품목별로는|국가별로는|[가-힣]{1,6}별로는)\s*,?\s*"
)


@dataclass(frozen=True, slots=True)
class AnswerClause:
    """A clause of an answer: its first morpheme, its predicate's ending and the sentence's final ending."""

    first: int
    end: int
    final: int


def answer_clauses(draft: Draft) -> list[AnswerClause]:
    """Clauses at connective endings followed by a space (not '-고 있다'); the final one ends the sentence."""
    final = draft.content_end()
    if final < 0:
        return []
    out: list[AnswerClause] = []
    first = 0
    quoted = draft.protected()
    for index, morph in enumerate(draft.morphs[:final]):
        after = index + 1
        while after < final and draft.morphs[after].tag == "SP":
            after += 1
        following = draft.morphs[after]
        gap = draft.text[morph.end : following.start]
        spaced = gap.strip(" ,") == "" and " " in gap
        inside = any(s <= morph.start < e for s, e in quoted)
        ending = morph.form in CLAUSE_ENDINGS or (morph.form in COMMA_CLAUSE_ENDINGS and "," in gap)
        stem = draft.morphs[index - 1].form if index > 0 else ""
        stem = draft.morphs[index - 2].form + stem if index > 1 and draft.morphs[index - 1].tag == "XSV" else stem
        if (
            morph.tag == "EC"
            and ending
            and spaced
            and following.tag != "VX"
            and not inside
            and stem not in ADVERBIAL_STEMS
        ):
            out.append(AnswerClause(first, index, final))
            first = index + 1
            while first < final and draft.morphs[first].tag in ("SP", "SF"):
                first += 1
    out.append(AnswerClause(first, final, final))
    reported = reported_clause_end(draft, _as_clause(out[-1], draft))
    if reported is not None:
        out[-1] = AnswerClause(out[-1].first, reported, reported)
    return out


def _as_clause(clause: AnswerClause, draft: Draft) -> Clause:
    return Clause(clause.first, clause.end, _predicate_before(draft, clause.end))


def predicate_start(draft: Draft, end: int) -> int:
    """First morpheme of the predicate phrase: '지원할 예정이다', '할 수 있다', '점검하고 있다' stay whole."""
    start = word_start(draft, end)
    while start > 0:
        previous_end = draft.morphs[start - 1]
        head = draft.morphs[start]
        if (
            previous_end.tag == "ETM" and head.form in ("예정", "계획", "방침", "전망", "수", "것")
        ) or head.tag == "VX":
            start = word_start(draft, start - 1)
        else:
            break
    return start


def interrogative(analyzer: Analyzer, draft: Draft, clause: AnswerClause) -> str:
    """The clause's predicate as a polite question ('투입되나요', '예정인가요', '강조했나요')."""
    start = predicate_start(draft, clause.end)
    first = word_start(draft, clause.end)
    stem = [m for m in draft.morphs[first : clause.end + 1] if m.tag not in ("EF", "EC", "SF", "ETN")]
    while stem and stem[-1].tag == "EP" and stem[-1].form != PAST:
        stem.pop()
    if not stem:
        return ""
    past = any(
        m.form == PAST and m.tag == "EP" for m in draft.morphs[word_start(draft, clause.final) : clause.final + 1]
    )
    morphs: list[tuple[str, str] | tuple[str, str, bool]] = [(m.form, m.join_tag) for m in stem]
    if past and not any(m.form == PAST for m in stem):
        morphs.append((PAST, "EP"))
    last = morphs[-1][1]
    if last in ("VCP", "VA", "XSA") and not past:
        morphs.append(("ᆫ가요", "EF"))
    elif last in ("NNG", "NNB", "NNP"):
        morphs += [("이", "VCP"), ("ᆫ가요", "EF")]
    else:
        morphs.append(("나요", "EF"))
    lead = draft.text[draft.morphs[start].start : draft.morphs[first].start] if start < first else ""
    return f"{lead}{analyzer.kiwi.join(morphs)}?"


def subject_of(draft: Draft, clause: AnswerClause, limit: int) -> str:
    """The clause's topic ('윤석대 한국수자원공사 사장은'), asides and openers dropped; '' when there is none."""
    topic = topic_end(draft, limit)
    start = draft.morphs[clause.first].start
    if topic is not None and topic >= clause.first:
        return tidy_subject(draft.text[start : draft.morphs[topic].end])
    for index in range(limit - 1, clause.first, -1):
        morph = draft.morphs[index]
        if morph.tag in ("JKS", "JX") and morph.form in ("이", "가", "은", "는", "에는", "에서는"):
            words = draft.text[start : morph.end].split()
            return tidy_subject(" ".join(words[-2:]))
    end = draft.morphs[limit].start if limit < len(draft.morphs) else len(draft.text)
    phrase = draft.text[start:end].strip(" ,")
    return tidy_subject(phrase) if re.search(r"(에는|에서는|으로는|로는)$", phrase) else ""


def subject_end(draft: Draft, clause: AnswerClause, limit: int, subject: str) -> int:
    """Where the subject phrase ends in the text (so the words between it and the target can be kept)."""
    if not subject:
        return draft.morphs[clause.first].start
    last_word = subject.split()[-1]
    position = draft.text.find(last_word, draft.morphs[clause.first].start)
    return position + len(last_word) if position >= 0 else draft.morphs[clause.first].start


def tidy_subject(phrase: str) -> str:
    phrase = OPENING_RE.sub("", phrase)
    phrase = re.sub(r"\s*\([^()]*\)", "", phrase).strip(" ,")
    words = phrase.split()
    if len(words) > SUBJECT_MAX_WORDS or not balanced(phrase):
        return ""
    return phrase


def middle_words(draft: Draft, start: int, end: int, max_chars: int = MIDDLE_MAX_CHARS) -> str:
    """The words closest to the predicate between ``start`` and ``end``, never opening on a word that leans back."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", draft.text[start:end])]
    kept: list[tuple[int, int]] = []
    for word_from, word_to in reversed(words):
        if kept and kept[-1][1] - word_from > max_chars:
            break
        kept.insert(0, (word_from, word_to))
    while kept and len(kept) < len(words) and leans_back(draft, start + kept[0][0], start + kept[0][1]):
        kept.pop(0)
    text = draft.text[start + kept[0][0] : start + kept[-1][1]] if kept else ""
    return text if balanced(text) else ""


def leans_back(draft: Draft, start: int, end: int) -> bool:
    morphs = [m for m in draft.morphs if start <= m.start < end]
    if not morphs:
        return True
    return (
        morphs[0].tag in ("NNB", "JKB", "JKO", "JX", "EC", "XSN", "MAJ")
        or morphs[-1].tag in ("EC", "JKG", "ETM")
        or draft.text[start] in ",)"
    )


def balanced(text: str) -> bool:
    return (
        text.count("'") % 2 == 0
        and text.count("‘") == text.count("’")
        and text.count("“") == text.count("”")
        and text.count("(") == text.count(")")
    )


def compose_question(subject: str, wh: str, middle: str, predicate: str) -> str:
    return (
        re.sub(r"\s+", " ", " ".join(p for p in (subject, wh, middle, predicate) if p)).replace(" ,", ",").strip(" ,")
    )


def well_formed(analyzer: Analyzer, question: str) -> bool:
    """Ends with an interrogative final ending and '?', holds a question word, reads as one short sentence."""
    if (
        not MIN_QUESTION_CHARS <= len(question) <= MAX_QUESTION_CHARS
        or not question.endswith("요?")
        or not balanced(question)
    ):
        return False
    morphs = analyzer.morphs(question)
    content = [m for m in morphs if m.tag not in ("SF", "SP")]
    return bool(content) and content[-1].tag == "EF" and content[0].tag not in ("JKB", "JKO", "JX", "EC", "NNB")


def modifies_noun(draft: Draft, position: int, clause: AnswerClause) -> bool:
    """Whether the word after ``position`` is a modifier ('7월 실시한 설문'): the date belongs to a noun, not the predicate."""
    rest = draft.text[position:]
    word = re.match(r"\s*(\S+)", rest)
    if not word:
        return False
    word_start_at = position + word.start(1)
    if word_start_at >= draft.morphs[predicate_start(draft, clause.end)].start:
        return False
    word_end_at = position + word.end(1)
    morphs = [m for m in draft.morphs if word_start_at <= m.start < word_end_at]
    return bool(morphs) and morphs[-1].tag == "ETM"
