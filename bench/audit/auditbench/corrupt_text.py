"""Corruptions of meaning: inserted sentences, caption text, flipped negation or direction, altered terms."""

from __future__ import annotations

import logging
import random
import re

from auditbench.corrupt_facts import Corruption
from auditbench.hangul import has_final, is_syllable, swap_vowel
from auditbench.paraphrase import mask_quotes, unmask_quotes

LOGGER = logging.getLogger(__name__)

# opinion, filler and outside knowledge: nothing a release would say; {topic} is a noun from its title
INSERTED = (
    "전문가들은 이번 조치가 장기적으로 지역 경제 활성화에 기여할 것으로 내다봤다.",
    "{topic}에 대한 국민들의 관심도 갈수록 높아지고 있다.",
    "일각에서는 실효성에 대한 의문도 제기된다.",
    "해외 주요국도 비슷한 정책을 잇따라 도입하고 있다.",
    "이러한 노력은 국민의 삶의 질을 높이는 데 크게 기여할 것이다.",
    "관련 업계는 이번 발표를 일제히 환영했다.",
    "시민단체들은 {topic} 예산이 여전히 부족하다고 지적했다.",
    "앞서 정부는 비슷한 사업을 추진했다가 여론의 반발로 중단한 바 있다.",
    "{topic} 문제는 수년째 해결되지 않은 고질적인 과제로 꼽혀 왔다.",
    "이번 발표는 정치권에서도 큰 주목을 받았다.",
    "갈수록 복잡해지는 환경 속에서 이러한 변화는 어떤 형태로든 필수적이다.",
    "누리꾼들은 온라인 커뮤니티에서 다양한 반응을 보였다.",
    "업계에서는 {topic} 관련 시장이 빠르게 성장할 것이라는 기대가 나온다.",
    "야당은 이번 대책이 보여 주기식 행정에 그칠 수 있다고 비판했다.",
    "현장에서는 인력 부족 문제가 먼저 해결돼야 한다는 목소리가 높다.",
    "{topic_eun} 그동안 여러 차례 언론의 비판을 받아 왔다.",
    "이 같은 흐름은 당분간 이어질 것으로 보인다.",
    "주민들은 이번 결정을 대체로 반기는 분위기다.",
)
# one-way swaps of a direction of change, in written (conjugated) forms, longest first
DIRECTIONS = (
    ("늘어날", "줄어들"),
    ("늘어난", "줄어든"),
    ("늘어나", "줄어들"),
    ("늘었", "줄었"),
    ("늘린", "줄인"),
    ("늘리", "줄이"),
    ("늘어", "줄어"),
    ("줄어들 것", "늘어날 것"),
    ("줄어든", "늘어난"),
    ("줄어들", "늘어나"),
    ("줄었", "늘었"),
    ("줄인", "늘린"),
    ("줄이", "늘리"),
    ("증가", "감소"),
    ("감소", "증가"),
    ("상승", "하락"),
    ("하락", "상승"),
    ("확대", "축소"),
    ("축소", "확대"),
    ("인상", "인하"),
    ("높았", "낮았"),
    ("높은", "낮은"),
    ("낮은", "높은"),
    ("낮았", "높았"),
    ("많았", "적었"),
    ("많은", "적은"),
    ("올린", "내린"),
    ("내렸", "올렸"),
    ("앞당기", "늦추"),
)
NEGATIONS = (
    (r"한다고", "하지 않는다고"),
    (r"했다고", "하지 않았다고"),
    (r"할 (계획|예정|방침)", r"하지 않을 \1"),
    (r"하겠다", "하지 않겠다"),
    (r"된다(?=[.고])", "되지 않는다"),
    (r"됐다(?=[.고])", "되지 않았다"),
    (r"되며", "되지 않으며"),
    (r"했다(?=[.고])", "하지 않았다"),
    (r"한다(?=[.고])", "하지 않는다"),
    (r"하며", "하지 않으며"),
    (r"있다(?=[.고])", "없다"),
    (r"있었다", "없었다"),
    (r"(?<=[가-힣])이다\.", "이 아니다."),
)
ALREADY_NEGATED_RE = re.compile(r"지 (?:않|못)|못 |없(?=[을는었다이])")
REMOVE_NEGATION = (r"없(?=[을는었다])", "있")
SPLIT_SYLLABLES = ("어", "스", "리", "타", "디")


def insert_sentence(topic: str, rng: random.Random, used: set[str]) -> Corruption:
    """A sentence the source does not support (opinion, filler, knowledge from elsewhere)."""
    options = [s for s in INSERTED if s not in used] or list(INSERTED)
    template = rng.choice(options)
    used.add(template)
    topic_eun = topic + ("은" if has_final(topic) else "는")
    return Corruption(template.format(topic=topic, topic_eun=topic_eun), {"template": template})


def caption_sentence(caption: str) -> Corruption:
    """A photo caption of the source written as a body sentence (the '(사진=…)' credit left out)."""
    text = re.sub(r"\s*\(사진\s*[=＝][^)]*\)\s*$", "", caption.strip())
    return Corruption(text, {"caption": caption})


def flip_negation(text: str, rng: random.Random) -> Corruption | None:
    """Flip the direction of a change ('늘었다' → '줄었다') or negate the main predicate."""
    masked, quotes = mask_quotes(text)
    directions = [(a, b) for a, b in DIRECTIONS if a in masked and b not in masked]
    if directions and rng.random() < 0.5:
        old, new = rng.choice(directions)
        position = masked.rfind(old)
        result = masked[:position] + new + masked[position + len(old) :]
        return Corruption(unmask_quotes(result, quotes), {"from": old, "to": new, "kind": "direction"})
    patterns = [REMOVE_NEGATION] if ALREADY_NEGATED_RE.search(masked) else list(NEGATIONS)
    for pattern, replacement in patterns:
        matches = list(re.finditer(pattern, masked))
        if matches:
            last = matches[-1]
            result = masked[: last.start()] + last.expand(replacement) + masked[last.end() :]
            return Corruption(unmask_quotes(result, quotes), {"from": last.group(0), "kind": "negation"})
    if directions:
        old, new = directions[0]
        position = masked.rfind(old)
        result = masked[:position] + new + masked[position + len(old) :]
        return Corruption(unmask_quotes(result, quotes), {"from": old, "to": new, "kind": "direction"})
    return None


def alter_term(text: str, nouns: list[str], source_compact: str, rng: random.Random) -> Corruption | None:
    """Split a compound with an extra syllable ('육상침투' → '육상어 침투') or misspell a syllable.

    Args:
        text: the sentence.
        nouns: compound nouns of 3+ syllables in the sentence that the source uses.
        source_compact: the source text without spaces (the altered term must not be in it).
        rng: the seeded random source.
    """
    masked, quotes = mask_quotes(text)
    candidates = [(noun, masked.find(noun)) for noun in nouns if noun in masked]
    rng.shuffle(candidates)
    for noun, offset in candidates:
        altered = _alter(noun, rng)
        if altered and altered.replace(" ", "") not in source_compact:
            result = masked[:offset] + altered + masked[offset + len(noun) :]
            return Corruption(unmask_quotes(result, quotes), {"from": noun, "to": altered})
    return None


def _alter(noun: str, rng: random.Random) -> str:
    if rng.random() < 0.6 and len(noun) >= 4:
        cut = rng.randint(2, len(noun) - 2)
        return noun[:cut] + rng.choice(SPLIT_SYLLABLES) + " " + noun[cut:]
    positions = [i for i in range(1, len(noun)) if is_syllable(noun[i]) and swap_vowel(noun[i])]
    if not positions:
        return noun[:2] + rng.choice(SPLIT_SYLLABLES) + " " + noun[2:] if len(noun) >= 3 else ""
    position = rng.choice(positions)
    return noun[:position] + swap_vowel(noun[position]) + noun[position + 1 :]
