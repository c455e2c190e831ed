"""Spark and PostgreSQL build the same months: the loader's incremental intervals, the
shared definition on PostgreSQL and the same definition on Spark over the lake's
Parquet give identical result sets (every interval to the microsecond, every
port-month's minutes as numbers), on the real Irish and Zurich feeds, the OCPI
examples and a generated feed loaded late, twice and out of order."""

from __future__ import annotations

import random
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pyarrow.parquet as pq
import pytest
import s3fs
from click.testing import CliRunner

from chargewatch.aws.handler import Runtime
from chargewatch.cli.main import cli
from chargewatch.config import Settings
from chargewatch.engines import emr_job, parquet
from chargewatch.engines import spark as on_spark
from chargewatch.engines.builds import build_months
from chargewatch.errors import ConfigError
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.warehouse.connect import connect
from tests.conftest import AFDC_DIR, SHARED_DATA, CliRunnerCall, settings_env

IRELAND = SHARED_DATA / "status" / "ie_cpinfo_status_5min_2018-11-01_to_02.tsv"
ZURICH = sorted((SHARED_DATA / "status").glob("ch_bfe_evse_status_snapshot_*_zurich.csv"))
OCPI = [SHARED_DATA / "ocpi" / name for name in (
    "ocpi221_location_example.json", "ocpi_ndw_receiver_test_locations_NL_2021.json",
    "ocpi_ndw_receiver_test_page0_NL_2021.json", "ocpi221_location_uc4_limited_visibility.json",
)]  # fmt: skip
INTERVALS = (
    "select p.source, p.port_key, i.month, i.starts_at, i.ends_at, i.status "
    "from core.port_status_interval as i join core.port as p using (port_pk) order by 1, 2, 4"
)
UPTIME = (
    "select source, port_key, month, period_minutes, observed_minutes, outage_minutes, "
    "excluded_minutes, uptime_nevi, uptime_observed, outage_count "
    "from reporting.port_uptime_month order by 1, 2, 3"
)


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session for the suite (Java 17 installed from Debian if missing)."""
    if shutil.which("java") is None:
        subprocess.run(["apt-get", "update", "-q"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "openjdk-17-jre-headless"], check=True)
    session = on_spark.session()
    yield session
    session.stop()


def _rows(settings: Settings, query: str) -> list[tuple[Any, ...]]:
    with connect(settings) as conn:
        return [tuple(row) for row in conn.execute(query).fetchall()]


def _load(settings: Settings, *paths: Path) -> None:
    with connect(settings) as conn:
        for path in paths:
            ingest_file(conn, Lake(settings.lake), str(path))


def _build(settings: Settings, source: str, engine: str) -> None:
    with connect(settings) as conn:
        build_months(conn, Lake(settings.lake), source, engine=engine)


def _three_ways(settings: Settings, source: str) -> None:
    """The loader's intervals and uptime equal the shared definition's on PostgreSQL and
    on Spark."""
    loaded = (_rows(settings, INTERVALS), _rows(settings, UPTIME))
    assert loaded[0], "the feed gave intervals"
    _build(settings, source, "postgres")
    assert (_rows(settings, INTERVALS), _rows(settings, UPTIME)) == loaded
    _build(settings, source, "spark")
    assert (_rows(settings, INTERVALS), _rows(settings, UPTIME)) == loaded


def test_the_irish_polls_give_the_same_intervals_and_minutes_on_both_engines(
    settings: Settings, spark: Any
) -> None:
    _load(settings, IRELAND)
    _three_ways(settings, "esb")


def test_the_zurich_snapshots_and_the_ocpi_examples_give_the_same_on_both_engines(
    make_settings: Callable[[], Settings], spark: Any
) -> None:
    zurich = make_settings()
    _load(zurich, *reversed(ZURICH))
    _three_ways(zurich, "bfe")
    ocpi = make_settings()
    _load(ocpi, *OCPI)
    _three_ways(ocpi, "ocpi")


LINE = "{day}\t{hhmm}\tCP:{point}\tCHAdeMO\t{code}\t-6.{n},53.{n}\tStreet\t-6.{n}\t53.{n}\r\n"


def _generated_polls() -> list[str]:
    """Six ports polled every 5 minutes across the end of October 2018 (Irish time is
    UTC then): a failed poll, 25 minutes without a poll, repeated lines."""
    rng = random.Random(7)
    start = datetime(2018, 10, 31, 22, 0)
    polls = []
    for step in range(60):
        at = start + timedelta(minutes=5 * step)
        if 20 <= step < 25:
            continue  # the feed was silent: unobserved beyond the 15-minute gap
        stamp = {"day": f"{at:%Y%m%d}", "hhmm": str(int(f"{at:%H%M}"))}
        if step == 30:
            polls.append(LINE.format(**stamp, point="X", code="NA", n=0))
            continue
        lines = [
            LINE.format(**stamp, point=f"P{n}", code=rng.choice(["Occ", "OOS", "OOC"]), n=n)
            for n in range(6)
            if rng.random() < 0.5
        ]
        polls.append(
            "".join(lines + lines[:1]) or LINE.format(**stamp, point="P9", code="Occ", n=9)
        )
    return polls


def test_a_feed_loaded_late_twice_and_out_of_order_gives_the_same_on_both_engines(
    settings: Settings, spark: Any, tmp_path: Path
) -> None:
    polls = _generated_polls()
    pieces = [polls[0:20], polls[15:35], polls[35:], polls[10:12]]
    pieces.append([poll.replace("Occ", "OOS") for poll in polls[40:42]])  # disagrees: OOS stands
    paths = []
    for number, piece in enumerate(pieces):
        path = tmp_path / f"piece_{number}.tsv"
        path.write_text("".join(piece), encoding="utf-8")
        paths.append(path)
    _load(settings, paths[2], paths[4], paths[0], paths[3], paths[1], paths[2])
    months = {row[2] for row in _rows(settings, INTERVALS)}
    assert len(months) == 2, "the feed crosses into November"
    _three_ways(settings, "esb")


def test_with_the_spark_engine_ingest_then_uptime_gives_what_postgresql_gives(
    make_settings: Callable[[], Settings], spark: Any
) -> None:
    answers = []
    for engine in ("postgres", "spark"):
        env = {**settings_env(make_settings()), "CHARGEWATCH_ENGINE": engine}
        runner = CliRunner()
        loaded = runner.invoke(cli, ["ingest", "-q", str(IRELAND)], env=env)
        assert loaded.exit_code == 0, loaded.output
        answer = runner.invoke(cli, ["uptime", "--format", "json"], env=env)
        assert answer.exit_code == 0, answer.output
        answers.append(answer.stdout)
    assert answers[0] == answers[1]


def test_ocpp_logs_with_station_wide_statuses_and_silences_give_the_same_on_both_engines(
    make_settings: Callable[[], Settings], spark: Any
) -> None:
    logs = sorted((Path(__file__).parent / "fixtures" / "ocpp").iterdir())
    default = make_settings()
    _load(default, *logs)
    _three_ways(default, "ocpp")
    tighter = make_settings()
    with connect(tighter) as conn:
        for log in reversed(logs):
            ingest_file(conn, Lake(tighter.lake), str(log), offline_after=timedelta(minutes=4))
    assert "offline" in {row[5] for row in _rows(tighter, INTERVALS)}, "a silence is offline"
    _three_ways(tighter, "ocpp")


def test_status_build_says_what_it_cannot_build(invoke: CliRunnerCall, settings: Settings) -> None:
    _load(settings, AFDC_DIR / "afdc_WA_elec_2024-05.csv")
    result = invoke("status", "build", "--source", "afdc")
    assert result.exit_code == 1
    assert result.stderr == "Error: afdc is not a status feed; status build builds feeds only\n"
    bad = invoke("status", "build", "--month", "2024-13")
    assert bad.exit_code == 2
    assert "'2024-13' is not a month YYYY-MM, e.g. 2024-03" in bad.stderr
    assert invoke("status", "build").stdout == (
        "No status feed loaded yet. Load one with: chargewatch ingest FILE\n"
    )
    _load(settings, IRELAND)
    env = {**settings_env(settings), "CHARGEWATCH_ENGINE": "sparky"}
    unknown = CliRunner().invoke(cli, ["status", "build"], env=env)
    assert (unknown.exit_code, unknown.stderr) == (
        1,
        "Error: engine 'sparky' (CHARGEWATCH_ENGINE): expected one of postgres, spark\n",
    )


def test_spark_without_java_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConfigError) as raised:
        on_spark.java_version()
    assert str(raised.value) == (
        "no java found. Spark needs Java 17 or newer: on Debian or Ubuntu, "
        "apt-get install openjdk-17-jre-headless (or set JAVA_HOME)"
    )


def test_a_cluster_jobs_month_in_the_lake_is_loaded_by_the_lambda_function(
    make_settings: Callable[[], Settings], spark: Any, bucket: str, s3_endpoint: str
) -> None:
    """The job as spark-submit runs it writes the month under the lake's results; its
    _SUCCESS marker, announced to the function, puts that month in the warehouse."""
    local = make_settings()
    _load(local, IRELAND)
    loaded = _rows(local, INTERVALS)
    with connect(local) as conn:
        parquet.write_load(conn, Lake(local.lake), "esb", 1)  # as a load on the Spark engine does
    emr_job.main(["--lake", local.lake, "--source", "esb", "--feed", "polls", "--month", "2018-11"])
    store = s3fs.S3FileSystem(client_kwargs={"endpoint_url": s3_endpoint})
    store.put(f"{local.lake}/results/", f"{bucket}/lake/results/", recursive=True)
    on_aws = replace(local, lake_url=f"s3://{bucket}/lake", s3_endpoint_url=s3_endpoint)
    with connect(on_aws) as conn:
        conn.execute("delete from core.port_status_interval")
    marker = "lake/results/intervals/source=esb/month=2018-11/_SUCCESS"
    outcome = Runtime(on_aws).handle(
        {"detail-type": "Object Created", "source": "aws.s3",
         "detail": {"bucket": {"name": bucket}, "object": {"key": marker}}}
    )  # fmt: skip
    ports = len({row[1] for row in loaded})
    assert outcome == {"outcomes": [{
        "bucket": bucket, "key": marker, "status": "loaded",
        "detail": f"esb 2018-11: {len(loaded)} intervals of {ports} ports",
    }]}  # fmt: skip
    assert _rows(on_aws, INTERVALS) == loaded
    emr_job.main([
        "--lake", local.lake, "--source", "esb", "--feed", "polls", "--month", "2018-11",
        "--max-gap-minutes", "10",
    ])  # fmt: skip
    store.rm(f"{bucket}/lake/results", recursive=True)  # a new run's results replace the old
    store.put(f"{local.lake}/results/", f"{bucket}/lake/results/", recursive=True)
    (stale,) = Runtime(on_aws).handle(
        {"detail-type": "Object Created", "source": "aws.s3",
         "detail": {"bucket": {"name": bucket}, "object": {"key": marker}}}
    )["outcomes"]  # fmt: skip
    assert stale["status"] == "rejected"
    assert stale["detail"] == (
        f"s3://{bucket}/lake/results/intervals/source=esb/month=2018-11: built from loads 1 "
        "with max gap 600000000 µs and offline-after None µs, but the warehouse has loads 1 "
        "with 900000000 µs and None µs; run the Spark job again (after a Spark-engine load or "
        "status build has written every load's Parquet parts)"
    )
    assert _rows(on_aws, INTERVALS) == loaded


def test_load_results_names_a_month_no_job_finished(
    invoke: CliRunnerCall, settings: Settings
) -> None:
    _load(settings, IRELAND)
    result = invoke("status", "load-results", "--source", "esb", "--month", "2018-10")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: no finished Spark results for esb 2018-10 in file://{settings.lake}/results/intervals/"
        "source=esb/month=2018-10: run the Spark job (chargewatch.engines.emr_job) first\n"
    )


def test_a_loads_parquet_parts_hold_its_lines_by_utc_day_and_writing_them_again_changes_nothing(
    settings: Settings,
) -> None:
    _load(settings, IRELAND)
    days: dict[str, int] = {}
    with IRELAND.open(encoding="utf-8", newline="") as feed:
        for day, hhmm, *_ in (line.split("\t") for line in feed):
            clock = int(hhmm)
            local = datetime.strptime(day, "%Y%m%d").replace(
                hour=clock // 100, minute=clock % 100, tzinfo=ZoneInfo("Europe/Dublin")
            )
            utc_day = f"{local.astimezone(ZoneInfo('UTC')):%Y-%m-%d}"
            days[utc_day] = days.get(utc_day, 0) + 1
    lake = Lake(settings.lake)
    with connect(settings) as conn:
        for _ in range(2):
            assert parquet.write_load(conn, lake, "esb", 1) == sum(days.values())
    folder = Path(settings.lake) / "status" / "source=esb"
    written = {p.parent.name: pq.read_table(p).num_rows for p in folder.glob("date=*/*.parquet")}
    assert written == {f"date={day}": rows for day, rows in days.items()}
