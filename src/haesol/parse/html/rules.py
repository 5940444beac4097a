"""Korean web-page rules: spaces, boilerplate, bylines, related-article lists and photo captions."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

LOGGER = logging.getLogger(__name__)

# ---------------------------------------------------------------------------
# spaces
# ---------------------------------------------------------------------------

COLLAPSIBLE = re.compile("[ \t\n\r\f]+")
ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
ANY_SPACE = re.compile(r"\s+")


def clean_line(raw: str) -> str:
    """Render HTML text as a browser shows it: collapse source whitespace, keep &nbsp; indents.

    Args:
        raw: text gathered from the DOM.

    Returns:
        The line with collapsible whitespace folded, U+00A0 and other odd spaces turned into
        ordinary spaces (so indentation written with &nbsp; survives) and no trailing spaces.
    """
    text = ZERO_WIDTH.sub("", raw)
    text = COLLAPSIBLE.sub(" ", text).strip(" ")
    return ODD_SPACES.sub(" ", text).rstrip()


def squash(text: str) -> str:
    """The text without any whitespace, for matching strings that were laid out differently."""
    return ANY_SPACE.sub("", ZERO_WIDTH.sub("", text))


def single_spaced(text: str) -> str:
    """The text with every run of whitespace turned into one space, trimmed."""
    return " ".join(text.split())


def short(text: str, limit: int = 80) -> str:
    """Shorten ``text`` for a Dropped record."""
    text = single_spaced(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------
# boilerplate
# ---------------------------------------------------------------------------


REASON_UI = "화면 메뉴 (page chrome)"
REASON_RELATED = "관련기사 목록 (related articles)"
REASON_BYLINE = "기자 이름·이메일 (byline)"
REASON_VIEWER = "문서뷰어 프레임 (docViewer iframe)"
REASON_FRAME = "삽입 프레임 (embedded frame)"


@dataclass(frozen=True, slots=True)
class LineRule:
    """A pattern for a whole line that is not content, the reason it is dropped, a length cap."""

    pattern: re.Pattern[str]
    reason: str
    max_len: int = 200
    news_only: bool = False


BOILERPLATE_RULES = (
    LineRule(
        re.compile(r"^그림입니다\.?$|^(?:원본 그림의 (?:이름|크기)|사진 찍은 날짜|프로그램 이름)\s*[:：]"),
        "그림 정보 (picture metadata)",
        200,
    ),
    LineRule(re.compile(r"전재하여\s*제공함을\s*알려\s*드립니다"), "전재 고지 (reprint notice)", 160),
    LineRule(
        re.compile(r"텍스트에\s*한하여.*공공누리|공공누리.*조건에\s*따라\s*이용할\s*수"),
        "공공누리 고지 (KOGL notice)",
        300,
    ),
    LineRule(re.compile(r"^\s*(?:\[|<)?\s*공공누리\s*제?\s*[0-4]\s*유형"), "공공누리 고지 (KOGL notice)", 80),
    LineRule(re.compile(r"^단,?\s*텍스트를\s*제외한"), "공공누리 고지 (KOGL notice)", 300),
    LineRule(re.compile(r"정책브리핑이\s*저작권을\s*보유하고\s*있지\s*않"), "공공누리 고지 (KOGL notice)", 300),
    LineRule(re.compile(r"저작권법\s*제\s*37\s*조.*제\s*138\s*조"), "저작권 경고 (copyright warning)", 300),
    LineRule(re.compile(r"^자료\s*출처\s*[=:]\s*정책브리핑"), "출처 표기 (source credit)", 80),
    LineRule(
        re.compile(r"^\[?\s*자료\s*제공\s*[:：]?\s*(?:정책브리핑|대한민국\s*정책브리핑)?\s*\]?$"),
        "출처 표기 (source credit)",
        40,
    ),
    LineRule(
        re.compile(r"무단\s*(?:전재|복제|게재).{0,20}(?:재배포|배포|금지)"), "저작권 고지 (copyright notice)", 120
    ),
    LineRule(
        re.compile(r"^\W{0,3}\s*(?:ⓒ|©|\(c\)\s|copyright\b)", re.IGNORECASE), "저작권 고지 (copyright notice)", 150
    ),
    LineRule(re.compile(r"저작권자\s*(?:ⓒ|©|\(c\))"), "저작권 고지 (copyright notice)", 120),
    LineRule(re.compile(r"all\s+rights\s+reserved", re.IGNORECASE), "저작권 고지 (copyright notice)", 200),
    LineRule(
        re.compile(
            r"(?:구독|제보|앱\s*다운로드|채널\s*추가|뉴스레터|알림\s*설정).{0,40}"
            r"(?:하기|하세요|하십시오|클릭|신청|받아\s*보세요|바랍니다|눌러)"
        ),
        "구독·제보 안내 (subscription prompt)",
        120,
        news_only=True,
    ),
    LineRule(
        re.compile(r"^▶\s*.{0,40}(?:구독|제보|바로가기|다운로드)"),
        "구독·제보 안내 (subscription prompt)",
        80,
        news_only=True,
    ),
    LineRule(
        re.compile(r"^(?:기사\s*)?(?:입력|수정|최종\s*수정|승인|등록|발행|송고)\s*[:：]?\s*\d{4}\s*[.\-/년]"),
        "기사 입력 시각 (article timestamp)",
        90,
        news_only=True,
    ),
)

UI_LABELS = (
    "저작권정책",
    "담당자안내",
    "공유하기",
    "바로보기",
    "내려받기",
    "본문듣기",
    "본문 듣기",
    "글자크기 설정",
    "글자크기",
    "글씨크기",
    "글자 크기",
    "댓글",
    "운영원칙",
    "인쇄",
    "인쇄하기",
    "목록",
    "목록보기",
    "이전글",
    "다음글",
    "페이스북",
    "트위터",
    "카카오톡",
    "카카오스토리",
    "네이버블로그",
    "밴드",
    "링크복사",
    "URL복사",
    "URL 복사",
    "주소복사",
    "스크랩",
    "기사저장",
    "닫기",
    "확대",
    "축소",
    "첨부파일",
    "좋아요",
    "추천",
    "공유",
    "맨위로",
    "TOP",
    "본문 바로가기",
    "기사공유",
    "기사 공유",
    "북마크",
    "구독",
    "구독하기",
    "번역",
    "프린트",
    "기사 읽어주기",
    "가",
    "가-",
    "가+",
    "새창열림",
    "바로가기",
    "SNS 공유",
    "X",
    "엑스",
)
_UI_SQUASHED = sorted({squash(label).lower() for label in UI_LABELS}, key=len, reverse=True)
UI_SEPARATORS = re.compile(r"[\s|/·•,:]+")
COUNT_LABEL = re.compile(r"^(?:댓글|좋아요|추천|공유|조회수?)\s*[:：]?\s*[\d,]+$")

RELATED_HEADINGS = frozenset(
    squash(h)
    for h in (
        "관련기사",
        "관련 뉴스",
        "관련뉴스",
        "관련 기사 더보기",
        "많이 본 뉴스",
        "많이 본 기사",
        "인기기사",
        "인기뉴스",
        "인기 뉴스",
        "추천기사",
        "추천 뉴스",
        "주요뉴스",
        "이 시각 주요뉴스",
        "최신기사",
        "최신 뉴스",
        "포토뉴스",
        "핫이슈",
        "오늘의 주요뉴스",
        "이 기자의 다른 기사",
        "다른 기사 보기",
        "함께 볼만한 뉴스",
        "실시간 인기기사",
        "랭킹뉴스",
        "많이 본 포토",
    )
)


def boilerplate_reason(line: str, *, news: bool) -> str | None:
    """Why ``line`` is page furniture rather than content, or None when it is content.

    Args:
        line: one cleaned line.
        news: apply the news-only rules too (subscription prompts, 입력/수정 timestamps).

    Returns:
        A short bilingual reason (``"저작권 고지 (copyright notice)"`` …) or None.
    """
    text = line.strip()
    if not text:
        return None
    for rule in BOILERPLATE_RULES:
        if (news or not rule.news_only) and len(text) <= rule.max_len and rule.pattern.search(text):
            return rule.reason
    if is_ui_label(text):
        return REASON_UI
    if is_related_heading(text):
        return REASON_RELATED
    return None


def is_ui_label(text: str) -> bool:
    """True when the line is only widget labels such as 공유하기, 바로보기 or 댓글 3."""
    if len(text) > 60:
        return False
    if COUNT_LABEL.match(text.strip()):
        return True
    rest = UI_SEPARATORS.sub("", text).lower()
    for _ in range(20):
        if not rest:
            return True
        label = next((lab for lab in _UI_SQUASHED if rest.startswith(lab)), None)
        if label is None:
            return False
        rest = rest[len(label) :]
    return False


def is_related_heading(text: str) -> bool:
    """True for headings of related-article and most-read lists (관련기사, 많이 본 뉴스 …)."""
    core = squash(re.sub(r"[\[\]<>【】()▶■□◆●·|]", "", text))
    return core in RELATED_HEADINGS


# ---------------------------------------------------------------------------
# bylines
# ---------------------------------------------------------------------------

NAME = r"[가-힣○◯]{1,5}"
REPORTER = r"(?:기자|특파원|선임기자|수석기자|전문기자|수습기자|인턴기자|객원기자|통신원|논설위원|편집위원)"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
DATELINE_PREFIX = re.compile(
    rf"^\s*[\[(【](?!\s*(?:사진|그래픽|자료|제공|영상|표)\s*[=:])\s*"
    rf"(?:[^\])】=\n]{{1,20}}=\s*[^\])】\n]{{0,25}}|[^\])】=\n]{{0,20}}\s{NAME}\s*{REPORTER})\s*[\])】]\s*"
)
REPORTER_PREFIX = re.compile(rf"^\s*{NAME}(?:(?:\s*[·,]\s*|\s+){NAME})*\s*{REPORTER}\s*=\s*")
BYLINE_LINE = re.compile(
    rf"^[/\[(【]?\s*(?:\S{{1,15}}\s+)?{NAME}(?:(?:\s*[·,]\s*|\s+){NAME})*\s*{REPORTER}"
    rf"(?:\s*[(<\[]?\s*{EMAIL}\s*[)>\]]?)?\s*[\])】]?$"
)
EMAIL_LINE = re.compile(rf"^[<(\[]?\s*(?:e-?mail|이메일|메일)?\s*[:：]?\s*{EMAIL}\s*[>)\]]?$", re.IGNORECASE)
EMAIL_LABEL_LINE = re.compile(r"^(?:기자\s*)?(?:e-?mail|이메일)\s*[:：]?\s*\S*$", re.IGNORECASE)
BYLINE_SUFFIX = re.compile(
    rf"(?:\s*/\s*{NAME}\s*{REPORTER}(?:\s+{EMAIL})?|\s+{NAME}\s*{REPORTER}\s+[(<]?{EMAIL}[)>]?)\s*$"
)


@dataclass(frozen=True, slots=True)
class BylineSplit:
    """A paragraph with its byline parts cut off: the remaining text and what was removed."""

    text: str
    removed: tuple[str, ...] = ()


def is_byline(line: str) -> bool:
    """True when the whole line is a byline, a reporter's e-mail or an e-mail label."""
    text = line.strip()
    if len(text) > 80:
        return False
    return bool(BYLINE_LINE.match(text) or EMAIL_LINE.match(text) or EMAIL_LABEL_LINE.match(text))


def split_byline(line: str) -> BylineSplit:
    """Cut a leading dateline/byline ("[서울=뉴스1] 홍길동 기자 =") and a trailing one ("/홍길동 기자").

    Args:
        line: one story paragraph.

    Returns:
        The paragraph without its byline parts, and the removed parts in order.
    """
    removed: list[str] = []
    text = line
    for pattern in (DATELINE_PREFIX, REPORTER_PREFIX):
        match = pattern.match(text)
        if match and match.end() < len(text):
            removed.append(match.group(0).strip())
            text = text[match.end() :]
    match = BYLINE_SUFFIX.search(text)
    if match and match.start() > 0:
        removed.append(match.group(0).strip())
        text = text[: match.start()]
    return BylineSplit(text.strip() if removed else line, tuple(removed))


# ---------------------------------------------------------------------------
# photo captions
# ---------------------------------------------------------------------------

CAPTION_START = re.compile(
    r"^\s*(?:\[\s*(?:사진|포토|그림)\s*\d*\s*(?:[=:][^\]]*)?\]|<\s*(?:사진|그림)\s*\d*\s*>|"
    r"\(\s*사진\s*[=:][^)]*\)|사진\s*(?:설명|제공)?\s*[=:：]|사진\s*설명\b)"
)
CAPTION_CREDIT_END = re.compile(
    r"(?:\(\s*(?:사진|사진\s*제공|자료\s*사진|그래픽|제공)\s*[=:]\s*[^()]{1,40}\)|"
    r"/\s*사진\s*=\s*\S{1,30}|\(\s*[^()]{1,30}\s*제공\s*\)|\(\s*[ⓒ©][^()]{0,30}\)|[ⓒ©]\s*\S{1,20}|"
    r"\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?(?:\s*/\s*\S{1,20})?)\s*\.?$"
)
CAPTION_CREDIT_ANY = re.compile(r"\(\s*사진\s*(?:제공)?\s*[=:][^)]{1,40}\)|/\s*사진\s*=|\(\s*[^()]{1,30}\s*제공\s*\)")
CAPTION_PHOTO_WORDS = re.compile(r"사진|제공|촬영|ⓒ|©")
CAPTION_SCENE_END = re.compile(r"(?:있다|모습|모습이다|장면|전경|포즈를 취했다|기념촬영)\s*[.)]?$")
CAPTION_MAX_LEN = 300


def is_caption_line(line: str, *, news: bool) -> bool:
    """True when a line reads as a photo caption rather than story text.

    Args:
        line: one cleaned line.
        news: apply the news-page rules too (a lone "▲ …" line is a caption there; in a 개조식
            release "▲" enumerates items, so there it needs a photo word).

    Returns:
        Whether the line is a caption.
    """
    text = line.strip()
    if not text or len(text) > CAPTION_MAX_LEN:
        return False
    if CAPTION_START.match(text):
        return True
    if text.startswith("▲") and text.count("▲") == 1:
        if CAPTION_PHOTO_WORDS.search(text):
            return True
        return news and bool(CAPTION_SCENE_END.search(text))
    if CAPTION_CREDIT_END.search(text) and (CAPTION_CREDIT_ANY.search(text) or news):
        return _credit_is_not_story(text)
    return False


def _credit_is_not_story(text: str) -> bool:
    # A story sentence may end with a date ("…2026.9.8") only rarely; a caption credit is short.
    return len(text) <= 250 and not text.endswith(("했다.", "밝혔다.", "말했다.", "전했다."))


# ---------------------------------------------------------------------------
# DOM class names
# ---------------------------------------------------------------------------

# Substrings of class/id values of page chrome: shared with trafilatura's prune list.
CHROME_SUBSTRINGS = (
    "related",
    "relation",
    "relate_",
    "relate-",
    "relnews",
    "rel_news",
    "rel-news",
    "popular",
    "ranking",
    "most_view",
    "most-view",
    "mostview",
    "most-read",
    "best_news",
    "best-news",
    "bestnews",
    "comment",
    "reply",
    "livere",
    "lv-container",
    "subscribe",
    "newsletter",
    "banner",
    "share",
    "sns",
    "photo-news",
    "photo_news",
    "photonews",
    "breadcrumb",
    "gnb",
    "lnb",
    "snb",
    "skipnav",
    "view_opt",
    "btn_",
)
CHROME_PATTERN = re.compile("|".join(re.escape(s) for s in CHROME_SUBSTRINGS))
CHROME_TAGS = frozenset({"nav", "aside", "footer"})
CAPTION_CLASS = re.compile(
    r"caption|imgdesc|img_?desc|photo_?(?:txt|text|desc|exp|cap)|img_?(?:txt|exp|cap)|pic_?(?:txt|desc)"
    r"|(?:^|[\s_-])(?:cap|desc|txt_photo)(?:$|[\s_-])",
    re.IGNORECASE,
)
PHOTO_CLASS = re.compile(
    r"photo|(?:^|[\s_-])(?:img|image|pic|picture|figure|thumb)(?:$|[\s_-])|imgbox|imgarea", re.IGNORECASE
)


def chrome_name(class_and_id: str) -> str | None:
    """The chrome substring found in an element's class and id, or None.

    Args:
        class_and_id: the element's class and id attributes joined by a space.

    Returns:
        The matching substring (e.g. ``"share"``) or None.
    """
    match = CHROME_PATTERN.search(class_and_id.lower())
    return match.group(0) if match else None
