"""What every command shares: settings from options, output, progress, errors."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.progress import Progress as RichBar

from chargewatch.config import Settings
from chargewatch.errors import ConfigError
from chargewatch.interrupts import Checkpointed, ctrl_c_cancels
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.warehouse.connect import Connection, connect, connect_reader

F = TypeVar("F", bound=Callable[..., Any])

quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress bars.")


def settings_from(ctx: click.Context) -> Settings:
    settings = ctx.find_object(Settings)
    assert settings is not None, "the root command stores Settings"
    return settings


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})


def checked_as_of(as_of: datetime | None) -> date | None:
    """``--as-of`` as a date, or a usage error (exit 2) for a date in the future."""
    from chargewatch.pipeline import check_as_of

    day = as_of.date() if as_of else None
    try:
        check_as_of(day)
    except ConfigError as exc:
        raise click.BadParameter(str(exc).removeprefix("--as-of "), param_hint="'--as-of'") from exc
    return day


@contextmanager
def warehouse(
    ctx: click.Context, *, write: bool = False, check: bool = True
) -> Iterator[Connection]:
    """A connection to the warehouse: brought up to date for a command that writes,
    only checked for one that reads (not even that without ``check``; see
    ``warehouse.migrate``). A writer's Ctrl-C never breaks into the driver mid-command:
    it cancels the statement under way instead (``interrupts``)."""
    settings = settings_from(ctx)
    if not write:
        with connect_reader(settings, check=check) as conn:
            yield conn
        return
    with connect(settings) as conn, ctrl_c_cancels(conn):
        yield conn


NO_LOADS = "No loads yet. Load a file with: chargewatch ingest FILE"


def say_empty(output_format: str = "table") -> None:
    """The hint every reading command gives on an empty warehouse (the exit code stays 0).

    Tables print it in their place; JSON and CSV keep standard output for data
    (an empty result of the usual shape) and give the hint on standard error.
    """
    click.echo(NO_LOADS, err=output_format != "table")


def port_option(default: int, help_text: str) -> Callable[[F], F]:
    """``--port``: a TCP port number (1 to 65535), checked before any work."""
    return click.option(
        "--port", type=click.IntRange(1, 65535), default=default, show_default=True,
        help=help_text,
    )  # fmt: skip


def limit_option(
    help_text: str = "At most this many rows in each list.",
    default: int | None = None,
    smallest: int = 1,
) -> Callable[[F], F]:
    """``--limit``: how many rows a command lists (every command that lists takes it)."""
    return click.option(
        "--limit", type=click.IntRange(min=smallest), default=default,
        show_default=default is not None, help=help_text,
    )  # fmt: skip


PIPE_WIDTH = 160
"""Table width when output goes to a file or pipe: wide enough that nothing is cut."""


def format_option(*formats: str) -> Callable[[F], F]:
    """``--format`` with these choices, ``table`` by default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(formats),
        default="table",
        show_default=True,
        help="How to print the result.",
    )


class OutputFile(click.Path):
    """A file to write: not a directory, in a folder that exists (checked before any work)."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = Path(os.fsdecode(super().convert(value, param, ctx)))
        if not path.parent.is_dir():
            self.fail(f"{str(path)!r}: the folder {str(path.parent)!r} does not exist", param, ctx)
        return path


def date_option(name: str, help_text: str) -> Callable[[F], F]:
    """An option taking a YYYY-MM-DD date."""
    return click.option(name, type=click.DateTime(formats=["%Y-%m-%d"]), help=help_text)


class Duration(click.ParamType[timedelta]):
    """A length of time: ``15m``, ``90s``, ``1h``, ``1h30m``; a bare number is minutes."""

    name = "duration"
    _PART = re.compile(r"(\d+(?:\.\d+)?)([hms])")

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> timedelta:
        if isinstance(value, timedelta):
            return value
        text = str(value).strip().lower().replace(" ", "")
        if re.fullmatch(r"\d+(\.\d+)?", text):
            text += "m"
        parts = self._PART.findall(text)
        if not parts or "".join(n + u for n, u in parts) != text:
            self.fail(f"{value!r} is not a duration (e.g. 15m, 90s, 1h30m)", param, ctx)
        seconds = sum(float(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in parts)
        if seconds <= 0:
            self.fail(f"{value!r} is not longer than nothing", param, ctx)
        return timedelta(seconds=seconds)


def stdout() -> Console:
    """Standard output; on a terminal its width, else PIPE_WIDTH columns."""
    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console.width = PIPE_WIDTH
    return console


class RichProgress:
    """Byte progress for long steps, on stderr, only when it is a terminal."""

    def __init__(self, bar: RichBar) -> None:
        self._bar = bar
        self._task: TaskID | None = None

    def start(self, label: str, total: int | None) -> None:
        self._finish()
        self._task = self._bar.add_task(label, total=total)

    def advance(self, amount: int) -> None:
        if self._task is not None:
            self._bar.advance(self._task, amount)

    def step(self, label: str) -> None:
        self._finish()
        self._bar.console.log(label)

    def _finish(self) -> None:
        if self._task is not None:
            self._bar.remove_task(self._task)
            self._task = None


@contextmanager
def progress_reporter(quiet: bool) -> Iterator[Progress]:
    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield Checkpointed(NULL_PROGRESS)
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with RichBar(*columns, console=console, transient=True) as bar:
        yield Checkpointed(RichProgress(bar))
