"""Progress reporting the library can call without knowing who listens.

The CLI passes a Rich-backed implementation; library callers and tests use
``NULL_PROGRESS``. Long steps report bytes; short steps just announce themselves.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def start(self, label: str, total: int | None) -> None:
        """A measurable step begins (``total`` in bytes, None if unknown)."""

    def advance(self, amount: int) -> None:
        """``amount`` more units of the current step are done."""

    def step(self, label: str) -> None:
        """An unmeasured step begins."""


class _NullProgress:
    def start(self, label: str, total: int | None) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass

    def step(self, label: str) -> None:
        pass


NULL_PROGRESS: Progress = _NullProgress()
