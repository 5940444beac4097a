"""`haesol site build`: pages, Atom feed and sitemap valid against their schemas, incremental and byte-identical builds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from haesol.cli import main
from haesol.publish.site import MANIFEST, SiteOptions, build_site
from haesol.store import open_store
from haesol.store.review import SentenceEdit, latest_article, save_edit
from tests.helpers.desk import HOSTILE_ID

SCHEMAS = Path(__file__).with_name("schemas")
BASE = "https://news.example.org/haesol/"
ATOM = "{http://www.w3.org/2005/Atom}"


def _build(db: Path, out: Path) -> object:
    with open_store(db) as store:
        return build_site(store, out, SiteOptions(BASE, "정책 해설"))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_site_has_index_agencies_articles_feed_sitemap_and_search(approved_db: Path, tmp_path: Path) -> None:
    result = _build(approved_db, tmp_path / "site")
    files = _files(tmp_path / "site")
    assert result.articles == 3  # type: ignore[attr-defined]
    assert {
        "index.html",
        "agencies.html",
        "feed.xml",
        "sitemap.xml",
        "search.json",
        "search.js",
        "style.css",
        "articles/156800001.html",
        "articles/156800003.html",
        f"articles/{HOSTILE_ID}.html",
    } <= set(files)
    assert "articles/156800002.html" not in files  # drafted, not approved
    index = files["index.html"].decode()
    assert index.index("<h2>2026-11-26</h2>") < index.index('href="articles/156800001.html"')
    assert len([p for p in files if p.startswith("agencies/")]) == 3
    page = files["articles/156800001.html"].decode()
    assert f'<link rel="canonical" href="{BASE}articles/156800001.html">' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert data["@type"] == "NewsArticle" and data["isBasedOn"]["url"].startswith("https://www.korea.kr/")
    assert 'href="https://www.korea.kr/briefing/pressReleaseView.do?newsId=156800001"' in page
    search = json.loads(files["search.json"])
    assert {entry["url"] for entry in search} == {
        "articles/156800001.html",
        "articles/156800003.html",
        f"articles/{HOSTILE_ID}.html",
    }


def test_hostile_text_stays_text_on_the_site(approved_db: Path, tmp_path: Path) -> None:
    _build(approved_db, tmp_path / "site")
    for name, data in _files(tmp_path / "site").items():
        if not name.endswith(".html"):
            continue  # the feed is checked by its schema, search.json is shown with textContent
        text = data.decode()
        assert "<script>alert" not in text and "<img src=x" not in text, name
        assert "javascript:alert('url')" not in text and ' onmouseover="alert' not in text, name


def test_feed_is_valid_atom(approved_db: Path, tmp_path: Path) -> None:
    _build(approved_db, tmp_path / "site")
    feed = etree.parse(str(tmp_path / "site" / "feed.xml"))
    schema = etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))
    assert schema.validate(feed), schema.error_log
    root = feed.getroot()
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    # RFC 4287 rules beyond the grammar: authors on the feed, an alternate link per entry (no content), absolute ids.
    assert root.find(f"{ATOM}author") is not None
    for entry in entries:
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert entry.findtext(f"{ATOM}id", "").startswith(BASE)
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "feed.xml"  # type: ignore[union-attr]


def test_sitemap_is_valid(approved_db: Path, tmp_path: Path) -> None:
    _build(approved_db, tmp_path / "site")
    sitemap = etree.parse(str(tmp_path / "site" / "sitemap.xml"))
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))
    assert schema.validate(sitemap), schema.error_log
    locs = [el.text for el in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert BASE in locs and f"{BASE}articles/156800001.html" in locs and len(locs) == len(set(locs)) == 2 + 3 + 3


def test_builds_are_byte_identical_and_incremental(approved_db: Path, tmp_path: Path) -> None:
    first = _build(approved_db, tmp_path / "a")
    again = _build(approved_db, tmp_path / "a")
    _build(approved_db, tmp_path / "b")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert again.written == [] and again.unchanged == len(first.written)  # type: ignore[attr-defined]
    mine = tmp_path / "a" / "README.txt"
    mine.write_text("not ours", encoding="utf-8")
    with open_store(approved_db) as store:  # an edit after approval: the article needs review again
        known = store.known("156800003")
        assert known is not None
        article = latest_article(store, known.release_id)
        assert article is not None
        save_edit(store, SentenceEdit(article.id, 1, "x", "바뀐 문장이다.", (), "unsupported", "{}"), known.release_id)
    changed = _build(approved_db, tmp_path / "a")
    removed = changed.removed  # type: ignore[attr-defined]
    assert "articles/156800003.html" in removed and len(removed) == 2  # and its agency's only page
    assert "index.html" in changed.written and "feed.xml" in changed.written  # type: ignore[attr-defined]
    assert mine.read_text(encoding="utf-8") == "not ours" and (tmp_path / "a" / MANIFEST).is_file()


def test_cli_needs_a_base_url_and_builds(approved_db: Path, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "site"
    missing = runner.invoke(
        main, ["site", "build", str(out), "--db", str(approved_db)], env={"HAESOL_SITE_BASE_URL": ""}
    )
    assert missing.exit_code == 2 and "base-url" in missing.output
    done = runner.invoke(main, ["site", "build", str(out), "--db", str(approved_db), "--base-url", BASE])
    assert done.exit_code == 0 and "3 articles" in done.output
    file_instead = tmp_path / "file"
    file_instead.write_text("x", encoding="utf-8")
    refused = runner.invoke(main, ["site", "build", str(file_instead), "--db", str(approved_db), "--base-url", BASE])
    assert refused.exit_code != 0 and "Traceback" not in refused.output


def test_an_empty_store_gives_a_valid_empty_site(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as store:
        build_site(store, tmp_path / "site", SiteOptions(BASE))
    feed = etree.parse(str(tmp_path / "site" / "feed.xml"))
    assert etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng"))).validate(feed)
    assert "아직 승인된 기사가 없습니다" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["ftp://example.org/", "news.example.org"])
def test_a_base_url_must_be_http(bad: str) -> None:
    from haesol.errors import ConfigError

    with pytest.raises(ConfigError):
        SiteOptions(bad)
