"""The SQL shipped in the package (``chargewatch/sql``), read once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.abc import Traversable


def sql_dir(*parts: str) -> Traversable:
    folder = resources.files("chargewatch").joinpath("sql")
    for part in parts:
        folder = folder.joinpath(part)
    return folder


@cache
def read_sql(*parts: str) -> str:
    """The text of ``sql/<parts>``, e.g. ``read_sql("transform", "load", "finish_load.sql")``."""
    return sql_dir(*parts).read_text(encoding="utf-8")


def sql_files(folder: str) -> list[tuple[str, str]]:
    """``(name, text)`` of every ``.sql`` file in ``sql/<folder>``, by name."""
    files = [f for f in sql_dir(folder).iterdir() if f.name.endswith(".sql")]
    return [(f.name, f.read_text(encoding="utf-8")) for f in sorted(files, key=lambda f: f.name)]


@cache
def read_package_sql(package: str, *parts: str) -> str:
    """The text of ``sql/<parts>`` in a source package, e.g.
    ``read_package_sql("chargewatch.sources.afdc", "land", "newest_update.sql")``."""
    folder = resources.files(package).joinpath("sql")
    for part in parts:
        folder = folder.joinpath(part)
    return folder.read_text(encoding="utf-8")
