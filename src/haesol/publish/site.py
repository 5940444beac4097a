"""`haesol site build`: a static site of the approved articles, written incrementally and deterministically.

Every file is computed from the store alone (no clock, sorted everywhere), so the same store gives
byte-identical files; a file whose bytes did not change is not rewritten, and files an earlier build
made that are no longer wanted (an article no longer approved) are removed. Files we did not make
are never touched: the manifest (.haesol-site.json) lists ours.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from haesol.errors import ConfigError, InputError
from haesol.files import write_atomic
from haesol.publish.approved import ApprovedArticle, approved_articles
from haesol.publish.feeds import atom_feed, rfc3339, search_index, sitemap
from haesol.publish.site_pages import CSS, SEARCH_JS, agencies_page, agency_page, article_page, index_page
from haesol.store import Store

LOGGER = logging.getLogger(__name__)

MANIFEST = ".haesol-site.json"


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """The site's public address (for the feed, sitemap and canonical links) and its title."""

    base_url: str
    title: str = "haesol 보도자료 해설"

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            raise ConfigError(
                f"사이트 주소는 http:// 또는 https://로 시작해야 합니다 (base URL must be http(s)): {self.base_url!r}"
            )

    @property
    def root(self) -> str:
        """The base address with exactly one trailing slash."""
        return self.base_url.rstrip("/") + "/"


@dataclass(slots=True)
class SiteResult:
    """What a build did: articles on the site, files written, files already up to date, files removed."""

    articles: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def article_path(item: ApprovedArticle) -> str:
    """The article page's path in the site (from the newsId, never from the title)."""
    safe = "".join(ch for ch in item.news_id if ch.isascii() and (ch.isalnum() or ch in "-_")) or f"r{item.release_id}"
    return f"articles/{safe}.html"


def agency_path(agency: str) -> str:
    """The agency page's path: a short hash of the name, so any name makes a safe, stable file name."""
    return f"agencies/a-{hashlib.sha256(agency.encode('utf-8')).hexdigest()[:10]}.html"


def site_files(items: list[ApprovedArticle], options: SiteOptions) -> dict[str, str]:
    """Every file of the site by relative path (the pure part of a build)."""
    root, title = options.root, options.title
    paths = {item.release_id: article_path(item) for item in items}
    files = {"style.css": CSS, "search.js": SEARCH_JS, "index.html": index_page(title, root, items, paths)}
    for item in items:
        files[paths[item.release_id]] = article_page(title, root + paths[item.release_id], item)
    by_agency: dict[str, list[ApprovedArticle]] = {}
    for item in items:
        by_agency.setdefault(item.agency or "기관 미상", []).append(item)
    listing = [(name, agency_path(name), len(group)) for name, group in sorted(by_agency.items())]
    files["agencies.html"] = agencies_page(title, root, listing)
    for name, group in by_agency.items():
        files[agency_path(name)] = agency_page(title, root + agency_path(name), name, group, paths)
    files["feed.xml"] = atom_feed(items, {k: root + v for k, v in paths.items()}, title=title, base_url=root)
    files["search.json"] = search_index(items, paths)
    files["sitemap.xml"] = sitemap(_sitemap_pages(items, paths, listing, root))
    return files


def _sitemap_pages(
    items: list[ApprovedArticle], paths: dict[int, str], listing: list[tuple[str, str, int]], root: str
) -> list[tuple[str, str]]:
    newest = rfc3339(max((i.approved_at for i in items), default="")) if items else ""
    pages = [(root, newest), (root + "agencies.html", newest)]
    pages += [(root + path, "") for _, path, _ in listing]
    pages += [
        (root + paths[i.release_id], rfc3339(i.approved_at)) for i in sorted(items, key=lambda i: paths[i.release_id])
    ]
    return pages


def build_site(store: Store, output: Path, options: SiteOptions) -> SiteResult:
    """Build or update the static site in ``output``.

    Raises:
        InputError: when ``output`` is a file or cannot be written.
        StoreError: when the store cannot be read.
    """
    items = approved_articles(store)
    files = site_files(items, options)
    try:
        return _write(output, files, len(items))
    except OSError as exc:
        raise InputError(
            f"사이트를 쓸 수 없습니다 (cannot write the site: {exc.strerror or exc})", source=str(output)
        ) from exc


def _write(output: Path, files: dict[str, str], articles: int) -> SiteResult:
    if output.exists() and not output.is_dir():
        raise InputError("사이트는 폴더에 만듭니다 (the site needs a folder)", source=str(output))
    output.mkdir(parents=True, exist_ok=True)
    result = SiteResult(articles=articles)
    for relative in sorted(files):
        path = output / relative
        data = files[relative].encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            result.unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, files[relative])
        result.written.append(relative)
    for relative in sorted(_previous(output) - set(files)):
        stale = output / relative
        if stale.is_file():
            stale.unlink()
            result.removed.append(relative)
    manifest = json.dumps(sorted(files), ensure_ascii=False, indent=0) + "\n"
    if not (output / MANIFEST).is_file() or (output / MANIFEST).read_text(encoding="utf-8") != manifest:
        write_atomic(output / MANIFEST, manifest)
    return result


def _previous(output: Path) -> set[str]:
    try:
        listed = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {p for p in listed if isinstance(p, str) and ".." not in Path(p).parts and not Path(p).is_absolute()}
