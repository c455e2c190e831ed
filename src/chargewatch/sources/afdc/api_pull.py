"""Download the AFDC API's stations (``chargewatch pull afdc``) into a file, as one response.

The API is ``developer.nrel.gov/api/alt-fuel-stations/v1.json`` with ``limit=all``;
its key is ``CHARGEWATCH_AFDC_API_KEY`` (default ``DEMO_KEY``, a few requests an
hour). The response is streamed to disk, never held in memory, then loaded like
any API response (``api_json``). A rate limit (HTTP 429) or a server error is
retried with backoff, honouring ``Retry-After``; when it persists it is a
``TransientError`` that says when to try again. A refused key is a ``ConfigError``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from email.message import Message
from http.client import HTTPException, HTTPResponse
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from chargewatch import __version__
from chargewatch.config import AFDC_DEMO_KEY
from chargewatch.errors import ConfigError, DataError, TransientError
from chargewatch.progress import NULL_PROGRESS, Progress

log = logging.getLogger(__name__)

ATTEMPTS = 4
BACKOFF_SECONDS = 2.0
LONGEST_WAIT = 60.0
"""A wait the server asks for beyond this is not sat out: the command says when to retry."""
TIMEOUT_SECONDS = 120
BLOCK = 1 << 20
RETRIED = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class StationQuery:
    """Which stations to pull: a state (all states when None) and a fuel type."""

    state: str | None = None
    fuel: str = "ELEC"

    def params(self, key: str) -> dict[str, str]:
        found = {"api_key": key, "fuel_type": self.fuel, "limit": "all"}
        if self.state:
            found["state"] = self.state
        return found

    def file_name(self, day: date) -> str:
        return f"afdc_api_{self.state or 'US'}_{self.fuel}_{day.isoformat()}.json"


def download(
    query: StationQuery,
    folder: Path,
    *,
    key: str,
    base_url: str,
    progress: Progress = NULL_PROGRESS,
    sleep: Callable[[float], None] = time.sleep,
) -> Path:
    """The API's response to ``query``, written to a file in ``folder``; its path."""
    url = f"{base_url}?{urlencode(query.params(key))}"
    request = Request(url, headers={"User-Agent": f"chargewatch/{__version__}"})
    path = folder / query.file_name(date.today())
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                _save(response, path, progress)
            return path
        except HTTPError as exc:
            wait = _retry_wait(exc, attempt, key)
        except (URLError, TimeoutError, ConnectionError, HTTPException) as exc:
            wait = _unreachable_wait(exc, attempt, base_url)
        log.info("AFDC API: attempt %s failed; retrying in %.0fs", attempt, wait)
        sleep(wait)
    raise AssertionError("unreachable: the last attempt raises")


def _save(response: HTTPResponse, path: Path, progress: Progress) -> None:
    length = response.headers.get("Content-Length")
    progress.start("downloading from the AFDC API", int(length) if length else None)
    with path.open("wb") as out:
        while block := response.read(BLOCK):
            out.write(block)
            progress.advance(len(block))


def _retry_wait(exc: HTTPError, attempt: int, key: str) -> float:
    """How long to wait before the next attempt, or the error to give up with."""
    if exc.code in (401, 403):
        raise ConfigError(
            f"the AFDC API refused the API key (HTTP {exc.code}); set "
            "CHARGEWATCH_AFDC_API_KEY to a valid key (free at developer.nrel.gov/signup)"
        ) from None
    if exc.code not in RETRIED:
        raise DataError(f"the AFDC API answered HTTP {exc.code} ({exc.reason})") from None
    asked = _asked_wait(exc.headers)
    wait = asked if asked is not None else BACKOFF_SECONDS * 2 ** (attempt - 1)
    if attempt < ATTEMPTS and wait <= LONGEST_WAIT:
        return wait
    if exc.code == 429:
        hint = " or set CHARGEWATCH_AFDC_API_KEY to your own key" if key == AFDC_DEMO_KEY else ""
        when = f"in {_duration(wait)}" if asked is not None else "within the hour"
        raise TransientError(
            f"the AFDC API is rate-limiting this key (HTTP 429, {_limits(exc.headers)}); "
            f"try again {when}{hint}"
        ) from None
    raise TransientError(
        f"the AFDC API failed {attempt} times (last: HTTP {exc.code} {exc.reason}); "
        f"try again in {_duration(wait)}"
    ) from None


def _unreachable_wait(exc: Exception, attempt: int, base_url: str) -> float:
    if attempt < ATTEMPTS:
        return float(BACKOFF_SECONDS * 2 ** (attempt - 1))
    reason = getattr(exc, "reason", exc)
    raise TransientError(
        f"could not reach the AFDC API at {base_url} ({reason}); check the network and try again"
    ) from None


def _asked_wait(headers: Message) -> float | None:
    """The seconds ``Retry-After`` asks for, when it gives a number."""
    value = (headers.get("Retry-After") or "").strip()
    return float(value) if value.replace(".", "", 1).isdigit() else None


def _limits(headers: Message) -> str:
    limit, left = headers.get("X-RateLimit-Limit"), headers.get("X-RateLimit-Remaining")
    if limit is None:
        return "no rate-limit headers"
    return f"{left if left is not None else '?'} of {limit} requests left this hour"


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} seconds"
    return f"{seconds / 60:.0f} minutes"
