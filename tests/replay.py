"""A local HTTP server on 127.0.0.1 that replays recorded API responses, in order,
and keeps the requests it was sent: remote APIs are never called from tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Replay:
    """The replies still to give and the request paths (with queries) received."""

    url: str
    replies: list[Reply]
    requests: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


@contextmanager
def replaying(
    replies: list[Reply], path: str = "/api/alt-fuel-stations/v1.json"
) -> Iterator[Replay]:
    """A server giving ``replies`` one per request; stopped on exit."""
    state = Replay("", list(replies))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            state.headers.append({k.lower(): v for k, v in self.headers.items()})
            reply = state.replies.pop(0) if state.replies else Reply(599, b"no reply left")
            self.send_response(reply.status)
            for name, value in {"Content-Length": str(len(reply.body)), **reply.headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
