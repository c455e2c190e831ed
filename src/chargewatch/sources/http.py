"""Download one API response to a file, with retries: the part of pulling that every
source with an HTTP API shares.

The response is streamed to disk, never held in memory. A rate limit (HTTP 429)
or a server error is retried with backoff, honouring ``Retry-After``; when it
persists it is a ``TransientError`` that says when to try again. A refused key
is a ``ConfigError`` naming the setting to change.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPException, HTTPResponse
from pathlib import Path
from typing import TypeVar
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from chargewatch import __version__
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
T = TypeVar("T")


@dataclass(frozen=True)
class Api:
    """An API as errors name it: "the AFDC API", its key's setting and where to get one."""

    title: str
    base_url: str
    key_setting: str
    key_hint: str
    demo_key: str | None = None


def download(
    api: Api,
    params: dict[str, str],
    path: Path,
    *,
    key: str,
    progress: Progress = NULL_PROGRESS,
    sleep: Callable[[float], None] = time.sleep,
    headers: dict[str, str] | None = None,
) -> Path:
    """The API's response to ``params``, written to ``path``; the path."""
    url = f"{api.base_url}?{urlencode(params)}"
    _attempts(api, url, key, headers, sleep, lambda response: _save(response, path, api, progress))
    return path


def fetch(
    api: Api,
    url: str,
    *,
    key: str,
    sleep: Callable[[float], None] = time.sleep,
    headers: dict[str, str] | None = None,
) -> tuple[bytes, Message]:
    """The body and headers of the API's response to ``url`` (a page: small enough to hold)."""
    return _attempts(
        api, url, key, headers, sleep, lambda response: (response.read(), response.headers)
    )


def _attempts(
    api: Api,
    url: str,
    key: str,
    headers: dict[str, str] | None,
    sleep: Callable[[float], None],
    use: Callable[[HTTPResponse], T],
) -> T:
    """``use`` of the response to a GET of ``url``, retried as the module says."""
    request = Request(url, headers={"User-Agent": f"chargewatch/{__version__}", **(headers or {})})
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                return use(response)
        except HTTPError as exc:
            wait = _retry_wait(exc, attempt, api, key)
        except (URLError, TimeoutError, ConnectionError, HTTPException) as exc:
            wait = _unreachable_wait(exc, attempt, api)
        log.info("%s: attempt %s failed; retrying in %.0fs", api.title, attempt, wait)
        sleep(wait)
    raise AssertionError("unreachable: the last attempt raises")


def _save(response: HTTPResponse, path: Path, api: Api, progress: Progress) -> None:
    length = response.headers.get("Content-Length")
    progress.start(f"downloading from {api.title}", int(length) if length else None)
    with path.open("wb") as out:
        while block := response.read(BLOCK):
            out.write(block)
            progress.advance(len(block))


def _retry_wait(exc: HTTPError, attempt: int, api: Api, key: str) -> float:
    """How long to wait before the next attempt, or the error to give up with."""
    if exc.code in (401, 403):
        raise ConfigError(
            f"{api.title} refused the API key (HTTP {exc.code}); set "
            f"{api.key_setting} to a valid key ({api.key_hint})"
        ) from None
    if exc.code not in RETRIED:
        raise DataError(f"{api.title} answered HTTP {exc.code} ({exc.reason})") from None
    asked = _asked_wait(exc.headers)
    wait = asked if asked is not None else BACKOFF_SECONDS * 2 ** (attempt - 1)
    if attempt < ATTEMPTS and wait <= LONGEST_WAIT:
        return wait
    if exc.code == 429:
        own = key == api.demo_key or not key
        hint = f" or set {api.key_setting} to your own key" if own else ""
        when = f"in {_duration(wait)}" if asked is not None else "within the hour"
        raise TransientError(
            f"{api.title} is rate-limiting this key (HTTP 429, {_limits(exc.headers)}); "
            f"try again {when}{hint}"
        ) from None
    raise TransientError(
        f"{api.title} failed {attempt} times (last: HTTP {exc.code} {exc.reason}); "
        f"try again in {_duration(wait)}"
    ) from None


def _unreachable_wait(exc: Exception, attempt: int, api: Api) -> float:
    if attempt < ATTEMPTS:
        return float(BACKOFF_SECONDS * 2 ** (attempt - 1))
    reason = getattr(exc, "reason", exc)
    raise TransientError(
        f"could not reach {api.title} at {api.base_url} ({reason}); check the network and try again"
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
