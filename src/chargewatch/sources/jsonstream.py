"""A JSON document read a piece at a time, so that a response of hundreds of MB is
read in flat memory: top-level keys and array items are decoded one by one."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from chargewatch.errors import DataError

CHUNK = 1 << 20
LARGEST_VALUE = 64 << 20
"""A single JSON value (one station) larger than this is not a station: the file is broken."""
_DECODER = json.JSONDecoder()


class JsonStream:
    """A JSON document read a piece at a time: top-level keys and array items decoded
    one by one, so that only one station is in memory."""

    def __init__(self, stream: BinaryIO, label: str) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._stream = stream
        self._label = label
        self._buffer = ""
        self._at = 0
        self._ended = False

    def _fill(self) -> bool:
        if self._ended:
            return False
        block = self._stream.read(CHUNK)
        try:
            text = self._decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            raise DataError(f"{self._label}: JSON that is not UTF-8 ({exc.reason})") from exc
        self._ended = not block
        self._buffer = self._buffer[self._at :] + text
        self._at = 0
        return True

    def peek(self) -> str:
        while True:
            while self._at < len(self._buffer) and self._buffer[self._at] in " \t\r\n":
                self._at += 1
            if self._at < len(self._buffer):
                return self._buffer[self._at]
            if not self._fill():
                return ""

    def next_char(self) -> str:
        char = self.peek()
        self._at += len(char)
        return char

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self._at)
            except json.JSONDecodeError as exc:
                if len(self._buffer) - self._at < LARGEST_VALUE and self._fill():
                    continue
                raise DataError(f"{self._label}: unreadable JSON ({exc.msg})") from exc
            if end < len(self._buffer) or self._ended:
                self._at = end
                return value
            self._fill()  # a number may go on in the next block

    def object_keys(self) -> Iterator[str]:
        """The keys of the object just opened, each left for its value to be read."""
        while (char := self.peek()) != "}":
            if char == "":
                raise DataError(f"{self._label}: the JSON ends inside an object (cut short?)")
            if char == ",":
                self.next_char()
                continue
            key = self.value()
            if self.next_char() != ":":
                raise DataError(f"{self._label}: unreadable JSON (expected ':' after {key!r})")
            yield str(key)
        self.next_char()

    def array_items(self) -> Iterator[Any]:
        """The items of the array just opened."""
        while (char := self.peek()) != "]":
            if char == "":
                raise DataError(f"{self._label}: the JSON ends inside a list (cut short?)")
            if char == ",":
                self.next_char()
                continue
            yield self.value()
        self.next_char()
