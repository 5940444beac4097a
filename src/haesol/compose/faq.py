"""Reader questions built from sentence structure (when, how much, why, who said what), each answered by its sentence."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer
from haesol.compose.clauses import Clause, clauses, interrogative, reported_clause_end, topic_end
from haesol.compose.draft import Draft
from haesol.verify.terms import negation_count

LOGGER = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 70
MIN_QUESTION_CHARS = 12
MIDDLE_MAX_CHARS = 24
DANGLING_ENDINGS = ("는", "은", "한", "할", "하여", "해", "의", "에", "고", "며", "도록")
MIN_QUESTIONS = 3
MAX_QUESTIONS = 5
DATE_PARTICLES = {"부터": "언제부터", "까지": "언제까지", "에": "언제", "에는": "언제", "": "언제"}
REASON_RE = re.compile(r"(?:데|것에|점에|결과에|요구에|방침에|에)\s*따라|때문에|(?:하|되|높이|늘리|줄이|돕)기\s*위(?:해|하여)(?:서)?")
MONEY_RE = re.compile(r"(?:총\s*|약\s*|모두\s*)?\d[\d,.]*\s*(?:천만|천억|조|억|만|천)?(?:\s*\d[\d,.]*\s*(?:천만|억|만|천))*\s*(?:원|달러|유로|엔)(?P<particle>이|가|을|를|으로|로)?")
COUNT_RE = re.compile(r"(?:총\s*|약\s*)?\d[\d,]*\s*(?P<unit>곳|명|대|개소|개|건|척|가구|세대|회)(?P<particle>이|가|을|를)?(?=\s)")
DATE_RE = re.compile(
    r"(?:(?:19|20)\d{2}년\s*)?(?:\d{1,2}월\s*)?\d{1,2}일(?P<particle>부터|까지|에는|에)?|(?:(?:19|20)\d{2}년\s*)?\d{1,2}월(?P<particle2>부터|까지|에는|에)?|(?:19|20)\d{2}년(?P<particle3>부터|까지|에는|에)"
)
AMOUNT_AFTER_RE = re.compile(r"\d[\d,.]*\s*(?:천만|천억|조|억|만|천)?(?:\s*\d[\d,.]*\s*(?:천만|억|만|천))*\s*(?:원|달러|유로|엔|명|개|곳|건|톤|가구)(?:으로|로)\s")
QUOTE_VERBS = ("강조", "말", "당부", "밝히", "격려", "설명", "주문", "약속")


@dataclass(frozen=True, slots=True)
class Question:
    """A question and the finished sentence that answers it."""

    text: str
    answer: Draft
    kind: str


def build_faq(analyzer: Analyzer, answers: list[Draft]) -> list[Question]:
    """Questions of different kinds from different sentences, at most five, in article order."""
    builders: list[tuple[str, Callable[[Analyzer, Draft], str]]] = [
        ("when", _when),
        ("amount", _amount_of_subject),
        ("money", _how_much),
        ("why", _why),
        ("quote", _what_said),
        ("count", _how_many),
    ]
    chosen: list[Question] = []
    used_answers: set[str] = set()
    for kind, builder in builders:
        candidates = []
        for answer in answers:
            if answer.text in used_answers or negation_count(answer.morphs) > 0:
                continue
            question = builder(analyzer, answer)
            if question and MIN_QUESTION_CHARS <= len(question) <= MAX_QUESTION_CHARS:
                candidates.append(Question(question, answer, kind))
        if candidates:
            best = min(candidates, key=lambda q: len(q.text))
            chosen.append(best)
            used_answers.add(best.answer.text)
        if len(chosen) >= MAX_QUESTIONS:
            break
    order = {a.text: i for i, a in enumerate(answers)}
    return sorted(chosen, key=lambda q: order.get(q.answer.text, 0))


def _main_clause(draft: Draft) -> tuple[Clause, int] | None:
    parts = clauses(draft)
    if not parts:
        return None
    clause = parts[-1]
    reported = reported_clause_end(draft, clause)
    return clause, reported if reported is not None else clause.last


def _ask(analyzer: Analyzer, draft: Draft, start: int, end: int, wh: str, ending_index: int) -> str:
    """Replace text[start:end] with a question word and make the predicate interrogative."""
    ending = interrogative(analyzer, draft, ending_index)
    if not ending:
        return ""
    predicate_start = _word_start_char(draft, ending_index)
    if not start <= end <= predicate_start:
        return ""
    before = draft.text[:start].strip()
    middle = _shorten(draft.text[end:predicate_start].strip())
    parts = [p for p in (before, wh, middle, ending) if p]
    return _tidy(" ".join(parts))


def _shorten(middle: str) -> str:
    """Keep the last words before the predicate (the object and its closest modifier), quotes whole."""
    if len(middle) <= MIDDLE_MAX_CHARS:
        return middle
    words = middle.split(" ")
    kept: list[str] = []
    for word in reversed(words):
        if len(" ".join([word, *kept])) > MIDDLE_MAX_CHARS and kept and _balanced(" ".join(kept)):
            break
        kept.insert(0, word)
    while len(kept) > 1 and kept[0][:1] not in "'‘“\"" and kept[0].endswith(DANGLING_ENDINGS):
        kept.pop(0)
    shortened = " ".join(kept)
    return shortened if _balanced(shortened) else middle


def _balanced(text: str) -> bool:
    return text.count("'") % 2 == 0 and text.count("‘") == text.count("’") and text.count("“") == text.count("”")


def _word_start_char(draft: Draft, index: int) -> int:
    from haesol.compose.draft import word_start

    return draft.morphs[word_start(draft, index)].start


def _tidy(question: str) -> str:
    question = re.sub(r"\s+", " ", question).replace(" ,", ",").strip(" ,")
    return question if question.endswith("?") else ""


def _when(analyzer: Analyzer, draft: Draft) -> str:
    main = _main_clause(draft)
    if main is None:
        return ""
    clause, ending = main
    start_char, _ = clause.span(draft)
    limit = _word_start_char(draft, ending)
    for match in DATE_RE.finditer(draft.text, start_char, limit):
        if _inside_brackets_or_range(draft.text, match.start(), match.end()):
            continue
        if re.match(r"\s*(초|중순|하순|상순|중|말|경|께)(\s|$)", draft.text[match.end():]):
            continue
        particle = match.group("particle") or match.group("particle2") or match.group("particle3") or ""
        wh = DATE_PARTICLES.get(particle, "언제")
        return _ask(analyzer, draft, match.start(), match.end(), wh, ending)
    return ""


def _inside_brackets_or_range(text: str, start: int, end: int) -> bool:
    before = text[:start]
    return before.count("(") > before.count(")") or before.rstrip().endswith("~") or text[end:end + 1] == "~"


def _another_number_after(text: str, end: int, limit: int) -> bool:
    return bool(re.search(r"\d", text[end:limit]))


def _amount_of_subject(analyzer: Analyzer, draft: Draft) -> str:
    """'수출액이 8억 2천만 달러로 …' → '… 수출액은 얼마였나요?'."""
    morphs = draft.morphs
    for index, morph in enumerate(morphs[:-1]):
        if morph.tag != "JKS" or morphs[index + 1].tag != "SN":
            continue
        if not AMOUNT_AFTER_RE.match(draft.text[morphs[index + 1].start:]):
            continue
        noun_phrase = _noun_phrase_before(draft, index)
        if not noun_phrase:
            return ""
        topic = "은" if _has_final_consonant(noun_phrase[-1]) else "는"
        past = any(m.tag == "EP" and m.form == "었" for m in morphs[index:])
        return f"{noun_phrase}{topic} 얼마{'였나요' if past else '인가요'}?"
    return ""


def _noun_phrase_before(draft: Draft, particle_index: int) -> str:
    """The bare noun words (no particles) right before a subject particle."""
    end = draft.morphs[particle_index].start
    words = draft.text[:end].split(" ")
    kept: list[str] = []
    for word in reversed(words):
        if not word or re.search(r"(은|는|이|가|을|를|에|에서|의|로|와|과|고|며|며,|,)$", word) and kept:
            break
        kept.insert(0, word)
        if len(kept) >= 4:
            break
    phrase = " ".join(kept).strip()
    return phrase if phrase and _balanced(phrase) and not phrase.endswith(")") else ""


def _has_final_consonant(char: str) -> bool:
    code = ord(char) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


def _how_much(analyzer: Analyzer, draft: Draft) -> str:
    for clause in clauses(draft):
        start_char, end_char = clause.span(draft)
        match = MONEY_RE.search(draft.text, start_char, end_char)
        if not match or _another_number_after(draft.text, match.end(), end_char):
            continue
        if draft.morphs[clause.predicate].tag not in ("NNG", "VV"):
            continue
        particle = match.group("particle") or ""
        wh = {"이": "얼마가", "가": "얼마가", "을": "얼마를", "를": "얼마를", "으로": "얼마로", "로": "얼마로"}.get(particle, "얼마")
        return _ask(analyzer, draft, match.start(), match.end(), wh, clause.last)
    return ""


def _how_many(analyzer: Analyzer, draft: Draft) -> str:
    for clause in clauses(draft):
        start_char, end_char = clause.span(draft)
        match = COUNT_RE.search(draft.text, start_char, end_char)
        if not match or _another_number_after(draft.text, match.end(), end_char):
            continue
        wh = f"몇 {match.group('unit')}{match.group('particle') or ''}"
        return _ask(analyzer, draft, match.start(), match.end(), wh, clause.last)
    return ""


def _why(analyzer: Analyzer, draft: Draft) -> str:
    main = _main_clause(draft)
    if main is None:
        return ""
    clause, ending = main
    match = REASON_RE.search(draft.text, 0, _word_start_char(draft, ending))
    if not match:
        return ""
    topic = topic_end(draft, len(draft.morphs))
    if topic is None or draft.morphs[topic].form not in ("은", "는") or draft.morphs[topic].end > match.start():
        return ""
    subject = draft.text[: draft.morphs[topic].end]
    predicate_start = _word_start_char(draft, ending)
    middle = draft.text[match.end():predicate_start].strip(" ,")
    ending_text = interrogative(analyzer, draft, ending)
    return _tidy(f"{subject} 왜 {middle} {ending_text}") if ending_text and middle else ""


def _what_said(analyzer: Analyzer, draft: Draft) -> str:
    if "“" not in draft.text and '"' not in draft.text:
        return ""
    main = _main_clause(draft)
    if main is None:
        return ""
    clause, ending = main
    verb = draft.morphs[clause.predicate]
    if not any(verb.form.startswith(v) or verb.lemma.startswith(v) for v in QUOTE_VERBS):
        return ""
    first_quote = min(i for i in (draft.text.find("“"), draft.text.find('"')) if i >= 0)
    topic = topic_end(draft, len(draft.morphs))
    if topic is None or draft.morphs[topic].start > first_quote:
        return ""
    subject = draft.text[: draft.morphs[topic].end]
    listener = re.search(r"(\S+(?:에게|께))\s*$", draft.text[:first_quote])
    wh = f"{listener.group(1)} 무엇을" if listener else "무엇을"
    ending_text = interrogative(analyzer, draft, ending)
    return _tidy(f"{subject} {wh} {ending_text}") if ending_text else ""
