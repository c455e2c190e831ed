"""Ctrl-C during database work, stopped where the connection is in a known state.

Python raises ``KeyboardInterrupt`` wherever the main thread happens to be. Inside
the database driver that can leave a command half-consumed: the rollbacks that
follow then fail ("another command is already in progress", psycopg issue 231),
and only the end of the process ends the transaction. While ``ctrl_c_cancels``
holds, a first Ctrl-C that finds the driver at work does not raise there: it asks
the server to cancel the statement under way, which then fails cleanly with
``QueryCanceled``, or leaves the stop to the next ``checkpoint`` (every progress
report is one). Anywhere else it stops at once, as a second Ctrl-C always does,
except outside a transaction within ``held``, where only a checkpoint stops: there
the caller must know exactly what committed.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from types import FrameType
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from chargewatch.errors import Interrupted
from chargewatch.progress import Progress

TOO_LATE = "Interrupted after the work was done: all of it was kept."


@dataclass(eq=False)
class _Guard:
    conn: psycopg.Connection[Any]
    pressed: bool = False

    def on_ctrl_c(self, signum: int, frame: FrameType | None) -> None:
        if self.pressed:
            raise KeyboardInterrupt
        self.pressed = True
        status = self.conn.info.transaction_status
        if not _in_driver(frame):
            if status != TransactionStatus.IDLE or not _held:
                raise KeyboardInterrupt
        elif status == TransactionStatus.ACTIVE:
            with suppress(Exception):  # then the next checkpoint stops the work
                self.conn.cancel_safe(timeout=5)
        if sys.stderr.isatty():  # os.write: print could re-enter a write under way
            os.write(2, b"Stopping cleanly; Ctrl-C again stops at once.\n")


def _in_driver(frame: FrameType | None) -> bool:
    while frame is not None:
        if str(frame.f_globals.get("__name__", "")).startswith("psycopg"):
            return True
        frame = frame.f_back
    return False


_guards: list[_Guard] = []
_held: list[bool] = []


@contextmanager
def ctrl_c_cancels(conn: psycopg.Connection[Any]) -> Iterator[None]:
    """Within this block Ctrl-C never breaks off ``conn`` mid-command (see above).

    A ``QueryCanceled`` that leaves the block because of Ctrl-C leaves it as
    ``KeyboardInterrupt``; a Ctrl-C that found no checkpoint before the end, as
    ``Interrupted`` saying so. Outside the main thread (where no signal arrives)
    this changes nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    guard = _Guard(conn)
    previous = signal.signal(signal.SIGINT, guard.on_ctrl_c)
    _guards.append(guard)
    try:
        yield
    except psycopg.errors.QueryCanceled:
        if guard.pressed:
            raise KeyboardInterrupt from None
        raise
    finally:
        _guards.remove(guard)
        signal.signal(signal.SIGINT, previous)
    if guard.pressed:
        raise Interrupted(TOO_LATE)


@contextmanager
def held() -> Iterator[None]:
    """Within this block, outside a transaction, Ctrl-C waits for a checkpoint: for
    work whose caller must know exactly what committed (loads, whose checkpoints are
    frequent)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _held.append(True)
    try:
        yield
    finally:
        _held.pop()


def checkpoint() -> None:
    """Stop here (``KeyboardInterrupt``) if Ctrl-C was pressed meanwhile."""
    if any(guard.pressed for guard in _guards):
        raise KeyboardInterrupt


def is_interruption(exc: BaseException) -> bool:
    """Whether ``exc`` is Ctrl-C: itself, or the cancelled statement it caused."""
    if isinstance(exc, KeyboardInterrupt):
        return True
    return isinstance(exc, psycopg.errors.QueryCanceled) and any(g.pressed for g in _guards)


class Checkpointed:
    """A progress reporter whose every report is a checkpoint."""

    def __init__(self, inner: Progress) -> None:
        self._inner = inner

    def start(self, label: str, total: int | None) -> None:
        checkpoint()
        self._inner.start(label, total)

    def advance(self, amount: int) -> None:
        checkpoint()
        self._inner.advance(amount)

    def step(self, label: str) -> None:
        checkpoint()
        self._inner.step(label)
