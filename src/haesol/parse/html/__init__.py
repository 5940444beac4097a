"""HTML parser: saved 정책브리핑 (korea.kr) view pages and Korean news-article pages."""

from __future__ import annotations

import logging

from haesol.errors import EmptyInputError, TooLargeError
from haesol.models import RawDocument
from haesol.parse.html.decode import decode_html
from haesol.parse.html.dom import load_tree
from haesol.parse.html.korea import extract_korea, is_korea_page, page_urls
from haesol.parse.html.news import extract_news
from haesol.parse.parser import FormatParser

LOGGER = logging.getLogger(__name__)

MAX_HTML_BYTES = 32 * 1024 * 1024


class HtmlParser(FormatParser):
    """Reads a saved web page: a korea.kr press-release view page or a news article.

    korea.kr pages are read from their own layout (title, 부처, date, KOGL marker, ``.view_cont``);
    news pages go through trafilatura and then Korean rules for bylines, copyright lines, related
    lists and photo captions (captions come out with ``is_caption=True``, never as story text).
    """

    format = "html"

    def parse(self, data: bytes, source: str = "") -> RawDocument:
        """Parse page bytes into ordered items with the page's metadata.

        Args:
            data: the saved page (UTF-8, EUC-KR/CP949 or another declared charset).
            source: path or label used in messages.

        Returns:
            A RawDocument with ``meta`` filled from the page.

        Raises:
            EmptyInputError: for empty or blank input.
            TooLargeError: for pages over 32 MB.
            DecodeError: when the bytes decode in no known charset.
            NoBodyError: for a page without an article (login, index, list or docViewer-only page).
            ParseError: when the page cannot be read at all.
        """
        # 1. bytes → text
        if not data.strip():
            raise EmptyInputError(source=source)
        if len(data) > MAX_HTML_BYTES:
            raise TooLargeError(len(data), MAX_HTML_BYTES, source=source)
        text = decode_html(data, source)
        # 2. text → tree
        root = load_tree(text, source)
        # 3. korea.kr layout, else a news article
        if is_korea_page(root, page_urls(root, text)):
            LOGGER.debug("%s: korea.kr view page", source or "html")
            return extract_korea(root, text, source)
        return extract_news(root, text, source)
