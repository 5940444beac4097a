"""Parse throughput per input format: ms per document and MB/s of ``parse_bytes`` on files in memory."""

from __future__ import annotations

import importlib.util
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stats import summarize

LOGGER = logging.getLogger(__name__)

SAMPLE_FOLDERS = ("hwpx", "hwp", "pdf")
FORMAT_ORDER = ("text", "html", "hwpx", "hwp", "pdf", "docx", "odt")


@dataclass(frozen=True, slots=True)
class Doc:
    """One input document: a label, its bytes and the format detected from them."""

    name: str
    data: bytes
    fmt: str


@dataclass
class Collection:
    """The documents per format, and notes on formats or files left out."""

    docs: dict[str, list[Doc]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, doc: Doc) -> None:
        """File a document under its detected format."""
        self.docs.setdefault(doc.fmt, []).append(doc)

    def note(self, fmt: str, text: str) -> None:
        """Record why something of ``fmt`` is not measured."""
        self.notes.setdefault(fmt, []).append(text)


def collect(root: Path, samples: Path, corpus_paths: list[Path]) -> Collection:
    """Gather every document that parses: texts, HTML pages, real samples and built DOCX/ODT.

    Args:
        root: the repository root (examples/ and tests/ live there).
        samples: the real-documents folder (hwpx/, hwp/, pdf/ inside); formats are skipped when absent.
        corpus_paths: the generated text releases (also timed as text).

    Returns:
        Documents grouped by the format detected from their bytes (a .hwpx that is HWP 5.0 counts as hwp).
    """
    found = Collection()
    files = [*sorted((root / "examples").glob("*.txt")), *corpus_paths]
    files += [*sorted((root / "examples").glob("*.html")), *sorted((root / "tests" / "data" / "html").glob("*.html"))]
    for folder in SAMPLE_FOLDERS:
        if (samples / folder).is_dir():
            files += sorted(p for p in (samples / folder).iterdir() if p.is_file())
        else:
            found.note(folder, f"skipped: {samples / folder} is absent")
    for path in files:
        _add_if_parses(found, path.name, path.read_bytes())
    for name, data in _built_documents(root, found):
        _add_if_parses(found, name, data)
    return found


def _add_if_parses(found: Collection, name: str, data: bytes) -> None:
    from haesol.errors import HaesolError
    from haesol.parse import parse_bytes
    from haesol.parse.sniff import detect_format

    try:
        fmt = detect_format(data)
        parse_bytes(data, name)
    except HaesolError as exc:
        found.note(_guess(name), f"{name}: not measured ({type(exc).__name__})")
        return
    except Exception as exc:
        LOGGER.error("parsing %s crashed: %s: %s", name, type(exc).__name__, exc)
        found.note(_guess(name), f"{name}: parser crashed ({type(exc).__name__}: {exc})")
        return
    found.add(Doc(name, data, fmt))


def _guess(name: str) -> str:
    suffix = Path(name).suffix.lstrip(".").lower()
    return {"txt": "text", "htm": "html"}.get(suffix, suffix)


def _built_documents(root: Path, found: Collection) -> list[tuple[str, bytes]]:
    """DOCX and ODT releases from the test builders (python-docx for DOCX, zip + XML for ODT)."""
    builders = root / "tests" / "helpers" / "doc_builders.py"
    try:
        spec = importlib.util.spec_from_file_location("bench_doc_builders", builders)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {builders}")
        module: Any = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return [
            ("built.docx", module.build_docx()),
            ("built_no_image.docx", module.build_docx(with_image=False)),
            ("built.odt", module.build_odt()),
        ]
    except (ImportError, OSError, AttributeError) as exc:
        for fmt in ("docx", "odt"):
            found.note(fmt, f"skipped: the builders in {builders} are unavailable ({exc})")
        return []


def time_formats(found: Collection, repeats: int) -> dict[str, dict[str, Any]]:
    """Parse every document of each format ``repeats`` times; per format ms/doc and MB/s.

    Returns:
        format → {ms_per_doc, mb_per_s, docs, bytes, stats, notes}; a format without documents has
        ``docs`` 0, null figures and the reason in ``notes``.
    """
    from haesol.parse import parse_bytes

    out: dict[str, dict[str, Any]] = {}
    for fmt in [*FORMAT_ORDER, *sorted(set(found.docs) - set(FORMAT_ORDER))]:
        docs = found.docs.get(fmt, [])
        notes = found.notes.get(fmt, [])
        if not docs:
            out[fmt] = {"ms_per_doc": None, "mb_per_s": None, "docs": 0, "notes": notes or ["no documents"]}
            continue
        size = sum(len(d.data) for d in docs)
        walls = []
        for _ in range(repeats):
            start = time.perf_counter()
            for doc in docs:
                parse_bytes(doc.data, doc.name)
            walls.append(time.perf_counter() - start)
        ms = summarize([w * 1000 / len(docs) for w in walls])
        mbs = summarize([size / 1e6 / w for w in walls])
        out[fmt] = {
            "ms_per_doc": round(ms.median, 3),
            "mb_per_s": round(mbs.median, 3),
            "docs": len(docs),
            "bytes": size,
            "stats": {"ms_per_doc": ms.as_json(), "mb_per_s": mbs.as_json()},
            "files": sorted({d.name for d in docs}) if fmt != "text" else f"{len(docs)} files",
            "notes": notes,
        }
    return out
