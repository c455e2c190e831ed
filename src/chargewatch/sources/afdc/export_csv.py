"""AFDC ``alt_fuel_stations`` CSV exports: header mapping and record streams.

Columns are matched by header name, never position: the set grew from 37 (2017)
to 75 (2025) and the ``nearest`` endpoint inserts ``Distance`` columns in the
middle. Names are compared ignoring case, spaces, underscores and punctuation,
so the DOT's copies (``FUEL_TYPE_CODE``) and files saved from the AFDC API
(``fuel_type_code``) match too; API field names that differ in more than spelling
(``ev_dc_fast_num`` for ``EV DC Fast Count``) are listed in
``header_aliases.csv``. Each known header has a fixed raw column
(``EV Level2 EVSE Num`` → ``ev_level2_evse_num``); headers we do not know are
kept in ``extra`` (jsonb).

Two streams feed ``COPY``, and both give every record the physical line it
starts on (the header is line 1; lines end at ``\n`` only, as ``grep -n`` and
editors count them, so a stray ``\r`` inside a field does not shift them):

* the fast path passes the file's bytes through and PostgreSQL parses the CSV
  (``lines`` says where each record starts); it needs every header to be known.
* ``exact_rows`` parses with Python's ``csv`` module, checks each record's field
  count and packs unknown columns into JSON. It is the fallback when the fast
  path cannot be used or PostgreSQL rejects the stream.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import BinaryIO

from chargewatch.errors import DataError

KNOWN_HEADERS: tuple[str, ...] = (
    "Fuel Type Code", "Station Name", "Street Address", "Intersection Directions", "City",
    "State", "ZIP", "Plus4", "Station Phone", "Status Code", "Expected Date",
    "Groups With Access Code", "Access Days Time", "Cards Accepted", "BD Blends",
    "NG Fill Type Code", "NG PSI", "EV Level1 EVSE Num", "EV Level2 EVSE Num",
    "EV DC Fast Count", "EV Other Info", "EV Network", "EV Network Web", "Geocode Status",
    "Latitude", "Longitude", "Date Last Confirmed", "ID", "Distance", "Updated At",
    "Owner Type Code", "Federal Agency ID", "Federal Agency Name", "Open Date",
    "Hydrogen Status Link", "NG Vehicle Class", "LPG Primary", "E85 Blender Pump",
    "EV Connector Types", "Country", "Distance (km)", "Intersection Directions (French)",
    "Access Days Time (French)", "BD Blends (French)", "Groups With Access Code (French)",
    "Hydrogen Is Retail", "Access Code", "Access Detail Code", "Federal Agency Code",
    "Facility Type", "CNG Dispenser Num", "CNG On-Site Renewable Source",
    "CNG Total Compression Capacity", "CNG Storage Capacity", "LNG On-Site Renewable Source",
    "E85 Other Ethanol Blends", "EV Pricing", "EV Pricing (French)", "LPG Nozzle Types",
    "Hydrogen Pressures", "Hydrogen Standards", "CNG Fill Type Code", "CNG PSI",
    "CNG Vehicle Class", "LNG Vehicle Class", "EV On-Site Renewable Source",
    "Restricted Access", "RD Blends", "RD Blends (French)", "RD Blended with Biodiesel",
    "RD Maximum Biodiesel Level", "NPS Unit Name", "CNG Station Sells Renewable Natural Gas",
    "LNG Station Sells Renewable Natural Gas", "Maximum Vehicle Class",
    "EV Workplace Charging", "Funding Sources",
)  # fmt: skip

IDENTITY_HEADERS: tuple[str, ...] = ("ID", "Fuel Type Code")
"""What identifies a station in a snapshot; every other column is optional."""

VALUE_KINDS: dict[str, str] = {
    "id": "identifier", "zip": "zip", "restricted_access": "boolean",
    "ev_level1_evse_num": "integer", "ev_level2_evse_num": "integer", "ev_dc_fast_count": "integer",
    "expected_date": "date", "open_date": "date", "date_last_confirmed": "date",
    "updated_at": "timestamp",
    **{
        column: "text"
        for column in (
            "fuel_type_code", "station_name", "street_address", "city", "state", "country",
            "latitude", "longitude", "status_code", "access_code", "access_detail_code",
            "groups_with_access_code", "facility_type", "owner_type_code", "ev_network",
            "ev_connector_types", "access_days_time",
        )
    },
}  # fmt: skip
"""The kind of each raw column the warehouse reads (see ``normalise``)."""

INDEX_HEADERS = ("", "Unnamed: 0")
"""What pandas writes over the index column it adds at the front."""
INDEX_COLUMN = "source_index"

FALLBACK_ENCODING = "cp1252"
"""How a file that is not UTF-8 is read (and the fact is noted on its load)."""

SNIFF_BYTES = 64 * 1024
CHUNK_BYTES = 1 << 20
ROW_BATCH = 5000


def column_name(header: str) -> str:
    """The raw-table column for a header: ``Distance (km)`` → ``distance_km``."""
    return re.sub(r"[^a-z0-9]+", "_", header.lower()).strip("_")


def header_key(name: str) -> str:
    """How header names are compared: ``FUEL_TYPE_CODE``, ``fuel_type_code`` and
    ``Fuel Type Code`` are one name, ``fueltypecode``."""
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def _aliases() -> dict[str, str]:
    """API field names that are spelt differently from their CSV header, to that header."""
    text = (
        resources.files("chargewatch.sources.afdc")
        .joinpath("header_aliases.csv")
        .read_text(encoding="utf-8")
    )
    return {header_key(row["alias"]): row["header"] for row in csv.DictReader(text.splitlines())}


HEADER_OF: dict[str, str] = {**_aliases(), **{header_key(h): h for h in KNOWN_HEADERS}}
"""The known header each compared name stands for, aliases included."""

KNOWN_COLUMNS: dict[str, str] = {key: column_name(h) for key, h in HEADER_OF.items()}
"""The raw column of each compared name."""


def raw_column(name: str) -> str | None:
    """The raw-table column a header as written goes to, or None for an unknown header."""
    return KNOWN_COLUMNS.get(header_key(name))


@dataclass(frozen=True)
class Twin:
    """A second column holding a field another column holds (0-based positions): set
    aside, after checking it holds the same values, unless ``chosen`` named the kept one."""

    kept: int
    other: int
    chosen: bool = False


@dataclass(frozen=True)
class AfdcHeader:
    """The header of one file: its names as written and where each one goes."""

    names: tuple[str, ...]
    columns: tuple[str | None, ...]
    byte_length: int
    encoding: str = "utf-8"
    twins: tuple[Twin, ...] = ()
    format: str = "csv"

    @property
    def unknown(self) -> list[str]:
        return [self.names[i] for i in self.unknown_at]

    @property
    def unknown_at(self) -> list[int]:
        """Positions (0-based) of headers we do not know, kept in ``extra``."""
        set_aside = {twin.other for twin in self.twins}
        return [i for i, c in enumerate(self.columns) if c is None and i not in set_aside]

    @property
    def needs_exact(self) -> bool:
        """Whether records must be read one by one (an unknown or a repeated column)."""
        return bool(self.unknown_at or self.twins)

    @property
    def known_columns(self) -> list[str]:
        return [col for col in self.columns if col is not None]

    @property
    def header_of(self) -> dict[str, str]:
        """The header as written of each known raw column."""
        return {c: n for n, c in zip(self.names, self.columns, strict=True) if c is not None}

    @property
    def absent(self) -> list[str]:
        """Headers of the columns the warehouse reads that this file lacks."""
        return [HEADER_OF[header_key(c)] for c in VALUE_KINDS if c not in self.columns]

    @property
    def has_index_column(self) -> bool:
        return bool(self.columns) and self.columns[0] == INDEX_COLUMN


class NotUtf8(DataError):
    """A file read as UTF-8 turned out not to be; it is read again as Windows-1252."""


@dataclass(frozen=True)
class BadRecord:
    """A record that cannot become a raw row (wrong number of fields)."""

    line_number: int
    field_count: int
    text: str


def read_header(
    stream: BinaryIO, label: str, chosen: Mapping[str, int] | None = None
) -> AfdcHeader:
    """Read and check the first line; ``DataError`` if this is not an AFDC export.

    ``chosen`` maps a header name to the 1-based position of the column to read
    where several columns hold that field (``--column NAME=POSITION``).
    """
    head = stream.read(SNIFF_BYTES)
    if not head.strip(codecs.BOM_UTF8 + b" \r\n\t"):
        raise DataError(f"{label}: the file is empty; expected an AFDC station CSV with a header")
    if b"\x00" in head:
        raise DataError(f"{label}: not a text file (it contains NUL bytes); expected an AFDC CSV")
    end = head.find(b"\n")
    line = head if end < 0 else head[: end + 1]
    text, encoding = _decode_header(line, label)
    if text.lstrip()[:1] in ("{", "["):
        raise DataError(
            f"{label}: this is JSON, not CSV; chargewatch ingests AFDC station CSV exports "
            "(afdc.energy.gov/stations → Download)"
        )
    names = tuple(name.strip() for name in next(csv.reader([text])))
    columns = tuple(raw_column(name) for name in names)
    if len(names) > 1 and names[0] in INDEX_HEADERS:
        columns = (INDEX_COLUMN, *columns[1:])
    _check_identity(names, columns, label)
    twins = _twins(names, columns, chosen or {}, label)
    columns = tuple(None if any(t.other == i for t in twins) else c for i, c in enumerate(columns))
    return AfdcHeader(names, columns, len(line), encoding, twins)


def _decode_header(line: bytes, label: str) -> tuple[str, str]:
    """The header's text and the file's encoding: UTF-8 (with or without BOM), else
    Windows-1252, as Excel's plain "CSV" save writes in the US."""
    try:
        return line.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return line.decode(FALLBACK_ENCODING), FALLBACK_ENCODING
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{label} line 1: the header is neither UTF-8 nor Windows-1252 text ({exc.reason})"
        ) from exc


def _check_identity(names: tuple[str, ...], columns: tuple[str | None, ...], label: str) -> None:
    """``DataError`` naming the identity columns (ID, Fuel Type Code) a header lacks."""
    missing = [h for h in IDENTITY_HEADERS if column_name(h) not in columns]
    if missing:
        found = ", ".join(f'"{_shorten(n)}"' for n in names[:8]) + (" …" if len(names) > 8 else "")
        raise DataError(
            f"{label} line 1: not an AFDC station export: no column identifies a station: "
            + ", ".join(f'"{h}"' for h in missing)
            + f" missing. Found {len(names)} columns: {found}. Expected an AFDC "
            "alt_fuel_stations CSV, whose ID and Fuel Type Code are needed (in any spelling: "
            "id, FUEL_TYPE_CODE); every other column is optional."
        )


def _twins(
    names: tuple[str, ...], columns: tuple[str | None, ...], chosen: Mapping[str, int], label: str
) -> tuple[Twin, ...]:
    """Columns that name one field (``ID`` and ``id``; ``ev_dc_fast_num`` and ``EV DC Fast
    Count``): the first is read, or the one ``chosen`` names; the others are twins."""
    fields = [col or header_key(name) for name, col in zip(names, columns, strict=True)]
    positions: dict[str, list[int]] = {}
    for position, field in enumerate(fields):
        positions.setdefault(field, []).append(position)
    picks = {fields[_chosen_position(names, n, p, label)]: p - 1 for n, p in chosen.items()}
    twins: list[Twin] = []
    for field, found in positions.items():
        kept = picks.get(field, found[0])
        twins.extend(Twin(kept, i, field in picks) for i in found if i != kept)
    return tuple(twins)


def _chosen_position(names: tuple[str, ...], name: str, position: int, label: str) -> int:
    """The 0-based position ``--column NAME=POSITION`` names, checked against the header."""

    def field(header: str) -> str:
        return raw_column(header) or header_key(header)

    if not 1 <= position <= len(names) or field(names[position - 1]) != field(name):
        found = f'"{names[position - 1]}"' if 1 <= position <= len(names) else "no column"
        raise DataError(
            f"{label}: --column {name}={position}: column {position} is {found}, not {name}; "
            f"give the position (1 to {len(names)}) of a column that holds {name}"
        )
    return position - 1


def _shorten(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def exact_rows(
    stream: BinaryIO, header: AfdcHeader, label: str
) -> Iterator[list[str | int | None] | BadRecord]:
    """Records as COPY rows ``[line, *known values, extra_json]``, or ``BadRecord``.

    ``stream`` must be positioned just after the header.
    """
    reader = csv.reader(_decoded_lines(stream, label, header.encoding))
    expected = len(header.names)
    known_at = [i for i, col in enumerate(header.columns) if col is not None]
    unknown_at = header.unknown_at
    compared = [twin for twin in header.twins if not twin.chosen]
    line_number = 1
    while True:
        start = line_number + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataError(f"{label} line {start}: unreadable CSV ({exc})") from exc
        line_number = reader.line_num + 1
        if not record:
            continue
        if len(record) != expected:
            yield BadRecord(start, len(record), ",".join(record))
            continue
        _check_twins(record, compared, header.names, f"{label} line {start}")
        yield _copy_row(start, record, header.names, known_at, unknown_at)


def _decoded_lines(stream: BinaryIO, label: str, encoding: str) -> Iterator[str]:
    """Lines split at ``\\n`` (as ``grep -n`` counts them), decoded one by one so
    that a bad byte is reported on its own line."""
    for number, raw in enumerate(stream, start=2):
        try:
            yield raw.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8":
                raise NotUtf8(f"{label} line {number}: not UTF-8 text ({exc.reason})") from exc
            raise DataError(
                f"{label} line {number}: neither UTF-8 nor Windows-1252 text ({exc.reason}); "
                "save the file as UTF-8 and ingest it again"
            ) from exc


def _check_twins(record: list[str], twins: list[Twin], names: tuple[str, ...], where: str) -> None:
    for twin in twins:
        kept, other = record[twin.kept], record[twin.other]
        if kept != other:
            a, b = twin.kept + 1, twin.other + 1
            raise DataError(
                f'{where}: "{names[a - 1]}" (column {a}) and "{names[b - 1]}" (column {b}) '
                f"hold one field but differ here ({kept!r} and {other!r}); choose the column to "
                f'read with --column "{names[a - 1]}={a}" or --column "{names[b - 1]}={b}"'
            )


def _copy_row(
    line: int, record: list[str], names: tuple[str, ...], known_at: list[int], unknown_at: list[int]
) -> list[str | int | None]:
    values: list[str | int | None] = [line]
    values.extend(record[i] for i in known_at)
    if unknown_at:
        values.append(json.dumps({names[i]: record[i] for i in unknown_at}, ensure_ascii=False))
    else:
        values.append(None)
    return values
