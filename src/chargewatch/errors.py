"""Exception hierarchy: the class says whether a retry can help.

``ChargewatchError`` is anything the user should see as a message (CLI exit 1).
``DataError`` and ``ConfigError`` are permanent: re-running without changing the
input or the configuration fails the same way. ``TransientError`` may succeed on
a retry (database unreachable, object store timeout).
"""

from __future__ import annotations


class ChargewatchError(Exception):
    """A failure with a message meant for the user, not a traceback."""

    retryable = False


class DataError(ChargewatchError):
    """The input is not what it claims to be; fix the file, not the tool."""


class ProblemsError(DataError):
    """Every problem validation found, the first ``shown`` of them in the message."""

    def __init__(
        self, label: str, problems: list[str], outcome: str = "nothing loaded", shown: int = 10
    ) -> None:
        listed = "\n  ".join(problems[:shown])
        more = f"\n  … and {len(problems) - shown} more" if len(problems) > shown else ""
        super().__init__(f"{label}: {len(problems)} problem(s); {outcome}:\n  {listed}{more}")
        self.problems = problems


class NotFoundError(DataError):
    """The file or object named is not there (perhaps deleted since it was announced)."""


class ConfigError(ChargewatchError):
    """A setting is missing or wrong; fix the environment or the options."""


class EmptyWarehouse(ConfigError):
    """Nothing is loaded yet: reading commands say so with one hint and exit 0."""


class TransientError(ChargewatchError):
    """Something outside us failed for now; the same command may succeed later."""

    retryable = True


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, with one line saying what was kept and how to go on (exit code 130)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
