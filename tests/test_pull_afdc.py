"""``chargewatch pull afdc`` against recorded AFDC API responses replayed on 127.0.0.1:
the stations load as one snapshot kept in the lake; rate limits are retried, then
reported with when to try again; a refused key says what to set."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from click.testing import Result

from chargewatch.cli.main import cli
from chargewatch.warehouse.connect import Connection
from tests.conftest import SHARED_DATA, CliRunnerCall, settings_env
from tests.replay import Reply, replaying

RECORDED = SHARED_DATA / "afdc_api" / "afdc_apidoc_example_nearest_2025-12-12.json"
RATE_LIMITED = Reply(
    429,
    b'{"error":{"code":"OVER_RATE_LIMIT"}}',
    {"X-RateLimit-Limit": "30", "X-RateLimit-Remaining": "0", "Retry-After": "0"},
)


def _pull(invoke: CliRunnerCall, url: str, *args: str, key: str = "") -> Result:
    env = {**settings_env(invoke.settings), "CHARGEWATCH_AFDC_API_URL": url}
    if key:
        env["CHARGEWATCH_AFDC_API_KEY"] = key
    return invoke.runner.invoke(cli, ["pull", "afdc", "--quiet", *args], env=env)


def _elec_ids(path: Path) -> list[str]:
    stations = json.loads(path.read_text(encoding="utf-8"))["fuel_stations"]
    return sorted(str(s["id"]) for s in stations if s["fuel_type_code"] == "ELEC")


def test_a_pull_loads_the_response_as_a_snapshot(invoke: CliRunnerCall, conn: Connection) -> None:
    with replaying([Reply(body=RECORDED.read_bytes())]) as api:
        result = _pull(invoke, api.url, "--state", "co")
    assert result.exit_code == 0, result.output
    (request,) = api.requests
    assert parse_qs(urlsplit(request).query) == {
        "api_key": ["DEMO_KEY"],
        "fuel_type": ["ELEC"],
        "limit": ["all"],
        "state": ["CO"],
    }
    stations = conn.execute("select station_id from reporting.station order by 1").fetchall()
    assert [s for (s,) in stations] == _elec_ids(RECORDED)
    file_name, lake_uri = conn.execute(
        "select file_name, lake_uri from reporting.load"
    ).fetchone() or ("", "")
    assert file_name.startswith("afdc_api_CO_ELEC_") and file_name.endswith(".json")
    assert Path(lake_uri.removeprefix("file://")).read_bytes() == RECORDED.read_bytes()


def test_a_rate_limit_is_retried(invoke: CliRunnerCall, conn: Connection) -> None:
    with replaying([RATE_LIMITED, RATE_LIMITED, Reply(body=RECORDED.read_bytes())]) as api:
        result = _pull(invoke, api.url, key="my-own-key")
    assert result.exit_code == 0, result.output
    assert len(api.requests) == 3
    assert all("api_key=my-own-key" in r and "state=" not in r for r in api.requests)
    assert conn.execute("select count(*) from reporting.station").fetchone() == (
        len(_elec_ids(RECORDED)),
    )


def test_a_lasting_rate_limit_says_when_to_retry(invoke: CliRunnerCall, conn: Connection) -> None:
    hour = Reply(429, b"{}", {**RATE_LIMITED.headers, "Retry-After": "3600"})
    with replaying([hour]) as api:
        result = _pull(invoke, api.url)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the AFDC API is rate-limiting this key (HTTP 429, 0 of 30 requests left this "
        "hour); try again in 60 minutes or set CHARGEWATCH_AFDC_API_KEY to your own key\n"
    )
    assert conn.execute("select count(*) from core.load").fetchone() == (0,)


def test_a_refused_key_says_what_to_set(invoke: CliRunnerCall) -> None:
    with replaying([Reply(403, b'{"error":{"code":"API_KEY_INVALID"}}')]) as api:
        result = _pull(invoke, api.url, key="wrong")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the AFDC API refused the API key (HTTP 403); set CHARGEWATCH_AFDC_API_KEY to "
        "a valid key (free at developer.nrel.gov/signup)\n"
    )


def test_a_state_code_is_checked(invoke: CliRunnerCall) -> None:
    result = invoke("pull", "afdc", "--state", "Colorado")
    assert result.exit_code == 2
    assert "Invalid value for '--state': 'Colorado' is not a two-letter state code" in result.stderr


def test_a_pull_can_be_given_its_snapshot_date(invoke: CliRunnerCall, conn: Connection) -> None:
    with replaying([Reply(body=RECORDED.read_bytes())]) as api:
        result = _pull(invoke, api.url, "--as-of", "2025-12-20")
    assert result.exit_code == 0, result.output
    assert conn.execute("select as_of_date::text from reporting.load").fetchone() == ("2025-12-20",)
