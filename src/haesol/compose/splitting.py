"""Sentences over 120 characters split where an editor would: between quotes, at a clause ending, or an adverbial clause."""

from __future__ import annotations

import logging
import re

from haesol.analyze.kiwi import Analyzer
from haesol.analyze.meaning import fragment_reason, meaning_of
from haesol.analyze.meaning_diff import predicate_change
from haesol.compose.cleanup import fold_spaces, stripped
from haesol.compose.draft import (
    Draft,
    MorphSpec,
    merge_drafts,
    rejoin,
    spaced_morphs,
    word_start,
)
from haesol.models import Morph

LOGGER = logging.getLogger(__name__)

MAX_SENTENCE_CHARS = 120
CLAUSE_SPLIT_ENDINGS = frozenset({"고", "며", "으며", "면서", "으면서", "지만", "는데", "ᆫ데"})
QUOTE_JOINS = frozenset({"라며", "라면서", "며", "면서", "으며", "으면서"})
ADVERBIAL_VERBS = frozenset({"위하", "발맞추", "따르", "맞추", "고려하", "감안하", "힘입", "기반하", "통하", "대응하"})
UNMARKED_ADVERBIALS = frozenset({"고려하", "감안하"})
OPENING_ADVERBS_RE = re.compile(r"^(?:특히|또한|아울러|한편|이와 함께|이에 따라|이어|이번에)\s*,?\s*")
VERBAL_MODALS = frozenset({"예정", "계획", "방침", "전망"})
AUXILIARY_LEMMAS = frozenset({"있다", "나가다", "가다", "오다", "주다", "보다", "싶다", "말다"})

Morphs = list[MorphSpec]


class SentenceSplitter:
    """Splits long sentences into two or three, each re-ended with the tense and modality of the whole."""

    def __init__(self, analyzer: Analyzer, style: str) -> None:
        self.analyzer = analyzer
        self.style = style

    def split_long(self, draft: Draft) -> list[Draft]:
        """Split a sentence over MAX_SENTENCE_CHARS at a quote junction, a clause ending or an adverbial clause.

        A part that cannot be split loses its parenthetical asides when that is enough.
        """
        limit = MAX_SENTENCE_CHARS - (3 if self.style == "polite" else 1)
        parts = [draft]
        for _ in range(3):
            longest = max(range(len(parts)), key=lambda i: len(parts[i].text))
            if len(parts[longest].text) <= limit:
                break
            pair = self._split_once(parts[longest])
            if pair is None:
                break
            parts[longest : longest + 1] = pair
        return [_without_asides(p, limit) if len(p.text) > limit else p for p in parts]

    def _split_once(self, draft: Draft) -> list[Draft] | None:
        candidates = [i for i in range(len(draft.morphs) - 1) if self._junction(draft, i)]
        middle = len(draft.text) / 2
        for index in sorted(candidates, key=lambda i: abs(draft.morphs[i].end - middle)):
            pair = self._split_at(draft, index)
            if pair is not None and min(len(p.text) for p in pair) >= 20 and _keeps_meaning(pair, draft):
                return pair
        for index in range(len(draft.morphs) - 1):
            pair = self._adverbial_split(draft, index)
            if pair is not None and min(len(p.text) for p in pair) >= 20 and _keeps_meaning(pair, draft):
                return pair
        return None

    def _adverbial_split(self, draft: Draft, index: int) -> list[Draft] | None:
        """'국방부는 …에 발맞춰, …을 발표했다' → '국방부는 …을 발표했다.' + '…에 발맞춘 것이다.'"""
        morph = draft.morphs[index]
        stem = draft.morphs[index - 1] if index > 0 else None
        if (
            morph.tag != "EC"
            or morph.form not in ("어", "아", "여")
            or stem is None
            or draft.is_protected(morph.start, morph.end)
        ):
            return None
        verb = stem.form if stem.tag != "XSV" else draft.morphs[index - 2].form + "하" if index > 1 else ""
        comma = draft.text[morph.end : morph.end + 1] == ","
        if not (stem.tag in ("VV", "XSV") and ((verb in ADVERBIAL_VERBS and comma) or verb in UNMARKED_ADVERBIALS)):
            return None
        prefix_end = _prefix_end(draft, index)
        rest_start = morph.end + (1 if comma else 0)
        rest_start += len(draft.text[rest_start:]) - len(draft.text[rest_start:].lstrip())
        clause = draft.cut(0, morph.end)
        first = word_start(clause, index)
        ending: Morphs = [("ᆫ", "ETM"), ("것", "NNB", True), ("이", "VCP"), ("다", "EF")]
        reason = rejoin(self.analyzer, clause, first, index, [*spaced_morphs(clause, first, index - 1), *ending])
        reason = stripped(reason.cut(prefix_end, len(reason.text))) if prefix_end else reason
        rest = draft.cut(rest_start, len(draft.text))
        main = merge_drafts([stripped(draft.cut(0, prefix_end)), rest]) if prefix_end else rest
        return [main, reason] if prefix_end < morph.start else None

    def _junction(self, draft: Draft, index: int) -> bool:
        morph = draft.morphs[index]
        if _as_thing(draft, index) or _after_clause(draft, index):
            return True
        if morph.tag != "EC" or draft.is_protected(morph.start, morph.end):
            return False
        after_quote = (index > 0 and draft.morphs[index - 1].form in ("”", '"')) or (
            index > 1 and draft.morphs[index - 2].form in ("”", '"')
        )
        if after_quote:
            return morph.form in QUOTE_JOINS
        following = draft.morphs[index + 1]
        if following.tag == "VX" or (following.tag in ("VV", "VA") and following.lemma in AUXILIARY_LEMMAS):
            return False  # '위축되고 있는', '강화해 나갈': one predicate, not two clauses
        return morph.form in CLAUSE_SPLIT_ENDINGS and _has_subject_and_predicate(draft, index)

    def _split_at(self, draft: Draft, index: int) -> list[Draft] | None:
        morph = draft.morphs[index]
        rest_start = morph.end
        while rest_start < len(draft.text) and draft.text[rest_start] in ", ":
            rest_start += 1
        second = draft.cut(rest_start, len(draft.text))
        head = draft.cut(0, morph.end)
        closing = next(
            (i for i in range(index - 1, max(index - 3, -1), -1) if draft.morphs[i].form in ("”", '"')), None
        )
        if _after_clause(draft, index):
            return self._sequence_split(draft, index, second)
        if _as_thing(draft, index):
            first: Draft | None = head.replace_span(
                morph.start, morph.end, "이다", [Morph("이", "VCP", "이다", 0, 1), Morph("다", "EF", "다", 1, 1)]
            )
        elif closing is not None:
            first = self._quote_clause(head, closing, index)
        else:
            first = self.clause_sentence(head, index, draft)
        return [first, second] if first is not None and second.text.strip() else None

    def _sequence_split(self, draft: Draft, index: int, second: Draft) -> list[Draft] | None:
        """'…후보작을 선별한 후, …진행됐다' → '…후보작을 선별했다.' + '이후 …진행됐다.'"""
        ending = index - 1
        head = draft.cut(0, draft.morphs[ending].end)
        first = self.clause_sentence(head, ending, draft)
        opening = "이후 "
        second = second.replace_span(0, 0, opening, self.analyzer.morphs(opening.strip()))
        return [first, second] if first is not None and second.text.strip() else None

    def _quote_clause(self, head: Draft, closing: int, index: int) -> Draft:
        """'…”라면서' → '…”라고 말했다' (the speaker's words stay verbatim)."""
        quotative = "라고" if head.text[head.morphs[closing].end :].lstrip().startswith(("라", "이라")) else "고"
        if head.text[head.morphs[closing].end :].lstrip().startswith("이라"):
            quotative = "이라고"
        start = head.morphs[closing].end
        joined = self.analyzer.kiwi.join([("말", "NNG"), ("하", "XSV"), ("었", "EP"), ("다", "EF")])
        text = f"{quotative} {joined}"
        morphs = self.analyzer.morphs(text)
        return head.replace_span(start, len(head.text), text, morphs)

    def clause_sentence(self, head: Draft, index: int, whole: Draft) -> Draft | None:
        """'… 늘리고' → '… 늘린다', with the tense and modality of the sentence's final predicate."""
        stem = index - 1
        if stem < 0 or head.morphs[stem].tag not in ("VV", "XSV", "VA", "XSA", "VCP", "VX", "EP"):
            return None
        first = word_start(head, index)
        morphs = spaced_morphs(head, first, stem)
        return rejoin(self.analyzer, head, first, index, [*morphs, *self._final_mood(whole, head.morphs[stem])])

    def _final_mood(self, whole: Draft, stem: Morph) -> Morphs:
        end = whole.content_end()
        tail = whole.morphs[word_start(whole, max(end - 3, 0)) : end + 1]
        forms = [m.form for m in tail]
        tag = stem.tag
        if tag == "EP" or tag in ("VA", "XSA", "VCP"):
            return [("다", "EF")]
        modal = next((m.form for m in tail if m.form in VERBAL_MODALS), None)
        if modal and "ᆯ" in forms:
            return [("ᆯ", "ETM"), (modal, "NNG", True), ("이", "VCP"), ("다", "EF")]
        if "었" in forms:
            return [("었", "EP"), ("다", "EF")]
        return [("ᆫ다", "EF")]


def _keeps_meaning(pair: list[Draft], whole: Draft) -> bool:
    """Both halves are whole sentences that keep the tense and modality the source gives their predicates."""
    source = meaning_of(whole.text, whole.morphs)
    for part in pair:
        if fragment_reason(part.text, part.morphs) or predicate_change(meaning_of(part.text, part.morphs), [source]):
            LOGGER.debug("split rejected: %s", part.text)
            return False
    return True


def _has_subject_and_predicate(draft: Draft, index: int) -> bool:
    """The clause after a connective ending has a predicate of its own and does not open with a dependent word."""
    rest = draft.morphs[index + 1 :]
    if not rest or rest[0].tag in ("VX", "ETM", "EC", "JKS", "JKO", "JKB", "JX", "JC", "XSV", "XSA", "NNB"):
        return False
    return any(m.tag in ("VV", "VA", "XSV", "XSA") for m in rest)


def _after_clause(draft: Draft, index: int) -> bool:
    """'…선별한 후,' / '…마친 뒤,': a finished clause, then what followed it."""
    morph = draft.morphs[index]
    return (
        morph.form in ("후", "뒤")
        and morph.tag in ("NNG", "NNB")
        and index > 1
        and draft.morphs[index - 1].tag == "ETM"
        and draft.morphs[index - 1].form in ("ᆫ", "은")
        and draft.text[morph.end : morph.end + 1] == ","
        and not draft.is_protected(morph.start, morph.end)
    )


def _as_thing(draft: Draft, index: int) -> bool:
    """'…산정한 것으로서, …': the clause can end as '…산정한 것이다.'"""
    morph = draft.morphs[index]
    following = draft.text[morph.end : morph.end + 1]
    return (
        morph.tag == "JKB"
        and morph.form in ("으로서", "로서", "으로", "로")
        and index > 0
        and draft.morphs[index - 1].form == "것"
        and following == ","
        and not draft.is_protected(morph.start, morph.end)
    )


def _prefix_end(draft: Draft, limit: int) -> int:
    """End of what opens the sentence before an adverbial clause: the topic ('국방부는') or '특히,'."""
    for _index, morph in enumerate(draft.morphs[:limit]):
        if morph.tag in ("EC", "ETM", "JKO", "JKB"):
            break
        if morph.tag in ("JX", "JKS") and morph.form in ("은", "는", "이", "가"):
            return morph.end
    opening = OPENING_ADVERBS_RE.match(draft.text)
    return opening.end() if opening else 0


def _without_asides(draft: Draft, limit: int) -> Draft:
    """Drop parenthetical asides inside a long sentence ('(참조: 세무2과장, 전화 …)') when that brings it under the limit."""
    asides = [
        (m.start(), m.end())
        for m in re.finditer(r"\s?\([^()]{2,}\)", draft.text)
        if not draft.is_protected(m.start(), m.end())
    ]
    asides = [(s, e) for s, e in asides if e < len(draft.text.rstrip(" .")) - 1]
    if not asides or len(draft.text) - sum(e - s for s, e in asides) > limit:
        return draft
    for start, end in reversed(asides):
        draft = draft.replace_span(start, end, "")
    return fold_spaces(draft)
