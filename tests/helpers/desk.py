"""The review desk's test store, clients and constants (fixtures re-exported by tests/web/conftest.py)."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from haesol.jobs.batch import BatchOptions, batch_store
from haesol.models import KST
from haesol.parse import parse_bytes
from haesol.store import NewRevision, open_store

if TYPE_CHECKING:
    from tests.web.browser_kit import Running

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2; the project pins httpx 0.28
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

NOW = dt.datetime(2026, 11, 26, 0, 0, tzinfo=dt.UTC)
ARTICLE_DATE = dt.date(2026, 11, 26)
EXAMPLES = (
    ("156800001", "mnd_barracks_heating.txt", 1, None),
    ("156800002", "mof_seafood_exports.txt", 0, None),
    ("156800003", "korea_kr_page.html", 1, None),
)
PASSWORD = "올바른-말-7491"
# An invented release whose every field tries to break out of its HTML context.
HOSTILE = (
    "보도자료\n\n보도시점: 2026. 11. 20.(금) 조간\n\n"
    '<script>alert(\'title\')</script> 행정안전부, 주민센터 민원 창구 " onmouseover="alert(1)" 개편\n\n'
    "□ 행정안전부는 12월 1일부터 전국 주민센터 3,500곳의 민원 창구를 개편한다고 밝혔음 <img src=x onerror=alert(2)>\n"
    ' ㅇ 자세한 내용은 javascript:alert(3) 을 참고하라는 " onmouseover="alert(4) 안내문을 붙임\n\n'
    "담당 부서: 행정안전부 민원제도과   책임자: 과장 김하람 (044-205-1111)\n"
)
HOSTILE_ID = "156800666"
FUTURE_ID = "156800777"


def _save(
    store: object,
    news_id: str,
    data: bytes,
    name: str,
    kogl: int | None,
    embargo: dt.datetime | None = None,
    url: str = "",
) -> None:
    release = parse_bytes(data, name)
    store.save_revision(
        NewRevision(  # type: ignore[attr-defined]
            news_id,
            release,
            data,
            NOW,
            title=release.title,
            agency=release.agency,
            source_url=url or f"https://www.korea.kr/briefing/pressReleaseView.do?newsId={news_id}",
            kogl_type=kogl,
            kogl_evidence="page",
            embargo_until=embargo,
        )
    )


def fill_store(path: Path, examples: Path) -> Path:
    """A store with the three examples drafted, a hostile release drafted and an embargoed one left new."""
    with open_store(path) as store:
        for news_id, name, kogl, embargo in EXAMPLES:
            _save(store, news_id, (examples / name).read_bytes(), name, kogl, embargo)
        _save(store, HOSTILE_ID, HOSTILE.encode("utf-8"), "hostile.txt", 1, url="javascript:alert('url')")
        batch_store(store, BatchOptions(article_date=ARTICLE_DATE), now=NOW)
        future = dt.datetime(2099, 1, 1, tzinfo=KST)
        text = (examples / "mnd_barracks_heating.txt").read_text(encoding="utf-8").replace("320억", "330억")
        _save(store, FUTURE_ID, text.encode("utf-8"), "future.txt", None, future)
    return path


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory: pytest.TempPathFactory, examples: Path) -> Path:
    """A filled store, made once per session; tests copy it."""
    return fill_store(tmp_path_factory.mktemp("desk") / "template.db", examples)


@pytest.fixture()
def desk_db(desk_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the filled store for one test."""
    import shutil

    target = tmp_path / "desk.db"
    with open_store(desk_template) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(desk_template, target)
    return target


def release_id(db: Path, news_id: str) -> int:
    """The store id of a newsId."""
    with open_store(db) as store:
        known = store.known(news_id)
        assert known is not None
        return known.release_id


@pytest.fixture()
def client(desk_db: Path) -> Iterator[TestClient]:
    """A client of a local desk (no login)."""
    from haesol.web import create_app

    with TestClient(create_app(desk_db, default_reviewer="편집자"), base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.fixture()
def auth_client(desk_db: Path) -> Iterator[TestClient]:
    """A client of a desk that requires login."""
    from haesol.web import create_app

    app = create_app(desk_db, password=PASSWORD, require_login=True)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def csrf(client: TestClient) -> str:
    """The session's CSRF token."""
    return str(client.get("/api/session").json()["csrf_token"])


@pytest.fixture(scope="module")
def desk(desk_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """A desk over a copy of the filled store, served by uvicorn on 127.0.0.1 (one per test module)."""
    from tests.web.browser_kit import copy_store, serve, stop

    running = serve(copy_store(desk_template, tmp_path_factory.mktemp("browser") / "desk.db"))
    yield running
    stop(running)


@pytest.fixture(scope="module")
def locked_desk(desk_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """A desk that asks for the shared password."""
    from tests.web.browser_kit import copy_store, serve, stop

    running = serve(
        copy_store(desk_template, tmp_path_factory.mktemp("locked") / "desk.db"), password=PASSWORD, require_login=True
    )
    yield running
    stop(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's) driven by Playwright; skips when either is missing."""
    from tests.web.browser_kit import ARGS, CHROMIUM

    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context and page (Korean locale, 1400×900); fails the test on any page error."""
    from tests.web.browser_kit import TIMEOUT_MS

    context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 900}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors
