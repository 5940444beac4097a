"""Reader questions built from sentence structure (when, how much, how many, why, where, what, who said what), each answered by its sentence."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from haesol.analyze.kiwi import Analyzer
from haesol.analyze.negation import negation_count
from haesol.compose.clauses import topic_end
from haesol.compose.draft import Draft, word_start
from haesol.compose.questions import (
    PAST,
    SUBJECT_MAX_WORDS,
    AnswerClause,
    answer_clauses,
    balanced,
    compose_question,
    interrogative,
    leans_back,
    middle_words,
    modifies_noun,
    predicate_start,
    subject_end,
    subject_of,
    tidy_subject,
    well_formed,
)

LOGGER = logging.getLogger(__name__)

PRE_MAX_CHARS = 14
MIN_ANSWER_CHARS = 20
MAX_QUESTIONS = 5
MEASURE_NOUNS = (
    "액",
    "금",
    "비",
    "규모",
    "예산",
    "수출",
    "수입",
    "매출",
    "가격",
    "요금",
    "투자",
    "지출",
    "손실",
    "기금",
)
TARGET_CHARS = 30
WHAT_VERBS = frozenset(
    "추진 도입 마련 발표 운영 개발 구축 시행 신설 확대 개최 실시 선정 수립 추가 지원 제공 공개 출시 개설 설치 배치 투입 신청 모집".split()
)
DATE_WH = {"부터": "언제부터", "까지": "언제까지", "에": "언제", "에는": "언제", "": "언제"}
AMOUNT_WH = {"이": "얼마가", "가": "얼마가", "을": "얼마를", "를": "얼마를"}
REASON_RE = re.compile(
    r"(?:데|것에|점에|결과에|요구에|방침에|에)\s*따라|때문에|(?:하|되|높이|늘리|줄이|돕|막|덜|없애)기\s*위(?:해|하여)(?:서)?"
)
MONEY_RE = re.compile(
    r"(?:총\s*|약\s*|모두\s*|최대\s*)?\d[\d,.]*\s*(?:천만|천억|조|억|만|천)?(?:\s*\d[\d,.]*\s*(?:천만|억|만|천))*\s*(?:원|달러|유로|엔)"
    r"(?P<aeochi>어치)?(?P<particle>이|가|을|를|으로|로)?(?=\s)"
)
COUNT_RE = re.compile(
    r"(?:총\s*|약\s*|모두\s*)?\d[\d,]*\s*(?:만\s*)?(?P<unit>곳|명|개소|개|건|척|가구|그루|톤)(?P<particle>이|가|을|를)?(?=\s)|(?:총\s*|약\s*)?\d[\d,]*(?P<unit2>대)(?P<particle2>이|가|을|를)(?=\s)"
)
DATE_RE = re.compile(
    r"(?:(?:19|20)\d{2}년\s*)?(?:\d{1,2}월\s*)?\d{1,2}일(?P<particle>부터|까지|에는|에)?(?=[\s~∼〕\])])"
    r"|(?:(?:19|20)\d{2}년\s*)?\d{1,2}월(?!\s*\d{1,2}일)(?P<particle2>부터|까지|에는|에)?(?=[\s~∼])"
    r"|(?:19|20)\d{2}년(?P<particle3>부터|까지|에는|에)(?=\s)"
)
AMOUNT_AFTER_RE = re.compile(
    r"\d[\d,.]*\s*(?:천만|천억|조|억|만|천)?(?:\s*\d[\d,.]*\s*(?:천만|억|만|천))*\s*(?P<unit>원|달러|유로|엔|명|개|곳|건|톤|가구)(?:으로|로)\s"
)
QUOTE_VERBS = ("강조", "말", "당부", "밝히", "격려", "설명", "주문", "약속", "지시", "요청")
TRIVIAL_RE = re.compile(r"다음과 같|아래와 같|별첨|붙임")


@dataclass(frozen=True, slots=True)
class Question:
    """A question and the finished sentence that answers it."""

    text: str
    answer: Draft
    kind: str
    clause_end: int = -1


def build_faq(
    analyzer: Analyzer, answers: list[Draft], finish_clause: Callable[[Draft, int], Draft | None] | None = None
) -> list[Question]:
    """Up to five questions of different kinds from different sentences, in article order.

    Args:
        analyzer: the Kiwi wrapper (it conjugates the interrogative endings).
        answers: the article's finished sentences.
        finish_clause: turns an answer's clause (ending at a morpheme index) into a finished
            sentence; when given, a question about the first clause is answered by that clause.
    """
    drafted = [q for answer in answers if _answerable(answer) for q in _questions(analyzer, answer)]
    analyzer.morphs_many([q.text for q in drafted])
    candidates = _first_well_formed(analyzer, drafted)
    chosen: list[Question] = []
    for kind, _ in BUILDERS:
        used = {q.answer.text for q in chosen}
        texts = {q.text for q in chosen}
        options = [q for q in candidates if q.kind == kind and q.answer.text not in used and q.text not in texts]
        if options:
            chosen.append(min(options, key=lambda q: abs(len(q.text) - TARGET_CHARS)))
        if len(chosen) >= MAX_QUESTIONS:
            break
    order = {a.text: i for i, a in enumerate(answers)}
    ordered = sorted(chosen, key=lambda q: order.get(q.answer.text, 0))
    return [_with_clause_answer(q, finish_clause) for q in ordered]


def _answerable(answer: Draft) -> bool:
    return (
        len(answer.text) >= MIN_ANSWER_CHARS
        and not TRIVIAL_RE.search(answer.text)
        and negation_count(answer.morphs) == 0
    )


def _questions(analyzer: Analyzer, answer: Draft) -> list[Question]:
    """Every question each builder can make from each clause, in clause order (checked later, in one batch)."""
    out = []
    clauses = answer_clauses(answer)
    for kind, builder in BUILDERS:
        for clause in clauses:
            built = builder(analyzer, answer, clause)
            if built is not None:
                out.append(Question(built[0], answer, kind, clause.end if clause.end != clause.final else -1))
    return out


def _first_well_formed(analyzer: Analyzer, drafted: list[Question]) -> list[Question]:
    """Per answer and kind, the first question (in clause order) that reads as a well-formed question."""
    out = []
    taken: set[tuple[int, str]] = set()
    for question in drafted:
        key = (id(question.answer), question.kind)
        if key not in taken and well_formed(analyzer, question.text):
            taken.add(key)
            out.append(question)
    return out


def _with_clause_answer(question: Question, finish_clause: Callable[[Draft, int], Draft | None] | None) -> Question:
    """A question about a sentence's first clause ('…이 투입되며, …') is answered by that clause alone."""
    if finish_clause is None or question.clause_end < 0 or _opens_with_connective(question.answer, question.clause_end):
        return question
    answer = finish_clause(question.answer, question.clause_end)
    if answer is None or len(answer.text) < MIN_ANSWER_CHARS:
        return question
    return Question(question.text, answer, question.kind)


def _opens_with_connective(draft: Draft, clause_end: int) -> bool:
    return any(m.tag == "EC" for m in draft.morphs[:clause_end])


# -- builders ------------------------------------------------------------------------------------


def _around(
    analyzer: Analyzer, draft: Draft, clause: AnswerClause, match_start: int, match_end: int, wh: str
) -> tuple[str, int, int] | None:
    """Replace the matched span with a question word: '[subject] wh [middle] predicate?'."""
    clause_start = draft.morphs[clause.first].start
    predicate_at = draft.morphs[predicate_start(draft, clause.end)].start
    if not clause_start <= match_start < match_end <= predicate_at:
        return None
    limit = next((i for i, m in enumerate(draft.morphs) if m.start >= match_start), len(draft.morphs))
    subject = subject_of(draft, clause, limit)
    predicate = interrogative(analyzer, draft, clause)
    if not predicate:
        return None
    after_subject = subject_end(draft, clause, limit, subject)
    pre = middle_words(draft, after_subject, match_start, PRE_MAX_CHARS) if after_subject < match_start else ""
    if pre and leans_back(draft, match_start - len(pre.split()[-1]) - 1, match_start - 1):
        pre = ""
    middle = middle_words(draft, match_end, predicate_at)
    if _drops_a_verb(draft, match_end, predicate_at, middle):
        return None
    return compose_question(subject, f"{pre} {wh}".strip(), middle, predicate), match_start, match_end


def _drops_a_verb(draft: Draft, start: int, end: int, kept: str) -> bool:
    """Whether shortening cut away a verb between the target and the predicate (the target would lose its own verb)."""
    cut_end = end - len(kept) - (1 if kept else 0) if draft.text[start:end].rstrip().endswith(kept) else end
    return any(m.tag in ("VV", "XSV", "VA", "XSA") and start <= m.start < cut_end for m in draft.morphs)


def _when(analyzer: Analyzer, draft: Draft, clause: AnswerClause) -> tuple[str, int, int] | None:
    start, end = _span(draft, clause)
    matches = list(DATE_RE.finditer(draft.text, start, end))
    for position, match in enumerate(matches):
        before = draft.text[: match.start()]
        inside = (
            before.count("(") > before.count(")")
            or before.count("〔") > before.count("〕")
            or before.count("[") > before.count("]")
        )
        if (
            inside
            or before.rstrip().endswith(("~", "∼", "부터"))
            or draft.text[match.end() : match.end() + 1] in ("~", "∼")
        ):
            continue
        span_end = match.end()
        vague = re.match(r"\s*(초|중순|하순|상순|중|말|경|께)(?=\s)", draft.text[match.end() :])
        if vague:
            span_end = match.end() + vague.end()
        particle = match.group("particle") or match.group("particle2") or match.group("particle3") or ""
        following = matches[position + 1] if position + 1 < len(matches) else None
        if particle == "부터" and following is not None and not draft.text[span_end : following.start()].strip():
            span_end, particle = following.end(), "부터"
        if modifies_noun(draft, span_end, clause):
            continue
        return _around(analyzer, draft, clause, match.start(), span_end, DATE_WH.get(particle, "언제"))
    return None


def _amount_of_subject(analyzer: Analyzer, draft: Draft, clause: AnswerClause) -> tuple[str, int, int] | None:
    """'수출액이 8억 2천만 달러로 …' → '… 수출액은 얼마였나요?'; '이용객은 1만 2천 명으로 …' → '… 이용객은 몇 명이었나요?'."""
    morphs = draft.morphs
    for index in range(clause.first, clause.end):
        if (
            morphs[index].form not in ("이", "가", "은", "는")
            or morphs[index].tag not in ("JKS", "JX")
            or morphs[index + 1].tag != "SN"
        ):
            continue
        amount = AMOUNT_AFTER_RE.match(draft.text[morphs[index + 1].start :])
        if amount is None:
            continue
        phrase = _noun_words_before(draft, index)
        unit = amount.group("unit")
        money = unit in ("원", "달러", "유로", "엔")
        if not phrase or (money and not phrase.endswith(MEASURE_NOUNS)):
            return None
        topic = "은" if (ord(phrase[-1]) - 0xAC00) % 28 else "는"
        past = any(m.tag == "EP" and m.form == PAST for m in morphs[index : clause.final + 1])
        wh = "얼마" if money else f"몇 {unit}"
        final_consonant = (ord(wh[-1]) - 0xAC00) % 28 != 0
        copula = ("이었나요" if final_consonant else "였나요") if past else "인가요"
        return f"{phrase}{topic} {wh}{copula}?", morphs[index + 1].start, morphs[index + 1].end
    return None


def _noun_words_before(draft: Draft, particle: int) -> str:
    """The bare noun words (no particles, at most four) right before a subject particle."""
    words = draft.text[: draft.morphs[particle].start].split(" ")
    kept: list[str] = []
    for word in reversed(words):
        if not word or (re.search(r"(은|는|이|가|을|를|에|에서|의|로|와|과|고|며|,)$", word) and kept):
            break
        kept.insert(0, word)
        if len(kept) >= SUBJECT_MAX_WORDS:
            break
    phrase = " ".join(kept).strip()
    return phrase if phrase and balanced(phrase) and "가" <= phrase[-1] <= "힣" else ""


def _how_much(analyzer: Analyzer, draft: Draft, clause: AnswerClause) -> tuple[str, int, int] | None:
    start, end = _span(draft, clause)
    matches = list(MONEY_RE.finditer(draft.text, start, end))
    if len(matches) != 1:
        return None
    match = matches[0]
    before = draft.text[: match.start()]
    if before.count("(") > before.count(")") or (not match.group("aeochi") and not match.group("particle")):
        return None
    particle = match.group("particle") or ""
    if (match.group("aeochi") and particle) or (not match.group("aeochi") and particle not in AMOUNT_WH):
        return None
    wh = "얼마어치" if match.group("aeochi") else AMOUNT_WH[particle]
    return _around(analyzer, draft, clause, match.start(), match.end(), wh)


def _how_many(analyzer: Analyzer, draft: Draft, clause: AnswerClause) -> tuple[str, int, int] | None:
    start, end = _span(draft, clause)
    matches = list(COUNT_RE.finditer(draft.text, start, end))
    if len(matches) != 1 or re.search(r"\d", draft.text[matches[0].end() : end]):
        return None
    match = matches[0]
    unit = match.group("unit") or match.group("unit2")
    particle = match.group("particle") or match.group("particle2") or ""
    before = draft.text[: match.start()]
    if not particle or before.count("(") > before.count(")"):
        return None
    return _around(analyzer, draft, clause, match.start(), match.end(), f"몇 {unit}{particle}")


def _why(analyzer: Analyzer, draft: Draft, clause: AnswerClause) -> tuple[str, int, int] | None:
    start, end = _span(draft, clause)
    match = REASON_RE.search(draft.text, start, end)
    if not match:
        return None
    topic = topic_end(draft, len(draft.morphs))
    if topic is None or draft.morphs[topic].form not in ("은", "는") or draft.morphs[topic].end > match.start():
        return None
    subject = tidy_subject(draft.text[draft.morphs[clause.first].start : draft.morphs[topic].end])
    predicate = interrogative(analyzer, draft, clause)
    predicate_at = draft.morphs[predicate_start(draft, clause.end)].start
    middle = middle_words(draft, match.end(), predicate_at)
    if not subject or not predicate or not middle:
        return None
    return compose_question(subject, "왜", middle, predicate), match.start(), match.end()


def _where(analyzer: Analyzer, draft: Draft, clause: AnswerClause) -> tuple[str, int, int] | None:
    """'검진은 전국 군 병원 15곳에서 실시' → '검진은 어디에서 실시하나요?' (a place the predicate happens at)."""
    for index in range(clause.first + 1, clause.end):
        particle = draft.morphs[index]
        if particle.tag != "JKB" or particle.form != "에서" or modifies_noun(draft, particle.end, clause):
            continue
        start = _bare_phrase_start(draft, index)
        place = draft.text[draft.morphs[start].start : particle.start]
        if not re.search(
            r"\d+\s?곳$|[가-힣]{2,}(?:시|군|구|도|청사|센터|병원|학교|공항|항|역|현장|본부|일대|지역|매장|부대)$", place
        ):
            continue
        return _around(analyzer, draft, clause, draft.morphs[start].start, particle.end, "어디에서")
    return None


def _bare_phrase_start(draft: Draft, particle: int) -> int:
    """First morpheme of the particle-less noun words (at most four) right before a particle."""
    start = word_start(draft, particle)
    for _ in range(3):
        if start == 0:
            break
        previous = word_start(draft, start - 1)
        if any(
            m.tag.startswith(("J", "E", "V", "X")) and m.tag not in ("XSN", "XPN") for m in draft.morphs[previous:start]
        ):
            break
        start = previous
    return start


def _what_said(analyzer: Analyzer, draft: Draft, clause: AnswerClause) -> tuple[str, int, int] | None:
    if clause.end != clause.final or ("“" not in draft.text and '"' not in draft.text):
        return None
    verb_start = word_start(draft, clause.end)
    verb = draft.morphs[verb_start]
    if not any(verb.form.startswith(v) or verb.lemma.startswith(v) for v in QUOTE_VERBS):
        return None
    first_quote = min(i for i in (draft.text.find("“"), draft.text.find('"')) if i >= 0)
    topic = topic_end(draft, len(draft.morphs))
    if topic is None or draft.morphs[topic].start > first_quote:
        return None
    subject = tidy_subject(draft.text[: draft.morphs[topic].end])
    listener = re.search(r"(\S+(?:에게|께))\s*$", draft.text[:first_quote])
    wh = f"{listener.group(1)} 무엇을" if listener else "무엇을"
    predicate = interrogative(analyzer, draft, clause)
    return (
        (compose_question(subject, wh, "", predicate), first_quote, len(draft.text)) if subject and predicate else None
    )


def _what(analyzer: Analyzer, draft: Draft, clause: AnswerClause) -> tuple[str, int, int] | None:
    """'국방부는 … 사업을 추진한다고 밝혔다' → '국방부는 무엇을 추진하나요?' (an act the topic performs)."""
    predicate_first = predicate_start(draft, clause.end)
    if predicate_first < 1 or draft.morphs[predicate_first - 1].tag != "JKO":
        return None
    head = draft.morphs[predicate_first]
    if head.tag != "NNG" or head.form not in WHAT_VERBS:
        return None
    topic = topic_end(draft, predicate_first)
    if topic is None or draft.morphs[topic].form not in ("은", "는") or topic < clause.first:
        return None
    subject = tidy_subject(draft.text[draft.morphs[clause.first].start : draft.morphs[topic].end])
    predicate = interrogative(analyzer, draft, clause)
    if not subject or not predicate:
        return None
    return (
        compose_question(subject, "무엇을", "", predicate),
        draft.morphs[topic].end,
        draft.morphs[predicate_first - 1].end,
    )


def _span(draft: Draft, clause: AnswerClause) -> tuple[int, int]:
    return draft.morphs[clause.first].start, draft.morphs[clause.end].end


Builder = Callable[[Analyzer, Draft, AnswerClause], tuple[str, int, int] | None]
BUILDERS: list[tuple[str, Builder]] = [
    ("when", _when),
    ("amount", _amount_of_subject),
    ("money", _how_much),
    ("why", _why),
    ("count", _how_many),
    ("where", _where),
    ("what", _what),
]
