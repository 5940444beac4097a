"""Clean-up that keeps meaning: markers, asides, footnote stars, range units, 하였 → 했, and dates re-anchored to the article."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence

from haesol.analyze.dates import find_dates
from haesol.analyze.numbers import find_numbers
from haesol.compose.clauses import is_verbal_noun
from haesol.compose.draft import Draft
from haesol.models import Fact, FactKind, Morph
from haesol.parse.markers import MARKER_RE

LOGGER = logging.getLogger(__name__)

PARENTHETICAL_HEAD_RE = re.compile(
    r"\((?:장관|차관|청장|처장|위원장|원장|사장|이사장|시장|도지사|지사|군수|구청장|총장|본부장|단장|대표)\s+[가-힣○◯]{2,4}\)"
)
HEAD_IN_PARENS_RE = re.compile(
    r"(?<=\()(?:장관|차관|청장|처장|위원장|원장|사장|이사장|총장|본부장)\s+[가-힣○◯]{2,4},\s*"
)
LEADING_LABEL_RE = re.compile(r"^(?:\((?!\d)[^()\d]{1,12}\)|\[[^\[\]\d]{1,12}\])\s*(?=\S)")
EXTRA_MARKER_RE = re.compile(r"^\s*(?:[oOㅇ]\s+(?=\S)|[▴▸▪◾◽‣⁃➤➔→⇒]\s*)")
FOOTNOTE_RE = re.compile(r"(?<=[가-힣A-Za-z0-9)」｣』’”])\s?\*{1,3}(?=[\s.,)(]|$)")
RANGE_UNIT_RE = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*~\s*(\d[\d,]*(?:\.\d+)?)\s*(조|억|만|천만|천)")
DATE_PREFIX_RE = re.compile(r"(지난|오는)\s+$")
RELATIVE_DAY_RE = re.compile(r"(오늘|어제|내일|모레|금일|명일)")
RELATIVE_MONTH_RE = re.compile(r"(이달|이번\s*달|지난달|다음\s*달|내달|익월|전월)")
RELATIVE_YEAR_RE = re.compile(r"(올해|금년|지난해|작년|전년|내년|이듬해)")
CONTRACTIONS = {"하였": "했", "되었": "됐"}
DAY_ONLY_RE = re.compile(r"\d{1,2}\s*일(?:\s*\(\s*[월화수목금토일]\s*\))?")

Edit = tuple[int, int, str, list[Morph]]


def clean(draft: Draft, facts: Sequence[Fact], article_date: dt.date, anchor: dt.date) -> Draft:
    """Markers, asides, dates, range units and 하였 → 했, edited right to left (never inside quotes).

    Args:
        draft: a source sentence as a draft.
        facts: the sentence's facts (its dates are re-anchored).
        article_date: the date the article is published.
        anchor: the release date relative dates were resolved against.
    """
    edits = _marker_edits(draft) + _aside_edits(draft) + DateRewriter(article_date, anchor).edits(draft, facts)
    edits += _range_edits(draft) + _contraction_edits(draft)
    return _apply(draft, edits)


def _apply(draft: Draft, edits: list[Edit]) -> Draft:
    for start, end, text, morphs in sorted(edits, key=lambda e: e[0], reverse=True):
        if not _clashes(edits, start, end):
            draft = draft.replace_span(start, end, text, morphs)
    return fold_spaces(draft) if edits else draft


RANGE_MARK_RE = re.compile(r"[~∼〜～]")


class DateRewriter:
    """Writes a sentence's dates for the article's date: '2026. 10. 8.(목)' → '10월 8일', '오늘(1월 23일)' → '1월 23일'."""

    def __init__(self, article_date: dt.date, anchor: dt.date) -> None:
        self.article_date = article_date
        self.anchor = anchor

    def edits(self, draft: Draft, facts: Sequence[Fact]) -> list[Edit]:
        """Dates re-anchored to the article's date and written as plain Korean ('10월 8일', '2024년')."""
        mentions = _combine_dates(draft.text, [f for f in facts if f.kind is FactKind.DATE])
        edits: list[Edit] = []
        for position, mention in enumerate(mentions):
            if (
                draft.is_protected(mention.start, mention.end)
                or _inside_word(draft.text, mention.start)
                or _comparative(mention.written)
            ):
                continue
            previous = mentions[position - 1] if position else None
            in_range = previous is not None and draft.text[previous.end : mention.start].strip() in (
                "~",
                "∼",
                "-",
                "부터",
            )
            edit = self._date_edit(draft.text, mention, previous if in_range else None)
            if edit is not None:
                edits.append(edit)
        return edits

    def _date_edit(self, text: str, mention: _Mention, range_start: _Mention | None) -> Edit | None:
        year, month, day, written = mention.year, mention.month, mention.day, mention.written
        if year is None or (month is None and day is not None):
            return None
        relative_day = RELATIVE_DAY_RE.match(written) is not None
        day_only = DAY_ONLY_RE.fullmatch(written.strip()) is not None
        same_month = (year, month) == (self.article_date.year, self.article_date.month)
        needs = (
            any(c in written for c in ".(’'‘′")
            or relative_day
            or (RELATIVE_MONTH_RE.match(written) is not None and not self._same_month())
            or (RELATIVE_YEAR_RE.match(written) is not None and self.article_date.year != self.anchor.year)
            or (
                day_only
                and not same_month
                and not (range_start and (range_start.year, range_start.month) == (year, month))
            )
            or (
                month is not None
                and "년" not in written
                and not RELATIVE_YEAR_RE.match(written)
                and year != self.article_date.year
            )
        )
        start = mention.start
        prefix = DATE_PREFIX_RE.search(text[: mention.start])
        if prefix and month is not None:
            start, needs = prefix.start(), True
        if not needs:
            return None
        if RANGE_MARK_RE.search(written):
            return (
                _range_edit(mention, year, self.article_date)
                if needs and month is not None and "년" not in written
                else None
            )
        after_tilde = text[: mention.start].rstrip().endswith(("~", "∼"))
        omit_year = month is not None and (
            (range_start is not None and range_start.year == year)
            or (after_tilde and range_start is None and year == self.article_date.year)
        )
        same_month = same_month or (range_start is not None and (range_start.year, range_start.month) == (year, month))
        new = _korean_date(year, month, day, self.article_date, (day_only or relative_day) and same_month, omit_year)
        if re.match(r"\s*\d{1,2}\s*\.\s*\d", text[mention.end :]):
            return None
        if text[mention.end : mention.end + 1].isdigit():
            new += " "
        return start, mention.end, new, _date_morphs(new)

    def _same_month(self) -> bool:
        return (self.article_date.year, self.article_date.month) == (self.anchor.year, self.anchor.month)


class _Mention:
    """A date as written in a sentence (one fact, or a relative word with the date after it) and its value."""

    __slots__ = ("day", "end", "month", "start", "written", "year")

    def __init__(self, start: int, end: int, written: str, value: str) -> None:
        self.start, self.end, self.written = start, end, written
        self.year, self.month, self.day = _parse_value(value)


def _combine_dates(text: str, facts: list[Fact]) -> list[_Mention]:
    """Date facts in order; '올해 10월' and '이달 15일' become one mention (the later one's precision)."""
    out: list[_Mention] = []
    for fact in sorted(facts, key=lambda f: f.start):
        mention = _Mention(fact.start, fact.end, fact.text, fact.value)
        previous = out[-1] if out else None
        if previous is not None and not text[previous.end : fact.start].strip() and _joins(previous, mention):
            mention.start, mention.written = previous.start, text[previous.start : fact.end]
            mention.year = previous.year
            if previous.month is not None and mention.month is not None and RELATIVE_MONTH_RE.match(previous.written):
                mention.month = previous.month
            out[-1] = mention
            continue
        out.append(mention)
    return out


def _joins(previous: _Mention, mention: _Mention) -> bool:
    year_word = RELATIVE_YEAR_RE.fullmatch(previous.written.strip()) is not None or re.fullmatch(
        r"(?:19|20)\d{2}\s*년", previous.written.strip()
    )
    month_word = RELATIVE_MONTH_RE.fullmatch(previous.written.strip()) is not None
    if year_word and previous.month is None and mention.month is not None and "년" not in mention.written:
        return True
    return month_word and mention.day is not None and "월" not in mention.written


def _comparative(written: str) -> bool:
    """'전년', '전월' compare with the period a figure covers, not with the release date: they stay as written."""
    return written.startswith(("전년", "전월"))


def _inside_word(text: str, start: int) -> bool:
    """Whether a date word is part of a longer word ('중장년내일이음패키지' holds no 내일)."""
    return start > 0 and "가" <= text[start - 1] <= "힣"


def dated_before(text: str, anchor: dt.date) -> bool:
    """Whether every date (with a month) in the text is before the release date, or on it as a point in time."""
    release = (anchor.year, anchor.month, anchor.day)
    dates = [d for d in find_dates(text, anchor) if d.year and d.month]
    keys = [
        ((d.year or 0, d.month or 0, d.day or 31), text[d.end : d.end + 2].startswith(("부터", "까지"))) for d in dates
    ]
    return bool(keys) and all(k < release or (k == release and not ranged) for k, ranged in keys)


def dated_after(text: str, anchor: dt.date) -> bool:
    """Whether some date (with a month) in the text is after the release date."""
    keys = [(d.year or 0, d.month or 0, d.day or 0) for d in find_dates(text, anchor) if d.year and d.month]
    return any(
        k > (anchor.year, anchor.month, anchor.day) and (k[:2] != (anchor.year, anchor.month) or k[2]) for k in keys
    )


def _marker_edits(draft: Draft) -> list[Edit]:
    """Bullet markers left in the text ('o ', '- ', '※ ', '▴'), a leading '(label)', footnote stars, line breaks."""
    edits: list[Edit] = []
    end = 0
    text = draft.text.rstrip(" .")
    if text.startswith("(") and text.endswith(")") and closing_of(text, 0) == len(text) - 1:
        edits.append((len(text) - 1, len(text), "", []))
        end = 1
    for _ in range(3):
        match = MARKER_RE.match(draft.text[end:])
        extra = EXTRA_MARKER_RE.match(draft.text[end:])
        label = LEADING_LABEL_RE.match(draft.text[end:])
        step = (
            (match.end() if match and match.group("marker") else 0)
            or (extra.end() if extra else 0)
            or (label.end() if label else 0)
        )
        if not step:
            break
        end += step
    if end:
        edits.append((0, end, "", []))
        if draft.text[:end].rstrip().endswith(("▲", "△")):
            edits += [(end + m.start(), end + m.end(), "", []) for m in re.finditer(r"[▲△]\s*", draft.text[end:])]
    edits += [
        (m.start(), m.end(), "", [])
        for m in FOOTNOTE_RE.finditer(draft.text)
        if not draft.is_protected(m.start(), m.end())
    ]
    edits += [(m.start(), m.end(), " ", []) for m in re.finditer(r"\s*\n\s*", draft.text)]
    return edits


def _aside_edits(draft: Draft) -> list[Edit]:
    """'국방부(장관 한도윤)는' → '국방부는'; '(장관 유영민, 이하 …)' → '(이하 …)'."""
    edits: list[Edit] = [(m.start(), m.end(), "", []) for m in PARENTHETICAL_HEAD_RE.finditer(draft.text)]
    edits += [(m.start(), m.end(), "", []) for m in HEAD_IN_PARENS_RE.finditer(draft.text)]
    return edits


def _range_edits(draft: Draft) -> list[Edit]:
    """'300~400만원' → '300만~400만원' (the unit on both sides).

    Only when the number reader gives the written-out range the same values as the source's
    range, so that the verifier finds every number of the sentence in its source.
    """
    edits: list[Edit] = []
    for match in RANGE_UNIT_RE.finditer(draft.text):
        if draft.is_protected(match.start(), match.end()):
            continue
        unit = match.group(3)
        position = match.end(1)
        written = draft.text[match.start() : match.end()]
        repeated = draft.text[match.start() : position] + unit + draft.text[position : match.end()]
        if _number_values(repeated + draft.text[match.end() :]) <= _number_values(written + draft.text[match.end() :]):
            edits.append((position, position, unit, [Morph(unit, "NR", unit, 0, len(unit))]))
    return edits


def _number_values(text: str) -> set[str]:
    return {n.value for n in find_numbers(text)}


def _contraction_edits(draft: Draft) -> list[Edit]:
    """'개최하였다' → '개최했다', '선정되었다' → '선정됐다' (outside quotes)."""
    edits: list[Edit] = []
    for morph, following in zip(draft.morphs, draft.morphs[1:], strict=False):
        written = draft.text[morph.start : following.end]
        if following.tag == "EP" and written in CONTRACTIONS and not draft.is_protected(morph.start, following.end):
            new = CONTRACTIONS[written]
            edits.append(
                (
                    morph.start,
                    following.end,
                    new,
                    [Morph(morph.form, morph.tag, morph.lemma, 0, 1), Morph("었", "EP", "었", 0, 1)],
                )
            )
    return edits


def stripped(draft: Draft) -> Draft:
    """The draft without leading and trailing spaces."""
    start = len(draft.text) - len(draft.text.lstrip())
    end = len(draft.text.rstrip())
    return draft.cut(start, end) if (start, end) != (0, len(draft.text)) else draft


def ends_on_mark(draft: Draft) -> bool:
    """Whether a piece ends on a closing quotation mark or title bracket (a quote or a title may go on)."""
    return draft.text.rstrip(" .").endswith(("”", '"', "’", "」", "｣", "』"))


def continues(piece: Draft) -> bool:
    """Whether a piece carries on the one before it: '…이라고 강조하며', '등 방문이 …', '제정 및 …'."""
    if piece.leans() or re.match(r"(?:이)?라(?:고|며|면서|는)\s|고\s", piece.text):
        return True
    if not piece.morphs:
        return False
    first = piece.morphs[0]
    next_word_start = piece.text.find(" ")
    single_word = next_word_start == -1 or piece.morphs[0].end >= next_word_start
    return first.tag in ("NNB", "MAJ") or (first.tag == "NNG" and single_word and is_verbal_noun(first.form))


def tidy_piece(draft: Draft) -> Draft:
    """A piece cut from a sentence loses the markers and wrapping parentheses it opens with."""
    edits = _marker_edits(draft)
    for start, end, text, morphs in sorted(edits, key=lambda e: e[0], reverse=True):
        if not _clashes(edits, start, end):
            draft = draft.replace_span(start, end, text, morphs)
    return fold_spaces(draft) if edits else draft


def split_arrows(pieces: list[Draft]) -> list[Draft]:
    """'… 지원 ⇒ … 확산' (a work plan's arrow between two items) is two sentences."""
    out = []
    for piece in pieces:
        match = re.search(r"\s⇒\s", piece.text)
        if match and match.start() >= 20 and not piece.is_protected(match.start(), match.end()):
            out += [piece.cut(0, match.start()), piece.cut(match.end(), len(piece.text))]
        else:
            out.append(piece)
    return out


def _clashes(edits: list[Edit], start: int, end: int) -> bool:
    return any((s < end and start < e) and (s, e) != (start, end) and (e - s) > (end - start) for s, e, _, _ in edits)


def fold_spaces(draft: Draft) -> Draft:
    match = re.search(r" {2,}| (?=[,.)])|^ +", draft.text)
    while match:
        draft = draft.replace_span(
            match.start(), match.end(), " " if match.group(0).startswith("  ") and match.start() else ""
        )
        match = re.search(r" {2,}| (?=[,.)])|^ +", draft.text)
    return draft


def _range_edit(mention: _Mention, year: int, article_date: dt.date) -> Edit | None:
    """'4~6월' keeps both ends; only the year is added when it is not the article's ('2025년 4~6월')."""
    if year == article_date.year or any(c in mention.written for c in ".(’'‘′"):
        return None
    new = f"{year}년 {mention.written.strip()}"
    return mention.start, mention.end, new, _date_morphs(new)


def _parse_value(value: str) -> tuple[int | None, int | None, int | None]:
    parts = value.split("-")
    numbers = [int(p) if p.isdigit() else None for p in parts]
    numbers += [None] * (3 - len(numbers))
    return numbers[0], numbers[1], numbers[2]


def _korean_date(
    year: int, month: int | None, day: int | None, article_date: dt.date, day_only: bool, omit_year: bool
) -> str:
    parts = []
    if (year != article_date.year or month is None) and not omit_year:
        parts.append(f"{year}년")
    if month is not None and not (day_only and day is not None):
        parts.append(f"{month}월")
    if day is not None:
        parts.append(f"{day}일")
    return " ".join(parts)


def _date_morphs(text: str) -> list[Morph]:
    morphs = []
    for match in re.finditer(r"(\d+)(년|월|일)", text):
        morphs.append(Morph(match.group(1), "SN", match.group(1), match.start(1), len(match.group(1))))
        morphs.append(Morph(match.group(2), "NNB", match.group(2), match.start(2), 1))
    return morphs


def closing_of(text: str, opening: int) -> int:
    depth = 0
    for position in range(opening, len(text)):
        depth += {"(": 1, ")": -1}.get(text[position], 0)
        if depth == 0:
            return position
    return -1
