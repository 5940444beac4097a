"""Tests for the HTML parser: korea.kr view pages, news articles, encodings, rules and hostile pages."""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from haesol.errors import (
    DecodeError,
    EmptyInputError,
    HaesolError,
    NoBodyError,
    ParseError,
)
from haesol.models import RawDocument, RawParagraph, RawTable, Table
from haesol.parse.html import HtmlParser
from haesol.parse.html.decode import decode_html
from haesol.parse.html.dom import load_tree
from haesol.parse.html.korea import kogl_marker, normalise_korea_url
from haesol.parse.html.rules import (
    boilerplate_reason,
    clean_line,
    is_byline,
    is_caption_line,
    split_byline,
)
from haesol.parse.sniff import detect_format

DATA = Path(__file__).resolve().parents[1] / "data" / "html"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "korea_kr_page.html"
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
FIXTURES = ("korea_kr_press", "korea_kr_docviewer", "korea_kr_policy_news", "news_article", "news_euckr", "no_article")
KOREA_HEAD = (
    '<html><head><link rel="canonical" href="https://www.korea.kr/briefing/pressReleaseView.do?newsId=156000001">'
    "</head><body><div class='view_title'><h1>시험 보도자료</h1></div><div class='view_cont'>{body}</div>"
    "</body></html>"
)


def parse(data: bytes, source: str = "test.html") -> RawDocument:
    return HtmlParser().parse(data, source)


def parse_fixture(name: str) -> RawDocument:
    return parse((DATA / f"{name}.html").read_bytes(), f"{name}.html")


def story(doc: RawDocument) -> list[str]:
    return [i.text for i in doc.items if isinstance(i, RawParagraph) and not i.is_caption]


def captions(doc: RawDocument) -> list[str]:
    return [i.text for i in doc.items if isinstance(i, RawParagraph) and i.is_caption]


def tables(doc: RawDocument) -> list[Table]:
    return [i.table for i in doc.items if isinstance(i, RawTable)]


def all_text(doc: RawDocument) -> str:
    parts = [i.text for i in doc.items if isinstance(i, RawParagraph)]
    parts += [c.text for t in tables(doc) for row in t.rows for c in row]
    return "\n".join(parts)


def korea_page(body: str) -> bytes:
    return KOREA_HEAD.format(body=body).encode()


def news_page(article: str, head: str = "") -> bytes:
    return (
        f"<html><head><meta charset='utf-8'>{head}</head><body><nav><a href='/'>홈</a> <a href='/a'>정치</a></nav>"
        f"<article><h1>시험 기사 제목입니다</h1><div class='article-body'>{article}</div></article>"
        "<footer>Copyright © 2026 시험일보. All rights reserved.</footer></body></html>"
    ).encode()


STORY = (
    "<p>행정안전부는 9일 지방자치단체 30곳과 함께 재난 문자 발송 체계를 점검했다고 밝혔다.</p>"
    "<p>이번 점검은 집중호우 이후 문자 발송이 늦어졌다는 지적에 따라 이뤄졌으며, 발송 승인 단계를 줄이는 방안이 논의됐다.</p>"
    "<p>행정안전부 관계자는 “주민이 위험을 가장 먼저 알 수 있도록 체계를 계속 다듬겠다”고 말했다.</p>"
)


# ---------------------------------------------------------------------------
# korea.kr press-release view page
# ---------------------------------------------------------------------------


def test_korea_meta_comes_from_the_page_layout_and_head() -> None:
    meta = parse_fixture("korea_kr_press").meta
    assert meta.title == "연안 여객선 야간 운항 합동 점검 결과 발표"
    assert meta.subtitle.split("\n") == [
        "- 8월 4일부터 9월 5일까지 전국 42개 항로 점검, 개선 권고 17건 -",
        "- 야간 조명·구명설비 보강 예산 38억 원 내년 반영 추진 -",
    ]
    assert meta.agency == "해양수산부"
    assert meta.published == "2026-09-07T11:20:05+09:00"
    assert meta.url == "https://www.korea.kr/briefing/pressReleaseView.do?newsId=156712345"
    assert meta.news_id == "156712345"
    assert meta.kogl_type == 1
    assert "open_type01" in meta.kogl_evidence
    assert meta.site == "korea.kr"


def test_korea_title_is_not_the_double_escaped_og_title() -> None:
    title = parse_fixture("korea_kr_press").meta.title
    assert "&" not in title and "정책브리핑" not in title and "개선 권고" not in title


def test_korea_body_keeps_markers_indents_and_order() -> None:
    doc = parse_fixture("korea_kr_press")
    expected = [
        "- 8월 4일부터",
        "- 야간 조명",
        "□ 해양수산부(장관",
        " ㅇ 이번 점검은",
        "   - 선박 설비",
        "   - 운항 관리",
        "     * 합동점검반",
        "□ 점검 결과,",
        " ㅇ 유형별로는",
        "  ※ 지적 사항은",
        "<항로 권역별 점검 결과>",
        "TABLE:6",
        "□ 해양수산부는 이번",
        " ㅇ 아울러",
        "□ 박○○ 해양수산부",
        "붙임 : 1.",
        "TABLE:2",
    ]
    shapes = [f"TABLE:{len(i.table.rows)}" if isinstance(i, RawTable) else i.text for i in doc.items]
    assert len(shapes) == len(expected)
    for shape, prefix in zip(shapes, expected, strict=True):
        assert shape.startswith(prefix), (shape, prefix)
    assert all(not i.marker for i in doc.items if isinstance(i, RawParagraph))


def test_korea_br_lines_become_separate_paragraphs() -> None:
    texts = story(parse_fixture("korea_kr_press"))
    assert any(t.startswith("□ 점검 결과") and t.endswith("확인되었다.") for t in texts)
    assert (
        " ㅇ 유형별로는 야간 조명 미흡이 7건으로 가장 많았고, 구명설비 관리 미흡 6건, 승객 안내 미흡 4건 순이었다."
        in texts
    )


def test_korea_tables_keep_spans_and_caption() -> None:
    results, contacts = tables(parse_fixture("korea_kr_press"))
    assert results.caption == "항로 권역별 점검 결과"
    header = results.rows[0]
    assert [(c.text, c.row_span, c.col_span) for c in header] == [
        ("권역", 2, 1),
        ("점검 항로", 2, 1),
        ("점검 결과", 1, 2),
    ]
    assert results.grid()[-1] == ["합계", "42", "25", "17"]
    assert contacts.rows[0][1].text == "해사안전국\n해사안전정책과"
    assert contacts.rows[0][1].row_span == 2


def test_korea_boilerplate_is_gone_and_recorded() -> None:
    doc = parse_fixture("korea_kr_press")
    text = all_text(doc)
    for phrase in (
        "전재하여",
        "공공누리",
        "공유하기",
        "본문듣기",
        "바로보기",
        "내려받기",
        "저작권정책",
        "담당자안내",
        "운영원칙",
        "댓글",
        "인기뉴스",
        "추석 연휴",
        "익명1",
        "Copyright",
    ):
        assert phrase not in text, phrase
    reasons = " ".join(d.reason for d in doc.dropped)
    for reason in ("reprint notice", "KOGL footer", "comments", "popular news", "page widget", "attachment list"):
        assert reason in reasons, reason


def test_docviewer_only_page_raises_and_names_the_attachments() -> None:
    with pytest.raises(NoBodyError) as info:
        parse_fixture("korea_kr_docviewer")
    message = str(info.value)
    assert "본문이 첨부파일에만 있습니다: 260908(조간) 하반기 청렴 교육 추진 계획.hwpx" in message
    assert message.index(".hwpx") < message.index(".pdf")
    assert "haesol write" in message


def test_docviewer_without_attachment_names_still_explains() -> None:
    frame = '<iframe id="content_press" src="/docViewer/iframe_skin/doc.html?fn=1"></iframe>'
    page = korea_page(
        f'<div class="docConversion">{frame}'
        "</div><p class='remark'>“이 자료는 교육부의 보도자료를 전재하여 제공함을 알려드립니다.”</p>"
    )
    with pytest.raises(NoBodyError, match="docViewer"):
        parse(page)


def test_policy_news_page_reads_kogl_type_4_and_its_caption() -> None:
    doc = parse_fixture("korea_kr_policy_news")
    meta = doc.meta
    assert meta.kogl_type == 4
    assert meta.url == "https://www.korea.kr/news/policyNewsView.do?newsId=148912345"
    assert (meta.title, meta.subtitle) == (
        "국립공원 가을 탐방로 12곳 새로 연다",
        "9월 20일부터 개방…예약제 탐방로 4곳은 하루 300명으로 제한",
    )
    assert (meta.agency, meta.published[:10]) == ("기후에너지환경부", "2026-09-10")
    assert captions(doc) == [
        "지난해 10월 설악산국립공원 대청봉 능선에서 탐방객들이 단풍길을 걷고 있다. (사진=국립공원공단)"
    ]
    assert not any("대청봉" in t or "기자" in t for t in story(doc))
    assert any(d.reason.endswith("(byline)") for d in doc.dropped)


def test_bundled_example_page_parses() -> None:
    doc = parse(EXAMPLE.read_bytes(), "examples/korea_kr_page.html")
    assert doc.meta.title == "농어촌 마을버스 수요응답형 운행 시범사업 20개 군으로 확대"
    assert (doc.meta.kogl_type, doc.meta.news_id, doc.meta.agency) == (1, "156734567", "국토교통부")
    assert len(tables(doc)) == 2 and story(doc)[2].startswith("□ 국토교통부(장관")
    assert "전재" not in all_text(doc)


def test_korea_page_found_by_layout_without_address() -> None:
    page = (
        "<html><head><title>시험 | 정책브리핑</title></head><body><div class='article_head'><h1>레이아웃 제목</h1>"
        "<div class='info'><span>2026.09.01</span><span>교육부</span></div></div>"
        "<div class='article_body'><p>□ 교육부는 시험 문장을 발표했다.</p></div></body></html>"
    ).encode()
    doc = parse(page)
    assert (doc.meta.site, doc.meta.title, doc.meta.agency, doc.meta.published) == (
        "korea.kr",
        "레이아웃 제목",
        "교육부",
        "2026-09-01",
    )
    assert doc.meta.kogl_type is None and doc.meta.kogl_evidence == ""


def test_korea_page_with_unknown_layout_falls_back_to_trafilatura() -> None:
    page = (
        "<html><head><meta property='og:site_name' content='대한민국 정책브리핑'>"
        "<meta property='og:title' content='모바일 보도자료 제목 | 정책브리핑'>"
        "<link rel='canonical' href='https://m.korea.kr/briefing/pressReleaseView.do?newsId=156000077'></head>"
        "<body><div class='m_article'><h2>모바일 보도자료 제목</h2><div class='m_txt'>"
        "<p>□ 교육부는 모바일 화면에서도 본문이 보이도록 시험 문장을 길게 작성했다고 밝혔다.</p>"
        "<p>ㅇ 두 번째 문장도 충분히 길게 써서 추출기가 본문으로 판단하도록 했다.</p></div></div>"
        "<div class='m_footer'><img src='/images/open_type01.png' alt='공공누리 제1유형'></div></body></html>"
    )
    doc = parse(page.encode())
    assert (doc.meta.site, doc.meta.title, doc.meta.kogl_type) == ("korea.kr", "모바일 보도자료 제목", 1)
    assert doc.meta.url == "https://www.korea.kr/briefing/pressReleaseView.do?newsId=156000077"
    assert story(doc)[0].startswith("□ 교육부는")


def test_news_site_with_similar_class_names_is_not_korea_kr() -> None:
    page = (
        "<html><head><meta property='og:site_name' content='시험일보'></head><body>"
        f"<div class='article_head'><h1>시험 기사 제목입니다</h1></div><div class='article_body'>{STORY}</div>"
        "</body></html>"
    )
    doc = parse(page.encode())
    assert doc.meta.site == "시험일보" and len(story(doc)) == 3


def test_korea_list_page_is_refused() -> None:
    page = (
        "<html><head><link rel='canonical' href='https://www.korea.kr/briefing/pressReleaseList.do?pageIndex=2'>"
        "</head><body><div class='list_type'><ul><li><a href='/briefing/pressReleaseView.do?newsId=156000002'>"
        "<span class='text'><strong>제목</strong></span></a></li></ul></div></body></html>"
    ).encode()
    with pytest.raises(NoBodyError, match="목록 페이지"):
        parse(page)


def test_korea_body_lists_figures_and_widgets() -> None:
    body = (
        "<ul><li>첫째 항목</li><li>□ 적힌 기호</li></ul><ol start='3'><li>셋째</li></ol>"
        "<figure><img src='a.jpg' alt='x'><figcaption>[사진] 점검 현장</figcaption></figure>"
        "<div class='sns_share'>페이스북 트위터</div><p>▲야간 조명 ▲구명설비</p><p>(사진=해양수산부)</p>"
    )
    doc = parse(korea_page(body))
    items = [i for i in doc.items if isinstance(i, RawParagraph)]
    assert [(i.marker, i.level) for i in items[:3]] == [("•", 1), ("", 1), ("3.", 1)]
    assert captions(doc) == ["[사진] 점검 현장", "(사진=해양수산부)"]
    assert "▲야간 조명 ▲구명설비" in story(doc)
    assert "페이스북" not in all_text(doc)


# ---------------------------------------------------------------------------
# news article pages
# ---------------------------------------------------------------------------


def test_news_meta() -> None:
    meta = parse_fixture("news_article").meta
    assert meta.title == "외교장관, 뉴질랜드 외교장관과 통화…“공급망·기후 협력 강화”"
    assert meta.subtitle == "핵심광물 공급망 점검 실무협의 연내 개최 합의"
    assert meta.site == "한빛일보"
    assert meta.published == "2026-09-08T14:21:00+09:00"
    assert meta.url == "https://www.hanbit-ilbo.example/news/articleView.html?idxno=402117"
    assert (meta.news_id, meta.kogl_type, meta.agency) == ("", None, "")


def test_news_story_in_order_with_byline_cut() -> None:
    texts = story(parse_fixture("news_article"))
    assert [t[:8] for t in texts] == [
        "외교부 장관이 ",
        "두 장관은 올해",
        "외교부 장관은 ",
        "뉴질랜드 외교장",
        "두 장관은 이와",
    ]


def test_news_caption_is_only_a_caption() -> None:
    doc = parse_fixture("news_article")
    assert captions(doc) == [
        "해군 장병들이 8일 경남 창원 진해 군항 인근 해상에서 야간 기동 훈련을 하고 있다. (해군 제공) 2026.9.8 (ⓒ한빛뉴스)"
    ]
    body = "\n".join(story(doc)) + "\n".join(c.text for t in tables(doc) for r in t.rows for c in r)
    for word in ("해군", "장병", "진해", "훈련", "기동", "ⓒ"):
        assert word not in body, word
    kinds = ["caption" if isinstance(i, RawParagraph) and i.is_caption else "other" for i in doc.items]
    assert kinds.index("caption") == 1


def test_news_page_chrome_is_gone() -> None:
    doc = parse_fixture("news_article")
    text = all_text(doc)
    for phrase in (
        "관련기사",
        "태평양 도서국",
        "많이 본 뉴스",
        "귀성길",
        "구독",
        "파란하늘",
        "여의도",
        "무단",
        "저작권자",
        "@",
        "김민준",
        "[서울=",
        "정치",
        "로그인",
        "페이스북",
    ):
        assert phrase not in text, phrase
    reasons = {d.reason for d in doc.dropped}
    assert {"기자 이름·이메일 (byline)", "저작권 고지 (copyright notice)"} <= reasons


def test_news_table_comes_from_the_dom_with_spans() -> None:
    (table,) = tables(parse_fixture("news_article"))
    assert table.caption == "한-뉴질랜드 교역 규모 (단위: 억 달러)"
    assert [(c.text, c.row_span, c.col_span) for c in table.rows[0]] == [("연도", 2, 1), ("교역액", 1, 2)]
    assert table.grid()[2] == ["2024", "31.2", "27.5"]


def test_euc_kr_news_page() -> None:
    doc = parse_fixture("news_euckr")
    assert doc.meta.title == "가람시, 시립도서관 3곳 평일 밤 10시까지 연장 운영"
    assert (doc.meta.site, doc.meta.published) == ("가람신문", "2026-09-09T10:30:00")
    assert captions(doc) == [
        "▲ 지난 3일 가람시청 광장에서 열린 사랑의 헌혈 캠페인에 참여한 시민들이 기념 촬영을 하고 있다. (사진=가람시)"
    ]
    texts = story(doc)
    assert texts[0].startswith("가람시는 이달 15일부터") and len(texts) == 4
    for word in ("헌혈", "캠페인", "광장", "박서연", "psy@", "무단", "작은도서관", "많이 본", "HOME"):
        assert word not in "\n".join(texts), word


def test_caption_beside_an_image_without_markup() -> None:
    article = (
        "<div><img src='p.jpg' alt='해군 함정 야간 항해 모습'><p>해군 함정이 야간 항해를 하고 있다</p></div>" + STORY
    )
    doc = parse(news_page(article))
    assert captions(doc) == ["해군 함정이 야간 항해를 하고 있다"]
    assert not any("함정" in t for t in story(doc))


def test_image_alt_repeating_the_headline_does_not_make_captions() -> None:
    head = "<meta property='og:title' content='행정안전부, 지자체와 재난 문자 발송 체계 점검'>"
    article = "<img src='t.jpg' alt='행정안전부, 지자체와 재난 문자 발송 체계 점검'>" + STORY
    doc = parse(news_page(article, head))
    assert captions(doc) == [] and story(doc)[0].startswith("행정안전부는 9일")


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("(사진=행정안전부)", id="credit-line"),
        pytest.param("▲ 9일 정부세종청사에서 점검 회의가 열리고 있다.", id="triangle-scene"),
        pytest.param("[사진] 재난 문자 발송 시연", id="bracket-photo"),
    ],
)
def test_caption_lines_in_news_text(line: str) -> None:
    doc = parse(news_page(STORY + f"<p>{line}</p>"))
    assert captions(doc) == [line]
    assert line not in story(doc)


# ---------------------------------------------------------------------------
# pages without an article
# ---------------------------------------------------------------------------


def test_login_page_has_no_body() -> None:
    with pytest.raises(NoBodyError, match="로그인"):
        parse_fixture("no_article")


def test_index_page_has_no_body() -> None:
    links = "".join(f"<li><a href='/news/{n}'>오늘의 주요 소식 {n}번째 제목</a></li>" for n in range(30))
    page = f"<html><body><nav>메뉴</nav><main><h1>최신 뉴스</h1><ul class='list'>{links}</ul></main></body></html>"
    with pytest.raises(NoBodyError, match="본문"):
        parse(page.encode())


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"<html><body></body></html>", id="empty-body"),
        pytest.param(b"<!-- nothing -->", id="comment-only"),
        pytest.param(b"<html><body><script>var a = 1;</script></body></html>", id="script-only"),
    ],
)
def test_empty_pages_have_no_body(data: bytes) -> None:
    with pytest.raises(NoBodyError):
        parse(data)


@pytest.mark.parametrize("data", [b"", b" \n\t "], ids=["empty", "blank"])
def test_blank_input_is_empty(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        parse(data)


# ---------------------------------------------------------------------------
# decoding
# ---------------------------------------------------------------------------

KOREAN = "<html><head>{meta}</head><body><p>공공기관 보도자료 본문입니다</p></body></html>"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"\xef\xbb\xbf" + KOREAN.format(meta="").encode(), "보도자료", id="utf8-bom"),
        pytest.param(KOREAN.format(meta='<meta charset="euc-kr">').encode("cp949"), "보도자료", id="meta-euc-kr"),
        pytest.param(
            KOREAN.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">').encode(
                "cp949"
            ),
            "보도자료",
            id="http-equiv-ks_c",
        ),
        pytest.param(KOREAN.format(meta="").encode("cp949"), "보도자료", id="undeclared-cp949"),
        pytest.param(KOREAN.format(meta='<meta charset="euc-kr">').encode("utf-8"), "보도자료", id="mislabelled-utf8"),
        pytest.param(KOREAN.format(meta='<meta charset="iso-8859-1">').encode("cp949"), "보도자료", id="latin1-label"),
        pytest.param(b"\xff\xfe" + KOREAN.format(meta="").encode("utf-16-le"), "보도자료", id="utf16-bom"),
        pytest.param("<p>똠방각하 펲시</p>".encode("cp949"), "똠방각하", id="cp949-extension"),
    ],
)
def test_decode(data: bytes, expected: str) -> None:
    assert expected in decode_html(data)


def test_decode_random_bytes_raises_decode_error() -> None:
    noise = bytes((i * 151 + 7) % 256 for i in range(4000))
    with pytest.raises(DecodeError):
        decode_html(b"\x81\xff" + noise)


def test_korean_euc_kr_fixture_sniffs_and_decodes() -> None:
    data = (DATA / "news_euckr.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "시립도서관" in decode_html(data)


# ---------------------------------------------------------------------------
# rules
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "news", "expected"),
    [
        pytest.param("(사진=국방부)", False, True, id="credit-only"),
        pytest.param("장병들이 훈련하고 있다. (해군 제공) 2026.9.8 (ⓒ뉴스1)", True, True, id="provided-ccredit"),
        pytest.param("김 장관이 발언하고 있다. /사진=외교부", True, True, id="slash-credit"),
        pytest.param("<사진> 현장 점검 모습", False, True, id="angle-photo"),
        pytest.param("▲ 현장 점검 모습 (사진=국토부)", False, True, id="triangle-with-credit"),
        pytest.param("▲ 시민들이 산책하고 있다.", True, True, id="triangle-scene-news"),
        pytest.param("▲ 시민들이 산책하고 있다.", False, False, id="triangle-scene-release"),
        pytest.param("▲야간 조명 기준 상향 ▲점검 주기 단축", True, False, id="inline-enumeration"),
        pytest.param("□ 해양수산부는 점검 결과를 발표했다.", False, False, id="release-line"),
        pytest.param("외교부는 이날 회의를 열었다고 밝혔다.", True, False, id="story-line"),
    ],
)
def test_is_caption_line(line: str, news: bool, expected: bool) -> None:
    assert is_caption_line(line, news=news) is expected


@pytest.mark.parametrize(
    ("line", "text", "removed"),
    [
        pytest.param(
            "[서울=뉴스1] 홍길동 기자 = 정부는 8일 발표했다.",
            "정부는 8일 발표했다.",
            ("[서울=뉴스1]", "홍길동 기자 ="),
            id="dateline-and-reporter",
        ),
        pytest.param(
            "(세종=연합뉴스) 김철수 이영희 기자 = 본문이다.",
            "본문이다.",
            ("(세종=연합뉴스)", "김철수 이영희 기자 ="),
            id="two-reporters",
        ),
        pytest.param(
            "정부는 발표했다. /홍길동 기자 hong@news.example",
            "정부는 발표했다.",
            ("/홍길동 기자 hong@news.example",),
            id="suffix",
        ),
        pytest.param(
            "[한빛일보 김민준 기자] 정부는 발표했다.",
            "정부는 발표했다.",
            ("[한빛일보 김민준 기자]",),
            id="bracketed-reporter",
        ),
        pytest.param(
            "(사진=국방부) 장관이 발언하고 있다.", "(사진=국방부) 장관이 발언하고 있다.", (), id="photo-credit"
        ),
        pytest.param("[사진] 현장 모습", "[사진] 현장 모습", (), id="no-byline"),
    ],
)
def test_split_byline(line: str, text: str, removed: tuple[str, ...]) -> None:
    split = split_byline(line)
    assert (split.text, split.removed) == (text, removed)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("홍길동 기자", True),
        ("김민준 기자 kimmj@hanbit.example", True),
        ("hong@news.example", True),
        ("기자 e-mail", True),
        ("정책브리핑 이○○ 기자", True),
        ("/박서연 기자 psy@garam.example", True),
        ("기자들이 현장을 찾았다.", False),
        ("□ 기자회견을 열어 결과를 발표함", False),
    ],
)
def test_is_byline(line: str, expected: bool) -> None:
    assert is_byline(line) is expected


@pytest.mark.parametrize(
    ("line", "news", "reason"),
    [
        ("“이 자료는 교육부의 보도자료를 전재하여 제공함을 알려드립니다.”", False, "reprint"),
        ("이 저작물은 텍스트에 한하여 공공누리 제1유형(출처표시) 조건에 따라 이용할 수 있습니다.", False, "KOGL"),
        ("ⓒ 한빛일보 무단 전재 및 재배포 금지", True, "copyright"),
        ("<저작권자 © 시험일보, 무단전재-재배포 금지>", True, "copyright"),
        ("공유하기 페이스북 트위터 URL 복사", False, "page chrome"),
        ("댓글 3", True, "page chrome"),
        ("[관련기사]", True, "related"),
        ("네이버에서 한빛일보 구독하기", True, "subscription"),
        ("입력 2026.09.08 14:21", True, "timestamp"),
        ("원본 그림의 이름: CLP000012.bmp", False, "picture"),
        ("□ 정책 뉴스레터 구독 신청을 받는다", False, None),
        ("□ 공공누리 제1유형 개방을 확대한다고 밝혔다", False, None),
    ],
)
def test_boilerplate_reason(line: str, news: bool, reason: str | None) -> None:
    found = boilerplate_reason(line, news=news)
    assert (found is None) if reason is None else (found is not None and reason in found)


def test_clean_line_keeps_nbsp_indent_and_folds_source_spaces() -> None:
    assert clean_line("\n      \u00a0\u00a0- 항목\t 설명   ") == "  - 항목 설명"
    assert clean_line("\u3000ㅇ 전각\u200b 공백") == " ㅇ 전각 공백"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.korea.kr/briefing/pressReleaseView.do?newsId=156712345&call_from=rsslink",
            "https://www.korea.kr/briefing/pressReleaseView.do?newsId=156712345",
        ),
        (
            "http://m.korea.kr/briefing/pressReleaseView.do?pageIndex=2&newsId=156712345&pWise=sub",
            "https://www.korea.kr/briefing/pressReleaseView.do?newsId=156712345",
        ),
        (
            "https://admin2.korea.kr/news/pressReleaseView.do?newsId=156000009&srchWord=x",
            "https://www.korea.kr/briefing/pressReleaseView.do?newsId=156000009",
        ),
        (
            "/news/policyNewsView.do?newsId=148912345&pWiseSub=B1",
            "https://www.korea.kr/news/policyNewsView.do?newsId=148912345",
        ),
    ],
)
def test_normalise_korea_url(url: str, expected: str) -> None:
    assert normalise_korea_url(url) == (expected, expected.rsplit("=", 1)[1])


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        ('<img src="/images/open_type00.png" alt="공공누리">', 0),
        ('<img src="/images/kogl.png" alt="공공누리 제3유형: 출처표시+변경금지">', 3),
        ("<p>이 저작물은 공공누리 제2유형 조건에 따라 이용할 수 있습니다.</p>", 2),
        ("<p>저작권정책</p>", None),
    ],
)
def test_kogl_marker(footer: str, expected: int | None) -> None:
    root = load_tree(f"<html><body><div class='article_footer'>{footer}</div></body></html>")
    assert kogl_marker(root)[0] == expected


# ---------------------------------------------------------------------------
# hostile input, speed, laziness
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(bytes((i * 73 + 11) % 256 for i in range(20_000)), id="random-bytes"),
        pytest.param(
            b"<html><body>" + b"<div>" * 20_000 + "중첩 문장입니다. ".encode() * 20 + b"</div>" * 20_000,
            id="deep-nesting",
        ),
        pytest.param(korea_page("<table><tr><td>셀" * 300 + "</td></tr></table>" * 300), id="nested-tables"),
        pytest.param((DATA / "news_article.html").read_bytes()[:3000], id="truncated"),
        pytest.param(
            b"<html><body><p>\x00\x01\x02" + "본문 ".encode() * 50 + b"</p></body></html>", id="control-chars"
        ),
    ],
)
def test_hostile_pages_end_quickly_with_haesol_errors_only(data: bytes) -> None:
    start = time.perf_counter()
    with contextlib.suppress(HaesolError):
        parse(data)
    assert time.perf_counter() - start < 5


def test_external_entities_are_not_resolved() -> None:
    page = (
        b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<html><body><article><p>&xxe; "
        + "외부 엔티티 시험 문장입니다. ".encode() * 10
        + b"</p></article></body></html>"
    )
    assert "root:" not in all_text(parse(page))


def test_spans_are_clamped() -> None:
    doc = parse(
        korea_page(
            "<p>□ 본문</p><table><tr><td rowspan='99999999' colspan='-5'>a</td><td colspan='x'>b</td></tr></table>"
        )
    )
    cell_a, cell_b = tables(doc)[0].rows[0]
    assert (cell_a.row_span, cell_a.col_span, cell_b.col_span) == (1000, 1, 1)


def test_trafilatura_failure_becomes_parse_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def explode(*args: object, **kwargs: object) -> None:
        raise RecursionError("too deep")

    monkeypatch.setattr(trafilatura, "bare_extraction", explode)
    with pytest.raises(ParseError) as info:
        parse(news_page(STORY))
    assert isinstance(info.value.__cause__, RecursionError)


def test_typical_page_parses_well_under_100_ms() -> None:
    data = (DATA / "news_article.html").read_bytes()
    parse(data)
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        parse(data)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.1


def test_module_import_does_not_load_trafilatura() -> None:
    code = "import sys, haesol.parse.html; print('trafilatura' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("name", FIXTURES)
def test_fixtures_sniff_as_html(name: str) -> None:
    assert detect_format((DATA / f"{name}.html").read_bytes()) == "html"


def test_shared_html_samples_parse_or_explain() -> None:
    folder = SAMPLES / "html"
    if not folder.is_dir():
        pytest.skip("no shared HTML samples")
    for path in sorted(folder.glob("*.htm*")):
        try:
            doc = parse(path.read_bytes(), str(path))
        except NoBodyError:
            continue
        assert doc.items, path
