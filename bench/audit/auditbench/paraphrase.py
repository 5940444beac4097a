"""Deterministic paraphrase rules that keep a sentence's meaning: synonyms, endings, particles, order, formats."""

from __future__ import annotations

import datetime as dt
import logging
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from auditbench.hangul import polite_ending, topic_to_subject

LOGGER = logging.getLogger(__name__)

MAX_RULES = 5
# (written form, paraphrase): predicates and nouns a reporter swaps without changing the facts
SYNONYM_PHRASES = (
    ("밝혔다", "발표했다"),
    ("밝혔다", "설명했다"),
    ("말했다", "밝혔다"),
    ("말했다", "전했다"),
    ("강조했다", "힘줘 말했다"),
    ("강조했다", "역설했다"),
    ("당부했다", "요청했다"),
    ("당부했다", "부탁했다"),
    ("덧붙였다", "말했다"),
    ("마련했다", "준비했다"),
    ("마련한다", "준비한다"),
    ("확보했으며", "마련했으며"),
    ("확보해", "마련해"),
    ("편성했다", "반영했다"),
    ("실시한", "진행한"),
    ("실시했으며", "진행했으며"),
    ("실시한다고", "진행한다고"),
    ("진행된다", "열린다"),
    ("연다고", "개최한다고"),
    ("늘린다", "확대한다"),
    ("늘어난", "증가한"),
    ("늘었다", "증가했다"),
    ("늘어나고", "증가하고"),
    ("늘어남", "증가함"),
    ("줄었지만", "감소했지만"),
    ("줄어들 것", "감소할 것"),
    ("줄이는", "낮추는"),
    ("줄인다", "낮춘다"),
    ("줄이기 위해", "낮추기 위해"),
    ("시작한다", "착수한다"),
    ("마치고", "끝내고"),
    ("완료할", "마무리할"),
    ("끝나는", "마무리되는"),
    ("착공한다", "공사에 들어간다"),
    ("방문해", "찾아"),
    ("방문하여", "찾아"),
    ("찾아", "방문해"),
    ("선정하며", "고르며"),
    ("선정한다", "뽑는다"),
    ("기대된다", "예상된다"),
    ("예상된다", "전망된다"),
    ("나타났다", "드러났다"),
    ("집계됐다", "파악됐다"),
    ("보인다", "전망된다"),
    ("지원한다", "돕는다"),
    ("지급한다", "준다"),
    ("설치한다", "갖춘다"),
    ("배치한다", "투입한다"),
    ("배정한다", "배치한다"),
    ("부과할", "물릴"),
    ("점검했다", "살폈다"),
    ("확인했다", "살폈다"),
    ("운영한다", "꾸린다"),
    ("공급한다", "보급한다"),
    ("새로", "신규로"),
    ("추가로", "더"),
    ("가량", "정도"),
    ("우선", "먼저"),
    ("즉시", "곧바로"),
    ("가장", "제일"),
    ("계획이다", "방침이다"),
    ("예정이다", "계획이다"),
    ("절반씩", "반씩"),
    ("대부분이다", "다수다"),
    ("각각", "저마다"),
    ("찾아냈다고", "발견했다고"),
    ("도입한다고", "들인다고"),
    ("이용객", "이용자"),
    ("참여하며", "참가하며"),
    ("참여해", "참가해"),
    ("대상으로", "상대로"),
    ("위해", "위하여"),
    ("막기 위해", "방지하기 위해"),
    ("다시", "재차"),
    ("함께", "같이"),
    ("모두", "총"),
    ("현재", "지금"),
    ("전체", "전부"),
    ("최근", "요즘"),
    ("불편을", "어려움을"),
    ("주민", "지역민"),
)
DROPPABLE = (
    "특히 ",
    "또 ",
    "또한 ",
    "이번 ",
    "모두 ",
    "새로 ",
    "직접 ",
    "현재 ",
    "전국 ",
    "즉시 ",
    "각별히 ",
    "단계적으로 ",
    "순차적으로 ",
)
TIME_PHRASE_RE = re.compile(
    r"^(?P<topic>\S+(?:는|은)) (?P<time>(?:\d{4}년 )?(?:\d{1,2}월 )?(?:\d{1,2}일)?(?:부터|까지|에는|에)|\d{4}년(?:부터|까지|에는|에)|\d{1,2}월(?:부터|까지|에)) "
)
BIG_SPACE_RE = re.compile(r"(\d)(억|만|천) ?(원|명|곳|달러|톤|개)")
COMMA_NUMBER_RE = re.compile(r"(?<![\d.])(\d{1,3}),(\d{3})(?![\d,])")
BARE_DAY_RE = re.compile(
    r"(?<![\d월.,~])(?<!월 )(?P<day>[1-9]|[12]\d|3[01])일(?![간째자차로]|\s*(?:동안|늘|줄|이상|이내|만에))"
)
RELATIVE_YEARS = {"지난해": -1, "올해": 0, "내년": 1}
QUOTED_RE = re.compile(r"“[^“”]*”|\"[^\"]*\"|‘[^‘’]*’|'[^'\n]*'|「[^「」]*」")
MASK_BASE = 0xE000


@dataclass(frozen=True, slots=True)
class Context:
    """What rules may use: the release date (for relative dates) and the seeded random source."""

    anchor: dt.date
    rng: random.Random


Rule = Callable[[str, Context], str]


def synonym(text: str, ctx: Context) -> str:
    """Replace every phrase that has a synonym, each once, with one of its synonyms ('마련했다' → '준비했다')."""
    options: dict[str, list[str]] = {}
    for old, new in SYNONYM_PHRASES:
        if re.search(rf"(?<![가-힣]){re.escape(old)}", text):
            options.setdefault(old, []).append(new)
    if not options:
        return ""
    for old in sorted(options, key=len, reverse=True):
        text = re.sub(rf"(?<![가-힣]){re.escape(old)}", ctx.rng.choice(options[old]), text, count=1)
    return text


def polite(text: str, ctx: Context) -> str:
    """해라체 → 합쇼체 on the final predicate ('늘린다.' → '늘립니다.')."""
    match = re.search(r"(\S+다)\.$", text)
    if not match:
        return ""
    ending = polite_ending(match.group(1))
    return text[: match.start(1)] + ending + "." if ending else ""


def subject_particle(text: str, ctx: Context) -> str:
    """Topic particle → subject particle on the first word ('국방부는' → '국방부가')."""
    first, _, rest = text.partition(" ")
    changed = topic_to_subject(first)
    return f"{changed} {rest}" if changed and rest else ""


def front_time(text: str, ctx: Context) -> str:
    """Move a time adverbial in front of the topic ('국방부는 11월 2일부터 …' → '11월 2일부터 국방부는 …')."""
    match = TIME_PHRASE_RE.match(text)
    if not match or match.group("time") in ("에", "부터", "까지", "에는"):
        return ""
    return f"{match.group('time')} {match.group('topic')} {text[match.end() :]}"


def drop_modifier(text: str, ctx: Context) -> str:
    """Drop a modifier that adds no fact ('특히 ', '모두 ', '새로 ')."""
    options = [word for word in DROPPABLE if f" {word}" in f" {text}" and not text.endswith(word.strip())]
    if not options:
        return ""
    word = ctx.rng.choice(options)
    position = f" {text}".find(f" {word}")
    return text[:position] + text[position + len(word) :]


def number_format(text: str, ctx: Context) -> str:
    """Write a number differently ('320억 원' → '320억원', '1,240곳' → '1240곳', '%' → '퍼센트')."""
    options: list[Callable[[str], str]] = []
    if BIG_SPACE_RE.search(text):
        options.append(lambda t: BIG_SPACE_RE.sub(r"\1\2\3", t, count=1))
    if COMMA_NUMBER_RE.search(text):
        options.append(lambda t: COMMA_NUMBER_RE.sub(r"\1\2", t, count=1))
    if re.search(r"\d%", text):
        options.append(lambda t: re.sub(r"(\d)%", r"\1퍼센트", t, count=1))
    return ctx.rng.choice(options)(text) if options else ""


def resolve_date(text: str, ctx: Context) -> str:
    """Write a relative date out ('7일' → '10월 7일', '지난해' → '2025년')."""
    match = BARE_DAY_RE.search(text)
    if match and not re.search(r"\d\s*$", text[: match.start()]):
        day = int(match.group("day"))
        month = ctx.anchor.month if day <= ctx.anchor.day else (ctx.anchor.month - 2) % 12 + 1
        return text[: match.start()] + f"{month}월 {day}일" + text[match.end() :]
    for word, offset in RELATIVE_YEARS.items():
        if re.search(rf"(?<![가-힣]){word}(?!\s*같은)", text):
            return re.sub(rf"(?<![가-힣]){word}", f"{ctx.anchor.year + offset}년", text, count=1)
    return ""


SPLIT_ENDINGS = (
    ("했으며, ", "했다. "),
    ("됐으며, ", "됐다. "),
    ("하며, ", "한다. "),
    ("되며, ", "된다. "),
    ("이며, ", "이다. "),
    ("있으며, ", "있다. "),
    ("했고, ", "했다. "),
)


def split_sentence(text: str, ctx: Context) -> str:
    """Split a long sentence at its first '…하며,' or '…했고,' into two sentences (declaratives only)."""
    if not text.endswith("다."):
        return ""
    for joined, ended in SPLIT_ENDINGS:
        position = text.find(joined)
        if position > 10:
            return text[:position] + ended + text[position + len(joined) :]
    return ""


CONNECTIVES = ("또한 ", "이와 함께 ", "한편 ", "이에 따라 ")
REPORTING_RE = re.compile(r"(?P<end>다)고 (?:\d{1,2}일 )?(?:밝혔다|말했다|전했다|설명했다|발표했다)\.$")
MAN_CHEON_RE = re.compile(r"(?<![\d,])(\d+)만 (\d)천(?= ?[명곳개톤])")


def abbreviate_agency(text: str, ctx: Context) -> str:
    """Write an agency by its usual short name ('농림축산식품부' → '농식품부')."""
    from haesol.data.lexicon import load_lexicon

    lexicon = load_lexicon()
    for match in re.finditer(r"[가-힣]{3,}(?:부|청|처)", text):
        canonical = lexicon.agency(match.group(0))
        if canonical != match.group(0):
            continue
        shorter = sorted(
            a
            for a, c in lexicon.agencies.items()
            if c == canonical and len(a) < len(canonical) and re.fullmatch(r"[가-힣]+", a)
        )
        if shorter:
            return text[: match.start()] + ctx.rng.choice(shorter) + text[match.end() :]
    return ""


def relative_year(text: str, ctx: Context) -> str:
    """Write a year relative to the release date ('2027년 1월' → '내년 1월', '2025년' → '지난해')."""
    words = {ctx.anchor.year - 1: "지난해", ctx.anchor.year: "올해", ctx.anchor.year + 1: "내년"}
    for match in re.finditer(r"(?<!\d)(20\d\d)년(?!도| \d{1,2}월 \d)", text):
        word = words.get(int(match.group(1)))
        if word:
            return text[: match.start()] + word + text[match.end() :]
    return ""


def write_out_number(text: str, ctx: Context) -> str:
    """Write '1만 2천 곳' as '1만2000곳' or '12,000곳'."""
    match = MAN_CHEON_RE.search(text)
    if not match:
        return ""
    man, cheon = int(match.group(1)), int(match.group(2))
    written = f"{man * 10000 + cheon * 1000:,}" if ctx.rng.random() < 0.5 else f"{man}만{cheon}000"
    return text[: match.start()] + written + text[match.end() :]


def connective(text: str, ctx: Context) -> str:
    """Open a body sentence with a connective ('또한 ', '이와 함께 ')."""
    if not text.endswith("다.") or text.startswith(tuple(c.strip() for c in CONNECTIVES)):
        return ""
    return ctx.rng.choice(CONNECTIVES) + text


def drop_reporting(text: str, ctx: Context) -> str:
    """Drop the reporting verb ('… 연다고 10일 밝혔다.' → '… 연다.')."""
    match = REPORTING_RE.search(text)
    return text[: match.start()] + "다." if match else ""


MERGE_ENDINGS = (
    ("했다.", "했고,"),
    ("됐다.", "됐고,"),
    ("한다.", "하고,"),
    ("된다.", "되고,"),
    ("이다.", "이고,"),
    ("있다.", "있고,"),
    ("었다.", "었고,"),
)


def merge_sentences(first: str, second: str) -> str:
    """Join two sentences into one ('A했다.' + 'B한다.' → 'A했고, B한다.'), or '' when the ending does not allow it."""
    for ended, joined in MERGE_ENDINGS:
        if first.endswith(ended) and second.endswith("다."):
            return first[: -len(ended)] + joined + " " + second
    return ""


RULES: tuple[tuple[str, Rule], ...] = (
    ("drop_reporting", drop_reporting),
    ("synonym", synonym),
    ("abbreviate_agency", abbreviate_agency),
    ("relative_year", relative_year),
    ("write_out_number", write_out_number),
    ("drop_modifier", drop_modifier),
    ("number_format", number_format),
    ("resolve_date", resolve_date),
    ("front_time", front_time),
    ("subject_particle", subject_particle),
    ("split_sentence", split_sentence),
    ("connective", connective),
    ("polite", polite),
)


def paraphrase(text: str, ctx: Context) -> tuple[str, tuple[str, ...]]:
    """Apply up to MAX_RULES applicable rules, in a fixed order, picked by the seeded random source.

    Returns:
        The paraphrased sentence and the names of the rules applied (empty when none applied).
    """
    text, quotes = mask_quotes(text)
    applicable = [(name, rule) for name, rule in RULES if rule(text, _probe(ctx))]
    if not applicable:
        return unmask_quotes(text, quotes), ()
    count = min(len(applicable), ctx.rng.randint(1, MAX_RULES))
    chosen = {name for name, _ in ctx.rng.sample(applicable, count)}
    applied = []
    for name, rule in RULES:
        if name in chosen:
            changed = rule(text, ctx)
            if changed and changed != text:
                text = changed
                applied.append(name)
    return unmask_quotes(text, quotes), tuple(applied)


def mask_quotes(text: str) -> tuple[str, list[str]]:
    """Replace quoted spans by private-use characters so that no rule touches a quote."""
    quotes: list[str] = []

    def keep(match: re.Match[str]) -> str:
        quotes.append(match.group(0))
        return chr(MASK_BASE + len(quotes) - 1)

    return QUOTED_RE.sub(keep, text), quotes


def unmask_quotes(text: str, quotes: list[str]) -> str:
    """Put the quoted spans back."""
    for position, quote in enumerate(quotes):
        text = text.replace(chr(MASK_BASE + position), quote)
    return text


def _probe(ctx: Context) -> Context:
    """A throwaway context so that probing a rule does not consume the real random stream."""
    return Context(ctx.anchor, random.Random(0))
