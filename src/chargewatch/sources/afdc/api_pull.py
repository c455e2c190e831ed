"""Download the AFDC API's stations (``chargewatch pull afdc``) into a file, as one response.

The API is ``developer.nrel.gov/api/alt-fuel-stations/v1.json`` with ``limit=all``;
its key is ``CHARGEWATCH_AFDC_API_KEY`` (default ``DEMO_KEY``, a few requests an
hour). The response is streamed to disk (``sources.http``: retries, rate limits), then
loaded like any API response (``api_json``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from chargewatch.config import AFDC_DEMO_KEY
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.sources import http


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
) -> Path:
    """The API's response to ``query``, written to a file in ``folder``; its path."""
    api = http.Api(
        "the AFDC API",
        base_url,
        "CHARGEWATCH_AFDC_API_KEY",
        "free at developer.nrel.gov/signup",
        AFDC_DEMO_KEY,
    )
    path = folder / query.file_name(date.today())
    return http.download(api, query.params(key), path, key=key, progress=progress)
