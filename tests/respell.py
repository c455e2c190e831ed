"""Copies of an AFDC export as other tools write them, for tests and benchmarks: Excel's
re-save and pandas' round trip, each with that tool's conventions."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import pandas as pd

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
AFDC_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):\d{2} UTC$")


def excel_cell(value: str) -> str:
    """A cell as Excel's "CSV UTF-8" save writes it after opening the file: dates it
    recognised in the short US format (a time to the minute, seconds dropped), booleans
    upper case, numbers without leading zeros."""
    if m := ISO_DATE.match(value):
        return f"{int(m[2])}/{int(m[3])}/{m[1]}"
    if m := AFDC_TIME.match(value):
        return f"{int(m[2])}/{int(m[3])}/{m[1]} {int(m[4])}:{m[5]}"
    if value in ("true", "false"):
        return value.upper()
    if value.isdigit() and len(value) < 15:
        return str(int(value))
    return value


def excel_resave(original: Path, folder: Path) -> Path:
    with original.open(encoding="utf-8-sig", newline="") as f:
        header, *records = list(csv.reader(f))
    path = folder / "excel.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        write_excel_rows(f, [header, *records])
    return path


def write_excel_rows(out: TextIO, rows: Iterable[list[str]]) -> None:
    """Rows as Excel writes them: its cell conventions, CRLF line ends."""
    writer = csv.writer(out, lineterminator="\r\n")
    rows = iter(rows)
    writer.writerow(next(rows))
    writer.writerows([excel_cell(v) for v in row] for row in rows)


def pandas_round_trip(original: Path, folder: Path) -> Path:
    """``read_csv`` then ``to_csv`` with the defaults: an index column at the front,
    integers with gaps as floats (``2.0``), ``True``/``False``."""
    path = folder / "pandas.csv"
    pd.read_csv(original, low_memory=False).to_csv(path)
    return path


def pandas_as_text(original: Path, folder: Path) -> Path:
    """Every cell turned into text with ``str`` (what ``astype(str)`` did before pandas
    3): each empty cell becomes the word ``nan``, in text columns too."""
    path = folder / "pandas_text.csv"
    frame = pd.read_csv(original, dtype=object, low_memory=False)
    frame.map(str).to_csv(path, index=False)
    return path
