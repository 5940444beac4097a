"""FAQ questions a reader would ask: natural interrogatives with a question word, each answered by its sentence."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from haesol.analyze.kiwi import get_analyzer
from haesol.compose.draft import Draft
from haesol.compose.faq import build_faq
from haesol.compose.prose import ProseWriter
from haesol.pipeline import WriteOptions, WriteResult, write
from haesol.verify.checker import Checker, Claim

EXAMPLE_NAMES = ["mnd_barracks_heating.txt", "mof_seafood_exports.txt", "korea_kr_page.html"]
QUESTION_WORDS_RE = re.compile(r"언제|얼마|몇|왜|어디|무엇|누가|어떤")
RELEASE_DATE = dt.date(2026, 10, 8)


@pytest.fixture(
    scope="module", params=[(name, style) for name in EXAMPLE_NAMES for style in ("news", "polite")], ids=str
)
def result(request: pytest.FixtureRequest, examples: Path) -> WriteResult:
    name, style = request.param
    return write(str(examples / name), WriteOptions(style=style, article_date=dt.date(2026, 11, 26)))


def test_questions_are_well_formed(result: WriteResult) -> None:
    analyzer = get_analyzer()
    for item in result.article.faq:
        question = item.question.text
        assert question.endswith("요?"), question
        assert QUESTION_WORDS_RE.search(question), f"no question word (a yes/no question?): {question}"
        assert analyzer.morphs(question)[-2].tag == "EF", question
        assert len(question) <= 60, question


def test_no_duplicate_questions_or_answers(result: WriteResult) -> None:
    questions = [item.question.text for item in result.article.faq]
    answers = [item.answer.text for item in result.article.faq]
    assert len(set(questions)) == len(questions)
    assert len(set(answers)) == len(answers)


def test_answers_are_checked_sentences_in_the_register(result: WriteResult) -> None:
    checker = Checker(result.analysis)
    for item in result.article.faq:
        check = checker.check(Claim(item.answer.text, "faq_answer", item.answer.sources))
        assert check.verdict.value == "supported", check
        assert item.answer.text.endswith("니다." if result.article.style == "polite" else ("다.", "다”.")), (
            item.answer.text
        )


def test_heating_questions(examples: Path) -> None:
    result = write(str(examples / "mnd_barracks_heating.txt"), WriteOptions(article_date=dt.date(2026, 11, 26)))
    pairs = {item.question.text: item.answer.text for item in result.article.faq}
    lead = {line.text for line in result.article.lead}
    assert not lead & set(pairs.values())  # the FAQ never repeats the lead
    assert "국방부는 왜 이번 사업을 마련했나요?" in pairs
    assert any(q.startswith("교체 작업은 언제까지") for q in pairs)


def _answers(*texts: str) -> list[Draft]:
    analyzer = get_analyzer()
    return [Draft(text, analyzer.morphs(text), (f"b{i}.s1",)) for i, text in enumerate(texts, 1)]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        pytest.param("검진은 전국 군 병원 15곳에서 실시할 예정이다.", "검진은 어디에서 실시할 예정인가요?", id="where"),
        pytest.param(
            "수출 상담회에는 해외 구매자 340명이 참여했다.",
            "수출 상담회에는 해외 구매자 몇 명이 참여했나요?",
            id="how-many",
        ),
        pytest.param("김 수출액은 3억 1천만 달러로 역대 최고였다.", "김 수출액은 얼마였나요?", id="amount"),
        pytest.param(
            "국방부는 11월 2일부터 생활관 난방설비를 교체한다.",
            "국방부는 언제부터 생활관 난방설비를 교체하나요?",
            id="when",
        ),
    ],
)
def test_question_kinds(sentence: str, question: str) -> None:
    questions = [q.text for q in build_faq(get_analyzer(), _answers(sentence))]
    assert question in questions


def test_a_date_of_a_modifier_is_not_asked_about() -> None:
    questions = [
        q.text for q in build_faq(get_analyzer(), _answers("국방부는 7월 실시한 설문 결과를 바탕으로 사업을 마련했다."))
    ]
    assert not any(q.startswith("국방부는 언제") for q in questions), questions


def test_a_clause_question_is_answered_by_its_clause() -> None:
    analyzer = get_analyzer()
    writer = ProseWriter(analyzer, "polite", RELEASE_DATE, RELEASE_DATE)
    answers = _answers("이번 사업에는 총 320억 원이 투입되며, 6개 군 지역 부대가 대상입니다.")
    faq = build_faq(analyzer, answers, writer.finish_clause)
    assert [(q.text, q.answer.text) for q in faq] == [
        ("이번 사업에는 얼마가 투입되나요?", "이번 사업에는 총 320억 원이 투입됩니다.")
    ]


def test_trivial_sentences_give_no_questions() -> None:
    assert build_faq(get_analyzer(), _answers("4대 핵심 전략 및 주요 과제는 다음과 같다.")) == []
