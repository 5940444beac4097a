"""Export the store: JSON Lines, CSV, or a folder of Markdown articles (file names made safe)."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from haesol.errors import InputError
from haesol.files import write_atomic
from haesol.store.db import Store
from haesol.store.records import ReleaseRow

LOGGER = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "md")
CSV_FIELDS = (
    "news_id",
    "date",
    "agency",
    "title",
    "status",
    "kogl_type",
    "embargo_until",
    "revision",
    "format",
    "sha256",
    "source_url",
    "retrieved_at",
    "articles",
)
UNSAFE = re.compile(r"[^\w\-가-힣]+")


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote: the number of records, the files, and releases left out (no article)."""

    written: int
    paths: tuple[str, ...]
    left_out: int = 0


def row_record(row: ReleaseRow) -> dict[str, Any]:
    """One release as plain data (the JSONL and CSV columns)."""
    return {
        "news_id": row.news_id,
        "date": row.date,
        "agency": row.agency,
        "title": row.title,
        "status": row.status,
        "kogl_type": row.kogl_type,
        "embargo_until": row.embargo_until.isoformat() if row.embargo_until else None,
        "revision": row.revision,
        "format": row.format,
        "sha256": row.sha256,
        "source_url": row.source_url,
        "retrieved_at": row.retrieved_at,
        "articles": row.articles,
    }


def export_store(store: Store, rows: list[ReleaseRow], fmt: str, output: Path) -> ExportResult:
    """Write ``rows`` as JSONL (with text and latest article), CSV, or one Markdown file per drafted release.

    Raises:
        InputError: when the output cannot be written.
        ValueError: for an unknown format.
    """
    try:
        if fmt == "jsonl":
            return _jsonl(store, rows, output)
        if fmt == "csv":
            return _csv(rows, output)
        if fmt == "md":
            return _markdown(store, rows, output)
    except OSError as exc:
        raise InputError(
            f"내보낼 수 없습니다 (cannot write export: {exc.strerror or exc})", source=str(output)
        ) from exc
    raise ValueError(f"unknown export format {fmt!r}; available: {FORMATS}")


def _jsonl(store: Store, rows: list[ReleaseRow], output: Path) -> ExportResult:
    lines = []
    for row in rows:
        record = row_record(row)
        record["text"] = store.release_text(row.id)
        record["article_markdown"] = store.latest_article(row.id) or None
        lines.append(json.dumps(record, ensure_ascii=False))
    write_atomic(output, "".join(line + "\n" for line in lines))
    return ExportResult(len(lines), (str(output),))


def _csv(rows: list[ReleaseRow], output: Path) -> ExportResult:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row_record(row))
    write_atomic(output, "\ufeff" + buffer.getvalue())  # a BOM so that spreadsheet programs read Korean as UTF-8
    return ExportResult(len(rows), (str(output),))


def _markdown(store: Store, rows: list[ReleaseRow], folder: Path) -> ExportResult:
    if folder.exists() and not folder.is_dir():
        raise InputError("md 내보내기는 폴더가 필요합니다 (md export needs a folder)", source=str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[str] = []
    for row in rows:
        markdown = store.latest_article(row.id)
        if not markdown:
            continue
        path = folder / markdown_name(row)
        write_atomic(path, markdown)
        paths.append(str(path))
    return ExportResult(len(paths), tuple(paths), len(rows) - len(paths))


def markdown_name(row: ReleaseRow) -> str:
    """'{date}_{newsId}_{title}.md' with every character outside letters, digits and '-' made '_'.

    The title cannot add separators or '..', so a file never lands outside the export folder.
    """
    title = UNSAFE.sub("_", row.title).strip("_")[:60].rstrip("_") or "untitled"
    news_id = UNSAFE.sub("_", row.news_id)
    date = UNSAFE.sub("_", row.date) or "nodate"
    return f"{date}_{news_id}_{title}.md"
