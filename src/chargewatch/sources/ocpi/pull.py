"""``chargewatch pull ocpi``: a CPO's Locations from its OCPI ``GET /locations``, as one
file of EVSE statuses.

The token is ``--token`` or ``CHARGEWATCH_OCPI_TOKEN``, sent as OCPI 2.2.1 asks
(``Authorization: Token <base64 of the token>``; ``--plain-token`` for 2.1.1
platforms). Pages are followed by their ``Link: <…>; rel="next"`` header
(``X-Total-Count`` gives the progress) and written as one OCPI response, its
``timestamp`` the time of the pull. ``--date-from`` asks only for Locations
changed since then (OCPI's incremental pull).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import click

from chargewatch.cli.common import quiet_option
from chargewatch.cli.pull import run_pull
from chargewatch.config import Settings
from chargewatch.errors import ConfigError, DataError
from chargewatch.progress import Progress
from chargewatch.sources import http

PAGE_LIMIT = 100
MAX_PAGES = 100_000
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


def auth_header(token: str, plain: bool) -> dict[str, str]:
    """OCPI's ``Authorization`` header: the token in base64 (2.2.1), or as it is (2.1.1)."""
    sent = token if plain else base64.b64encode(token.encode()).decode()
    return {"Authorization": f"Token {sent}"}


def next_page(answer: Message, url: str, seen: set[str]) -> str:
    """The next page's URL from ``Link`` (resolved against ``url``), "" when there is none;
    ``DataError`` for a link to another server (it would be sent the token) or a loop."""
    found = _NEXT.search(answer.get("Link") or "")
    if not found:
        return ""
    following: str = urljoin(url, str(found.group(1)))
    if urlsplit(following)[:2] != urlsplit(url)[:2]:
        raise DataError(f"the next page is on another server ({following}); not following it")
    if following in seen or len(seen) >= MAX_PAGES:
        raise DataError(f"the pages do not end (page {len(seen) + 1}: {following})")
    seen.add(following)
    return following


def pages(api: http.Api, url: str, headers: dict[str, str], progress: Progress) -> Iterator[Any]:
    """Each page's Locations, following ``Link`` headers until there is no next page."""
    got = 0
    seen = {url}
    while url:
        body, answer = http.fetch(api, url, key="token", headers=headers)
        try:
            document = json.loads(body)
        except ValueError:
            raise DataError(f"{api.title} answered {url} with something that is not JSON") from None
        if not isinstance(document, dict) or document.get("status_code") != 1000:
            code = document.get("status_code") if isinstance(document, dict) else None
            message = document.get("status_message") if isinstance(document, dict) else None
            raise DataError(f"{api.title} answered OCPI status {code} ({message or 'no message'})")
        data = document.get("data") or []
        if got == 0:
            total = (answer.get("X-Total-Count") or "").strip()
            progress.start(f"pulling from {api.title}", int(total) if total.isdigit() else None)
        got += len(data)
        progress.advance(len(data))
        yield from data
        url = next_page(answer, url, seen)


def download(
    url: str,
    token: str,
    plain: bool,
    date_from: datetime | None,
    folder: Path,
    progress: Progress,
) -> Path:
    """Every Location the CPO gives (changed since ``date_from``), as one OCPI response
    written in ``folder``; its path."""
    api = http.Api(f"the OCPI platform at {urlsplit(url).netloc}", url, "--token", "the "
                   "token the CPO gave you (its credentials' token)")  # fmt: skip
    params = {"offset": "0", "limit": str(PAGE_LIMIT)}
    if date_from is not None:
        params["date_from"] = date_from.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    pulled_at = datetime.now(UTC)
    first = f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"
    locations = list(pages(api, first, auth_header(token, plain), progress))
    if not locations:
        raise DataError(
            f"{api.title} lists no Location{' changed since then' if date_from else ''}"
        )
    path = folder / f"ocpi_locations_{urlsplit(url).netloc}_{pulled_at:%Y%m%dT%H%M%SZ}.json"
    stamp = pulled_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    response = {"data": locations, "status_code": 1000, "timestamp": stamp}
    path.write_text(json.dumps(response), encoding="utf-8")
    return path


@click.command("ocpi")
@click.argument("url")
@click.option("--token", help="The CPO's token (default: CHARGEWATCH_OCPI_TOKEN).")
@click.option("--plain-token", is_flag=True, help="Send the token as it is (OCPI 2.1.1).")
@click.option(
    "--date-from",
    type=click.DateTime(formats=["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]),
    help="Only Locations changed since this time (UTC).",
)
@quiet_option
@click.pass_context
def command(
    ctx: click.Context,
    url: str,
    token: str | None,
    plain_token: bool,
    date_from: datetime | None,
    quiet: bool,
) -> None:
    """Pull a CPO's Locations from its OCPI locations endpoint and load each EVSE's
    status (source ocpi; see chargewatch uptime).

    Every page is followed; the pull is kept in the lake like an ingested file.
    An EVSE's status counts from its last_updated; the pull watches every EVSE
    it lists up to the time it was made.

    \b
    Examples:
      chargewatch pull ocpi https://cpo.example.com/ocpi/2.2.1/locations --token T0KEN
      chargewatch pull ocpi https://cpo.example.com/ocpi/2.2.1/locations --date-from 2024-05-01
    """

    def fetch_all(settings: Settings, folder: Path, progress: Progress) -> Path:
        secret = token or settings.source_setting("ocpi", "token", "")
        if not secret:
            raise ConfigError("no OCPI token: give --token or set CHARGEWATCH_OCPI_TOKEN")
        stamp = date_from.replace(tzinfo=UTC) if date_from else None
        return download(url, secret, plain_token, stamp, folder, progress)

    run_pull(ctx, fetch_all, as_of=None, quiet=quiet)
