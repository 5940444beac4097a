"""The desk's part of the store: migration 2, desk statuses, edits, approvals, comments; articles read back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from haesol.models import Analysis, Line, PartName, Release, Verdict
from haesol.pipeline import WriteOptions, write
from haesol.render.json import article_document
from haesol.render.renderer import reading_order
from haesol.store import open_store
from haesol.store.review import (
    SentenceEdit,
    add_comment,
    approve,
    comments,
    desk_statuses,
    edits,
    latest_article,
    review_state,
    save_edit,
)
from haesol.store.schema import LATEST, MIGRATIONS, V1
from haesol.verify.checker import Checker
from haesol.web.articles import apply_edits, article_from_document, desk_check
from tests.helpers.desk import ARTICLE_DATE, FUTURE_ID, release_id


def test_a_version_1_store_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(V1 + "PRAGMA user_version = 1;")
        conn.execute("INSERT INTO releases (news_id, first_seen, checked_at) VALUES ('1', 'x', 'x')")
    with open_store(path) as store:
        assert store.read("PRAGMA user_version")[0][0] == LATEST == len(MIGRATIONS) >= 2
        assert store.read("SELECT COUNT(*) FROM releases")[0][0] == 1
        assert {"reviews", "approvals", "sentence_edits", "comments"} <= {
            r[0] for r in store.read("SELECT name FROM sqlite_master WHERE type = 'table'")
        }


def test_desk_status_follows_edits_approvals_and_new_drafts(desk_db: Path) -> None:
    with open_store(desk_db) as store:
        rid = release_id(desk_db, "156800001")
        article = latest_article(store, rid)
        assert article is not None and desk_statuses(store)[rid] == "drafted"
        assert desk_statuses(store)[release_id(desk_db, FUTURE_ID)] == "new"
        edit = SentenceEdit(article.id, 1, "원래 문장", "고친 문장", ("b1.s1",), "supported", "{}", "김")
        save_edit(store, edit, rid)
        save_edit(
            store, SentenceEdit(article.id, 1, "원래 문장", "다시 고친 문장", ("b1.s1",), "supported", "{}", "박"), rid
        )
        assert desk_statuses(store)[rid] == "needs_review"
        assert edits(store, article.id)[1].text == "다시 고친 문장"
        assert store.read("SELECT COUNT(*) FROM sentence_edits")[0][0] == 2  # history kept
        approve(store, rid, article.id, "이검토")
        state = review_state(store, rid)
        assert state is not None and state.status == "approved" and state.approval is not None
        assert state.approval.approved_by == "이검토"
        store.save_article(_record(rid, store))  # a new draft starts over
        assert desk_statuses(store)[rid] == "drafted"
        with pytest.raises(ValueError):
            approve(store, rid, article.id, "  ")


def _record(rid: int, store: object) -> object:
    from haesol.store import ArticleRecord

    revision = store.read("SELECT current_revision FROM releases WHERE id = ?", (rid,))[0][0]  # type: ignore[attr-defined]
    return ArticleRecord(rid, revision, "extractive", "news", "{}", "0.1.0", "{}", "# 기사", True, 0, "{}")


def test_comments_are_checked_and_kept_in_order(desk_db: Path) -> None:
    with open_store(desk_db) as store:
        rid = release_id(desk_db, "156800001")
        add_comment(store, rid, "첫 의견", "김")
        add_comment(store, rid, "둘째 의견", "박")
        assert [c.body for c in comments(store, rid)] == ["첫 의견", "둘째 의견"]
        for bad in ("", "   ", "가" * 5000):
            with pytest.raises(ValueError):
                add_comment(store, rid, bad, "김")


# -- articles read back ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def heating_result(heating_release: Release) -> object:
    return write(heating_release, WriteOptions(article_date=ARTICLE_DATE))


def test_article_document_reads_back_to_the_same_article(heating_result: object) -> None:
    document = json.loads(json.dumps(article_document(heating_result)))
    article = article_from_document(document)
    assert article == heating_result.article  # type: ignore[attr-defined]


def test_edits_replace_lines_by_position(heating_result: object) -> None:
    article = heating_result.article  # type: ignore[attr-defined]
    order = reading_order(article)
    edited = apply_edits(article, {1: ("새 문장이다.", ("b2.s1",))})
    new_order = reading_order(edited)
    assert new_order[1] == Line("새 문장이다.", order[1].part, ("b2.s1",))
    assert [line for i, line in enumerate(new_order) if i != 1] == [line for i, line in enumerate(order) if i != 1]


def test_desk_check_prefers_own_sources_then_retrieval(heating_analysis: Analysis) -> None:
    checker = Checker(heating_analysis)
    body = PartName.BODY.value
    own = desk_check(checker, "이번 사업에는 총 320억 원이 투입된다.", body, ("b2.s1",))
    assert own.check.verdict is Verdict.SUPPORTED and not own.retrieved
    moved = desk_check(checker, "이번 사업에는 총 320억 원이 투입된다.", body, ("b1.s1",))
    assert moved.check.verdict is Verdict.SUPPORTED and moved.retrieved and "b2.s1" in moved.sources
    wrong = desk_check(checker, "이번 사업에는 총 330억 원이 투입된다.", body, ("b2.s1",))
    assert wrong.check.verdict is Verdict.CONTRADICTED and not wrong.retrieved
