"""`haesol publish --to wordpress` and `haesol site build`: approved articles out to a site (thin over haesol.publish)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from haesol.cli.common import friendly_errors

LOGGER = logging.getLogger(__name__)

db_option = click.option(
    "--db",
    "db_path",
    metavar="PATH",
    help="SQLite store (default: store.db setting, else haesol.db in the user data folder).",
)
config_option = click.option(
    "--config", "config_path", metavar="PATH", help="Settings file (default: ~/.config/haesol/config.toml)."
)


def register(group: click.Group) -> None:
    """Add ``publish`` and ``site`` to the CLI group."""
    group.add_command(publish_cli)
    group.add_command(site_group)


def _open_store(db_path: str | None, config: Any) -> Any:
    from haesol.errors import StoreError
    from haesol.store import default_db_path, open_store

    path = Path(db_path) if db_path else default_db_path(config["store.db"])
    if not path.exists():
        raise StoreError(
            "저장소가 없습니다. 먼저 haesol fetch 또는 haesol batch를 실행하세요 (no store yet)", source=str(path)
        )
    return open_store(path)


def _password(config: Any) -> str:
    password = str(config["wordpress.password"])
    if password:
        return password
    if not sys.stdin.isatty():
        raise click.UsageError(
            "WordPress 애플리케이션 비밀번호가 없습니다: wordpress.password 설정이나 HAESOL_WORDPRESS_PASSWORD "
            "환경 변수를 주세요 (no application password: set wordpress.password or HAESOL_WORDPRESS_PASSWORD)"
        )
    return str(click.prompt("WordPress 애플리케이션 비밀번호 (application password)", hide_input=True))


@click.command("publish")
@click.option("--to", "target", type=click.Choice(["wordpress"]), required=True, help="Where to publish.")
@click.option(
    "--id", "release_ids", multiple=True, metavar="ID", help="Only this release (newsId, or store id); repeatable."
)
@click.option(
    "--status",
    type=click.Choice(["draft", "publish"]),
    default="draft",
    show_default=True,
    help="Post status on the site.",
)
@click.option("--tag", "tags", multiple=True, metavar="NAME", help="Post tag; repeatable (default: 보도자료 해설).")
@click.option("--site-url", metavar="URL", help="WordPress address (setting wordpress.url).")
@click.option("--user", metavar="NAME", help="WordPress user (setting wordpress.user).")
@click.option("--force", is_flag=True, help="Send posts again even when nothing changed since the last publish.")
@db_option
@config_option
@friendly_errors
def publish_cli(
    target: str,
    release_ids: tuple[str, ...],
    status: str,
    tags: tuple[str, ...],
    site_url: str | None,
    user: str | None,
    force: bool,
    db_path: str | None,
    config_path: str | None,
) -> None:
    """Publish approved articles (or --id ones) as WordPress posts; publishing again updates the same post.

    The application password comes from the wordpress.password setting, HAESOL_WORDPRESS_PASSWORD,
    or a prompt; it is never printed.

    Example:

        HAESOL_WORDPRESS_PASSWORD=... haesol publish --to wordpress --site-url https://news.example.org --user editor

        haesol publish --to wordpress --id 156800001 --status publish
    """
    from haesol.config import load_config
    from haesol.publish.publisher import DEFAULT_TAGS, PublishOptions, publish_wordpress
    from haesol.publish.publisher import release_ids as resolve_ids
    from haesol.publish.wordpress import WordPressClient, WordPressSite

    config = load_config(config_path, {"wordpress.url": site_url, "wordpress.user": user})
    if not config["wordpress.url"] or not config["wordpress.user"]:
        raise click.UsageError(
            "WordPress 주소와 사용자가 필요합니다: --site-url/--user 또는 wordpress.url/wordpress.user 설정 "
            "(the site URL and user are required)"
        )
    with _open_store(db_path, config) as store:
        ids = resolve_ids(store, release_ids)
        options = PublishOptions(status=status, release_ids=ids, tags=tags or DEFAULT_TAGS, force=force)
        site = WordPressSite(
            str(config["wordpress.url"]),
            str(config["wordpress.user"]),
            _password(config),
            float(config["wordpress.timeout"]),
            max(0, int(config["wordpress.retries"])),
        )
        with WordPressClient(site) as client:
            report = publish_wordpress(store, client, options, progress=_echo_outcome)
    if not report.outcomes:
        click.echo("게시할 승인된 기사가 없습니다 (no approved articles to publish)")
    if report.failed:
        raise click.ClickException(
            f"{report.failed}건 게시 실패 ({report.failed} not published; nothing was marked published for them)"
        )


def _echo_outcome(outcome: Any) -> None:
    labels = {"created": "새 글", "updated": "고침", "unchanged": "변경 없음", "failed": "실패"}
    where = outcome.url or outcome.message
    click.echo(
        f"{outcome.news_id}\t{labels.get(outcome.action, outcome.action)} ({outcome.action})\t"
        f"post {outcome.post_id or '-'}\trev {outcome.revision}\t{where}"
    )


@click.group("site")
def site_group() -> None:
    """A static site of the approved articles (index, article pages, Atom feed, sitemap, search).

    Example:

        haesol site build public/ --base-url https://news.example.org/
    """


@site_group.command("build")
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--base-url",
    metavar="URL",
    help="Public address of the site, e.g. https://news.example.org/ (setting site.base_url).",
)
@click.option("--title", help="Site title (setting site.title).")
@db_option
@config_option
@friendly_errors
def site_build_cli(
    output: Path, base_url: str | None, title: str | None, db_path: str | None, config_path: str | None
) -> None:
    """Build (or bring up to date) a static site of the approved articles in OUTPUT.

    Files whose content did not change are not rewritten; the same store gives byte-identical files.

    Example:

        haesol site build public/ --base-url https://news.example.org/
    """
    from haesol.config import load_config
    from haesol.publish.site import SiteOptions, build_site

    config = load_config(config_path, {"site.base_url": base_url, "site.title": title})
    if not config["site.base_url"]:
        raise click.UsageError(
            "--base-url(또는 site.base_url 설정)이 필요합니다: 피드와 사이트맵은 절대 주소를 씁니다 "
            "(the feed and sitemap need the site's public address)"
        )
    with _open_store(db_path, config) as store:
        result = build_site(store, output, SiteOptions(str(config["site.base_url"]), str(config["site.title"])))
    click.echo(
        f"{output}: 기사 {result.articles}건, 파일 {len(result.written)}개 씀, {result.unchanged}개 그대로, "
        f"{len(result.removed)}개 지움 ({result.articles} articles; {len(result.written)} written, "
        f"{result.unchanged} unchanged, {len(result.removed)} removed)"
    )
