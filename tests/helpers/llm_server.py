"""A scripted Chat Completions server on 127.0.0.1 for the LLM engine's tests: it replays answers in order."""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from haesol.config import SETTINGS, Config

LOGGER = logging.getLogger(__name__)

CHAT_PATH = "/v1/chat/completions"
TRICKLE_CHUNK = 16


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a completion with ``content``, or an HTTP error, a raw body, a delay."""

    content: str = ""
    status: int = 200
    finish_reason: str = "stop"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    trickle: float = 0.0

    def body(self, model: str) -> bytes:
        """The response body: the raw bytes, an error object, or a chat.completion object."""
        if self.raw is not None:
            return self.raw
        if self.status != 200:
            return json.dumps({"error": {"message": self.content or f"scripted {self.status}"}}).encode()
        completion = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": self.content},
                    "finish_reason": self.finish_reason,
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        return json.dumps(completion, ensure_ascii=False).encode("utf-8")


def answer(data: dict[str, Any], **kwargs: Any) -> Reply:
    """A completion whose content is ``data`` as JSON."""
    return Reply(json.dumps(data, ensure_ascii=False), **kwargs)


@dataclass(frozen=True)
class Recorded:
    """A request the server received."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def prompt(self) -> str:
        """The text of the last message."""
        messages = self.body.get("messages") or [{}]
        return str(messages[-1].get("content", ""))


Responder = Callable[[Recorded], Reply]
Scripted = Reply | Responder
FIX_ITEM_RE = re.compile(r"^(\d+)\. \[(\w+)\] (.+)$", re.MULTILINE)


def fix_responder(rewrites: dict[str, dict[str, Any]]) -> Responder:
    """Answers a follow-up request: each numbered sentence found in ``rewrites`` gets that rewrite."""

    def respond(request: Recorded) -> Reply:
        fixes = []
        for number, _part, text in FIX_ITEM_RE.findall(request.prompt):
            if text in rewrites:
                fixes.append({"n": int(number), **rewrites[text]})
        return answer({"fixes": fixes})

    return respond


class ChatServer:
    """Serves scripted replies in order; when the script runs out it repeats ``default`` (or answers 500).

    Use as a context manager; ``url`` is the base URL ending in /v1, ``requests`` what arrived.
    """

    def __init__(self, *replies: Scripted, default: Reply | None = None) -> None:
        self.script: list[Scripted] = list(replies)
        self.default = default
        self.requests: list[Recorded] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        """The base URL clients use."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def count(self) -> int:
        """How many requests arrived."""
        return len(self.requests)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def next_reply(self, recorded: Recorded) -> Reply:
        """Record a request and take the next scripted reply."""
        with self._lock:
            self.requests.append(recorded)
            scripted = self.script.pop(0) if self.script else None
        if scripted is None:
            return self.default or Reply("script exhausted", status=500)
        return scripted if isinstance(scripted, Reply) else scripted(recorded)


def _handler_for(server: ChatServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw.decode("utf-8"))
            except ValueError:
                body = {}
            recorded = Recorded(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            if self.path != CHAT_PATH:
                server.requests.append(recorded)
                self._send(Reply("not found", status=404), "")
                return
            reply = server.next_reply(recorded)
            if reply.delay and server.stopping.wait(reply.delay):
                return
            self._send(reply, str(body.get("model", "")))

        def _send(self, reply: Reply, model: str) -> None:
            payload = reply.body(model)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self._write(payload, reply.trickle)
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                LOGGER.debug("client went away")

        def _write(self, payload: bytes, trickle: float) -> None:
            if not trickle:
                self.wfile.write(payload)
                return
            for start in range(0, len(payload), TRICKLE_CHUNK):
                if server.stopping.wait(trickle):
                    return
                self.wfile.write(payload[start : start + TRICKLE_CHUNK])
                self.wfile.flush()

        def log_message(self, format: str, *args: Any) -> None:
            LOGGER.debug(format, *args)

    return Handler


# ---------------------------------------------------------------------------------------------
# scripted answers for examples/mnd_barracks_heating.txt
# ---------------------------------------------------------------------------------------------


def sentence(text: str, *ids: str) -> dict[str, Any]:
    """A generated sentence in the answer format."""
    return {"text": text, "ids": list(ids)}


def heating_answer() -> dict[str, Any]:
    """A faithful answer for the heating example: reordered, merged and re-ended source sentences."""
    return {
        "headline": sentence("국방부, 접경지역 장병 생활관 난방 개선에 320억 원 투입", "title"),
        "lead": [
            sentence(
                "국방부가 11월 2일부터 접경지역 부대의 노후 생활관 난방설비 1,240곳을 교체하는 '따뜻한 병영' 사업을 추진한다.",
                "b1.s1",
            ),
            sentence("이번 사업에는 총 320억 원이 투입된다.", "b2.s1"),
        ],
        "sections": [
            {
                "heading": sentence("6개 군 지역 부대가 대상", "b2.s1"),
                "paragraphs": [
                    [
                        sentence(
                            "대상은 강원 철원군·화천군·양구군·인제군·고성군과 경기 연천군 등 6개 군 지역 부대다.",
                            "b2.s1",
                        ),
                        sentence(
                            "7월 장병 설문에서 응답자의 71.3%가 생활관 개선 1순위로 '겨울철 난방'을 꼽았다.", "b3.s1"
                        ),
                    ]
                ],
            },
            {
                "heading": sentence("12월 18일까지 1단계 820곳 교체", "b4.s1"),
                "paragraphs": [
                    [
                        sentence(
                            "교체 작업은 기온이 영하로 내려가기 전인 12월 18일까지 1단계 820곳을 마친다.", "b4.s1"
                        ),
                        sentence("2단계 420곳은 2027년 3월까지 완료할 예정이다.", "b4.s1"),
                    ],
                    [
                        sentence("공사 기간에는 임시 난방기 3,600대를 배치해 장병 불편을 최소화할 계획이다.", "b5.s1"),
                        sentence(
                            "임시 난방기는 모두 전기식이며, 화재 예방을 위해 자동 전원 차단 장치를 갖췄다.", "b6.s1"
                        ),
                    ],
                ],
            },
            {
                "heading": sentence("한도윤 장관 “현장을 직접 챙기겠다”", "b8.s1", "b10.s1"),
                "paragraphs": [
                    [
                        sentence("한도윤 장관은 10월 7일 철원군의 한 전방 부대를 방문했다.", "b8.s1"),
                        sentence(
                            "한도윤 장관은 “공사가 끝날 때까지 현장을 직접 챙기겠다”고 강조했다.", "b8.s1", "b10.s1"
                        ),
                    ]
                ],
            },
            {
                "heading": None,
                "paragraphs": [
                    [
                        sentence(
                            "국방부는 사업 결과를 평가해 2027년에는 해안 경계부대로 대상을 확대하는 방안을 검토할 계획이다.",
                            "b11.s1",
                        ),
                    ]
                ],
            },
        ],
        "key_points": [
            sentence("노후 생활관 난방설비 1,240곳 교체", "b1.s1"),
            sentence("총 320억 원 투입, 6개 군 지역 부대 대상", "b2.s1"),
            sentence("공사 기간 임시 난방기 3,600대 배치", "b5.s1"),
        ],
        "faq": [
            {
                "question": sentence("교체 작업은 언제 끝나나요?", "b4.s1"),
                "answer": sentence(
                    "1단계 820곳은 12월 18일까지, 2단계 420곳은 2027년 3월까지 완료할 예정이다.", "b4.s1"
                ),
            },
            {
                "question": sentence("어느 지역 부대가 대상인가요?", "b2.s1"),
                "answer": sentence(
                    "강원 철원군·화천군·양구군·인제군·고성군과 경기 연천군 등 6개 군 지역 부대가 대상이다.", "b2.s1"
                ),
            },
            {
                "question": sentence("임시 난방기는 몇 대 배치되나요?", "b5.s1"),
                "answer": sentence(
                    "공사 기간에는 임시 난방기 3,600대를 배치해 장병 불편을 최소화할 계획이다.", "b5.s1"
                ),
            },
        ],
    }


@dataclass(frozen=True)
class Planted:
    """A planted error: what kind, the sentence as the model wrote it, and the part it sits in."""

    kind: str
    text: str
    ids: tuple[str, ...]


PLANTED = (
    Planted(
        "changed date",
        "국방부가 11월 3일부터 접경지역 부대의 노후 생활관 난방설비 1,240곳을 교체하는 '따뜻한 병영' 사업을 추진한다.",
        ("b1.s1",),
    ),
    Planted("changed number", "이번 사업에는 총 350억 원이 투입된다.", ("b2.s1",)),
    Planted(
        "changed percentage",
        "7월 장병 설문에서 응답자의 81.3%가 생활관 개선 1순위로 '겨울철 난방'을 꼽았다.",
        ("b3.s1",),
    ),
    Planted("caption as fact", "해병대 장병들은 10월 6일 경북 포항 해안에서 상륙 훈련을 했다.", ("b3.s1",)),
    Planted(
        "caption id cited", "해병대 장병들이 10월 6일 경북 포항 해안에서 상륙 훈련을 하고 있다.", ("b11.s1", "b16.s1")
    ),
    Planted("negation", "공사 기간에는 임시 난방기 3,600대를 배치하지 않는다.", ("b5.s1",)),
    Planted(
        "other language", "All temporary heaters are electric and have automatic power cut-off devices.", ("b6.s1",)
    ),
    Planted(
        "invented name", "한도윤 장관은 박정호 합참의장과 함께 10월 7일 철원군의 한 전방 부대를 방문했다.", ("b8.s1",)
    ),
    Planted("altered quote", "한도윤 장관은 “공사가 끝날 때까지 현장을 꼭 챙기겠다”고 강조했다.", ("b8.s1", "b10.s1")),
    Planted(
        "added opinion",
        "국방부는 사업 결과를 평가해 2027년에는 해안 경계부대로 대상을 확대하는 방안을 검토할 계획으로, 이는 매우 바람직한 방향이다.",
        ("b11.s1",),
    ),
    Planted("opinion heading", "장병 복지의 새 이정표", ("b4.s1",)),
    Planted("unknown id", "총 320억 원 투입, 6개 군 지역 부대 대상", ("b99.s1",)),
    Planted("no ids", "공사 기간 임시 난방기 3,600대 배치", ()),
    Planted(
        "invented place",
        "강원 철원군·화천군·양구군·인제군·고성군과 경남 진해시 등 6개 군 지역 부대가 대상이다.",
        ("b2.s1",),
    ),
)


def planted(kind: str) -> dict[str, Any]:
    """The planted sentence of one kind in the answer format."""
    item = next(p for p in PLANTED if p.kind == kind)
    return sentence(item.text, *item.ids)


def planted_answer() -> dict[str, Any]:
    """The faithful answer with every planted error put in (14 bad sentences, 13 good ones)."""
    data = heating_answer()
    data["lead"] = [planted("changed date"), planted("changed number")]
    first, second, third, fourth = data["sections"]
    first["paragraphs"] = [
        [
            first["paragraphs"][0][0],
            planted("changed percentage"),
            planted("caption as fact"),
            planted("caption id cited"),
        ]
    ]
    second["heading"] = planted("opinion heading")
    second["paragraphs"][1] = [planted("negation"), planted("other language")]
    third["paragraphs"] = [[planted("invented name"), planted("altered quote")]]
    fourth["paragraphs"] = [[planted("added opinion")]]
    data["key_points"] = [data["key_points"][0], planted("unknown id"), planted("no ids")]
    data["faq"][1]["answer"] = planted("invented place")
    return data


def llm_config(url: str, cache_dir: Any, **overrides: Any) -> Config:
    """Settings for a test: defaults, this server, a private cache folder, no file and no environment."""
    values = {s.name: s.default for s in SETTINGS}
    values.update({"llm.base_url": url, "llm.cache_dir": str(cache_dir), "llm.max_retries": 2, "llm.timeout": 10.0})
    values.update({f"llm.{k}": v for k, v in overrides.items()})
    return Config(values)
