"""A loopback "platform" for the webhook adapter: records every request and answers as told.

The test (or the benchmark) is the platform side: :attr:`LoopbackPlatform.received`
is what actually arrived, whatever the store believes. ``GET ?marker=M`` finds a
post the platform kept, as the webhook adapter's ``find_by_marker`` expects; with
:attr:`LoopbackPlatform.match_text` it answers every kept post of the same text,
as a platform that keeps only the text (X, Facebook) would.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from socialtui.adapters.base import marker_matches


@dataclass(frozen=True)
class Answer:
    """How the platform answers one POST.

    ``keeps`` says whether the platform published the post despite the answer
    (a slow or garbled answer may follow a successful publish).
    """

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    delay: float = 0.0
    keeps: bool = True

    @classmethod
    def ok(cls) -> Answer:
        return cls()

    @classmethod
    def error(cls, status: int, message: str = "", **headers: str) -> Answer:
        """An HTTP error; the platform keeps nothing."""
        body = json.dumps({"error": message or f"HTTP {status}"}).encode()
        return cls(status=status, headers=headers, body=body, keeps=False)

    @classmethod
    def slow(cls, seconds: float) -> Answer:
        """Publishes, but answers only after ``seconds`` (longer than the client's timeout)."""
        return cls(delay=seconds)

    @classmethod
    def malformed(cls) -> Answer:
        """Publishes, then answers 200 with something that is not JSON."""
        return cls(body=b"<html>gateway says hi</html>")


@dataclass(frozen=True)
class Received:
    """One POST as it arrived."""

    post_id: int
    marker: str
    text: str
    at: float
    authorization: str | None


class LoopbackPlatform:
    """A threaded HTTP server on 127.0.0.1 standing in for a webhook endpoint."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.gets: list[dict[str, list[str]]] = []
        self._kept: dict[str, dict[str, Any]] = {}
        self._kept_texts: list[tuple[str, dict[str, Any]]] = []
        self.match_text = False
        """Find posts by their text's fingerprint only, newest first, ignoring the publication in the marker."""
        self._script: deque[Answer] = deque()
        self.default = Answer.ok()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.request_queue_size = 256
        self._thread = threading.Thread(target=self._server.serve_forever, name="loopback-platform", daemon=True)

    @property
    def url(self) -> str:
        """The webhook endpoint: an account's handle."""
        return f"http://127.0.0.1:{self._server.server_port}/posts"

    def start(self) -> LoopbackPlatform:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer_next(self, *answers: Answer) -> None:
        """Answer the next POSTs like this, in order; then :attr:`default` again."""
        with self._lock:
            self._script.extend(answers)

    def post_ids(self) -> list[int]:
        """The post id of every POST received, duplicates included."""
        with self._lock:
            return [r.post_id for r in self.received]

    def count(self) -> int:
        """How many POSTs arrived."""
        with self._lock:
            return len(self.received)

    def wait_for(self, count: int, timeout: float = 20.0) -> bool:
        """Wait until at least ``count`` POSTs arrived."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count() >= count:
                return True
            time.sleep(0.05)
        return False

    def _post(self, body: dict[str, Any], authorization: str | None) -> Answer:
        with self._lock:
            answer = self._script.popleft() if self._script else self.default
            number = len(self.received) + 1
            self.received.append(Received(int(body.get("post_id", 0)), str(body.get("marker", "")),
                                          str(body.get("text", "")), time.time(), authorization))
            if answer.keeps:
                self._kept[str(body.get("marker", ""))] = {"id": f"remote-{number}",
                                                           "url": f"https://intranet.example/posts/{number}"}
                self._kept_texts.insert(0, (str(body.get("text", "")), self._kept[str(body.get("marker", ""))]))
                return answer if answer.body is not None else Answer(
                    status=answer.status, headers=answer.headers, delay=answer.delay,
                    body=json.dumps(self._kept[str(body.get("marker", ""))]).encode())
        return answer

    def _find(self, query: dict[str, list[str]]) -> dict[str, Any]:
        with self._lock:
            self.gets.append(query)
            marker = query.get("marker", [""])[0]
            if self.match_text:
                return {"data": [kept for text, kept in self._kept_texts if marker_matches(marker, text)]}
            return {"data": [self._kept[marker]] if marker in self._kept else []}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        platform = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # As real platforms' servers do: without TCP_NODELAY the body, written after the
            # headers, waits for the client's delayed ACK (~40 ms) on every kept-alive connection.
            disable_nagle_algorithm = True

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    body = {}
                answer = platform._post(body, self.headers.get("Authorization"))
                if answer.delay:
                    time.sleep(answer.delay)
                self._send(answer.status, answer.body or b"", answer.headers)

            def do_GET(self) -> None:  # noqa: N802
                query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
                if self.headers.get("Authorization"):
                    query["authorization"] = [self.headers["Authorization"]]
                self._send(200, json.dumps(platform._find(query)).encode(), {})

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in headers.items():
                        self.send_header(name.replace("_", "-"), value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): the platform has the post all the same

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        return Handler
