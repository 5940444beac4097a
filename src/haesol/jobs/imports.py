"""Importing release files (a folder, or uploads at the desk) into the store, then drafting them like fetched ones."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from haesol.errors import HaesolError, InputError
from haesol.jobs.batch import BatchOptions, BatchSummary, batch_store
from haesol.jobs.embargo import conservative_embargo, embargo_from_name
from haesol.parse import MAX_INPUT_BYTES, parse_bytes
from haesol.store import NewRevision, Store

LOGGER = logging.getLogger(__name__)

NEWS_ID_PREFIX = "file-"
MAX_FILES = 200  # per upload at the desk
MAX_FOLDER_FILES = 10_000


@dataclass(frozen=True, slots=True)
class ImportFile:
    """One file to import: its name (for messages and the attachment name) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What importing one file did: stored, revised, unchanged, duplicate or failed (with the reason)."""

    name: str
    status: str
    release_id: int | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """Every file's outcome, and the batch that drafted the stored ones."""

    outcomes: tuple[ImportOutcome, ...]
    drafted: BatchSummary

    def count(self, status: str) -> int:
        """How many files ended with ``status``."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def exit_code(self) -> int:
        """0 when every file was read and drafted, else the batch's code (1 when only imports failed)."""
        if self.drafted.exit_code:
            return self.drafted.exit_code
        return 1 if self.count("failed") else 0


def file_news_id(data: bytes) -> str:
    """The store key of an imported file: its content's hash (the same file imported twice is one release)."""
    return NEWS_ID_PREFIX + hashlib.sha256(data).hexdigest()[:20]


def folder_files(folder: Path) -> list[ImportFile]:
    """The readable files of a folder (hidden ones and sub-folders left out), by name.

    Raises:
        InputError: when the folder cannot be read or has more than MAX_FOLDER_FILES files.
    """
    try:
        paths = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError as exc:
        raise InputError(f"폴더를 읽을 수 없습니다 (cannot read folder: {exc.strerror})", source=str(folder)) from exc
    if len(paths) > MAX_FOLDER_FILES:
        raise InputError(f"파일이 너무 많습니다 (more than {MAX_FOLDER_FILES} files)", source=str(folder))
    files: list[ImportFile] = []
    for path in paths:
        try:
            files.append(ImportFile(path.name, path.read_bytes()[: MAX_INPUT_BYTES + 1]))
        except OSError as exc:
            files.append(ImportFile(path.name, b""))
            LOGGER.warning("cannot read %s: %s", path, exc.strerror)
    return files


def store_file(store: Store, file: ImportFile, now: dt.datetime) -> ImportOutcome:
    """Parse one file and store it as a release (the same store path as ``fetch``); failures are reported, not raised."""
    try:
        release = parse_bytes(file.data, file.name)
    except HaesolError as exc:
        return ImportOutcome(file.name, "failed", reason=str(exc))
    saved = store.save_revision(
        NewRevision(
            news_id=file_news_id(file.data),
            release=release,
            data=file.data,
            retrieved_at=now,
            title=release.title,
            agency=release.agency,
            list_date=release.date,
            kogl_type=release.license.kogl_type,
            kogl_evidence=release.license.evidence,
            attachment_name=file.name,
            embargo_until=conservative_embargo(release, embargo_from_name(file.name)),
        )
    )
    return ImportOutcome(file.name, saved.status, saved.release_id)


def import_files(
    store: Store, files: Iterable[ImportFile], options: BatchOptions | None = None, now: dt.datetime | None = None
) -> ImportSummary:
    """Store every file as a release, then draft every release that still has no draft.

    Raises:
        StoreError: when the store cannot be written.
    """
    now = now or dt.datetime.now(dt.UTC)
    outcomes = tuple(store_file(store, file, now) for file in files)
    for outcome in outcomes:
        LOGGER.info("import %s: %s %s", outcome.name, outcome.status, outcome.reason)
    drafted = batch_store(store, options or BatchOptions(include_embargoed=True), now=now)
    return ImportSummary(outcomes, drafted)
