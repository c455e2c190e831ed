"""The raw-file lake: immutable, content-addressed copies of every ingested file.

A file is stored once under ``<lake>/raw/<source>/<sha256[:2]>/<sha256><suffix>``
of its bytes, so landing the same bytes twice is a no-op and every load can name
the exact bytes it read. The lake is any fsspec URL: a local folder, ``s3://``.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, BinaryIO, cast

import fsspec

from chargewatch.errors import ConfigError, DataError, NotFoundError, TransientError
from chargewatch.progress import NULL_PROGRESS, Progress

BLOCK = 1 << 20


@dataclass(frozen=True)
class LakeObject:
    """A file in the lake: where it is, what it is, and what it was called."""

    uri: str
    sha256: str
    size_bytes: int
    file_name: str


def file_name(url: str) -> str:
    """The last path segment of a path or URL, for messages."""
    return PurePosixPath(url.rstrip("/").replace("\\", "/")).name or url


StorageOptions = dict[str, dict[str, Any]]
"""fsspec options per protocol (``{"s3": {...}}``); see ``Settings.storage_options``."""


def open_input(url: str, options: StorageOptions | None = None) -> BinaryIO:
    """Open a source file (path or fsspec URL) for binary reading, streaming, with clear errors."""
    protocol = fsspec.core.split_protocol(url)[0] or "file"
    with storage_errors(url):
        return cast(BinaryIO, fsspec.open(url, "rb", **(options or {}).get(protocol, {})).open())


@contextmanager
def storage_errors(url: str) -> Iterator[None]:
    """Turn file-system and object-store failures on ``url`` into DataError (the file is
    missing or unreadable: retrying will not help), ConfigError (no credentials) or
    TransientError (the store failed or could not be reached: retry)."""
    try:
        yield
    except FileNotFoundError as exc:
        raise NotFoundError(f"{url}: no such file") from exc
    except IsADirectoryError as exc:
        raise DataError(f"{url}: is a directory; give the CSV files inside it") from exc
    except PermissionError as exc:
        raise DataError(f"{url}: permission denied") from exc
    except OSError as exc:
        raise TransientError(f"{url}: could not be read ({exc}); try again") from exc
    except Exception as exc:
        _raise_object_store_error(url, exc)
        raise


def _raise_object_store_error(url: str, exc: Exception) -> None:
    """botocore's own errors (s3fs passes some through), imported only when one occurs."""
    from botocore import exceptions as boto

    if isinstance(exc, boto.NoCredentialsError):
        raise ConfigError(
            f"{url}: no AWS credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
            "AWS_PROFILE, or run with a role"
        ) from exc
    if isinstance(exc, boto.BotoCoreError):
        raise TransientError(f"{url}: could not be read ({exc}); try again") from exc


class Lake:
    """A lake rooted at an fsspec URL."""

    def __init__(self, url: str, options: StorageOptions | None = None) -> None:
        self.url = url
        self.options = options or {}
        protocol = fsspec.core.split_protocol(url)[0] or "file"
        self.fs, self.root = fsspec.core.url_to_fs(url, **self.options.get(protocol, {}))

    def key_for(self, source: str, sha256: str, suffix: str) -> str:
        return f"{self.root.rstrip('/')}/raw/{source}/{sha256[:2]}/{sha256}{suffix}"

    def uri_for(self, key: str) -> str:
        return str(self.fs.unstrip_protocol(key))

    def land(
        self, url: str, source: str, progress: Progress = NULL_PROGRESS
    ) -> tuple[LakeObject, bool]:
        """Store ``url``'s bytes unless the lake already has them, reading them once; the
        object, and whether this call stored it (``progress`` hears of every block).

        The bytes stream into a temporary object while they are hashed, which
        then becomes ``raw/<source>/<sha[:2]>/<sha><suffix>`` (a rename on a local
        folder) or is dropped when the lake already holds those bytes. An
        interrupted or failed copy leaves no temporary object behind.
        """
        suffix = PurePosixPath(file_name(url)).suffix.lower() or ".bin"
        partial = f"{self.root.rstrip('/')}/tmp/{uuid.uuid4().hex}{suffix}"
        try:
            sha256, size = self._copy_hashing(url, partial, progress)
            key = self.key_for(source, sha256, suffix)
            with storage_errors(self.uri_for(key)):
                new = not self.fs.exists(key)
                if new:
                    self.fs.makedirs(key.rsplit("/", 1)[0], exist_ok=True)
                    self.fs.mv(partial, key)
        finally:
            self._remove_quietly(partial)
        return LakeObject(self.uri_for(key), sha256, size, file_name(url)), new

    def forget(self, obj: LakeObject) -> None:
        """Remove an object this process stored for a load that did not commit, and its
        shard folder if that is left empty (a local lake; object stores have none)."""
        self._remove_quietly(obj.uri)
        with suppress(Exception):  # another process may be landing in it: then it stays
            folder = obj.uri.rsplit("/", 1)[0]
            if not self.fs.ls(folder):
                self.fs.rmdir(folder)

    def _remove_quietly(self, path: str) -> None:
        with suppress(Exception):  # cleaning up after another failure, which is reported
            if self.fs.exists(path):
                self.fs.rm(path)

    def _copy_hashing(self, url: str, target: str, progress: Progress) -> tuple[str, int]:
        digest = hashlib.sha256()
        size = 0
        with storage_errors(self.uri_for(target)):
            self.fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
            out_file = self.fs.open(target, "wb")
        with open_input(url, self.options) as source, out_file as out:
            while block := source.read(BLOCK):
                digest.update(block)
                size += len(block)
                out.write(block)
                progress.advance(len(block))
        return digest.hexdigest(), size

    def open(self, uri: str) -> BinaryIO:
        return open_input(uri, self.options)
