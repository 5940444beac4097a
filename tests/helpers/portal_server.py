"""A small 정책브리핑-like server on 127.0.0.1: list pages, view pages, attachments and bad behaviours.

All releases are invented for the tests. Behaviours per release (``FakeRelease.mode``): ``ok``,
``500`` (view page always 500), ``flaky`` (500 once, then fine), ``timeout`` (no answer in time),
``drip`` (a body that trickles), ``loop`` (a redirect loop), ``malformed`` (broken HTML, no
attachment), ``huge`` (an oversized body), ``gone`` (404). ``damage_attachment`` breaks a release's
HWPX: ``corrupt`` (a damaged deflate stream) or ``duplicate`` (two entries of one name). The list page has its own ``list_mode``. ``layout`` simulates a site redesign: ``view`` (view pages lose
their ``.view_title``/``.article_head`` markup) or ``list`` (list rows lose their ``newsId`` links).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import threading
import time
import zipfile
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

LIST_PATH = "/briefing/pressReleaseList.do"
VIEW_PATH = "/briefing/pressReleaseView.do"
DOWNLOAD_PATH = "/common/download.do"
API_PATH = "/1371000/pressReleaseService/pressReleaseList"
API_KEY = "test-key/+="
PAGE_SIZE = 10
AGENCIES = (("A00005", "국방부"), ("A00006", "국토교통부"), ("A00012", "보건복지부"), ("B00022", "소방청"))

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HS = "http://www.hancom.co.kr/hwpml/2011/section"
HH = "http://www.hancom.co.kr/hwpml/2011/head"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'


# -- invented content -------------------------------------------------------------------------------

TOPICS = (
    ("국방부", "접경지역 장병 생활관 난방설비 {n}곳 교체", "난방설비", "장병 생활관의 노후 난방기를 교체"),
    ("국토교통부", "농어촌 수요응답형 버스 {n}개 군으로 확대", "수요응답형 버스", "교통 소외 지역의 이동 편의를 개선"),
    ("보건복지부", "어르신 방문 건강관리 {n}개 시군구에서 시작", "방문 건강관리", "홀로 사는 어르신의 건강을 점검"),
    ("소방청", "겨울철 전통시장 화재 안전점검 {n}곳 실시", "화재 안전점검", "전통시장의 전기 설비와 소화기를 점검"),
)


def release_lines(
    news_id: str, agency: str, title: str, topic: str, action: str, count: int, timing: str = "2026. 10. 8.(목) 조간"
) -> list[str]:
    """The text of an invented 개조식 release."""
    seed = int(news_id[-4:])
    return [
        "보도자료",
        f"보도시점: {timing}   배포: 2026. 10. 7.(수) 10:00",
        title,
        f"- {topic} 사업에 {seed % 90 + 10}억 원 투입 -",
        f"□ {agency}는 11월 {seed % 20 + 1}일부터 {topic} 사업을 추진한다고 밝혔음",
        f" ㅇ 이번 사업은 {action}하기 위한 것으로, 대상은 모두 {count}곳임",
        f" ㅇ {agency}는 지난 7월 조사에서 응답자의 {seed % 40 + 50}.{seed % 10}%가 사업 확대를 요청한 데 따라 이번 계획을 마련함",
        f"□ {agency}는 {count // 2}곳을 12월까지 먼저 마치고 나머지는 2027년 3월까지 완료할 계획임",
        "담당 부서: 정책기획과  책임자: 과장 김한결 (044-000-1234)  담당자: 사무관 이도윤 (044-000-1235)",
    ]


def build_hwpx(lines: list[str]) -> bytes:
    """A minimal HWPX package whose one section holds ``lines`` as plain paragraphs."""
    paragraphs = "".join(
        f'<hp:p id="0" paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>{escape(line)}</hp:t></hp:run></hp:p>'
        for line in lines
    )
    section = f'{XML_DECL}<hs:sec xmlns:hp="{HP}" xmlns:hs="{HS}">{paragraphs}</hs:sec>'
    header = f'{XML_DECL}<hh:head xmlns:hh="{HH}" version="1.4" secCnt="1"><hh:refList/></hh:head>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip")
        archive.writestr("Contents/header.xml", header)
        archive.writestr("Contents/section0.xml", section)
    return buffer.getvalue()


JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


# -- the catalogue ----------------------------------------------------------------------------------


@dataclass
class FakeFile:
    """An attachment: id, name as the page shows it, bytes."""

    file_id: str
    name: str
    data: bytes


@dataclass
class FakeRelease:
    """A release the server lists and shows; ``mode`` picks a behaviour of its view page."""

    news_id: str
    title: str
    agency: str
    date: dt.date
    lead: str = ""
    files: list[FakeFile] = field(default_factory=list)
    kogl: int | None = 1
    mode: str = "ok"
    body: tuple[str, ...] = ()
    embargo: str = ""
    served: int = 0

    @property
    def etag(self) -> str:
        digest = hashlib.sha256(b"".join(f.data for f in self.files) + self.title.encode()).hexdigest()
        return f'"{digest[:16]}"'


def make_release(
    index: int,
    *,
    date: dt.date | None = None,
    timing: str = "2026. 10. 8.(목) 조간",
    mode: str = "ok",
    topic_index: int | None = None,
) -> FakeRelease:
    """An invented release number ``index`` (newsId 1567000nn…) with one HWPX and one photo attachment."""
    agency, title_template, topic, action = TOPICS[(index if topic_index is None else topic_index) % len(TOPICS)]
    news_id = f"1567{index:05d}"
    count = 100 + index * 7
    title = title_template.format(n=count)
    lines = release_lines(news_id, agency, title, topic, action, count, timing)
    stamp = "261008(조간)" if "조간" in timing else ""
    files = [
        FakeFile(f"1980{index:05d}", f"사진 {index}.jpg", JPEG_BYTES),
        FakeFile(f"1981{index:05d}", f"{stamp} {title}.hwpx".strip(), build_hwpx(lines)),
    ]
    return FakeRelease(
        news_id,
        title,
        agency,
        date or dt.date(2026, 10, 7) - dt.timedelta(days=index // 3),
        f"- {topic} -",
        files,
        mode=mode,
    )


# -- HTML -------------------------------------------------------------------------------------------


def list_html(entries: list[FakeRelease], page: int, pages: int) -> str:
    """A pressReleaseList.do page in the portal's structure."""
    rows = "".join(
        f'<li><a href="{VIEW_PATH}?newsId={r.news_id}&amp;pageIndex={page}"><span class="text">'
        f'<strong>{html.escape(r.title)}</strong><span class="lead">{html.escape(r.lead)}</span>'
        f'<span class="source"><span>{r.date:%Y.%m.%d}</span><span>{html.escape(r.agency)}</span></span>'
        f"</span></a></li>"
        for r in entries
    )
    boxes = "".join(
        f'<input type="checkbox" name="chkRepCode" id="chk_{code}" value="{code}"><label for="chk_{code}">{name}</label>'
        for code, name in AGENCIES
    )
    pager = "".join(
        f'<span class="num"><a href="#" onclick="pageLink({n});return false;">{n}</a></span>'
        for n in range(1, pages + 1)
    )
    return (
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>보도자료 | 정책브리핑</title></head><body>'
        f'<div class="filter"><button type="button">부처</button>{boxes}</div>'
        f'<div class="list_type"><ul>{rows}</ul></div><div class="paging">{pager}</div></body></html>'
    )


def view_html(release: FakeRelease) -> str:
    """A pressReleaseView.do page with the docViewer body, attachments and the KOGL footer."""
    files = "".join(
        f'<p><span><a href="{DOWNLOAD_PATH}?fileId={f.file_id}&amp;tblKey=GMN">{html.escape(f.name)}</a></span>'
        f'<span><a href="/common/docViewer.do?fileId={f.file_id}&amp;tblKey=GMN">바로보기</a></span>'
        f'<span><a href="{DOWNLOAD_PATH}?fileId={f.file_id}&amp;tblKey=GMN">내려받기</a></span></p>'
        for f in release.files
    )
    kogl = (
        f'<img src="/images/sub/open_type0{release.kogl}.png" alt="공공누리 제{release.kogl}유형">'
        if release.kogl is not None
        else ""
    )
    return (
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">'
        f"<title>{html.escape(release.title)} | 정책브리핑</title>"
        f'<meta property="article:published_time" content="{release.date.isoformat()}T09:00:00+09:00"></head><body>'
        f'<main id="main"><section id="container"><div class="view_title"><h1>{html.escape(release.title)}</h1></div>'
        '<div class="article_wrap"><div class="article_head">'
        f'<div class="info"><span>{release.date:%Y.%m.%d}</span><span>{html.escape(release.agency)}</span></div>'
        f'<div class="filedown"><dl><dt>첨부파일</dt><dd>{files}</dd></dl></div></div>'
        f'<div class="article_body"><div class="view_cont">{_body_html(release)}'
        f'<p class="remark">“이 자료는 {html.escape(release.agency)}의 보도자료를 전재하여 제공함을 알려드립니다.”</p>'
        f'</div></div><div class="article_footer">{kogl}</div></div></section></main></body></html>'
    )


def _body_html(release: FakeRelease) -> str:
    if release.body:
        return "".join(f"<p>{html.escape(line)}</p>" for line in release.body)
    return (
        '<div class="docConversion" id="content">'
        '<iframe id="content_press" src="/docViewer/iframe_skin/doc.html?fn=1"></iframe></div>'
    )


def api_xml(releases: list[FakeRelease], base: str) -> str:
    """A data.go.kr response with one NewsItem per release."""
    items = "".join(
        "<NewsItem>"
        f"<NewsItemId>{r.news_id}</NewsItemId><ContentsStatus>I</ContentsStatus><ModifyId>1</ModifyId>"
        f"<ApproveDate>{r.date:%m/%d/%Y} 09:00:00</ApproveDate><EmbargoDate>{r.embargo}</EmbargoDate>"
        f"<GroupingCode>brief</GroupingCode><Title>{escape(r.title)}</Title><SubTitle1>{escape(r.lead)}</SubTitle1>"
        f"<MinisterCode>{escape(r.agency)}</MinisterCode>"
        f"<OriginalUrl>https://www.korea.kr{VIEW_PATH}?newsId={r.news_id}</OriginalUrl>"
        + "".join(
            f"<FileName>{escape(f.name)}</FileName><FileUrl>{base}{DOWNLOAD_PATH}?fileId={f.file_id}</FileUrl>"
            for f in r.files
        )
        + "</NewsItem>"
        for r in releases
    )
    code = "00" if releases else "03"
    return (
        f"{XML_DECL}<response><header><resultCode>{code}</resultCode><resultMsg>OK</resultMsg></header>"
        f"<body>{items}</body></response>"
    )


API_KEY_ERROR = (
    "<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg>"
    "<returnAuthMsg>SERVICE_KEY_IS_NOT_REGISTERED_ERROR</returnAuthMsg><returnReasonCode>30</returnReasonCode>"
    "</cmmMsgHeader></OpenAPI_ServiceResponse>"
)


MALFORMED_VIEW = (
    '<html><head><title>오류</title><body><div class="article_head"><h1>제목만 있는 <b>깨진 페이지<table><tr><td>'
)


# -- the server -------------------------------------------------------------------------------------


class PortalServer:
    """Serves a catalogue of FakeRelease on 127.0.0.1; use as a context manager."""

    def __init__(
        self,
        releases: list[FakeRelease],
        *,
        list_mode: str = "ok",
        stall: float = 3.0,
        view_delay: float = 0.0,
        huge_bytes: int = 3 * 1024 * 1024,
        layout: str = "ok",
    ) -> None:
        self.releases = releases
        self.layout = layout
        self.list_mode = list_mode
        self.stall = stall
        self.view_delay = view_delay
        self.huge_bytes = huge_bytes
        self.requests: list[str] = []
        self.user_agents: set[str] = set()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.portal = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        """The base address, e.g. http://127.0.0.1:54321."""
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def log(self, path: str, agent: str) -> None:
        with self._lock:
            self.requests.append(path)
            self.user_agents.add(agent)

    def count(self, prefix: str) -> int:
        """How many requests started with ``prefix``."""
        with self._lock:
            return sum(1 for path in self.requests if path.startswith(prefix))

    def find(self, news_id: str) -> FakeRelease | None:
        return next((r for r in self.releases if r.news_id == news_id), None)

    def file(self, file_id: str) -> FakeFile | None:
        return next((f for r in self.releases for f in r.files if f.file_id == file_id), None)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    portal: PortalServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up early are normal here (timeouts, size limits)."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        portal = self.server.portal
        portal.log(self.path, self.headers.get("User-Agent", ""))
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        try:
            if parts.path == LIST_PATH:
                self._list(portal, query)
            elif parts.path == VIEW_PATH:
                self._view(portal, query)
            elif parts.path == DOWNLOAD_PATH:
                self._download(portal, query)
            elif parts.path == API_PATH:
                self._api(portal, query)
            else:
                self._send(404, b"not found")
        except (BrokenPipeError, ConnectionResetError):
            return

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _list(self, portal: PortalServer, query: dict[str, str]) -> None:
        if portal.list_mode == "500":
            return self._send(500, b"server error")
        if portal.list_mode == "malformed":
            return self._send(200, b"<html><body><p>\xec\xa0\x90\xea\xb2\x80 \xec\xa4\x91</p><div class='x'>")
        chosen = [r for r in portal.releases if _listed(r, query)]
        page = max(1, int(query.get("pageIndex", "1") or 1))
        pages = max(1, -(-len(chosen) // PAGE_SIZE))
        entries = chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        page_html = list_html(entries, page, pages)
        if portal.layout == "list":  # a redesign: rows link through a script, no newsId in any href
            page_html = page_html.replace(f"{VIEW_PATH}?newsId=", "/briefing/view/")
        self._send(200, page_html.encode("utf-8"))

    def _view(self, portal: PortalServer, query: dict[str, str]) -> None:
        release = portal.find(query.get("newsId", ""))
        if release is None or release.mode == "gone":
            return self._send(404, b"no such release")
        release.served += 1
        if portal.view_delay:
            portal.stopping.wait(portal.view_delay)
        if release.mode in ("500", "flaky") and (release.mode == "500" or release.served == 1):
            return self._send(500, b"server error")
        if release.mode in ("timeout", "drip", "huge", "loop"):
            return self._misbehave(portal, release)
        if release.mode == "malformed":
            return self._send(200, MALFORMED_VIEW.encode("utf-8"))
        if self.headers.get("If-None-Match") == release.etag:
            self.send_response(304)
            self.send_header("ETag", release.etag)
            self.end_headers()
            return None
        page = view_html(release)
        if portal.layout == "view":  # a redesign: new class names for the title and the article head
            page = page.replace('class="view_title"', 'class="news-heading"').replace(
                'class="article_head"', 'class="head"'
            )
        self._send(200, page.encode("utf-8"), headers={"ETag": release.etag})
        return None

    def _misbehave(self, portal: PortalServer, release: FakeRelease) -> None:
        if release.mode == "timeout":
            portal.stopping.wait(portal.stall)
            return self._send(200, b"<html>too late</html>")
        if release.mode == "loop":
            other = "a" if "hop=b" in self.path else "b"
            self.send_response(302)
            self.send_header("Location", f"{VIEW_PATH}?newsId={release.news_id}&hop={other}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if release.mode == "drip":
            return self._drip(portal)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()  # no Content-Length: the body only ends when the connection closes
        chunk = b"<p>" + b"x" * 65536 + b"</p>"
        for _ in range(portal.huge_bytes // len(chunk) + 1):
            self.wfile.write(chunk)
        self.close_connection = True
        return None

    def _drip(self, portal: PortalServer) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        started = time.monotonic()
        while not portal.stopping.is_set() and time.monotonic() - started < portal.stall:
            self.wfile.write(b"<")
            self.wfile.flush()
            portal.stopping.wait(0.05)
        self.close_connection = True

    def _download(self, portal: PortalServer, query: dict[str, str]) -> None:
        found = portal.file(query.get("fileId", ""))
        if found is None:
            return self._send(404, b"no such file")
        disposition = "attachment; filename*=UTF-8''" + found.file_id
        self._send(200, found.data, "application/x-download", {"Content-Disposition": disposition})
        return None

    def _api(self, portal: PortalServer, query: dict[str, str]) -> None:
        if query.get("serviceKey") != API_KEY:
            return self._send(200, API_KEY_ERROR.encode("utf-8"), "text/xml")
        start = dt.datetime.strptime(query["startDate"], "%Y%m%d").date()
        end = dt.datetime.strptime(query["endDate"], "%Y%m%d").date()
        chosen = [r for r in portal.releases if start <= r.date <= end]
        self._send(200, api_xml(chosen, portal.url).encode("utf-8"), "text/xml")
        return None


def corrupt_deflate(package: bytes, name: str) -> bytes:
    """The same zip with ``name``'s compressed bytes scrambled (its CRC and sizes left as they were)."""
    import struct

    data = bytearray(package)
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        info = archive.getinfo(name)
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    for offset in range(start + 2, start + max(info.compress_size - 2, 3)):
        data[offset] ^= 0x5A
    return bytes(data)


def damage_attachment(release: FakeRelease, mode: str) -> FakeRelease:
    """Give ``release`` a damaged HWPX (``corrupt`` or ``duplicate``) and a page without text of its own."""
    hwpx = next(f for f in release.files if f.name.endswith(".hwpx"))
    if mode == "corrupt":
        hwpx.data = corrupt_deflate(hwpx.data, "Contents/section0.xml")
    else:
        out = io.BytesIO(hwpx.data)
        with zipfile.ZipFile(out, "a") as archive:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                archive.writestr("Contents/section0.xml", "<injected/>")
        hwpx.data = out.getvalue()
    release.body = ()
    return release


def _listed(release: FakeRelease, query: dict[str, str]) -> bool:
    code = query.get("repCode", "")
    if code and dict(AGENCIES).get(code) != release.agency:
        return False
    if query.get("startDate") and release.date < dt.date.fromisoformat(query["startDate"]):
        return False
    if query.get("endDate") and release.date > dt.date.fromisoformat(query["endDate"]):
        return False
    return not query.get("srchWord") or query["srchWord"] in release.title
