"""The SQLite store: WAL and migrations, dedupe by newsId and content hash, revisions, states, search, export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from haesol.errors import ConfigError, StoreError
from haesol.models import Release
from haesol.store import ArticleRecord, NewRevision, Store, default_db_path, open_store
from haesol.store.export import export_store, markdown_name
from haesol.store.schema import LATEST
from haesol.store.search_text import (
    QueryWord,
    compounds,
    content_hash,
    fts_query,
    index_tokens,
    release_lines,
)

NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "store.db") as opened:
        yield opened


def _new(release: Release, news_id: str = "156800001", **changes: object) -> NewRevision:
    base = NewRevision(
        news_id,
        release,
        b"bytes of " + news_id.encode(),
        NOW,
        title=release.title,
        agency="국방부",
        source_url=f"https://www.korea.kr/briefing/pressReleaseView.do?newsId={news_id}",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _article(store: Store, release_id: int, revision_id: int) -> ArticleRecord:
    return ArticleRecord(release_id, revision_id, "extractive", "news", "{}", "0.1.0", "{}", "# 기사", True, 0, "{}")


def test_new_store_is_wal_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "s.db"
    with open_store(path) as store:
        assert store.read("PRAGMA journal_mode")[0][0] == "wal"
        assert store.read("PRAGMA user_version")[0][0] == LATEST
        assert store.integrity() == "ok"
    with open_store(path) as again:  # reopening migrates nothing
        assert again.read("PRAGMA user_version")[0][0] == LATEST


def test_newer_schema_and_non_databases_are_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(StoreError, match="newer"):
        open_store(newer)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        open_store(junk)


def test_default_path_follows_setting_then_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr("sys.platform", "linux")
    assert default_db_path() == tmp_path / "haesol" / "haesol.db"
    assert default_db_path("~/x.db") == Path.home() / "x.db"


def test_dedupe_by_news_id_and_by_content(store: Store, heating_release: Release) -> None:
    assert store.save_revision(_new(heating_release)).status == "stored"
    assert store.save_revision(_new(heating_release)).status == "unchanged"
    respaced = dataclasses.replace(heating_release, title=heating_release.title.replace(" ", "  "))
    assert store.save_revision(_new(respaced)).status == "unchanged"  # whitespace is not a change
    twin = store.save_revision(_new(heating_release, "156800002"))
    assert (twin.status, twin.duplicate_of) == ("duplicate", "156800001")
    assert store.read("SELECT COUNT(*) FROM releases")[0][0] == 2
    assert store.read("SELECT COUNT(*) FROM release_fts")[0][0] == 1  # a duplicate is not indexed twice


def test_a_change_is_a_new_revision_and_the_old_one_is_kept(store: Store, heating_release: Release) -> None:
    first = store.save_revision(_new(heating_release))
    store.save_article(_article(store, first.release_id, 1))
    changed = dataclasses.replace(heating_release, title=heating_release.title + " (수정)")
    second = store.save_revision(_new(changed, data=b"changed bytes"))
    assert (second.status, second.revision) == ("revised", 2)
    rows = store.read("SELECT number, title FROM revisions ORDER BY number")
    assert [r[0] for r in rows] == [1, 2] and rows[1][1].endswith("(수정)")
    assert store.releases()[0].status == "new"  # the new revision needs a new draft
    assert len(store.pending()) == 1 and store.pending()[0].revision_id == 2


def test_article_marks_drafted_only_for_the_current_revision(store: Store, heating_release: Release) -> None:
    saved = store.save_revision(_new(heating_release))
    store.save_revision(_new(dataclasses.replace(heating_release, title="다른 제목")))
    store.save_article(_article(store, saved.release_id, 1))  # a draft of the old revision
    assert store.releases()[0].status == "new"
    store.save_article(_article(store, saved.release_id, 2))
    row = store.releases()[0]
    assert row.status == "drafted" and row.articles == 2 and store.latest_article(row.id) == "# 기사"
    assert store.read("SELECT COUNT(*) FROM reports WHERE kind = 'gate'")[0][0] == 2


def test_states_follow_the_embargo(store: Store, heating_release: Release) -> None:
    until = NOW + dt.timedelta(hours=3)
    saved = store.save_revision(_new(heating_release, embargo_until=until))
    store.save_article(_article(store, saved.release_id, 1))
    assert [r.news_id for r in store.releases(state="embargoed", now=NOW)] == ["156800001"]
    assert store.releases(state="ready", now=NOW) == []
    assert [r.news_id for r in store.releases(state="ready", now=until)] == ["156800001"]
    assert [r.news_id for r in store.releases(state="drafted", now=NOW)] == ["156800001"]
    with pytest.raises(ConfigError, match="unknown status"):
        store.releases(state="lost")


def test_failure_is_recorded_but_never_hides_a_stored_revision(store: Store, heating_release: Release) -> None:
    store.record_failure("156800009", "HTTP 500", title="실패한 자료", agency="소방청")
    assert [(r.news_id, r.status, r.reason) for r in store.releases(state="failed")] == [
        ("156800009", "failed", "HTTP 500")
    ]
    store.save_revision(_new(heating_release))
    store.record_failure("156800001", "timeout")
    assert store.known("156800001").status == "new"  # type: ignore[union-attr]


def test_a_failed_write_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(StoreError), store.transaction() as conn:
        conn.execute("INSERT INTO releases (news_id, first_seen, checked_at) VALUES ('156800003', 'x', 'x')")
        conn.execute("INSERT INTO nowhere VALUES (1)")
    assert store.known("156800003") is None


SMALL_RELEASE = """보도자료
보도시점: 2026. 10. 8.(목) 조간
국방부, 접경지역 생활관 개선 사업 추진
□ 국방부는 접경지역 부대의 노후 난방기를 교체한다고 밝혔음
 ㅇ 교체 대상은 전방 부대의 난방설비 1,240곳임
"""


def test_search_finds_two_syllable_words(store: Store, tmp_path: Path) -> None:
    from haesol.parse import parse_bytes

    release = parse_bytes(SMALL_RELEASE.encode(), "small.txt")
    store.save_revision(_new(release))
    hits = store.search("난방")
    assert [hit.news_id for hit in hits] == ["156800001"]
    assert "«난방»기를" in hits[0].snippet
    for query in ("난방기를 교체", "난방설비", "난방 설비", "생활관"):
        assert [hit.news_id for hit in store.search(query)] == ["156800001"], query
    assert store.search("잠수함") == [] and store.search("난방 잠수함") == []
    # the same text under SQLite's default tokenizer finds nothing: that is why the store uses Kiwi
    plain = sqlite3.connect(tmp_path / "plain.db")
    plain.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    plain.execute("INSERT INTO t VALUES (?)", ("\n".join(release_lines(release)),))
    assert plain.execute("SELECT COUNT(*) FROM t WHERE t MATCH '난방'").fetchone()[0] == 0
    plain.close()


def test_queries_cannot_inject_fts_syntax(store: Store, heating_release: Release) -> None:
    store.save_revision(_new(heating_release))
    assert fts_query([QueryWord(('a"b',)), QueryWord(("난방", "설비"), "난방설비")]) == (
        '("a""b") AND (("난방" AND "설비") OR "난방설비")'
    )
    assert store.search('난방 OR "') == []  # OR is a word here, not an operator
    with pytest.raises(ConfigError):
        store.search("  ...  ")


def test_text_helpers(heating_release: Release) -> None:
    lines = release_lines(heating_release)
    assert lines[0] == heating_release.title and any("1,240곳" in line for line in lines)
    assert content_hash(["가 나", "다"]) == content_hash(["가나", " 다 "])
    tokens = index_tokens(["노후 난방기를 교체했다"]).split()
    assert "난방" in tokens and "난방기" in tokens and "교체" in tokens
    from haesol.analyze.kiwi import get_analyzer

    text = "전방 부대의 난방설비 1,240곳"
    assert compounds(text, get_analyzer().morphs(text)) == ["난방설비", "1,240곳"]


def test_export_file_names_cannot_escape(store: Store, heating_release: Release, tmp_path: Path) -> None:
    hostile = dataclasses.replace(heating_release, title="../../etc/passwd\x00 또는 C:\\Windows")
    saved = store.save_revision(_new(hostile, title=hostile.title))
    store.save_article(_article(store, saved.release_id, 1))
    rows = store.releases()
    name = markdown_name(rows[0])
    assert "/" not in name and "\\" not in name and ".." not in name and "\x00" not in name
    result = export_store(store, rows, "md", tmp_path / "out")
    assert [Path(p).parent for p in result.paths] == [tmp_path / "out"]
    with pytest.raises(ValueError):
        export_store(store, rows, "xml", tmp_path / "x")
