"""The post made from an approved article (no WordPress needed): structure, escaping, excerpt, slug; and the CLI's checks."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from haesol.cli import main
from haesol.publish.approved import approved_articles
from haesol.publish.post_content import MAX_EXCERPT_CHARS, excerpt, post_content, post_slug
from haesol.store import open_store
from tests.helpers.desk import HOSTILE_ID


def test_the_post_has_sections_tables_faq_and_the_source_block(approved_db: Path) -> None:
    with open_store(approved_db) as store:
        items = {item.news_id: item for item in approved_articles(store)}
    post = post_content(items["156800001"], ("정책 해설", " ", "정책 해설"))
    assert post.slug == "haesol-156800001" and post.category == "국방부" and post.tags == ("정책 해설",)
    assert post.html.count("<h2>") >= 4 and "<thead>" in post.html and "<figcaption>사업 개요</figcaption>" in post.html
    assert "<h2>자주 묻는 질문</h2>" in post.html and post.html.rstrip().endswith("</div>")
    assert '<a href="https://www.korea.kr/briefing/pressReleaseView.do?newsId=156800001" rel="noopener">' in post.html
    assert "data-sources" not in post.html and "<img" not in post.html
    hostile = post_content(items[HOSTILE_ID])
    assert "<script" not in hostile.title + hostile.html + hostile.excerpt and "<img" not in hostile.html
    assert 'href="javascript' not in hostile.html


def test_excerpt_is_the_lead_cut_at_a_sentence(approved_db: Path) -> None:
    with open_store(approved_db) as store:
        item = next(i for i in approved_articles(store) if i.news_id == "156800003")
    text = excerpt(item.article)
    assert item.lead.startswith(text) and len(text) <= MAX_EXCERPT_CHARS + 1


def test_a_slug_is_safe_whatever_the_news_id() -> None:
    assert post_slug("../../etc/passwd 가") == "haesol-etcpasswd" and post_slug("한글") == "haesol-release"


def test_publish_needs_a_site_user_and_password(approved_db: Path) -> None:
    runner = CliRunner()
    args = ["publish", "--to", "wordpress", "--db", str(approved_db)]
    env = {"HAESOL_WORDPRESS_URL": "", "HAESOL_WORDPRESS_USER": "", "HAESOL_WORDPRESS_PASSWORD": ""}
    no_site = runner.invoke(main, args, env=env)
    assert no_site.exit_code == 2 and "site URL and user are required" in no_site.output
    no_password = runner.invoke(main, [*args, "--site-url", "http://127.0.0.1:9", "--user", "editor"], env=env)
    assert no_password.exit_code == 2 and "HAESOL_WORDPRESS_PASSWORD" in no_password.output


def test_publish_refuses_unknown_and_unapproved_ids(approved_db: Path) -> None:
    runner = CliRunner()
    env = {
        "HAESOL_WORDPRESS_URL": "http://127.0.0.1:9",
        "HAESOL_WORDPRESS_USER": "editor",
        "HAESOL_WORDPRESS_PASSWORD": "x",
    }
    for release_id, reason in (
        ("999", "no release with that newsId"),
        ("2", "not approved"),
        ("156800002", "not approved"),
    ):
        result = runner.invoke(
            main, ["publish", "--to", "wordpress", "--db", str(approved_db), "--id", release_id], env=env
        )
        assert result.exit_code == 1 and reason in result.output and "Traceback" not in result.output
