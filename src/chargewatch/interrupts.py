"""Ctrl-C during database work, stopped where the connection is in a known state.

Python raises ``KeyboardInterrupt`` wherever the main thread happens to be. Inside
the database driver that can leave a command half-consumed: the rollbacks that
follow then fail ("another command is already in progress", psycopg issue 231),
and only the end of the process ends the transaction. While ``ctrl_c_cancels``
holds, a first Ctrl-C that finds the driver at work does not raise there: it asks
the server to cancel the statement under way, which then fails cleanly with
``QueryCanceled``, and looks again every 50 ms until the driver has returned.
Anywhere else it stops at once, as a second Ctrl-C always does, except outside a
transaction within ``held``, where the next ``checkpoint`` stops (every progress
report is one): there the caller must know exactly what committed.
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
RECHECK_SECONDS = 0.05
_CAN_RECHECK = hasattr(signal, "setitimer")


@dataclass(eq=False)
class _Guard:
    conn: psycopg.Connection[Any]
    pressed: bool = False
    cancelled: bool = False

    def on_ctrl_c(self, signum: int, frame: FrameType | None) -> None:
        if self.pressed:
            raise KeyboardInterrupt
        self.pressed = True
        self.stop_when_safe(frame)
        if sys.stderr.isatty():  # os.write: print could re-enter a write under way
            os.write(2, b"Stopping cleanly; Ctrl-C again stops at once.\n")

    def on_recheck(self, signum: int, frame: FrameType | None) -> None:
        if self.pressed:
            self.stop_when_safe(frame)

    def stop_when_safe(self, frame: FrameType | None) -> None:
        """Raise now if that is safe; else cancel the statement under way and look
        again shortly, or leave it to the next checkpoint."""
        status = self.conn.info.transaction_status
        if _in_driver(frame):
            if status == TransactionStatus.ACTIVE and not self.cancelled:
                self.cancelled = True
                with suppress(Exception):  # then the driver returns in its own time
                    self.conn.cancel_safe(timeout=5)
            if _CAN_RECHECK:
                signal.setitimer(signal.ITIMER_REAL, RECHECK_SECONDS)
        elif status != TransactionStatus.IDLE or not (_held and _held[-1]):
            raise KeyboardInterrupt


def _in_driver(frame: FrameType | None) -> bool:
    while frame is not None:
        name = str(frame.f_globals.get("__name__", ""))
        if name == "psycopg" or name.startswith("psycopg."):
            return True
        frame = frame.f_back
    return False


_guards: list[_Guard] = []
_held: list[bool] = []


@contextmanager
def ctrl_c_cancels(conn: psycopg.Connection[Any]) -> Iterator[None]:
    """Within this block Ctrl-C never breaks off ``conn`` mid-command (see above).

    A ``QueryCanceled`` that leaves the block because of Ctrl-C leaves it as
    ``KeyboardInterrupt``; a Ctrl-C that found no place to stop before the end, as
    ``Interrupted`` saying so. Outside the main thread (where no signal arrives)
    this changes nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    guard = _Guard(conn)
    previous = signal.signal(signal.SIGINT, guard.on_ctrl_c)
    rechecking = signal.signal(signal.SIGALRM, guard.on_recheck) if _CAN_RECHECK else None
    _guards.append(guard)
    try:
        yield
    except psycopg.errors.QueryCanceled:
        if guard.pressed:
            raise KeyboardInterrupt from None
        raise
    finally:
        if _CAN_RECHECK:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, rechecking)
        _guards.remove(guard)
        signal.signal(signal.SIGINT, previous)
    if guard.pressed:
        raise Interrupted(TOO_LATE)


@contextmanager
def held(hold: bool = True) -> Iterator[None]:
    """Within ``held()``, outside a transaction, Ctrl-C waits for a checkpoint: for work
    whose caller must know exactly what committed (loads, whose checkpoints are
    frequent). ``held(False)`` lifts that again for a part whose own handler says
    what was kept."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _held.append(hold)
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
