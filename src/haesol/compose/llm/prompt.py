"""Messages for the LLM engine and the parsing of its JSON answers into typed drafts."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from haesol.compose.llm.chat import ChatMessage
from haesol.models import Analysis, Origin, Sentence
from haesol.prompts import load_prompt

LOGGER = logging.getLogger(__name__)

STYLE_RULES = {
    "news": "신문 기사체인 해라체로 쓴다(예: ~한다, ~했다, ~이다). 존댓말을 쓰지 않는다.",
    "polite": "합쇼체로 쓴다(예: ~합니다, ~했습니다, ~입니다). FAQ 질문은 ~나요?, ~인가요?로 끝낸다.",
}
CITABLE_ORIGINS = frozenset(
    {Origin.TITLE, Origin.SUBTITLE, Origin.BODY, Origin.TABLE, Origin.REFERENCE, Origin.APPENDIX}
)
MAX_SOURCE_CHARS = 24_000
MIN_HANGUL_SHARE = 0.5
MIN_CITED_SHARE = 0.5
MAX_JSON_STARTS = 50
MAX_ITEMS = {"lead": 3, "sections": 8, "key_points": 5, "faq": 5}
ID_KEYS = ("ids", "sources", "source_ids", "id")
ID_RE = re.compile(r"[A-Za-z][\w.]*")
CELL_RE = re.compile(r"^(.+\.r\d+)c\d+$")
MARKUP_RE = re.compile(r"^\s*(?:[-*•]\s+|#+\s+|\d+[.)]\s+)|\*\*")


@dataclass(frozen=True, slots=True)
class SourceListing:
    """The release as the model sees it: context lines plus citable sentences with their ids."""

    text: str
    citable: frozenset[str]
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class GenSentence:
    """A sentence the model wrote, with the ids it says it used."""

    text: str
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GenSection:
    """A generated section: a heading (may be missing) and paragraphs of sentences."""

    heading: GenSentence | None
    paragraphs: tuple[tuple[GenSentence, ...], ...]


@dataclass(frozen=True, slots=True)
class GenFaq:
    """A generated question with its answer."""

    question: GenSentence
    answer: GenSentence


@dataclass(frozen=True, slots=True)
class GenArticle:
    """The article parts the model returned."""

    headline: GenSentence | None
    lead: tuple[GenSentence, ...]
    sections: tuple[GenSection, ...]
    key_points: tuple[GenSentence, ...]
    faq: tuple[GenFaq, ...]

    def sentences(self) -> list[GenSentence]:
        """Every generated sentence in reading order."""
        out = [self.headline] if self.headline is not None else []
        out.extend(self.lead)
        for section in self.sections:
            out.extend([section.heading] if section.heading is not None else [])
            out.extend(s for paragraph in section.paragraphs for s in paragraph)
        out.extend(self.key_points)
        out.extend(s for item in self.faq for s in (item.question, item.answer))
        return out


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """The parsed answer, or why it cannot be used."""

    article: GenArticle | None
    problem: str = ""


@dataclass(frozen=True, slots=True)
class FixRequest:
    """A sentence that failed the gate, numbered for the follow-up request."""

    n: int
    part: str
    text: str
    ids: tuple[str, ...]
    problems: tuple[str, ...]


# -- requests ----------------------------------------------------------------------------------


def source_listing(analysis: Analysis, article_date: dt.date) -> SourceListing:
    """The release for the prompt: agency and dates as context, then ``[id] text`` lines.

    Captions, contacts and the header are left out: they are never evidence.
    """
    release = analysis.release
    lines = [
        f"기관: {release.agency or '(없음)'}",
        f"문서: {release.doc_type}",
        f"발표일: {_date_text(analysis.anchor)}",
        f"기사 날짜: {_date_text(article_date)}",
        "",
        "원문 목록:",
    ]
    levels = {b.id: b.level for b in release.blocks}
    citable: set[str] = set()
    size = sum(len(line) + 1 for line in lines)
    truncated = False
    for row in _rows(analysis):
        text = "  " * levels.get(row[0].block_id, 0) + " | ".join(f"[{s.id}] {' '.join(s.text.split())}" for s in row)
        if size + len(text) > MAX_SOURCE_CHARS:
            truncated = True
            break
        lines.append(text)
        citable.update(s.id for s in row)
        size += len(text) + 1
    return SourceListing("\n".join(lines), frozenset(citable), truncated)


def _rows(analysis: Analysis) -> list[list[Sentence]]:
    """Citable sentences, one per row, except table cells, which share a row with their row mates."""
    rows: list[list[Sentence]] = []
    for sentence in analysis.sentences:
        if sentence.origin not in CITABLE_ORIGINS:
            continue
        row_key = _table_row(sentence.id)
        if row_key and rows and _table_row(rows[-1][-1].id) == row_key:
            rows[-1].append(sentence)
        else:
            rows.append([sentence])
    return rows


def _table_row(sentence_id: str) -> str:
    """'b12.r2' for the cell id 'b12.r2c3'; '' for other ids."""
    match = CELL_RE.match(sentence_id)
    return match.group(1) if match else ""


def _date_text(date: dt.date) -> str:
    return f"{date.year}년 {date.month}월 {date.day}일"


def article_messages(listing: SourceListing, style: str) -> list[ChatMessage]:
    """The system prompt (rules and answer format) and the release listing."""
    return [
        ChatMessage("system", load_prompt("article", style_rule=STYLE_RULES[style])),
        ChatMessage("user", listing.text + "\n\n위 원문으로 해설 기사를 JSON으로 써라."),
    ]


def fix_messages(listing: SourceListing, style: str, fixes: list[FixRequest]) -> list[ChatMessage]:
    """The follow-up request: the listing again, then each failed sentence with its problems."""
    items = "\n".join(
        f"{f.n}. [{f.part}] {f.text}\n   인용한 id: {', '.join(f.ids) or '(없음)'}\n   문제: {' / '.join(f.problems)}"
        for f in fixes
    )
    return [
        ChatMessage("system", load_prompt("article", style_rule=STYLE_RULES[style])),
        ChatMessage("user", listing.text + "\n\n" + load_prompt("fix", style_rule=STYLE_RULES[style], items=items)),
    ]


# -- answers -----------------------------------------------------------------------------------


def first_json_object(text: str) -> dict[str, Any] | None:
    """The first JSON object in a text (servers that ignore response_format add prose or code fences)."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    tries = 0
    while start != -1 and tries < MAX_JSON_STARTS:
        try:
            value, _ = decoder.raw_decode(text, start)
        except ValueError:
            value = None
        if isinstance(value, dict):
            return value
        start = text.find("{", start + 1)
        tries += 1
    return None


def parse_article(text: str) -> ParsedArticle:
    """The article parts of an answer; ``problem`` says why an answer is unusable."""
    data = first_json_object(text)
    if data is None:
        return ParsedArticle(None, "JSON이 아닌 답 (the answer holds no JSON object)")
    sections = tuple(s for s in (_section(v) for v in _items(data, "sections")) if s is not None)
    article = GenArticle(
        headline=_sentence(data.get("headline")),
        lead=tuple(s for s in (_sentence(v) for v in _items(data, "lead")) if s is not None),
        sections=sections,
        key_points=tuple(s for s in (_sentence(v) for v in _items(data, "key_points")) if s is not None),
        faq=tuple(f for f in (_faq(v) for v in _items(data, "faq")) if f is not None),
    )
    if not article.lead and not article.sections:
        return ParsedArticle(None, "리드와 본문이 없는 답 (the answer has no lead and no sections)")
    return ParsedArticle(article)


def parse_fixes(text: str) -> dict[int, GenSentence]:
    """Rewritten sentences by number from a follow-up answer (empty when unusable)."""
    data = first_json_object(text)
    if data is None or not isinstance(data.get("fixes"), list):
        return {}
    out: dict[int, GenSentence] = {}
    for item in data["fixes"]:
        if not isinstance(item, dict):
            continue
        sentence = _sentence(item)
        try:
            number = int(item["n"])
        except (KeyError, TypeError, ValueError):
            continue
        if sentence is not None:
            out[number] = sentence
    return out


def _items(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    items = value if isinstance(value, list) else [value] if isinstance(value, (dict, str)) else []
    return items[: MAX_ITEMS[key]]


def _sentence(value: Any) -> GenSentence | None:
    """A sentence from ``{"text", "ids"}`` (or a bare string, which then cites nothing)."""
    ids: tuple[str, ...] = ()
    if isinstance(value, str):
        text = value
    elif isinstance(value, dict) and isinstance(value.get("text"), str):
        text, ids = value["text"], _ids(next((value[k] for k in ID_KEYS if k in value), None))
    else:
        return None
    text = " ".join(MARKUP_RE.sub("", text).split())
    return GenSentence(text, ids) if text else None


def _ids(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        found = ID_RE.findall(value)
    elif isinstance(value, list):
        found = [m for v in value if isinstance(v, str) for m in ID_RE.findall(v)]
    else:
        found = []
    return tuple(dict.fromkeys(i.rstrip(".") for i in found))


def _section(value: Any) -> GenSection | None:
    if not isinstance(value, dict):
        return None
    paragraphs = []
    for paragraph in value.get("paragraphs") or []:
        items = paragraph if isinstance(paragraph, list) else [paragraph]
        sentences = tuple(s for s in (_sentence(v) for v in items) if s is not None)
        if sentences:
            paragraphs.append(sentences)
    if not paragraphs:
        return None
    return GenSection(_sentence(value.get("heading")), tuple(paragraphs))


def _faq(value: Any) -> GenFaq | None:
    if not isinstance(value, dict):
        return None
    question, answer = _sentence(value.get("question")), _sentence(value.get("answer"))
    if question is None or answer is None:
        return None
    return GenFaq(question, answer)


def hangul_share(texts: list[str]) -> float:
    """The share of Hangul among the letters of the texts (1.0 when there are no letters)."""
    hangul = letters = 0
    for text in texts:
        for char in text:
            if "\uac00" <= char <= "\ud7a3":
                hangul += 1
                letters += 1
            elif char.isalpha():
                letters += 1
    return hangul / letters if letters else 1.0


def usable_article(content: str, finish_reason: str, citable: frozenset[str]) -> ParsedArticle:
    """The parsed answer if the engine can work with it; else the reason it falls back.

    An answer is unusable when it was cut off, holds no article JSON, is not in Korean, or cites
    no valid id for most of its sentences (a model that ignores the ids).
    """
    if finish_reason == "length":
        return ParsedArticle(None, "답이 길이 제한으로 잘렸습니다 (truncated answer: finish_reason=length)")
    parsed = parse_article(content)
    if parsed.article is None:
        return parsed
    sentences = parsed.article.sentences()
    if hangul_share([s.text for s in sentences]) < MIN_HANGUL_SHARE:
        return ParsedArticle(None, "한국어가 아닌 답 (the answer is not in Korean)")
    cited = sum(1 for s in sentences if any(i in citable for i in s.ids))
    if cited < MIN_CITED_SHARE * len(sentences):
        return ParsedArticle(
            None, f"문장 {len(sentences)}개 중 {cited}개만 원문 id를 달았습니다 (the model ignored the sentence ids)"
        )
    return parsed
