"""Step timings for long work, logged at INFO so that ``-v`` and benchmarks show where time goes."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger("chargewatch")


@contextmanager
def timed(step: str, load_id: int) -> Iterator[None]:
    """Log how long ``step`` of load ``load_id`` took."""
    started = time.perf_counter()
    yield
    log.info("load %s: %s took %.2fs", load_id, step, time.perf_counter() - started)
