"""Parse limits that hold in any thread: persistent worker processes with a deadline and a memory ceiling.

SIGALRM only works on the main thread, so the desk's request threads had no limit at all. Here every
guarded parse runs in a worker process (started with ``spawn``, never ``fork``, so threads and Kiwi in
the parent do not matter). The worker caps its own address space (``RLIMIT_AS``); the caller waits at
most the deadline, then kills the worker and starts a fresh one on the next call. Workers are reused,
so the start-up cost (~0.3 s) is paid once per process, not per document. A worker exits when its
parent dies (EOF on its pipe, or a watchdog that sees its parent change).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from haesol.errors import HaesolError, ParseError, ResourceLimitError
from haesol.models import Release

LOGGER = logging.getLogger(__name__)

PARSE_SECONDS = 60
MEMORY_BYTES = 1024 * 1024 * 1024  # address-space ceiling of a parse worker (RSS stays well below)
MAX_WORKERS = max(2, min(4, os.cpu_count() or 2))
SECONDS_ENV = "HAESOL_PARSE_SECONDS"  # the deadline per document (default 60)
MEMORY_ENV = "HAESOL_PARSE_MEMORY_MB"  # the worker's address-space ceiling (default 1024)
DISABLE_ENV = "HAESOL_PARSE_IN_PROCESS"  # "1": parse in the calling process (SIGALRM limit, main thread only)
WATCH_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class ParseRequest:
    """What a worker parses: the bytes and the arguments of ``parse_bytes``."""

    data: bytes
    source: str
    url: str
    fmt: str
    max_bytes: int


class _Worker:
    """One parse process and the parent's end of its pipe."""

    def __init__(self, memory_bytes: int) -> None:
        context = multiprocessing.get_context("spawn")
        parent_end, child_end = context.Pipe()
        self.conn: Connection = parent_end
        self.process: BaseProcess = context.Process(
            target=serve, args=(child_end, memory_bytes, os.getpid()), name="haesol-parse", daemon=True
        )
        self.process.start()
        child_end.close()

    def stop(self) -> None:
        """Kill the process at once and reap it."""
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class ParsePool:
    """Worker processes shared by every thread of this process; a timed-out or dead worker is replaced."""

    def __init__(self, workers: int = MAX_WORKERS, memory_bytes: int = MEMORY_BYTES) -> None:
        self.memory_bytes = memory_bytes
        self._idle: list[_Worker] = []
        self._slots = threading.BoundedSemaphore(workers)
        self._lock = threading.Lock()

    def parse(self, request: ParseRequest, seconds: float = PARSE_SECONDS) -> Release:
        """Parse in a worker, waiting at most ``seconds``.

        Raises:
            InputError: whatever the parser raised; ResourceLimitError on timeout or when the worker died.
        """
        with self._slots:
            worker = self._take()
            try:
                release = self._call(worker, request, seconds)
            except BaseException:
                worker.stop()
                raise
            with self._lock:
                self._idle.append(worker)
            return release

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                worker.stop()
        return _Worker(self.memory_bytes)

    def _call(self, worker: _Worker, request: ParseRequest, seconds: float) -> Release:
        try:
            worker.conn.send(request)
            if not worker.conn.poll(seconds):
                raise ResourceLimitError(
                    f"{seconds:.0f}초 안에 읽지 못했습니다",
                    f"parsing took longer than {seconds:.0f} s",
                    source=request.source,
                )
            status, payload = worker.conn.recv()
        except (EOFError, OSError) as exc:
            raise ResourceLimitError(
                f"읽는 중 작업 프로세스가 멈췄습니다 (메모리 {self.memory_bytes // 2**20} MB 한도)",
                f"the parse worker died, most likely over its {self.memory_bytes // 2**20} MB memory ceiling",
                source=request.source,
            ) from exc
        if status == "ok" and isinstance(payload, Release):
            return payload
        if isinstance(payload, HaesolError):
            raise payload
        raise ParseError(
            request.fmt or "?", f"작업 프로세스 응답 오류 (bad worker answer: {status})", source=request.source
        )

    def close(self) -> None:
        """Stop every idle worker (busy ones stop when their call ends)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


_POOL: ParsePool | None = None
_POOL_LOCK = threading.Lock()


def shared_pool() -> ParsePool:
    """The process-wide pool (created on first use, closed at exit)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            megabytes = int(os.environ.get(MEMORY_ENV, "") or MEMORY_BYTES // 2**20)
            _POOL = ParsePool(memory_bytes=megabytes * 2**20)
            atexit.register(_POOL.close)
        return _POOL


def parse_guarded(
    data: bytes, source: str = "", *, url: str = "", fmt: str = "", max_bytes: int = 0, seconds: float = PARSE_SECONDS
) -> Release:
    """``parse_bytes`` under a deadline and a memory ceiling, safe to call from any thread.

    Raises:
        InputError: as ``parse_bytes``; ResourceLimitError when the deadline or the memory ceiling is hit.
    """
    from haesol.parse import MAX_INPUT_BYTES, parse_bytes

    limit = max_bytes or MAX_INPUT_BYTES
    seconds = float(os.environ.get(SECONDS_ENV, "") or seconds)
    if os.environ.get(DISABLE_ENV) == "1":
        return parse_bytes(data, source, url=url, fmt=fmt, max_bytes=limit)
    return shared_pool().parse(ParseRequest(data, source, url, fmt, limit), seconds)


# -- the worker side --------------------------------------------------------------------------------


def serve(conn: Connection, memory_bytes: int, parent: int) -> None:
    """Worker loop: parse requests until the parent closes the pipe or dies."""
    exit_when_orphaned(parent)
    _cap_memory(memory_bytes)
    from haesol.parse import parse_bytes

    while True:
        try:
            request: ParseRequest = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            release = parse_bytes(
                request.data, request.source, url=request.url, fmt=request.fmt, max_bytes=request.max_bytes
            )
            conn.send(("ok", release))
        except HaesolError as exc:
            conn.send(("error", exc))
        except MemoryError:
            conn.send(("error", _memory_error(request.source, memory_bytes)))
            return  # the heap may be fragmented; the parent starts a fresh worker
        except Exception as exc:  # a parser bug must come back as an input error, never kill the caller
            LOGGER.debug("parse worker failed on %s", request.source, exc_info=True)
            conn.send(("error", ParseError(request.fmt or "?", f"{type(exc).__name__}: {exc}", source=request.source)))


def _memory_error(source: str, memory_bytes: int) -> ResourceLimitError:
    return ResourceLimitError(
        f"메모리 한도 {memory_bytes // 2**20} MB 초과",
        f"over the {memory_bytes // 2**20} MB memory ceiling",
        source=source,
    )


def _cap_memory(memory_bytes: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    except (ImportError, ValueError, OSError):  # not on this platform, or a lower hard limit already
        LOGGER.debug("cannot cap the parse worker's memory", exc_info=True)


def exit_when_orphaned(parent: int) -> None:
    """Exit when the parent ``parent`` (its pid, taken in the parent) dies, even mid-parse or mid-start.

    The pid comes from the parent because a parent killed while this process was still starting is
    already gone when this runs (``os.getppid()`` would name the new parent). PR_SET_PDEATHSIG is not
    used: it follows the spawning *thread*, and desk threads come and go.
    """
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="haesol-orphan-watchdog", daemon=True).start()
