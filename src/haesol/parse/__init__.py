"""Parse stage: detect the format, run its parser, and structure the result into a Release."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import signal
import struct
import sys
import threading
import types
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from haesol.errors import (
    EmptyInputError,
    HaesolError,
    InputError,
    ParseError,
    ResourceLimitError,
    TooLargeError,
    UnsupportedFormatError,
)
from haesol.models import RawDocument, Release, SourceInfo
from haesol.parse.limits import check_table_cells

LOGGER = logging.getLogger(__name__)

MAX_INPUT_BYTES = 50 * 1024 * 1024
PARSE_SECONDS = 60
NEWS_ID_RE = re.compile(r"newsId=(\d{6,12})")


def read_input(path: str, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Read a file, or standard input for '-', refusing more than ``max_bytes``.

    Raises:
        InputError: when the file cannot be read, is empty or too large.
    """
    import sys

    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            file = Path(path)
            size = file.stat().st_size
            if size > max_bytes:
                raise TooLargeError(size, max_bytes, source=path)
            data = file.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("파일이 없습니다 (file not found)", source=path) from exc
    except IsADirectoryError as exc:
        raise InputError("파일이 아니라 폴더입니다 (a directory, not a file)", source=path) from exc
    except OSError as exc:
        raise InputError(f"파일을 읽을 수 없습니다 (cannot read file: {exc.strerror})", source=path) from exc
    if len(data) > max_bytes:
        raise TooLargeError(len(data), max_bytes, source=path)
    return data


def parse_bytes(
    data: bytes,
    source: str = "",
    *,
    url: str = "",
    fmt: str = "",
    max_bytes: int = MAX_INPUT_BYTES,
    isolated: bool = False,
) -> Release:
    """Parse the bytes of a release in any supported format into a Release.

    Args:
        data: the file's bytes.
        source: a path or label used in messages.
        url: the release's web address when known.
        fmt: force a format instead of detecting it from the bytes.
        max_bytes: the size cap.
        isolated: parse in a worker process under a deadline and a memory ceiling (any thread);
            otherwise in this process, where the time limit holds on the main thread only.

    Returns:
        The structured release.

    Raises:
        InputError: for empty, oversized, undecodable, unsupported, protected or body-less input.
    """
    from haesol.parse.sniff import detect_format

    if isolated:
        from haesol.parse.sandbox import parse_guarded

        return parse_guarded(data, source, url=url, fmt=fmt, max_bytes=max_bytes)
    from haesol.parse.structure import structure_release

    if len(data) > max_bytes:
        raise TooLargeError(len(data), max_bytes, source=source)
    if not data.strip():
        raise EmptyInputError(source=source)
    fmt = fmt or detect_format(data)
    raw = parse_raw(data, fmt, source)
    if not raw.items:
        raise EmptyInputError(source=source)
    info = _source_info(data, raw, source, url)
    return structure_release(raw, info)


def parse_raw(data: bytes, fmt: str, source: str = "") -> RawDocument:
    """Run the registered parser for ``fmt``; unexpected library failures become ParseError."""
    from haesol.parse.formats import get_parser

    if fmt == "image":
        raise UnsupportedFormatError(
            "그림 파일입니다; 보도자료 문서를 올리세요 (an image file, not a document)", source=source
        )
    if fmt in ("ole", "zip"):
        raise UnsupportedFormatError(
            "Word 97-2003 등 다른 OLE/zip 문서 (another OLE or zip document)" if fmt == "ole" else "zip", source=source
        )
    parser = get_parser(fmt)
    try:
        with time_limit(PARSE_SECONDS, fmt, source):
            raw = parser.parse(data, source)
    except HaesolError:
        raise
    except Exception as exc:  # every library failure of a parser becomes an input error, named by kind
        LOGGER.debug("parser %s failed", fmt, exc_info=True)
        raise library_error(exc, fmt, source) from exc
    check_table_cells(raw, source)
    return raw


LIBRARY_FAILURES: tuple[tuple[type[BaseException], str], ...] = (
    (zlib.error, "압축된 데이터가 손상됨 (corrupt compressed data)"),
    (zipfile.BadZipFile, "손상된 zip 파일 (corrupt zip)"),
    (struct.error, "잘렸거나 손상된 이진 구조 (truncated or corrupt binary structure)"),
    (EOFError, "파일이 중간에 끝남 (unexpected end of file)"),
    (UnicodeError, "문자 인코딩 오류 (bad character encoding)"),
    (RecursionError, "구조가 너무 깊음 (nesting too deep)"),
    (OverflowError, "값이 너무 큼 (a number out of range)"),
    (ArithmeticError, "잘못된 수치 (bad numeric value)"),
    (LookupError, "없는 항목을 가리킴 (a reference to a missing part)"),
    (OSError, "읽기 오류 (read error)"),
)


def library_error(exc: Exception, fmt: str, source: str) -> InputError:
    """The InputError for a library exception escaping a parser: a memory or specific parse error."""
    if isinstance(exc, MemoryError):
        return ResourceLimitError("메모리 부족", "out of memory while parsing", source=source)
    reason = next((text for kind, text in LIBRARY_FAILURES if isinstance(exc, kind)), "손상된 파일 (corrupt file)")
    return ParseError(fmt, f"{reason}: {type(exc).__name__}: {str(exc)[:200]}", source=source)


@contextlib.contextmanager
def time_limit(seconds: int, fmt: str, source: str) -> Iterator[None]:
    """Bound the time one parser may spend (main thread on Unix; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ParseError(fmt, f"{seconds}초 안에 읽지 못했습니다 (parsing took longer than {seconds} s)", source=source)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _source_info(data: bytes, raw: RawDocument, source: str, url: str) -> SourceInfo:
    page_url = url or raw.meta.url
    news_id = raw.meta.news_id
    if not news_id and page_url:
        match = NEWS_ID_RE.search(page_url)
        news_id = match.group(1) if match else ""
    return SourceInfo(
        format=raw.format,
        path="" if source == "-" else source,
        url=page_url,
        news_id=news_id,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def parse_file(path: str, *, url: str = "", max_bytes: int = MAX_INPUT_BYTES, isolated: bool = False) -> Release:
    """Read and parse a file (or '-' for standard input) into a Release (``isolated``: see ``parse_bytes``)."""
    return parse_bytes(read_input(path, max_bytes), path, url=url, max_bytes=max_bytes, isolated=isolated)


class _ParseStage(types.ModuleType):
    """This package is also the public ``haesol.parse(source)``: importing a submodule binds the
    package to ``haesol.parse``, so the package itself answers the call."""

    def __call__(self, source: str, *, url: str = "") -> Release:
        return parse_file(source, url=url)


sys.modules[__name__].__class__ = _ParseStage
