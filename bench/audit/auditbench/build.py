"""Assemble labelled articles from a release: faithful (extractive, paraphrased), corrupted, key fact omitted."""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from auditbench.base import BaseLine, SourceDoc
from auditbench.corrupt_facts import (
    DATE_RE,
    MENTION_RE,
    Corruption,
    SourceFacts,
    corrupt_date,
    corrupt_name,
    corrupt_number,
    corrupt_place,
    swap_number,
)
from auditbench.corrupt_text import (
    alter_term,
    caption_sentence,
    flip_negation,
    insert_sentence,
)
from auditbench.model import (
    CORRUPTION_TYPES,
    FAITHFUL,
    GoldSentence,
    LabelledArticle,
    OmittedFact,
)
from auditbench.paraphrase import Context, merge_sentences, paraphrase

LOGGER = logging.getLogger(__name__)

PER_ARTICLE = 4
INSERTED_PER_ARTICLE = 3
MAX_OMISSIONS = 2
MERGE_SHARE = 0.25
BASES = ("extractive", "paraphrase")
BODY_PARTS = ("lead", "body")


@dataclass(frozen=True, slots=True)
class Line:
    """A sentence being placed in an article: its text, part, paragraph, gold label and detail."""

    text: str
    part: str
    paragraph: int
    label: str = FAITHFUL
    detail: tuple[tuple[str, str], ...] = ()


@dataclass
class Builder:
    """Generates every labelled article of one release, deterministically from the seed."""

    doc: SourceDoc
    seed: int

    def __post_init__(self) -> None:
        self.facts = SourceFacts.of(self.doc.text, self.doc.anchor)
        self.extractive = [Line(b.text, b.part, b.paragraph) for b in self.doc.lines]
        self.paraphrased = self._paraphrase(self.doc.lines)

    def rng(self, purpose: str) -> random.Random:
        """A random source of its own for each purpose, so that adding one changes no other."""
        return random.Random(f"{self.seed}:{self.doc.name}:{purpose}")

    def articles(self) -> list[LabelledArticle]:
        """Faithful, corrupted (one article per type and base) and omission articles."""
        out = [self._article(f"faithful-{base}", "faithful", base, self._base(base)) for base in BASES]
        for kind in CORRUPTION_TYPES:
            for base in BASES:
                lines = self._corrupted(kind, base)
                if any(line.label == kind for line in lines):
                    out.append(self._article(f"{kind}-{base}", "corrupted", base, lines))
        out.extend(self._omissions())
        return out

    # -- faithful ------------------------------------------------------------------------------

    def _paraphrase(self, lines: tuple[BaseLine, ...]) -> list[Line]:
        """Every line paraphrased; now and then two sentences of a paragraph are merged into one first."""
        ctx = Context(self.doc.anchor, self.rng("paraphrase"))
        out: list[Line] = []
        index = 0
        while index < len(lines):
            line, rules = lines[index], []
            text = line.text
            following = lines[index + 1] if index + 1 < len(lines) else None
            if (
                following is not None
                and following.paragraph == line.paragraph
                and line.part in BODY_PARTS
                and ctx.rng.random() < MERGE_SHARE
            ):
                merged = merge_sentences(text, following.text)
                if merged:
                    text, rules, index = merged, ["merge"], index + 1
            text, applied = paraphrase(text, ctx)
            out.append(Line(text, line.part, line.paragraph, FAITHFUL, (("rules", ",".join([*rules, *applied])),)))
            index += 1
        return out

    def _base(self, base: str) -> list[Line]:
        return list(self.extractive if base == "extractive" else self.paraphrased)

    # -- corrupted -----------------------------------------------------------------------------

    def _corrupted(self, kind: str, base: str) -> list[Line]:
        rng = self.rng(f"{kind}:{base}")
        lines = self._base(base)
        if kind == "inserted":
            topic = _topic(self.doc.lines[0].text if self.doc.lines else "")
            used: set[str] = set()
            return self._insert(
                lines, [insert_sentence(topic, rng, used) for _ in range(INSERTED_PER_ARTICLE)], kind, rng
            )
        if kind == "caption":
            captions = [caption_sentence(c) for c in self.doc.captions[:1]]
            if base == "paraphrase":
                ctx = Context(self.doc.anchor, rng)
                captions = [Corruption(paraphrase(c.text, ctx)[0], c.detail) for c in captions]
            return self._insert(lines, captions, kind, rng)
        corrupt = self._corrupter(kind)
        order = list(range(len(lines)))
        rng.shuffle(order)
        done = 0
        for index in order:
            if done >= PER_ARTICLE:
                break
            result = corrupt(lines[index].text, rng)
            if result is not None and result.text != lines[index].text:
                line = lines[index]
                lines[index] = Line(
                    result.text,
                    line.part,
                    line.paragraph,
                    kind,
                    tuple(sorted({"original": line.text, **result.detail}.items())),
                )
                done += 1
        return lines

    def _corrupter(self, kind: str) -> Callable[[str, random.Random], Corruption | None]:
        from haesol.data.lexicon import load_lexicon

        places = load_lexicon().places
        return {
            "number": lambda text, rng: corrupt_number(text, self.facts, rng),
            "number_swap": lambda text, rng: swap_number(text, self.facts, rng),
            "date": lambda text, rng: corrupt_date(text, self.facts, rng),
            "name": lambda text, rng: corrupt_name(text, self.facts, rng),
            "place": lambda text, rng: corrupt_place(text, self.facts, rng, places),
            "negation": lambda text, rng: flip_negation(text, rng),
            "term": lambda text, rng: alter_term(
                text, compound_nouns(text, self.facts.compact), self.facts.compact, rng
            ),
        }[kind]

    def _insert(self, lines: list[Line], extra: list[Corruption], kind: str, rng: random.Random) -> list[Line]:
        spots = [i for i, line in enumerate(lines) if line.part in BODY_PARTS]
        chosen = sorted(rng.sample(spots, min(len(extra), len(spots))), reverse=True)
        for index, corruption in zip(chosen, extra, strict=False):
            after = lines[index]
            lines.insert(
                index + 1,
                Line(corruption.text, after.part, after.paragraph, kind, tuple(sorted(corruption.detail.items()))),
            )
        return lines

    # -- omissions -----------------------------------------------------------------------------

    def _omissions(self) -> list[LabelledArticle]:
        out = []
        for number, (fact, kind) in enumerate(self._key_facts()[:MAX_OMISSIONS], 1):
            needle = _compact(fact)
            kept = [line for line in self.extractive if needle not in _compact(line.text)]
            if len(kept) < len(self.extractive) and len(kept) >= 3:
                article = self._article(f"omission-{number}", "omission", "extractive", kept)
                out.append(replace(article, omitted=(OmittedFact(fact, kind),)))
        return out

    def _key_facts(self) -> list[tuple[str, str]]:
        """Amounts with a unit and dates of the release title, then of its first body sentence."""
        lines = self.doc.text.splitlines()
        found: list[tuple[str, str]] = []
        for line in lines[:1] + [self.extractive[1].text if len(self.extractive) > 1 else ""]:
            for match in MENTION_RE.finditer(line):
                if match.group("unit"):
                    found.append((match.group(0).strip(), "number"))
            for match in DATE_RE.finditer(line):
                if match.group("full") or match.group("md") or match.group("ym"):
                    found.append((match.group(0), "date"))
        unique = list(dict.fromkeys(f for f in found if _compact(f[0]) in self.facts.compact))
        return unique

    # -- output --------------------------------------------------------------------------------

    def _article(self, suffix: str, kind: str, base: str, lines: list[Line]) -> LabelledArticle:
        gold = tuple(GoldSentence(line.text, line.part, line.label, dict(line.detail)) for line in lines)
        return LabelledArticle(
            id=f"{self.doc.name}/{suffix}",
            split=self.doc.split,
            source=self.doc.path,
            kind=kind,
            base=base,
            text=render_markdown(lines),
            sentences=gold,
        )


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _topic(headline: str) -> str:
    for word in re.findall(r"[가-힣]{3,}", headline):
        if not word.endswith(("부", "청", "처", "회")):
            return re.sub(r"(으로|에서|에|의|을|를|은|는|이|가|로)$", "", word)
    return "이번 정책"


def compound_nouns(text: str, source_compact: str) -> list[str]:
    """Nouns and written-together compounds of 3+ syllables in ``text`` that the source also uses.

    Kiwi is called directly, not through haesol's cache, so that the result does not depend on what the
    process analysed before.
    """
    from haesol.analyze.kiwi import get_analyzer

    tokens = get_analyzer().kiwi.tokenize(text)
    out: list[str] = []
    start = end = -1
    parts: list[str] = []
    for token in [*tokens, None]:
        tag = token.tag if token is not None else ""
        if token is not None and tag in ("NNG", "NNP") and token.start == end:
            end = token.start + token.len
            parts.append(tag)
            continue
        word = text[start:end] if start >= 0 else ""
        if (
            len(word) >= 3
            and re.fullmatch(r"[가-힣]+", word)
            and word in source_compact
            and (len(parts) > 1 or "NNP" in parts)
        ):
            out.append(word)
        is_noun = token is not None and tag in ("NNG", "NNP")
        start, end = (token.start, token.start + token.len) if is_noun and token is not None else (-1, -1)
        parts = [tag] if is_noun else []
    return list(dict.fromkeys(out))


def render_markdown(lines: list[Line]) -> str:
    """The article as Markdown: '# ' headline, '## ' headings, paragraphs, '- ' key points."""
    blocks: list[str] = []
    current: list[str] = []
    paragraph = None
    for line in lines:
        if line.part in ("headline", "heading", "bullet") or line.paragraph != paragraph:
            if current:
                blocks.append(" ".join(current))
            current = []
        paragraph = line.paragraph
        if line.part == "headline":
            blocks.append(f"# {line.text}")
        elif line.part == "heading":
            blocks.append(f"## {line.text}")
        elif line.part == "bullet":
            blocks.append(f"- {line.text}")
        else:
            current.append(line.text)
    if current:
        blocks.append(" ".join(current))
    return "\n\n".join(blocks) + "\n"


def build_articles(docs: list[SourceDoc], seed: int) -> list[LabelledArticle]:
    """Every labelled article of every release, in release order."""
    out: list[LabelledArticle] = []
    for doc in docs:
        out.extend(Builder(doc, seed).articles())
    return out
