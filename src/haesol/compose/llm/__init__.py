"""The LLM engine: fluent sentences from any OpenAI-compatible server, each one verified before it is used."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from haesol.analyze.kiwi import Analyzer, get_analyzer
from haesol.compose.extractive import ComposeOptions, ExtractiveEngine
from haesol.compose.llm.assemble import ArticleAssembler
from haesol.compose.llm.cache import CacheKey, ResponseCache, text_hash
from haesol.compose.llm.chat import ChatClient, ChatMessage, ClientSettings
from haesol.compose.llm.prompt import (
    FixRequest,
    GenArticle,
    GenSentence,
    SourceListing,
    article_messages,
    fix_messages,
    parse_fixes,
    source_listing,
    usable_article,
)
from haesol.compose.llm.vetting import SentenceGate
from haesol.config import Config, load_config
from haesol.errors import LlmError
from haesol.models import Analysis, Article, CheckerFactory, ClaimChecker, GenerationStats
from haesol.prompts import PROMPT_VERSION

LOGGER = logging.getLogger(__name__)

KIND_ARTICLE = "article"
KIND_FIX = "fix"
_TRUNCATED_NOTE = "원문이 길어 앞부분만 모델에 보냈습니다 (the release was too long; only its first part was sent)"


class LlmEngine:
    """Asks a model for the article parts with source ids, and keeps only sentences the checker supports.

    1. The extractive article is built first: it supplies the fact table, tables, contact and source
       block, and the replacement for any generated sentence that fails twice.
    2. The model gets the release's citable sentences with their ids and answers in JSON.
    3. Every generated sentence goes through the shared Checker against the ids it cites; failures
       are sent back once, with their problems named; what still fails is replaced.

    Server failures (unreachable, timeouts, errors after retries) raise :class:`LlmError`; an answer
    that cannot be used (broken JSON, cut off, not Korean, no ids) falls back to the extractive article,
    whose ``engine`` then stays "extractive" and whose ``generation.notes`` say why.

    ``generation`` counts each generated sentence once: accepted (passed first time), regenerated
    (passed after the follow-up request) or replaced (by extractive lines); sentences with no
    extractive line for their ids are dropped and named in the notes.
    """

    name = "llm"

    def __init__(
        self, analyzer: Analyzer | None = None, config: Config | None = None, make_checker: CheckerFactory | None = None
    ) -> None:
        self.analyzer = analyzer or get_analyzer()
        self.make_checker = make_checker
        self.config = config if config is not None else load_config()
        self.settings = ClientSettings.from_config(self.config)
        self.cache = ResponseCache(self.config["llm.cache_dir"] or None)
        self._client: ChatClient | None = None
        self.requests = 0

    def _checker(self, analysis: Analysis) -> ClaimChecker:
        if self.make_checker is None:
            raise ValueError("LlmEngine needs make_checker: the verify stage's Checker judges every generated sentence")
        return self.make_checker(analysis)

    def __repr__(self) -> str:
        return f"LlmEngine({self.settings!r}, {self.cache!r})"

    def compose(self, analysis: Analysis, options: ComposeOptions) -> Article:
        """Build the verified article.

        Args:
            analysis: the analysed release.
            options: register, article date and quote-only mode (quote-only uses the extractive engine).

        Returns:
            The article; ``generation`` counts accepted, regenerated and replaced sentences.

        Raises:
            LlmError: when the server cannot be reached or keeps failing.
        """
        options = replace(options, article_date=options.article_date or dt.date.today())
        # 1. the extractive article: tables, facts, contact, source, and every replacement
        extractive = ExtractiveEngine(self.analyzer, self.config).compose(analysis, options)
        if options.quote_only:
            return extractive
        listing = source_listing(analysis, options.article_date or dt.date.today())
        notes = [_TRUNCATED_NOTE] if listing.truncated else []
        try:
            # 2. the model's article (from the cache when this exact request was answered before)
            generated, problem = self._article(listing, options.style)
            if generated is None:
                return _fallback(extractive, problem, notes)
            # 3. the gate: check all, one follow-up request for the failures, then replace what still fails
            gate = SentenceGate(analysis, listing.citable, self._checker(analysis))
            resolution = gate.review(generated)
            gate.retry(resolution, lambda fixes: self._fixes(listing, options.style, fixes, notes))
        finally:
            self._close()
        # 4. the article
        return ArticleAssembler(extractive, resolution).assemble(generated, notes)

    # -- requests ------------------------------------------------------------------------------

    def _article(self, listing: SourceListing, style: str) -> tuple[GenArticle | None, str]:
        messages = article_messages(listing, style)
        key = self._key(messages, KIND_ARTICLE, style)
        cached = self.cache.get(key)
        if cached is not None:
            parsed = usable_article(cached, "stop", listing.citable)
            if parsed.article is not None:
                LOGGER.info("LLM article answer from the cache")
                return parsed.article, ""
        reply = self._chat().complete(messages)
        parsed = usable_article(reply.content, reply.finish_reason, listing.citable)
        if parsed.article is not None:
            self.cache.put(key, reply.content)
        return parsed.article, parsed.problem

    def _fixes(
        self, listing: SourceListing, style: str, fixes: list[FixRequest], notes: list[str]
    ) -> dict[int, GenSentence]:
        """Rewrites of the failed sentences; any failure here only means they get replaced."""
        messages = fix_messages(listing, style, fixes)
        key = self._key(messages, KIND_FIX, style)
        cached = self.cache.get(key)
        if cached is not None and parse_fixes(cached):
            return parse_fixes(cached)
        try:
            reply = self._chat().complete(messages)
        except LlmError as exc:
            notes.append(f"다시 쓰기 요청 실패, 실패한 문장은 추출 문장으로 교체 (the follow-up request failed): {exc}")
            return {}
        rewrites = parse_fixes(reply.content) if reply.finish_reason != "length" else {}
        if rewrites:
            self.cache.put(key, reply.content)
        else:
            notes.append("다시 쓰기 답을 쓸 수 없음 (the follow-up answer was unusable; failed sentences are replaced)")
        return rewrites

    def _key(self, messages: list[ChatMessage], kind: str, style: str) -> CacheKey:
        text = "\n".join(f"{m.role}\n{m.content}" for m in messages)
        return CacheKey(
            self.settings.model,
            PROMPT_VERSION,
            style,
            text_hash(text),
            kind,
            self.settings.temperature,
            self.settings.seed,
        )

    def _chat(self) -> ChatClient:
        if self._client is None:
            self._client = ChatClient(self.settings)
        return self._client

    def _close(self) -> None:
        if self._client is not None:
            self.requests += self._client.requests
            self._client.close()
            self._client = None


def _fallback(extractive: Article, problem: str, notes: list[str]) -> Article:
    """The extractive article, with a note saying why the model's answer was not used."""
    note = (
        f"LLM 답을 쓸 수 없어 추출 기사로 대신했습니다: {problem} (unusable LLM answer; the extractive article is used)"
    )
    LOGGER.warning("%s", note)
    return replace(extractive, generation=GenerationStats(notes=(note, *notes)))
