"""The physical line each record of a CSV body starts on, for the fast COPY.

A record's line (the header is line 1; lines end at ``\\n`` only, as ``grep -n``
and editors count them) is what quarantine messages and stations cite. Where
every record is one line and no line is blank, the records' lines simply count
up, and PostgreSQL numbers them itself, from a sequence, while Python passes
the bytes through untouched: numbering each line in Python would cost a third
of the COPY again. Where a record spans lines (a newline inside quotes: the
quote count so far is odd, the rule PostgreSQL's CSV parser follows) or a
blank line is dropped, the count jumps, and the sequence is set again at the
next record. Lines that may jump are found with byte-level searches, so only
they are looked at one by one. A body with many jumps is numbered in Python
from there on, each record prefixed with ``<line>,``: each jump restarts the
COPY, a round trip.

``pieces`` turns a body into ``Piece``s; ``rawcopy`` runs one COPY per run of
pieces and sets the sequence where a piece says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

CHUNK_BYTES = 1 << 16
MAX_JUMPS = 64
"""Jumps of the line count a body may have before the rest is numbered in Python ..."""
RECORDS_PER_JUMP = 1000
"""... or one jump in this many records, if that allows more."""

_NOT_QUOTE_OR_NEWLINE = bytes(b for b in range(256) if b not in b'"\n')
_ODD_QUOTES = re.compile(rb'(?m)^(?:"")*"$')
"""A line with an odd number of quotes, in a chunk reduced to its quotes and newlines."""
_BLANK_LINE = re.compile(rb"(?m)^\r?$")
_TWO_NEWLINES = re.compile(rb"\n\r?\n")
"""Faster to search for than blank lines (and than ``\\n\\n`` as a substring)."""
_BLANK = (b"", b"\r")


@dataclass(frozen=True)
class Piece:
    """Bytes of whole or partial records for COPY.

    ``numbered``: each record carries its line as a first field. Otherwise the
    records take their lines from the sequence; ``line`` set means set the
    sequence to it before this piece (its first record starts on that line).
    """

    data: bytes
    numbered: bool = False
    line: int | None = None


def pieces(stream: BinaryIO, first_line: int = 2) -> Iterator[Piece]:
    """The records of ``stream`` (positioned just after the header, its first line
    ``first_line``) as pieces for COPY, blank lines dropped."""
    lines = _Lines(first_line)
    tail = b""
    while block := stream.read(CHUNK_BYTES):
        chunk = tail + block
        cut = chunk.rfind(b"\n") + 1
        chunk, tail = chunk[:cut], chunk[cut:]
        if chunk:
            yield from lines.pieces(chunk)
    if tail.strip():
        yield from lines.pieces(tail + b"\n")


class _Lines:
    """Where a body stands: the next physical line, the sequence's next value, whether
    the lines so far end inside quotes, and the records and jumps so far."""

    def __init__(self, first_line: int) -> None:
        self.line = first_line
        self.sequence: int | None = None
        self.in_quotes = False
        self.records = 0
        self.jumps = 0
        self.numbered = False

    def pieces(self, chunk: bytes) -> list[Piece]:
        """The pieces of ``chunk``: whole lines, each ending in ``\\n``."""
        if self.numbered:
            return [Piece(self._numbered(chunk.split(b"\n")[:-1]), numbered=True)]
        reduced = chunk.translate(None, _NOT_QUOTE_OR_NEWLINE)
        odd, blank = _odd_lines(reduced), _blank_lines(chunk)
        if not (self.in_quotes or odd or blank):
            count = reduced.count(b"\n")
            piece = Piece(chunk, line=self._start(count))
            self.line += count
            return [piece]
        found = self._sequenced(chunk.split(b"\n")[:-1], sorted({*odd, *blank}), set(blank))
        if not self.in_quotes and self.jumps > max(MAX_JUMPS, self.records // RECORDS_PER_JUMP):
            self.numbered = True
        return found

    def _start(self, records: int) -> int | None:
        """``records`` one-line records start on the next line: the line to set the
        sequence to first, if it is not there."""
        jump = None if self.line == self.sequence else self.line
        if jump is not None and self.sequence is not None:
            self.jumps += 1
        self.sequence = self.line + records
        self.records += records
        return jump

    def _sequenced(self, lines: list[bytes], special: list[int], blank: set[int]) -> list[Piece]:
        """``lines`` with ``special`` ones (odd quotes, or blank) among them: the runs
        between those whole, a new piece where the sequence must jump."""
        found: list[Piece] = []
        out: list[bytes] = []
        set_to: int | None = None

        def add(first: int, end: int) -> None:
            nonlocal out, set_to
            jump = None if self.in_quotes else self._start(end - first)
            if jump is not None:
                if out or set_to is not None:
                    found.append(Piece(b"".join(out), line=set_to))
                out, set_to = [], jump
            out += (b"\n".join(lines[first:end]), b"\n")
            self.line += end - first

        done = 0
        for at in special:
            if at > done:
                add(done, at)
            if at in blank and not self.in_quotes:
                self.line += 1
            else:
                add(at, at + 1)
                self.in_quotes ^= at not in blank
            done = at + 1
        if len(lines) > done:
            add(done, len(lines))
        if out or set_to is not None:
            found.append(Piece(b"".join(out), line=set_to))
        return found

    def _numbered(self, lines: list[bytes]) -> bytes:
        """Lines one by one, each record prefixed with its line."""
        out: list[bytes] = []
        for line in lines:
            if not self.in_quotes:
                if line in _BLANK:
                    self.line += 1
                    continue
                out.append(b"%d," % self.line)
            out += (line, b"\n")
            self.line += 1
            if line.count(b'"') & 1:
                self.in_quotes = not self.in_quotes
        return b"".join(out)


def _odd_lines(reduced: bytes) -> list[int]:
    """The lines (by index) with an odd number of quotes, of a chunk reduced to its
    quotes and newlines."""
    return _line_indexes(reduced, _ODD_QUOTES.finditer(reduced, 0, len(reduced) - 1))


def _blank_lines(chunk: bytes) -> list[int]:
    """The blank lines of ``chunk`` (by index), ``\\r`` alone counting as blank."""
    if not chunk.startswith((b"\n", b"\r\n")) and _TWO_NEWLINES.search(chunk) is None:
        return []
    return _line_indexes(chunk, _BLANK_LINE.finditer(chunk, 0, len(chunk) - 1))


def _line_indexes(text: bytes, matches: Iterator[re.Match[bytes]]) -> list[int]:
    """The index of the line each match (in order) starts on."""
    found: list[int] = []
    line = at = 0
    for match in matches:
        line += text.count(b"\n", at, match.start())
        at = match.start()
        found.append(line)
    return found
