"""A TCP listener on loopback that forwards PostgreSQL connections of one login to a Unix socket.

``chargewatch db serve`` uses it so that Tableau (which speaks TCP) can reach the
embedded server (which listens on a Unix socket only) without restarting the
server: a restart would drop every other chargewatch process's connections and,
since the socket's file name carries the port, could move the socket from under
them. The gate reads each client's startup packet (answering ``N`` to SSL and
GSS encryption requests: this is loopback only), refuses any user other than
the one it was opened for with a PostgreSQL ``FATAL`` error the client shows as
is, and otherwise passes the bytes both ways untouched. The password is checked
by the server itself (a ``local … scram-sha-256`` line in ``pg_hba.conf`` for
that login), so the gate never sees or holds a secret.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from pathlib import Path

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102
MAX_STARTUP = 10_000  # bytes; PostgreSQL itself allows 10,000 for a startup packet


class LoginGate:
    """Forwards ``host:port`` to ``socket_path`` for connections as ``login`` only."""

    def __init__(self, socket_path: Path, login: str, host: str, port: int) -> None:
        self.socket_path = socket_path
        self.login = login
        self.address = (host, port)
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._guard = threading.Lock()

    def open(self) -> None:
        """Start listening (raises OSError when the port is taken) and accepting in a thread."""
        listener = socket.create_server(self.address, backlog=64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        """Stop listening and cut every forwarded connection."""
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
        with self._guard:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._track(client, upstream)
        try:
            startup = self._startup(client)
            if startup is None:
                return
            upstream.connect(str(self.socket_path))
            upstream.sendall(startup)
            other = threading.Thread(target=_pump, args=(client, upstream), daemon=True)
            other.start()
            _pump(upstream, client)
            other.join()
        except OSError:
            pass
        finally:
            self._untrack(client, upstream)

    def _startup(self, client: socket.socket) -> bytes | None:
        """The startup packet to forward, or None when the client was turned away."""
        while True:
            header = _read_exactly(client, 8)
            length, code = struct.unpack("!ii", header)
            if not 8 <= length <= MAX_STARTUP:
                return None
            packet = header + _read_exactly(client, length - 8)
            if code in (SSL_REQUEST, GSSENC_REQUEST):
                client.sendall(b"N")  # no encryption on loopback; the client goes on in clear
                continue
            if code == CANCEL_REQUEST:
                return packet  # carries the secret key of the session it cancels
            user = _parameters(packet[8:]).get("user")
            if user != self.login:
                client.sendall(_fatal(f'only the login "{self.login}" may connect here over TCP'))
                return None
            return packet

    def _track(self, *socks: socket.socket) -> None:
        with self._guard:
            self._open.update(socks)

    def _untrack(self, *socks: socket.socket) -> None:
        with self._guard:
            self._open.difference_update(socks)
        for sock in socks:
            sock.close()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    """Copy bytes until either side closes, then close the other direction too."""
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    for sock in (source, sink):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _read_exactly(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionResetError("client closed during startup")
        data += chunk
    return data


def _parameters(body: bytes) -> dict[str, str]:
    """The name/value pairs of a startup packet's body (after length and version)."""
    parts = body.decode("utf-8", "replace").split("\0")
    return dict(zip(parts[0::2], parts[1::2], strict=False))


def _fatal(message: str) -> bytes:
    """A PostgreSQL ErrorResponse: FATAL, invalid authorization (28000), ``message``."""
    fields = b"".join(
        kind + text.encode() + b"\0"
        for kind, text in ((b"S", "FATAL"), (b"V", "FATAL"), (b"C", "28000"), (b"M", message))
    )
    body = fields + b"\0"
    return b"E" + struct.pack("!i", len(body) + 4) + body
