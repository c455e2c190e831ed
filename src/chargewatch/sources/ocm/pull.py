"""``chargewatch pull ocm``: Open Charge Map's POIs of a country (or a box), as one snapshot.

The API is ``api.openchargemap.io/v3/poi`` (``CHARGEWATCH_OCM_API_URL``), asked
for compact JSON (IDs, decoded with ``tables``) of up to ``--max-results``
POIs; its key is ``CHARGEWATCH_OCM_API_KEY`` (free at openchargemap.org, sent
as the ``X-API-Key`` header). Retries and rate limits as for every API
(``sources.http``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import click

from chargewatch.cli.common import checked_as_of, date_option, quiet_option
from chargewatch.cli.pull import run_pull
from chargewatch.config import Settings
from chargewatch.errors import DataError
from chargewatch.progress import Progress
from chargewatch.sources import http

API_URL = "https://api.openchargemap.io/v3/poi"
MAX_RESULTS = 100_000


@dataclass(frozen=True)
class PoiQuery:
    """Which POIs to pull: a country (ISO code), optionally within a bounding box."""

    country: str
    bbox: tuple[float, float, float, float] | None = None
    max_results: int = MAX_RESULTS

    def params(self) -> dict[str, str]:
        found = {
            "output": "json",
            "countrycode": self.country,
            "maxresults": str(self.max_results),
            "compact": "true",
            "verbose": "false",
        }
        if self.bbox:
            south, west, north, east = self.bbox
            found["boundingbox"] = f"({south},{west}),({north},{east})"
        return found

    def file_name(self, day: date) -> str:
        return f"ocm_poi_{self.country}{'_bbox' if self.bbox else ''}_{day.isoformat()}.json"

    def describe(self) -> str:
        box = f" in the box {','.join(map(str, self.bbox))}" if self.bbox else ""
        return f"--country {self.country}{box}"


def download(query: PoiQuery, settings: Settings, folder: Path, progress: Progress) -> Path:
    """The API's response to ``query``, written to a file in ``folder``; its path."""
    key = settings.source_setting("ocm", "api_key", "")
    api = http.Api(
        "the Open Charge Map API",
        settings.source_setting("ocm", "api_url", API_URL),
        "CHARGEWATCH_OCM_API_KEY",
        "free at openchargemap.org, under My Profile",
    )
    path = folder / query.file_name(date.today())
    headers = {"X-API-Key": key} if key else {}
    http.download(api, query.params(), path, key=key, progress=progress, headers=headers)
    with path.open("rb") as response:
        if response.read(64).strip() in (b"", b"[]"):
            raise DataError(
                f"the Open Charge Map API has no POI for {query.describe()}; nothing to load "
                "(check the country code, and the box's order: south,west,north,east)"
            )
    return path


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        south, west, north, east = (float(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not SOUTH,WEST,NORTH,EAST in degrees (e.g. 39.6,-105.1,39.9,-104.8)",
            param_hint="'--bbox'",
        ) from None
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise click.BadParameter(
            f"{value!r}: expected south < north within -90..90 and west < east within -180..180",
            param_hint="'--bbox'",
        )
    return south, west, north, east


@click.command("ocm")
@click.option("--country", required=True, metavar="XX", help="ISO country code, e.g. US.")
@click.option("--bbox", metavar="S,W,N,E", help="Only POIs in this box (degrees).")
@click.option(
    "--max-results", default=MAX_RESULTS, show_default=True, type=click.IntRange(1),
    help="The most POIs to ask for.",
)  # fmt: skip
@date_option("--as-of", "Snapshot date (default: the newest date in the response).")
@quiet_option
@click.pass_context
def command(
    ctx: click.Context,
    country: str,
    bbox: str | None,
    max_results: int,
    as_of: datetime | None,
    quiet: bool,
) -> None:
    """Pull Open Charge Map's POIs of a country (or of a box in it) and load them.

    The key is CHARGEWATCH_OCM_API_KEY (free at openchargemap.org). The
    response is kept in the lake like an ingested file and loaded as one
    snapshot of source ocm, beside AFDC's: compare them with
    chargewatch quality --compare afdc ocm.

    \b
    Examples:
      chargewatch pull ocm --country US
      chargewatch pull ocm --country US --bbox 39.6,-105.1,39.9,-104.8
    """
    if not (len(country) == 2 and country.isalpha()):
        raise click.BadParameter(
            f"{country!r} is not a two-letter country code", param_hint="'--country'"
        )
    query = PoiQuery(country.upper(), _bbox(bbox), max_results)
    day = checked_as_of(as_of)
    run_pull(
        ctx,
        lambda settings, folder, progress: download(query, settings, folder, progress),
        as_of=day,
        quiet=quiet,
    )
