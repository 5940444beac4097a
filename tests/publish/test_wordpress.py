"""Publishing to a real WordPress (Debian's package, MariaDB, PHP's built-in server on 127.0.0.1).

Skips with a message when the packages are missing; .ci/run installs them. Posts are read back through
the REST API; a screenshot of a post in WordPress's front end goes to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from haesol.cli import main
from haesol.jobs.batch import BatchOptions, batch_store
from haesol.parse import parse_bytes
from haesol.store import NewRevision, open_store
from haesol.store.publications import publications
from tests.helpers.desk import ARTICLE_DATE, EXAMPLES, HOSTILE_ID, NOW
from tests.publish.conftest import approve_news
from tests.publish.wordpress_server import WordPress, free_port

HEATING_ID = EXAMPLES[0][0]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = Path(os.environ.get("HAESOL_CHROMIUM", "/usr/bin/chromium"))


def _env(site: WordPress, **changes: str) -> dict[str, str]:
    env = {
        "HAESOL_WORDPRESS_URL": site.url,
        "HAESOL_WORDPRESS_USER": site.user,
        "HAESOL_WORDPRESS_PASSWORD": site.app_password,
        "HAESOL_WORDPRESS_RETRIES": "1",
    }
    env.update(changes)
    return env


def _publish(db: Path, site: WordPress, *args: str, **env: str) -> Any:
    result = CliRunner().invoke(main, ["publish", "--to", "wordpress", "--db", str(db), *args], env=_env(site, **env))
    assert "Traceback" not in result.output
    return result


def _posts(site: WordPress, slug: str) -> list[dict[str, Any]]:
    answer = httpx.get(
        f"{site.url}/wp-json/wp/v2/posts",
        auth=(site.user, site.app_password),
        params={"slug": slug, "status": "publish,draft", "context": "edit"},
    )
    answer.raise_for_status()
    return list(answer.json())


def _term(site: WordPress, taxonomy: str, term_id: int) -> str:
    answer = httpx.get(f"{site.url}/wp-json/wp/v2/{taxonomy}/{term_id}", auth=(site.user, site.app_password))
    return html.unescape(str(answer.json()["name"]))


def test_publish_posts_approved_articles_with_category_tags_and_source(approved_db: Path, wordpress: WordPress) -> None:
    result = _publish(approved_db, wordpress, "--status", "publish")
    assert result.exit_code == 0, result.output
    assert wordpress.app_password not in result.output
    with open_store(approved_db) as store:
        records = {p.release_id: p for p in publications(store)}
        heating = store.known(HEATING_ID)
        assert heating is not None
        revision = store.read("SELECT current_revision FROM releases WHERE id = ?", (heating.release_id,))[0][0]
    assert len(records) == 3  # the three approved releases only
    record = records[heating.release_id]
    assert record.target == "wordpress" and record.site == wordpress.url and record.status == "publish"
    assert record.revision_id == revision
    [post] = _posts(wordpress, "haesol-156800001")
    assert str(post["id"]) == record.remote_id and post["link"] == record.url and post["status"] == "publish"
    content = post["content"]["raw"]
    assert "국방부" in post["title"]["raw"] and "320억" in content
    assert "<table>" in content and "<thead>" in content  # the release's table
    assert "자주 묻는 질문" in content and "<h3>" in content  # the FAQ
    assert 'class="haesol-source"' in content and "공공누리" in content and "korea.kr" in content
    assert "<img" not in content
    assert post["excerpt"]["raw"].startswith("국방부는 11월 2일부터")
    assert _term(wordpress, "categories", post["categories"][0]) == "국방부"
    assert "보도자료 해설" in {_term(wordpress, "tags", t) for t in post["tags"]}


def test_hostile_text_stays_text_in_wordpress(approved_db: Path, wordpress: WordPress) -> None:
    assert _publish(approved_db, wordpress).exit_code == 0
    [post] = _posts(wordpress, f"haesol-{HOSTILE_ID}")
    for text in (post["title"]["raw"], post["content"]["raw"], post["excerpt"]["raw"]):
        assert "<script" not in text and "<img" not in text and 'href="javascript' not in text


def test_republishing_updates_the_same_post(approved_db: Path, wordpress: WordPress) -> None:
    first = _publish(approved_db, wordpress, "--id", HEATING_ID)  # a newsId, as `haesol list` shows
    assert first.exit_code == 0, first.output
    again = _publish(approved_db, wordpress, "--id", "1")
    assert again.exit_code == 0 and "unchanged" in again.output
    forced = _publish(approved_db, wordpress, "--id", "1", "--status", "publish", "--force")
    assert forced.exit_code == 0 and "(updated)" in forced.output
    posts = _posts(wordpress, "haesol-156800001")
    assert len(posts) == 1 and posts[0]["status"] == "publish"
    with open_store(approved_db) as store:
        [record] = publications(store, 1)
    assert record.remote_id == str(posts[0]["id"]) and record.status == "publish"


def test_a_lost_store_record_does_not_duplicate_the_post(approved_db: Path, wordpress: WordPress) -> None:
    assert _publish(approved_db, wordpress, "--id", "1").exit_code == 0
    with open_store(approved_db) as store, store.transaction() as conn:
        conn.execute("DELETE FROM publications")
    result = _publish(approved_db, wordpress, "--id", "1")
    assert result.exit_code == 0 and "(updated)" in result.output
    assert len(_posts(wordpress, "haesol-156800001")) == 1


def test_a_new_approved_revision_updates_the_post(approved_db: Path, wordpress: WordPress, examples: Path) -> None:
    assert _publish(approved_db, wordpress, "--id", "1", "--status", "publish").exit_code == 0
    with open_store(approved_db) as store:
        [before] = publications(store, 1)
        data = (
            (examples / "mnd_barracks_heating.txt").read_text(encoding="utf-8").replace("3,600대", "3,800대").encode()
        )
        release = parse_bytes(data, "heating.txt")
        store.save_revision(
            NewRevision(
                HEATING_ID,
                release,
                data,
                NOW + dt.timedelta(hours=1),
                title=release.title,
                agency=release.agency,
                kogl_type=1,
                kogl_evidence="page",
                source_url=f"https://www.korea.kr/briefing/pressReleaseView.do?newsId={HEATING_ID}",
            )
        )
        batch_store(store, BatchOptions(article_date=ARTICLE_DATE), now=NOW + dt.timedelta(hours=1))
    not_yet = _publish(approved_db, wordpress, "--id", "1")
    assert not_yet.exit_code != 0 and "not approved" in not_yet.output  # the new draft waits for its approval
    approve_news(approved_db, HEATING_ID)
    result = _publish(approved_db, wordpress, "--id", "1", "--status", "publish")
    assert result.exit_code == 0 and "(updated)" in result.output and "rev 2" in result.output
    [post] = _posts(wordpress, "haesol-156800001")
    assert "3,800대" in post["content"]["raw"] and "3,600대" not in post["content"]["raw"]
    with open_store(approved_db) as store:
        [after] = publications(store, 1)
    assert after.remote_id == before.remote_id and after.revision_id != before.revision_id


def test_wrong_credentials_fail_cleanly_and_record_nothing(approved_db: Path, wordpress: WordPress) -> None:
    wrong = "abcd efgh ijkl mnop qrst uvwx"
    result = _publish(approved_db, wordpress, HAESOL_WORDPRESS_PASSWORD=wrong)
    assert result.exit_code == 1
    assert "401" in result.output and "애플리케이션 비밀번호" in result.output and wrong not in result.output
    with open_store(approved_db) as store:
        assert publications(store) == []


def test_a_stopped_site_fails_cleanly_and_records_nothing(approved_db: Path, wordpress: WordPress) -> None:
    wordpress.stop_php()
    try:
        result = _publish(approved_db, wordpress)
    finally:
        wordpress.start_php()
    assert result.exit_code == 1 and "cannot connect" in result.output and "2 attempts" in result.output
    nowhere = _publish(approved_db, wordpress, HAESOL_WORDPRESS_URL=f"http://127.0.0.1:{free_port()}")
    assert nowhere.exit_code == 1 and "cannot connect" in nowhere.output
    with open_store(approved_db) as store:
        assert publications(store) == []


def test_a_non_wordpress_site_is_refused(approved_db: Path, wordpress: WordPress) -> None:
    result = _publish(approved_db, wordpress, HAESOL_WORDPRESS_URL=f"{wordpress.url}/readme.html?")
    assert result.exit_code == 1 and "JSON" in result.output


def test_the_post_looks_right_in_the_front_end(approved_db: Path, wordpress: WordPress) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    assert _publish(approved_db, wordpress, "--id", "1", "--status", "publish", "--force").exit_code == 0
    [post] = _posts(wordpress, "haesol-156800001")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(post["link"], timeout=20_000)
        assert "접경지역 장병 생활관" in page.locator("h1").first.inner_text()
        assert page.locator("table").count() >= 1 and page.get_by_text("자주 묻는 질문").count() >= 1
        assert page.locator(".haesol-source a[href^='https://www.korea.kr']").count() == 1
        page.screenshot(path=str(ARTIFACTS / "wordpress-post.png"), full_page=True)
        browser.close()
