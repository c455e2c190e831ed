"""The lake and inputs on a real S3-compatible server (SeaweedFS on loopback)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest
import s3fs

from chargewatch.config import Settings
from tests.conftest import AFDC_DIR, S3_CREDENTIALS, CliRunnerCall

WA_MAY = AFDC_DIR / "afdc_WA_elec_2024-05.csv"


def _s3(endpoint: str) -> s3fs.S3FileSystem:
    return s3fs.S3FileSystem(client_kwargs={"endpoint_url": endpoint})


def _on_s3(make_settings: Callable[[], Settings], bucket: str, endpoint: str) -> CliRunnerCall:
    settings = replace(make_settings(), lake_url=f"s3://{bucket}/lake", s3_endpoint_url=endpoint)
    return CliRunnerCall(settings)


def test_ingest_from_s3_into_an_s3_lake_equals_a_local_ingest(
    make_settings: Callable[[], Settings], bucket: str, s3_endpoint: str
) -> None:
    fs = _s3(s3_endpoint)
    key = f"{bucket}/incoming/WA May 2024 – export.csv"
    fs.put_file(str(WA_MAY), key)
    remote = _on_s3(make_settings, bucket, s3_endpoint)
    result = remote("ingest", f"s3://{key}")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("WA May 2024 – export.csv → load 1 (as of 2024-05-22)\n")
    stored = [path for path in fs.find(f"{bucket}/lake") if path.endswith(".csv")]
    assert len(stored) == 1 and "/lake/raw/afdc/" in stored[0]  # no partial copy left in tmp/
    assert fs.cat(stored[0]) == WA_MAY.read_bytes()

    local = CliRunnerCall(make_settings())
    assert local("ingest", str(WA_MAY)).exit_code == 0
    for by in ((), ("--by", "network")):
        kpis = [json.loads(run("kpi", *by, "--format", "json").stdout) for run in (remote, local)]
        assert kpis[0] == kpis[1]

    again = remote("ingest", f"s3://{key}")
    assert again.stdout == (
        "WA May 2024 – export.csv: already loaded as load 1 (same SHA-256); nothing changed\n"
    )


def test_a_missing_s3_object_is_named(
    make_settings: Callable[[], Settings], bucket: str, s3_endpoint: str
) -> None:
    result = _on_s3(make_settings, bucket, s3_endpoint)("ingest", f"s3://{bucket}/nope.csv")
    assert result.exit_code == 1
    assert result.stderr == f"Error: s3://{bucket}/nope.csv: no such file\n"


def test_an_unreachable_s3_endpoint_is_a_transient_error(
    make_settings: Callable[[], Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in S3_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    settings = replace(make_settings(), s3_endpoint_url="http://127.0.0.1:9")
    result = CliRunnerCall(settings)("ingest", "s3://bucket/file.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: s3://bucket/file.csv: could not be read (")
    assert result.stderr.endswith("); try again\n")
