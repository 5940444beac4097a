"""The review desk on a long release: import and draft, draft view data, queue flags, and the page in Chromium.

Usage:

    python bench/desk_bench.py                 # the generated ~1,500-cell statistics release
    python bench/desk_bench.py --rows 300      # a bigger table

Prints one JSON object: seconds for import+draft, the draft view's data (cold, warm), the queue's verdict
counts (cold, cached), and from headless Chromium (when Playwright and /usr/bin/chromium are there) the
page height, the blank space under the footer, the tab stops in the article and how far the clicked
sentence moves when the evidence panel opens.
"""

from __future__ import annotations

import argparse
import json
import logging
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]


def _timed(action: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = action()
    return result, round(time.perf_counter() - start, 3)


def store_figures(db: Path, rows: int) -> tuple[dict[str, Any], int]:
    """Import and draft the release, then time the draft view and the queue's verdict counts."""
    sys.path.insert(0, str(ROOT))
    from tests.web.big_release import big_release

    from haesol.jobs.imports import ImportFile, import_files
    from haesol.store import open_store
    from haesol.web.drafts import draft_data
    from haesol.web.queue import queue_flags
    from haesol.web.sources import SourceCache

    figures: dict[str, Any] = {}
    with open_store(db) as store:
        summary, figures["import_and_draft_s"] = _timed(
            lambda: import_files(store, [ImportFile("stats.txt", big_release(rows).encode("utf-8"))])
        )
        release_id = summary.outcomes[0].release_id
        cache = SourceCache()
        page, figures["draft_view_cold_s"] = _timed(lambda: draft_data(store, cache, release_id))
        _, figures["draft_view_warm_s"] = _timed(lambda: draft_data(store, cache, release_id))
        figures["sentences"] = len(page.sentences)
        _, figures["queue_flags_cold_s"] = _timed(lambda: queue_flags(store, SourceCache(), [release_id]))
        _, figures["queue_flags_cached_s"] = _timed(lambda: queue_flags(store, SourceCache(), [release_id]))
    return figures, release_id


def browser_figures(db: Path, release_id: int) -> dict[str, Any]:
    """Page metrics in headless Chromium, or {} when Playwright or Chromium is missing."""
    try:
        import uvicorn
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {}
    if not Path("/usr/bin/chromium").exists():
        return {}
    from haesol.web import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/releases/{release_id}"
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            page.goto(url)
            loaded = round(time.perf_counter() - start, 3)
            metrics = page.evaluate(
                """() => {
                    const foot = document.querySelector('.foot').getBoundingClientRect().bottom + window.scrollY;
                    const target = document.querySelectorAll('.draft .s[data-pos]')[5];
                    target.scrollIntoView({ block: 'center' });
                    const before = target.getBoundingClientRect().top;
                    target.click();
                    return {
                        page_height_px: document.documentElement.scrollHeight,
                        below_footer_px: Math.round(document.documentElement.scrollHeight - foot),
                        article_tab_stops: document.querySelectorAll('.draft .s[tabindex="0"]').length,
                        article_sentences: document.querySelectorAll('.draft .s[data-pos]').length,
                        click_shift_px: Math.abs(target.getBoundingClientRect().top - before),
                    };
                }"""
            )
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return {"page_load_s": loaded, **metrics}


def main() -> None:
    """Run the measurements and print them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150, help="data rows of the ten-column table")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "desk.db"
        figures, release_id = store_figures(db, options.rows)
        figures.update(browser_figures(db, release_id))
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
