"""Batch drafting: articles for every new release in the store, or for every file in a folder."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol, Self

from haesol import __version__
from haesol.errors import HaesolError
from haesol.files import write_atomic
from haesol.jobs.embargo import is_ready
from haesol.jobs.listing import PageOverlay
from haesol.models import KST
from haesol.store import ArticleRecord, Store
from haesol.store.claims import new_owner

LOGGER = logging.getLogger(__name__)

NEARLY_ALL_FAILED = 0.9
EXIT_OK, EXIT_SOME_FAILED, EXIT_NEARLY_ALL_FAILED = 0, 1, 3
IN_FLIGHT_PER_JOB = 2
EXTENSIONS = {"md": ".md", "html": ".html", "json": ".json"}
UNSAFE_NAME = re.compile(r"[^\w.\-가-힣]+")


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Output format and folder, register, article date, worker count and what to include."""

    fmt: str = "md"
    style: str = "news"
    jobs: int = 1
    output_dir: Path | None = None
    article_date: dt.date | None = None
    include_embargoed: bool = False
    retry_failed: bool = False
    force: bool = False
    progress: bool = False

    def __post_init__(self) -> None:
        if self.fmt not in EXTENSIONS or self.jobs < 1:
            raise ValueError(f"invalid batch options: {self!r}")


@dataclass(frozen=True, slots=True)
class DraftTask:
    """One document to draft: a file path, or stored bytes (loaded just before drafting) with page facts."""

    key: str
    label: str
    output_name: str
    path: str = ""
    data: bytes = b""
    sha256: str = ""
    overlay: PageOverlay | None = None
    release_id: int | None = None
    revision_id: int | None = None
    embargo_until: dt.datetime | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class DraftSettings:
    """What every worker needs to draft: format, register, article date."""

    fmt: str
    style: str
    article_date: dt.date | None


@dataclass(frozen=True, slots=True)
class DraftResult:
    """A worker's answer: the rendered article (and Markdown/JSON for the store), or why it failed."""

    ok: bool
    reason: str = ""
    rendered: str = ""
    markdown: str = ""
    article_json: str = ""
    passed: bool = False
    rejected: int = 0
    gate_json: str = ""
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class ItemReport:
    """What happened to one item: done, skipped or failed, with the reason and the file written."""

    label: str
    status: str
    reason: str = ""
    output: str = ""


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Every item's report; the exit code follows from the failures."""

    items: tuple[ItemReport, ...]

    def count(self, status: str) -> int:
        """How many items ended with ``status`` (done, skipped, failed)."""
        return sum(1 for item in self.items if item.status == status)

    @property
    def exit_code(self) -> int:
        """0 when nothing failed, 3 when at least 90 % of the attempted items failed, else 1."""
        failed, attempted = self.count("failed"), self.count("failed") + self.count("done")
        if not failed:
            return EXIT_OK
        return EXIT_NEARLY_ALL_FAILED if failed / attempted >= NEARLY_ALL_FAILED else EXIT_SOME_FAILED


Sink = Callable[[DraftTask, DraftResult], ItemReport]


class ClaimedElsewhere(Exception):
    """Another batch holds (or has drafted) this revision; the item is skipped, not failed."""

    def __init__(self) -> None:
        super().__init__("다른 batch가 작성 중이거나 이미 작성함 (claimed or drafted by another batch)")


# -- the worker side ------------------------------------------------------------------------------


def init_worker(log_level: int = logging.WARNING, parent: int = 0) -> None:
    """Process-pool initializer: exit with the parent, logging, then the Kiwi model, loaded once per worker."""
    from haesol.analyze.kiwi import get_analyzer
    from haesol.parse.sandbox import exit_when_orphaned

    exit_when_orphaned(parent or os.getppid())
    logging.basicConfig(level=log_level, format="haesol: %(levelname)s %(name)s: %(message)s")
    _ = get_analyzer().kiwi  # loads the model


def draft(task: DraftTask, settings: DraftSettings) -> DraftResult:
    """Parse, write and render one document; every failure becomes a result, never an exception."""
    try:
        return _draft(task, settings)
    except HaesolError as exc:
        return DraftResult(False, str(exc))
    except Exception as exc:  # a bug must not stop the batch; it is reported per item
        LOGGER.debug("draft of %s failed", task.label, exc_info=True)
        return DraftResult(False, f"내부 오류 (internal error) {type(exc).__name__}: {exc}")


def _draft(task: DraftTask, settings: DraftSettings) -> DraftResult:
    from haesol.jobs.listing import apply_overlay
    from haesol.parse import parse_bytes, parse_file
    from haesol.pipeline import WriteOptions, write
    from haesol.registry import get_renderer

    # 1. parse (stored bytes get the page's facts laid over them)
    release = parse_bytes(task.data, task.label, isolated=True) if task.data else parse_file(task.path, isolated=True)
    if task.overlay is not None:
        release = apply_overlay(release, task.overlay)
    # 2. write (analyse, compose, verify)
    result = write(release, WriteOptions(style=settings.style, article_date=settings.article_date))
    # 3. render the requested format, plus Markdown and JSON for the store
    rendered = {name: get_renderer(name).render(result) for name in dict.fromkeys((settings.fmt, "md", "json"))}
    gate = result.gate_summary()
    return DraftResult(
        True,
        "",
        rendered[settings.fmt],
        rendered["md"],
        rendered["json"],
        result.report.passed,
        len(result.report.rejected),
        json.dumps(gate, ensure_ascii=False),
    )


# -- running tasks --------------------------------------------------------------------------------


def run_tasks(
    tasks: list[DraftTask], options: BatchOptions, sink: Sink, load: Callable[[DraftTask], DraftTask] = lambda t: t
) -> list[ItemReport]:
    """Draft every task (in a process pool for ``jobs`` > 1) and hand each result to ``sink`` as it arrives.

    Args:
        tasks: what to draft.
        options: jobs, format, progress bar.
        sink: stores or writes one result and reports on it (runs in this process, in completion order).
        load: fills a task's bytes just before it is sent to a worker (keeps memory bounded).

    Returns:
        One report per task.
    """
    settings = DraftSettings(options.fmt, options.style, options.article_date)
    reports: list[ItemReport] = []
    with _progress_bar(len(tasks), options.progress) as bar:
        pairs = (
            _serial(tasks, settings, load)
            if options.jobs == 1 or len(tasks) < 2
            else _pooled(tasks, settings, load, options.jobs)
        )
        for task, result in pairs:
            reports.append(sink(task, result))
            bar.update(1)
    return reports


def _serial(
    tasks: list[DraftTask], settings: DraftSettings, load: Callable[[DraftTask], DraftTask]
) -> Iterator[tuple[DraftTask, DraftResult]]:
    for task in tasks:
        yield task, _loaded_draft(task, settings, load)


def _loaded_draft(task: DraftTask, settings: DraftSettings, load: Callable[[DraftTask], DraftTask]) -> DraftResult:
    try:
        return draft(load(task), settings)
    except ClaimedElsewhere as exc:
        return DraftResult(False, str(exc), skipped=True)
    except HaesolError as exc:
        return DraftResult(False, str(exc))


def _pooled(
    tasks: list[DraftTask], settings: DraftSettings, load: Callable[[DraftTask], DraftTask], jobs: int
) -> Iterator[tuple[DraftTask, DraftResult]]:
    queue = iter(tasks)
    context = get_context("spawn")  # no fork after threads/Kiwi; each worker loads the model in init_worker
    level = logging.getLogger().getEffectiveLevel()
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=init_worker, initargs=(level, os.getpid())) as pool:
        in_flight: dict[Future[DraftResult], DraftTask] = {}
        for task in _take(queue, jobs * IN_FLIGHT_PER_JOB):
            yield from _submit(pool, in_flight, task, settings, load)
        while in_flight:
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                task = in_flight.pop(future)
                yield task, _outcome(future)
                for following in _take(queue, 1):
                    yield from _submit(pool, in_flight, following, settings, load)


def _take(queue: Iterator[DraftTask], count: int) -> list[DraftTask]:
    return [task for _, task in zip(range(count), queue, strict=False)]


def _submit(
    pool: ProcessPoolExecutor,
    in_flight: dict[Future[DraftResult], DraftTask],
    task: DraftTask,
    settings: DraftSettings,
    load: Callable[[DraftTask], DraftTask],
) -> Iterator[tuple[DraftTask, DraftResult]]:
    """Send a task to the pool; a task that cannot be loaded or sent is answered at once."""
    try:
        in_flight[pool.submit(draft, load(task), settings)] = task
    except ClaimedElsewhere as exc:
        yield task, DraftResult(False, str(exc), skipped=True)
    except HaesolError as exc:
        yield task, DraftResult(False, str(exc))
    except BrokenProcessPool:
        yield task, DraftResult(False, "작업 프로세스가 비정상 종료됨 (a worker process died)")


def _outcome(future: Future[DraftResult]) -> DraftResult:
    try:
        return future.result()
    except BrokenProcessPool:
        return DraftResult(False, "작업 프로세스가 비정상 종료됨 (a worker process died)")


class ProgressBar(Protocol):
    """What the batch needs from a progress bar (tqdm has it)."""

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> object: ...

    def update(self, count: int) -> object: ...


class _NoBar:
    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, count: int) -> None:
        return None


def _progress_bar(total: int, enabled: bool) -> ProgressBar:
    """tqdm on stderr (rate and ETA) when enabled, else a stand-in that does nothing."""
    if not enabled or total == 0:
        return _NoBar()
    from tqdm import tqdm

    bar: ProgressBar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
    return bar


# -- outputs --------------------------------------------------------------------------------------


def safe_name(name: str, limit: int = 80) -> str:
    """A file-name stem from any text: no separators, no leading dots, no control characters."""
    cleaned = UNSAFE_NAME.sub("_", name).strip("._ ")[:limit].rstrip("._ ")
    return cleaned or "untitled"


def write_output(options: BatchOptions, task: DraftTask, result: DraftResult) -> str:
    """Write the rendered article into the output folder; returns the path ('' without a folder)."""
    if options.output_dir is None:
        return ""
    path = options.output_dir / f"{task.output_name}{EXTENSIONS[options.fmt]}"
    write_atomic(path, result.rendered, (task.path,))
    return str(path)


# -- the two batch sources ------------------------------------------------------------------------


def batch_store(store: Store, options: BatchOptions, now: dt.datetime | None = None) -> BatchSummary:
    """Draft every stored release that has no draft yet; embargoed ones are skipped unless included.

    Returns:
        The summary; drafted releases are stored as articles and marked 'drafted'.

    Raises:
        StoreError: when the store cannot be read.
    """
    now = now or dt.datetime.now(dt.UTC)
    tasks: list[DraftTask] = []
    skipped: list[ItemReport] = []
    for item in store.pending(retry_failed=options.retry_failed):
        if not is_ready(item.embargo_until, now) and not options.include_embargoed:
            until = item.embargo_until.astimezone(KST).strftime("%Y-%m-%d %H:%M KST") if item.embargo_until else ""
            skipped.append(ItemReport(item.news_id, "skipped", f"보도시점 전 (embargoed until {until})"))
            continue
        overlay = PageOverlay(
            item.news_id, item.source_url, item.agency, item.title, item.kogl_type, item.kogl_evidence
        )
        tasks.append(
            DraftTask(
                f"release:{item.release_id}",
                item.news_id,
                safe_name(item.news_id),
                sha256=item.sha256,
                overlay=overlay,
                release_id=item.release_id,
                revision_id=item.revision_id,
                embargo_until=item.embargo_until,
            )
        )
    _ensure_folder(options.output_dir)
    owner = new_owner()

    def load(task: DraftTask) -> DraftTask:
        assert task.revision_id is not None
        if not store.claim(task.revision_id, owner):  # one transaction: two batches never both take it
            raise ClaimedElsewhere()
        return replace(task, data=store.blob(task.sha256))

    reports = run_tasks(tasks, options, _store_sink(store, options, owner), load)
    return BatchSummary(tuple(skipped + reports))


def _store_sink(store: Store, options: BatchOptions, owner: str) -> Sink:
    def sink(task: DraftTask, result: DraftResult) -> ItemReport:
        if result.skipped:
            return ItemReport(task.label, "skipped", result.reason)
        assert task.revision_id is not None
        try:
            return _store_result(store, options, task, result)
        finally:
            store.release_claim(task.revision_id, owner)

    return sink


def _store_result(store: Store, options: BatchOptions, task: DraftTask, result: DraftResult) -> ItemReport:
    assert task.release_id is not None and task.revision_id is not None
    if not result.ok:
        store.mark_failed(task.release_id, result.reason)
        return ItemReport(task.label, "failed", result.reason)
    try:
        output = write_output(options, task, result)
    except (OSError, HaesolError) as exc:
        return ItemReport(task.label, "failed", f"파일을 쓸 수 없습니다 (cannot write: {exc})")
    store.save_article(
        ArticleRecord(
            release_id=task.release_id,
            revision_id=task.revision_id,
            engine="extractive",
            style=options.style,
            options_json=json.dumps(
                {
                    "format": options.fmt,
                    "style": options.style,
                    "article_date": options.article_date.isoformat() if options.article_date else None,
                }
            ),
            haesol_version=__version__,
            article_json=result.article_json,
            markdown=result.markdown,
            passed=result.passed,
            rejected=result.rejected,
            gate_json=result.gate_json,
            article_date=options.article_date or dt.date.today(),
            ready_at=task.embargo_until,
        )
    )
    return ItemReport(task.label, "done", "", output)


def batch_folder(folder: Path, options: BatchOptions) -> BatchSummary:
    """Draft every file in ``folder`` into ``options.output_dir`` (outputs newer than their input are kept).

    Raises:
        InputError: when the folder cannot be read.
    """
    from haesol.errors import InputError

    if options.output_dir is None:
        raise ValueError("batch_folder needs an output folder")
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError as exc:
        raise InputError(f"폴더를 읽을 수 없습니다 (cannot read folder: {exc.strerror})", source=str(folder)) from exc
    _ensure_folder(options.output_dir)
    tasks, skipped = _folder_tasks(files, options)
    reports = run_tasks(tasks, options, lambda task, result: _file_sink(options, task, result))
    return BatchSummary(tuple(skipped + reports))


def _folder_tasks(files: Iterable[Path], options: BatchOptions) -> tuple[list[DraftTask], list[ItemReport]]:
    files = list(files)
    stems = Counter(p.stem for p in files)
    tasks: list[DraftTask] = []
    skipped: list[ItemReport] = []
    taken: set[str] = set()
    for path in files:
        wanted = safe_name(path.stem if stems[path.stem] == 1 else path.name)
        name = unique_name(wanted, taken)
        note = f"이름이 겹쳐 {name}(으)로 씀 (name collision: written as {name})" if name != wanted else ""
        target = options.output_dir / f"{name}{EXTENSIONS[options.fmt]}"  # type: ignore[operator]
        if not options.force and target.exists() and target.stat().st_mtime >= path.stat().st_mtime:
            skipped.append(ItemReport(path.name, "skipped", "이미 작성됨 (output is up to date)", str(target)))
            continue
        tasks.append(DraftTask(str(path), path.name, name, path=str(path), note=note))
    return tasks, skipped


def unique_name(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3`` … — the first not in ``taken`` (case-insensitively); records it."""
    name, number = wanted, 1
    while name.casefold() in taken:
        number += 1
        name = f"{wanted}-{number}"
    taken.add(name.casefold())
    return name


def _file_sink(options: BatchOptions, task: DraftTask, result: DraftResult) -> ItemReport:
    if not result.ok:
        return ItemReport(task.label, "failed", result.reason)
    try:
        return ItemReport(task.label, "done", task.note, write_output(options, task, result))
    except (OSError, HaesolError) as exc:
        return ItemReport(task.label, "failed", f"파일을 쓸 수 없습니다 (cannot write: {exc})")


def _ensure_folder(folder: Path | None) -> None:
    from haesol.errors import InputError

    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"출력 폴더를 만들 수 없습니다 (cannot create output folder: {exc.strerror})", source=str(folder)
        ) from exc
