"""A source file's content, whatever it came wrapped in: plain, gzip or a one-file zip.

The lake keeps the bytes as they came; readers get the content, streamed, by
opening a ``Body``. A file is told by its first bytes, not its name.
"""

from __future__ import annotations

import gzip
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any, BinaryIO, Protocol, cast

from chargewatch.errors import DataError

Opener = Callable[[], BinaryIO]

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Body:
    """How to read a file's content from the start, its size in bytes when known, and
    whether it was compressed (then it is read in one pass: no seeking into it)."""

    open: Opener
    size: int | None
    compression: str | None = None


def body_of(open_raw: Opener, raw_size: int | None, label: str) -> Body:
    """The content of the file ``open_raw`` opens, by its first bytes."""
    with open_raw() as raw:
        magic = raw.read(4)
        if magic.startswith(GZIP_MAGIC):
            return Body(lambda: _gunzip(open_raw(), label), None, "gzip")
        if magic == ZIP_MAGIC:
            raw.seek(0)
            name, size = _only_member(raw, label)
            return Body(lambda: _unzip(open_raw(), name, label), size, "zip")
    return Body(open_raw, raw_size)


def _gunzip(raw: BinaryIO, label: str) -> BinaryIO:
    return _closing_all(cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb")), label, raw)


def _only_member(raw: BinaryIO, label: str) -> tuple[str, int]:
    try:
        members = [m for m in zipfile.ZipFile(raw).infolist() if not m.is_dir()]
    except zipfile.BadZipFile as exc:
        raise DataError(f"{label}: not a readable zip archive ({exc})") from exc
    if len(members) != 1:
        names = ", ".join(m.filename for m in members[:5]) + (" …" if len(members) > 5 else "")
        raise DataError(
            f"{label}: the zip archive holds {len(members)} files ({names or 'none'}); "
            "expected exactly one CSV. Unzip it and ingest the files one by one"
        )
    return members[0].filename, members[0].file_size


def _unzip(raw: BinaryIO, name: str, label: str) -> BinaryIO:
    archive = zipfile.ZipFile(raw)
    try:
        member = archive.open(name)
    except (RuntimeError, NotImplementedError, zipfile.BadZipFile) as exc:
        archive.close()
        raise DataError(f"{label}: the zip archive cannot be read ({exc})") from exc
    return _closing_all(member, label, archive, raw)


def _closing_all(stream: IO[bytes], label: str, *under: Closable) -> BinaryIO:
    """``stream``, which closes the archive and the file under it when it is closed, and
    whose damaged bytes are a ``DataError`` naming the file."""
    return cast(BinaryIO, _Closing(stream, label, under))


DAMAGED = (EOFError, zlib.error, OSError, RuntimeError, NotImplementedError, zipfile.BadZipFile)
"""What decompressing a truncated or corrupt archive raises."""


class Closable(Protocol):
    def close(self) -> None: ...


class _Closing:
    def __init__(self, stream: IO[bytes], label: str, under: tuple[Closable, ...]) -> None:
        self._stream = stream
        self._label = label
        self._under = under

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._stream, attribute)

    def _guarded(self, call: Callable[..., Any], *args: Any) -> Any:
        try:
            return call(*args)
        except DAMAGED as exc:
            raise DataError(
                f"{self._label}: the compressed file is damaged or cut short ({exc})"
            ) from exc

    def read(self, size: int = -1) -> bytes:
        return bytes(self._guarded(self._stream.read, size))

    def readline(self, size: int = -1) -> bytes:
        return bytes(self._guarded(self._stream.readline, size))

    def seek(self, offset: int, whence: int = 0) -> int:
        return int(self._guarded(self._stream.seek, offset, whence))

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")

    def __enter__(self) -> _Closing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stream.close()
        for item in self._under:
            item.close()
