"""Fixtures for publishing: a store with approved articles, and a real WordPress for the session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from haesol.store import open_store
from haesol.store.review import approve, latest_article
from tests.helpers.desk import EXAMPLES, HOSTILE_ID, fill_store
from tests.publish.wordpress_server import PACKAGES, WordPress, missing_parts, start_wordpress

APPROVED_IDS = (EXAMPLES[0][0], EXAMPLES[2][0], HOSTILE_ID)


def approve_news(db: Path, news_id: str, who: str = "편집자") -> int:
    """Approve the newest draft of a newsId; returns the release id."""
    with open_store(db) as store:
        known = store.known(news_id)
        assert known is not None
        article = latest_article(store, known.release_id)
        assert article is not None
        approve(store, known.release_id, article.id, who)
        return known.release_id


@pytest.fixture(scope="session")
def approved_template(tmp_path_factory: pytest.TempPathFactory, examples: Path) -> Path:
    """A filled store (tests/web's) with three releases approved; made once per session."""
    db = fill_store(tmp_path_factory.mktemp("publish") / "approved.db", examples)
    for news_id in APPROVED_IDS:
        approve_news(db, news_id)
    with open_store(db) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture()
def approved_db(approved_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the approved store for one test."""
    target = tmp_path / "approved.db"
    shutil.copy(approved_template, target)
    return target


@pytest.fixture(scope="session")
def wordpress(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WordPress]:
    """Debian's WordPress with MariaDB and PHP's built-in server on 127.0.0.1, installed in a temp folder."""
    missing = missing_parts()
    if missing:
        pytest.skip(f"no WordPress test site: missing {missing} (apt-get install {PACKAGES}; .ci/run does this)")
    site = start_wordpress(tmp_path_factory.mktemp("wordpress"))
    yield site
    site.stop()
