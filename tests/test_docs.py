"""``chargewatch docs``: the data dictionary lists every reporting view from the comments."""

from __future__ import annotations

from pathlib import Path

from chargewatch.warehouse.connect import Connection
from tests.conftest import CliRunnerCall


def test_every_reporting_view_is_described(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    result = invoke("docs", str(tmp_path / "reporting.md"))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "reporting.md").read_text(encoding="utf-8")
    views = [
        row[0]
        for row in conn.execute(
            "select table_name from information_schema.views where table_schema = 'reporting' "
            "order by 1"
        )
    ]
    assert result.stdout == f"{tmp_path / 'reporting.md'}: {len(views)} views\n"
    sections = [line.removeprefix("## reporting.") for line in text.splitlines()
                if line.startswith("## ")]  # fmt: skip
    assert sections == views
    assert (
        "| `station_operational_rate` | double precision | "
        "operational / (operational + temporarily unavailable); null when neither. |"
    ) in text
