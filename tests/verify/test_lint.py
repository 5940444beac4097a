"""The publishability lint: finds each defect it names, and finds none in the articles haesol writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from haesol.errors import HaesolError
from haesol.models import (
    Analysis,
    Article,
    Attribution,
    FaqItem,
    Line,
    PartName,
    Section,
)
from haesol.pipeline import WriteOptions, parse, write
from haesol.verify.lint import LintCode, lint_article, rewritten_regions, too_long

ARTICLE_DATE = dt.date(2026, 11, 26)
EXAMPLE_NAMES = ["mnd_barracks_heating.txt", "mof_seafood_exports.txt", "korea_kr_page.html"]
STYLES = ["news", "polite"]


def _article(
    body: list[str], style: str = "news", faq: list[tuple[str, str]] | None = None, lead: list[str] | None = None
) -> Article:
    lines = tuple(Line(text, PartName.BODY, ("b1.s1",)) for text in body)
    items = tuple(
        FaqItem(Line(q, PartName.FAQ_QUESTION), Line(a, PartName.FAQ_ANSWER, ("b1.s1",))) for q, a in (faq or [])
    )
    return Article(
        headline=Line("시험 기사", PartName.HEADLINE, ("title",)),
        lead=tuple(Line(text, PartName.LEAD, ("b1.s1",)) for text in (lead or [])),
        sections=(Section(Line("세부 내용", PartName.LABEL), (lines,) if lines else ()),),
        key_points=(),
        fact_rows=(),
        faq=items,
        contact=(),
        source=(),
        attribution=Attribution("국방부", "시험", "", "", "", None),
        style=style,
    )


def _codes(article: Article) -> list[LintCode]:
    return [finding.code for finding in lint_article(article)]


@pytest.mark.parametrize(
    ("text", "style", "code"),
    [
        pytest.param("국방부는 사업을 추진함", "news", LintCode.NO_FINAL_ENDING, id="nominal-ending"),
        pytest.param("국방부는 노후 설비 교체 추진.", "news", LintCode.NO_FINAL_ENDING, id="bare-noun"),
        pytest.param("국방부는 사업을 추진한다", "news", LintCode.NO_PUNCTUATION, id="no-period"),
        pytest.param("□ 국방부는 사업을 추진한다.", "news", LintCode.MARKER, id="square-marker"),
        pytest.param("ㅇ 이번 사업에는 320억 원이 투입된다.", "news", LintCode.MARKER, id="o-marker"),
        pytest.param("※ 세부 일정은 추후 공지한다.", "news", LintCode.MARKER, id="note-marker"),
        pytest.param("국방부는 사업을 추진합니다.", "news", LintCode.MIXED_REGISTER, id="polite-in-news"),
        pytest.param("국방부는 사업을 추진한다.", "polite", LintCode.MIXED_REGISTER, id="news-in-polite"),
        pytest.param(
            "국방부는 " + "접경지역 부대의 노후 생활관 난방설비를 " * 6 + "교체한다.",
            "news",
            LintCode.TOO_LONG,
            id="too-long",
        ),
    ],
)
def test_each_defect_is_found(text: str, style: str, code: LintCode) -> None:
    assert code in _codes(_article([text], style))


def test_clean_sentences_pass() -> None:
    article = _article(
        ["국방부는 11월 2일부터 사업을 추진한다고 밝혔다.", "검진 비용은 전액 국비로 지원할 예정이다(2026년)."]
    )
    assert lint_article(article) == []


def test_one_register_per_article() -> None:
    codes = _codes(_article(["국방부는 사업을 추진한다.", "이번 사업에는 320억 원이 투입됩니다."]))
    assert codes.count(LintCode.MIXED_REGISTER) == 1


def test_repeated_sentence() -> None:
    sentence = "국방부는 사업을 추진한다."
    assert LintCode.REPEATED in _codes(_article([sentence, sentence]))


def test_faq_answers_that_replay_the_body() -> None:
    body = ["국방부는 사업을 추진한다.", "이번 사업에는 320억 원이 투입된다."]
    faq = [("국방부는 무엇을 추진하나요?", body[0]), ("이번 사업에는 얼마가 투입되나요?", body[1])]
    article = _article([], faq=faq, lead=None)
    article = Article(
        **{
            **{f: getattr(article, f) for f in article.__dataclass_fields__},
            "sections": tuple(
                Section(Line("세부 내용", PartName.LABEL), ((Line(text, PartName.BODY, ("b1.s1",)),),)) for text in body
            ),
        }
    )
    assert LintCode.FAQ_MIRRORS_BODY in _codes(article)


def test_a_long_verbatim_quote_is_no_long_sentence() -> None:
    quote = "“" + "현장의 목소리를 끝까지 듣고 정책에 담아 국민이 체감하는 변화를 만들겠다 " * 2 + "”"
    assert not too_long(f"장관은 {quote}라고 말했다.")
    assert too_long(
        f"장관은 11월 2일 접경지역 부대 여러 곳을 차례로 방문하여 장병들과 간담회를 열고 {quote}라고 말했다."
    )


def test_rewritten_regions_are_what_differs_from_the_source() -> None:
    regions = rewritten_regions("이번 사업에는 320억 원이 투입되며,", "이번 사업에는 320억 원이 투입된다.")
    assert regions and all(start >= len("이번 사업에는 320억 원이 투입") for start, _ in regions)


def test_spacing_is_checked_only_where_we_wrote(heating_analysis: Analysis) -> None:
    source = heating_analysis.sentence("b2.s1").text
    ours = Line(source.replace("투입되며", "투입되며") + "", PartName.BODY, ("b2.s1",))
    glued = Line(source.replace("320억 원이 투입되며", "320억 원이투입되며"), PartName.BODY, ("b2.s1",))
    assert not [f for f in lint_article(_replace_body(ours), heating_analysis) if f.code is LintCode.SPACING]
    assert [f for f in lint_article(_replace_body(glued), heating_analysis) if f.code is LintCode.SPACING]


def _replace_body(line: Line) -> Article:
    article = _article([])
    fields = {f: getattr(article, f) for f in article.__dataclass_fields__}
    fields["sections"] = (Section(Line("세부 내용", PartName.LABEL), ((line,),)),)
    return Article(**fields)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_are_publishable(examples: Path, name: str, style: str) -> None:
    result = write(str(examples / name), WriteOptions(style=style, article_date=ARTICLE_DATE))
    findings = lint_article(result.article, result.analysis)
    assert findings == [], "\n".join(f"{f.code}: {f.text} ({f.detail})" for f in findings)
    assert not result.report.rejected, [c.text for c in result.report.rejected]


def _sample_paths() -> list[Path]:
    from tests.helpers.paths import SAMPLES

    if not SAMPLES.is_dir():
        return []
    return sorted(p for p in SAMPLES.glob("*/*") if p.suffix in (".hwp", ".hwpx", ".pdf"))


@pytest.mark.parametrize("path", _sample_paths(), ids=lambda p: p.name)
def test_samples_are_publishable(samples: Path, path: Path) -> None:
    try:
        release = parse(str(path))
    except HaesolError:
        pytest.skip(f"{path.name} produces no article")
    for style in STYLES:
        try:
            result = write(release, WriteOptions(style=style, article_date=ARTICLE_DATE))
        except HaesolError:
            pytest.skip(f"{path.name} produces no article")
        findings = lint_article(result.article, result.analysis)
        assert findings == [], "\n".join(f"{f.code}: {f.text} ({f.detail})" for f in findings)
