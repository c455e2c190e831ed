"""The Lambda handler against a real S3-compatible server (SeaweedFS) and real PostgreSQL."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest
import s3fs

from chargewatch.aws.handler import Runtime, settings_from_env
from chargewatch.aws.secrets import database_url
from chargewatch.config import Settings
from chargewatch.errors import ConfigError, TransientError
from chargewatch.warehouse.connect import connect
from tests.conftest import AFDC_DIR, S3_CREDENTIALS, CliRunnerCall, scalar, settings_env

REAL_FILES = sorted(AFDC_DIR.glob("*.csv"))
# Object names as users make them: spaces, unicode, a plus sign.
NAMES = ["NY 2025-02 (all fuels).csv", "VA élec 2022.csv", "WA 2023+03.csv",
         "WA Feb – 2024.csv", "WA May 2024.csv"]  # fmt: skip


def s3_notification(bucket: str, key: str) -> dict[str, Any]:
    """An S3 ObjectCreated notification record; S3 URL-encodes the key."""
    return {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "eventName": "ObjectCreated:Put",
        "s3": {"bucket": {"name": bucket}, "object": {"key": quote_plus(key, safe="/")}},
    }


def s3_event(bucket: str, *keys: str) -> dict[str, Any]:
    return {"Records": [s3_notification(bucket, key) for key in keys]}


def eventbridge_event(bucket: str, key: str) -> dict[str, Any]:
    return {
        "version": "0",
        "detail-type": "Object Created",
        "source": "aws.s3",
        "detail": {"bucket": {"name": bucket}, "object": {"key": key}},
    }


def sqs_event(*bodies: dict[str, Any] | str) -> dict[str, Any]:
    records = [
        {
            "messageId": f"m{n}",
            "eventSource": "aws:sqs",
            "body": body if isinstance(body, str) else json.dumps(body),
        }
        for n, body in enumerate(bodies)
    ]
    return {"Records": records}


@pytest.fixture
def aws_settings(make_settings: Callable[[], Settings], bucket: str, s3_endpoint: str) -> Settings:
    return replace(make_settings(), lake_url=f"s3://{bucket}/lake", s3_endpoint_url=s3_endpoint)


@pytest.fixture
def fs(s3_endpoint: str) -> s3fs.S3FileSystem:
    return s3fs.S3FileSystem(client_kwargs={"endpoint_url": s3_endpoint})


def _upload(fs: s3fs.S3FileSystem, bucket: str, path: Path, name: str) -> str:
    key = f"incoming/{name}"
    fs.put_file(str(path), f"{bucket}/{key}")
    return key


def _loads(settings: Settings) -> int:
    with connect(settings) as conn:
        return int(str(scalar(conn, "select count(*) from core.load where status = 'loaded'")))


def test_each_event_shape_loads_the_object_once(
    aws_settings: Settings, fs: s3fs.S3FileSystem, bucket: str, caplog: pytest.LogCaptureFixture
) -> None:
    key = _upload(fs, bucket, REAL_FILES[-1], "WA May 2024 – ünïcode.csv")
    runtime = Runtime(aws_settings)
    with caplog.at_level(logging.INFO, logger="chargewatch.aws"):
        first = runtime.handle(s3_event(bucket, key))
    logged = json.loads(caplog.records[-1].getMessage())
    assert logged == {"message": "loaded", **first["outcomes"][0]}
    assert set(logged) == {"message", "bucket", "key", "status", "load_id", "counts"}
    connection = runtime.connection()
    assert [o["status"] for o in first["outcomes"]] == ["loaded"]
    assert first["outcomes"][0]["key"] == key
    assert first["outcomes"][0]["counts"]["rows_loaded"] == 2392
    assert runtime.handle(sqs_event(s3_event(bucket, key))) == {"batchItemFailures": []}
    again = runtime.handle(eventbridge_event(bucket, key))
    assert again["outcomes"][0]["status"] == "already_loaded"
    assert again["outcomes"][0]["load_id"] == first["outcomes"][0]["load_id"]
    assert runtime.handle(sqs_event(eventbridge_event(bucket, key))) == {"batchItemFailures": []}
    assert runtime.connection() is connection, "one connection for the container's invocations"
    assert _loads(aws_settings) == 1


def _handler_process(settings: Settings, event: dict[str, Any]) -> subprocess.Popen[bytes]:
    env = {**os.environ, **settings_env(settings), **S3_CREDENTIALS}
    code = (
        "import json, sys; from chargewatch.aws.handler import handler; "
        "print(json.dumps(handler(json.loads(sys.argv[1]), None)))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, json.dumps(event)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_real_files_delivered_twice_and_at_once_load_once_each_as_a_cli_ingest_would(
    aws_settings: Settings,
    make_settings: Callable[[], Settings],
    fs: s3fs.S3FileSystem,
    bucket: str,
) -> None:
    keys = [_upload(fs, bucket, path, name) for path, name in zip(REAL_FILES, NAMES, strict=True)]
    events = [
        s3_event(bucket, *keys),  # every file, in one batch
        s3_event(bucket, *reversed(keys)),  # the same objects at once, other order
        sqs_event(*(s3_event(bucket, key) for key in keys)),
        s3_event(bucket, keys[0], keys[0]),  # one object twice in one event
    ]
    processes = [_handler_process(aws_settings, event) for event in events]
    results = [p.communicate(timeout=300) for p in processes]
    for process, (_, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err.decode()
    answers = [json.loads(out) for out, _ in results]
    assert answers[2] == {"batchItemFailures": []}
    statuses = [o["status"] for a in answers for o in a.get("outcomes", [])]
    assert len(statuses) == 12 and set(statuses) <= {"loaded", "already_loaded"}
    assert _loads(aws_settings) == len(REAL_FILES)

    local = CliRunnerCall(make_settings())
    assert local("ingest", *map(str, REAL_FILES)).exit_code == 0
    remote = CliRunnerCall(aws_settings)
    for args in (("kpi",), ("kpi", "--by", "state"), ("kpi", "--trend")):
        kpis = [json.loads(run(*args, "--format", "json").stdout) for run in (remote, local)]
        assert kpis[0] == kpis[1]


def test_a_malformed_object_is_rejected_with_a_report_and_counts_as_handled(
    aws_settings: Settings, fs: s3fs.S3FileSystem, bucket: str
) -> None:
    fs.pipe(f"{bucket}/incoming/notes/readme.csv", b"name,comment\nx,not an AFDC export\n")
    result = Runtime(aws_settings).handle(s3_event(bucket, "incoming/notes/readme.csv"))
    (outcome,) = result["outcomes"]
    assert outcome["status"] == "rejected"
    copy = f"{bucket}/rejected/notes/readme.csv"
    assert fs.cat(copy) == b"name,comment\nx,not an AFDC export\n"
    report = json.loads(fs.cat(f"{copy}.report.json"))
    assert report["object"] == f"s3://{bucket}/incoming/notes/readme.csv"
    assert report["error_type"] == "DataError"
    assert report["error"].startswith(
        "readme.csv line 1: not an AFDC station export: no column identifies a station"
    )
    assert outcome["detail"] == f"{report['error']} (report: s3://{copy}.report.json)"
    assert _loads(aws_settings) == 0


def test_keys_outside_the_prefix_and_missing_objects_are_ignored(
    aws_settings: Settings, fs: s3fs.S3FileSystem, bucket: str
) -> None:
    _upload(fs, bucket, REAL_FILES[-1], "x.csv")
    fs.copy(f"{bucket}/incoming/x.csv", f"{bucket}/elsewhere/x.csv")
    result = Runtime(aws_settings).handle(
        s3_event(bucket, "elsewhere/x.csv", "rejected/x.csv", "incoming/gone.csv")
    )
    assert [(o["key"], o["status"], o["detail"]) for o in result["outcomes"]] == [
        ("elsewhere/x.csv", "ignored", "outside the incoming prefix 'incoming/'"),
        ("rejected/x.csv", "ignored", "outside the incoming prefix 'incoming/'"),
        ("incoming/gone.csv", "ignored", "no such object (deleted since?)"),
    ]
    assert _loads(aws_settings) == 0


def test_a_database_that_is_down_raises_and_the_retry_loads_once(
    aws_settings: Settings, fs: s3fs.S3FileSystem, bucket: str, tmp_path: Path
) -> None:
    key = _upload(fs, bucket, REAL_FILES[-1], "WA May.csv")
    down = replace(aws_settings, database_url=f"host={tmp_path} port=1 dbname=x password=s3cret")
    with pytest.raises(TransientError) as error:
        Runtime(down).handle(s3_event(bucket, key))
    assert "s3cret" not in str(error.value)
    batch = Runtime(down).handle(
        sqs_event(s3_event(bucket, key), "not json", s3_event(bucket, key))
    )
    assert batch == {"batchItemFailures": [{"itemIdentifier": "m0"}, {"itemIdentifier": "m2"}]}
    runtime = Runtime(aws_settings)
    assert runtime.handle(s3_event(bucket, key))["outcomes"][0]["status"] == "loaded"
    assert runtime.handle(s3_event(bucket, key))["outcomes"][0]["status"] == "already_loaded"
    assert _loads(aws_settings) == 1


@pytest.mark.slow
def test_a_database_outage_during_a_load_raises_and_the_retry_completes(
    aws_settings: Settings, fs: s3fs.S3FileSystem, bucket: str, big_file: Path
) -> None:
    key = _upload(fs, bucket, big_file, "big.csv")
    runtime = Runtime(aws_settings)
    failed: list[BaseException] = []

    def invoke() -> None:
        try:
            runtime.handle(s3_event(bucket, key))
        except BaseException as exc:
            failed.append(exc)

    worker = threading.Thread(target=invoke)
    with connect(aws_settings) as conn:
        worker.start()
        _terminate_when_building(conn)
        worker.join(300)
    assert len(failed) == 1 and isinstance(failed[0], TransientError), failed
    retry = runtime.handle(s3_event(bucket, key))
    assert retry["outcomes"][0]["status"] == "loaded"
    assert retry["outcomes"][0]["counts"]["rows_loaded"] == 120_000
    assert _loads(aws_settings) == 1


def _terminate_when_building(conn: Any) -> None:
    """Kill the load's database sessions once it is writing stations: an outage mid-load."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        killed = conn.execute(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity "
            "where application_name = 'chargewatch' and pid <> pg_backend_pid() "
            "and datname = current_database() and exists (select from pg_stat_activity "
            "where application_name = 'chargewatch' and state = 'active' "
            "and query like '-- The stations one load writes%%')"
        ).fetchone()
        if killed and killed[0]:
            return
        time.sleep(0.005)
    raise AssertionError("the load never reached its station build")


def test_the_database_url_from_an_rds_secret() -> None:
    secret = {"username": "loader", "password": "p@ss/w:rd", "host": "db.example", "port": 5432}
    assert database_url(secret, "verify-full") == (
        "postgresql://loader:p%40ss%2Fw%3Ard@db.example:5432/postgres?sslmode=verify-full"
    )
    with pytest.raises(ConfigError, match="the database secret lacks password, host"):
        database_url({"username": "x"})


def test_the_function_needs_a_database(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CHARGEWATCH_DATABASE_URL", "CHARGEWATCH_DATABASE_SECRET_ARN"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError, match=r"^no database: set CHARGEWATCH_DATABASE_SECRET_ARN"):
        settings_from_env()
