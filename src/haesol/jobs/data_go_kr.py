"""The optional data.go.kr 정책브리핑 보도자료 API: NewsItem records over 3-day windows."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from lxml import etree

from haesol.errors import NetworkError, ParseError
from haesol.jobs.client import PoliteClient
from haesol.jobs.listing import AttachmentLink, ListEntry
from haesol.models import KST
from haesol.parse.safety import parse_xml

LOGGER = logging.getLogger(__name__)

API_URL = "https://apis.data.go.kr/1371000/pressReleaseService/pressReleaseList"
WINDOW_DAYS = 3
OK_CODES = frozenset({"0", "00"})
NO_DATA_CODE = "03"
DATE_FORMATS = ("%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y%m%d%H%M%S", "%Y-%m-%d")


@dataclass(frozen=True, slots=True)
class ApiItem:
    """One ``NewsItem``: id, title, agency (``MinisterCode``), times, the view URL and attachments."""

    news_id: str
    title: str
    agency: str = ""
    subtitles: tuple[str, ...] = ()
    approved: dt.datetime | None = None
    embargo: dt.datetime | None = None
    modify_id: str = ""
    status: str = ""
    original_url: str = ""
    files: tuple[AttachmentLink, ...] = ()

    def entry(self) -> ListEntry:
        """The item as a list entry (the fetch job treats both alike)."""
        date = self.approved.date() if self.approved else None
        lead = " ".join(self.subtitles)
        return ListEntry(self.news_id, self.title, self.original_url, date, self.agency, lead, self.embargo, self.files)


def parse_api_date(text: str) -> dt.datetime | None:
    """A KST datetime from the formats the API uses (``MM/DD/YYYY HH:MM:SS`` and others), or None."""
    text = " ".join(text.split())
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).replace(tzinfo=KST)
        except ValueError:
            continue
    return None


def api_windows(since: dt.date, until: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Split [since, until] into windows of at most three days (the API's per-request span), newest first."""
    windows: list[tuple[dt.date, dt.date]] = []
    end = until
    while end >= since:
        start = max(since, end - dt.timedelta(days=WINDOW_DAYS - 1))
        windows.append((start, end))
        end = start - dt.timedelta(days=1)
    return windows


def api_request_url(base: str, service_key: str, start: dt.date, end: dt.date) -> str:
    """The request URL; a key already percent-encoded (data.go.kr's "Encoding" key) is sent as is."""
    key = service_key if "%" in service_key else quote(service_key, safe="")
    dates = urlencode({"startDate": start.strftime("%Y%m%d"), "endDate": end.strftime("%Y%m%d")})
    return f"{base}?serviceKey={key}&{dates}"


def parse_api_response(data: bytes, source: str = "api") -> list[ApiItem]:
    """Read a response: ``response/body/NewsItem*``; NODATA (03) is an empty list.

    Raises:
        NetworkError: for an error code or a key error (``OpenAPI_ServiceResponse``).
        ParseError: when the body is not XML.
    """
    root = parse_xml(data.strip(), "xml", source)
    if root.tag == "OpenAPI_ServiceResponse":
        parts = (root.findtext(".//errMsg"), root.findtext(".//returnAuthMsg"))
        message = " ".join(p.strip() for p in parts if p and p.strip()) or "unknown"
        raise NetworkError(f"data.go.kr API 오류 (API error): {message}", source=source)
    code = (root.findtext("header/resultCode") or "").strip()
    if code == NO_DATA_CODE:
        return []
    if code not in OK_CODES:
        message = root.findtext("header/resultMsg") or ""
        raise NetworkError(f"data.go.kr API 오류 (API error) {code}: {message}", source=source)
    return [_item(element) for element in root.iter("NewsItem")]


def _item(element: etree._Element) -> ApiItem:
    def text(tag: str) -> str:
        return (element.findtext(tag) or "").strip()

    names = [(n.text or "").strip() for n in element.findall("FileName")]
    urls = [(u.text or "").strip() for u in element.findall("FileUrl")]
    files = tuple(AttachmentLink(name, url) for name, url in zip(names, urls, strict=False) if name and url)
    subtitles = tuple(s for s in (text("SubTitle1"), text("SubTitle2"), text("SubTitle3")) if s)
    return ApiItem(
        news_id=text("NewsItemId"),
        title=text("Title"),
        agency=text("MinisterCode"),
        subtitles=subtitles,
        approved=parse_api_date(text("ApproveDate")),
        embargo=parse_api_date(text("EmbargoDate")),
        modify_id=text("ModifyId"),
        status=text("ContentsStatus"),
        original_url=text("OriginalUrl"),
        files=tuple(sorted(files, key=lambda f: f.rank)),
    )


def fetch_api_items(
    client: PoliteClient, service_key: str, since: dt.date, until: dt.date, base: str = API_URL
) -> Iterator[ApiItem]:
    """Every press-release item between ``since`` and ``until``, newest window first.

    Raises:
        NetworkError: when a request or the API fails, or a response is not XML.
    """
    for start, end in api_windows(since, until):
        url = api_request_url(base, service_key, start, end)
        response = client.get(url)
        try:
            items = parse_api_response(response.body, f"data.go.kr {start:%Y%m%d}-{end:%Y%m%d}")
        except ParseError as exc:
            raise NetworkError(f"data.go.kr API 응답이 XML이 아닙니다 (not XML): {exc.reason}") from exc
        LOGGER.info("data.go.kr %s–%s: %d items", start, end, len(items))
        yield from (item for item in items if item.news_id.isdigit())
