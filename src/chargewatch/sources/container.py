"""A source file's content, whatever it came wrapped in: plain, gzip or a one-file zip.

The lake keeps the bytes as they came; readers get the content, streamed, by
opening a ``Body``. A file is told by its first bytes, not its name.
"""

from __future__ import annotations

import gzip
import zipfile
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
            return Body(lambda: _gunzip(open_raw()), None, "gzip")
        if magic == ZIP_MAGIC:
            raw.seek(0)
            name, size = _only_member(raw, label)
            return Body(lambda: _unzip(open_raw(), name), size, "zip")
    return Body(open_raw, raw_size)


def _gunzip(raw: BinaryIO) -> BinaryIO:
    return _closing_all(cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb")), raw)


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


def _unzip(raw: BinaryIO, name: str) -> BinaryIO:
    archive = zipfile.ZipFile(raw)
    return _closing_all(archive.open(name), archive, raw)


def _closing_all(stream: IO[bytes], *under: Closable) -> BinaryIO:
    """``stream``, which closes the archive and the file under it when it is closed."""
    return cast(BinaryIO, _Closing(stream, under))


class Closable(Protocol):
    def close(self) -> None: ...


class _Closing:
    def __init__(self, stream: IO[bytes], under: tuple[Closable, ...]) -> None:
        self._stream = stream
        self._under = under

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._stream, attribute)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._stream)

    def __enter__(self) -> _Closing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stream.close()
        for item in self._under:
            item.close()
