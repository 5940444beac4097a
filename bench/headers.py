"""Header fields of every sample release (parse) and the outcome of `haesol write`, as one table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1].parent.parent / "shared" / "samples"


def _row(path: Path) -> dict[str, object]:
    parsed = subprocess.run(
        [sys.executable, "-m", "haesol", "parse", str(path)], capture_output=True, text=True, check=False
    )
    row: dict[str, object] = {"file": f"{path.parent.name}/{path.name}", "parse_rc": parsed.returncode}
    if parsed.returncode == 0:
        doc = json.loads(parsed.stdout)
        row.update({k: doc.get(k) for k in ("doc_type", "agency", "title", "subtitles")})
        row["timing"] = (doc.get("timing") or {}).get("raw")
        row["distributed"] = (doc.get("distributed") or {}).get("raw")
        row["contacts"] = len(doc.get("contacts") or [])
    written = subprocess.run(
        [sys.executable, "-m", "haesol", "write", str(path), "--date", "2026-12-07"],
        capture_output=True,
        text=True,
        check=False,
    )
    row["write_rc"] = written.returncode
    row["write_head"] = written.stdout.splitlines()[0][:60] if written.stdout else written.stderr[-100:].strip()
    row["source_line"] = next((ln[:80] for ln in written.stdout.splitlines() if "출처" in ln), "")
    row["header_in_article"] = any(w in written.stdout for w in ("보도시점", "배포 일시", "| 보도"))
    return row


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLES
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".hwp", ".hwpx", ".pdf")):
        print(json.dumps(_row(path), ensure_ascii=False))


if __name__ == "__main__":
    main()
