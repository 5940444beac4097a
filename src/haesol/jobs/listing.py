"""What the collectors read from the portal and the API: list entries, view pages, attachment links."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass

from haesol.models import AgencySource, License, Release

LOGGER = logging.getLogger(__name__)

# Preferred order for text (source-formats.md §1.3): HWPX > PDF > HWP > DOCX/ODT; anything else last.
EXTENSION_RANK = {"hwpx": 0, "pdf": 1, "hwp": 2, "docx": 3, "odt": 4}
TEXT_FORMATS = frozenset({"hwpx", "pdf", "hwp", "docx", "odt"})


@dataclass(frozen=True, slots=True)
class AgencyCode:
    """An agency as the list page's filter offers it: its repCode, name and group (부처/청/위원회)."""

    code: str
    name: str
    group: str = ""


@dataclass(frozen=True, slots=True)
class AttachmentLink:
    """An attachment offered for download: file name (from the link text), absolute URL, fileId."""

    name: str
    url: str
    file_id: str = ""

    @property
    def extension(self) -> str:
        """The lower-case extension of the file name ('' when it has none)."""
        return self.name.rsplit(".", 1)[-1].lower() if "." in self.name else ""

    @property
    def rank(self) -> int:
        """Sort key: text formats first, in the preferred order."""
        return EXTENSION_RANK.get(self.extension, 9)


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One row of the press-release list (or one API record): enough to decide whether to open it.

    API records also bring the embargo they state and their attachment links.
    """

    news_id: str
    title: str
    url: str
    date: dt.date | None = None
    agency: str = ""
    lead: str = ""
    embargo: dt.datetime | None = None
    files: tuple[AttachmentLink, ...] = ()


@dataclass(frozen=True, slots=True)
class ListPage:
    """A parsed list page: its entries, the page numbers its pager links to, and the agency filter."""

    entries: tuple[ListEntry, ...]
    pages: tuple[int, ...] = ()
    agencies: tuple[AgencyCode, ...] = ()


@dataclass(frozen=True, slots=True)
class ViewPage:
    """What a press-release view page says: title, agency, date, KOGL mark and attachments."""

    news_id: str
    url: str
    fetched_url: str
    title: str = ""
    agency: str = ""
    date: dt.date | None = None
    published: str = ""
    kogl_type: int | None = None
    kogl_evidence: str = ""
    attachments: tuple[AttachmentLink, ...] = ()


@dataclass(frozen=True, slots=True)
class PageOverlay:
    """Page-level facts laid over a release parsed from its attachment (the attachment lacks them)."""

    news_id: str = ""
    url: str = ""
    agency: str = ""
    title: str = ""
    kogl_type: int | None = None
    kogl_evidence: str = ""


def apply_overlay(release: Release, overlay: PageOverlay) -> Release:
    """The release with the page's newsId, address, KOGL mark and (when missing) agency and title.

    The page's KOGL mark wins over a notice inside the document: the portal shows the licence
    it grants per page (source-formats.md §4).

    Args:
        release: the release parsed from an attachment or the page.
        overlay: what the view page (or API record) states.

    Returns:
        A new Release; the input is not changed.
    """
    source = dataclasses.replace(
        release.source,
        url=overlay.url or release.source.url,
        news_id=overlay.news_id or release.source.news_id,
    )
    license_ = release.license
    if overlay.kogl_type is not None:
        license_ = License(overlay.kogl_type, overlay.kogl_evidence or "정책브리핑 page", release.license.scope)
    page_agency = not release.agency and bool(overlay.agency)
    return dataclasses.replace(
        release,
        source=source,
        license=license_,
        agency=release.agency or overlay.agency,
        agency_source=AgencySource.PAGE if page_agency else release.agency_source,
        doc_type_stated=True,  # the portal lists it as a 보도자료
        title=release.title or overlay.title,
    )
