"""A status load's observations as Parquet in the lake, for engines that read the lake
(Spark) rather than the warehouse.

Each load of a status feed becomes ``status/source=<source>/date=<YYYY-MM-DD>/
part-<load_id>.parquet`` (zstd), one file per UTC day it observed: the rows of the
source's staging model (``core.stg_<source>__observation``) for that load, the same
rows the warehouse stored its events, polls and ports from. Writing a load's parts
again replaces them, so a rerun is harmless. Needs pyarrow (``chargewatch[spark]``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chargewatch.errors import ConfigError
from chargewatch.warehouse.sqlfiles import read_sql
from chargewatch.warehouse.stations import staging_view

if TYPE_CHECKING:
    import pyarrow as pa

    from chargewatch.lake import Lake
    from chargewatch.warehouse.connect import Connection

COLUMNS = (
    ("source", "string"), ("port_key", "string"), ("station_id", "string"),
    ("port_id", "string"), ("observed_at", "timestamp"), ("seen_at", "timestamp"),
    ("poll_succeeded", "bool"), ("status", "string"), ("source_status", "string"),
    ("error_code", "string"), ("whole_station", "bool"), ("load_id", "int64"),
    ("line_number", "int64"),
)  # fmt: skip
"""The Parquet columns, in order; times are UTC, to the microsecond."""
STATUS_PREFIX = "status"


def arrow() -> Any:
    """pyarrow, or ``ConfigError`` saying how to install it."""
    try:
        import pyarrow
        import pyarrow.compute
        import pyarrow.csv
        import pyarrow.parquet
    except ImportError:
        raise ConfigError(
            "writing status events as Parquet needs pyarrow: pip install 'chargewatch[spark]'"
        ) from None
    return pyarrow


def schema() -> pa.Schema:
    pa = arrow()
    kinds = {"string": pa.string(), "bool": pa.bool_(), "int64": pa.int64(),
             "timestamp": pa.timestamp("us", tz="UTC")}  # fmt: skip
    return pa.schema([(name, kinds[kind]) for name, kind in COLUMNS])


def part_folder(lake: Lake, source: str) -> str:
    """The folder of a source's status parts in the lake (a path of ``lake.fs``)."""
    return f"{lake.root.rstrip('/')}/{STATUS_PREFIX}/source={source}"


def write_load(conn: Connection, lake: Lake, source: str, load_id: int) -> int:
    """Write load ``load_id``'s observations as its Parquet parts; returns the rows."""
    pa = arrow()
    query = read_sql("engines", "load_observations.sql").format(
        observation=staging_view(source, "observation").as_string(conn)
    )
    with tempfile.TemporaryDirectory(prefix="chargewatch-parquet-") as folder:
        text = Path(folder) / "observations.csv"
        with text.open("wb") as out, conn.cursor() as cur:
            copy_sql = f"copy ({query}) to stdout (format csv, header true)"
            with cur.copy(copy_sql, {"source": source, "load_id": load_id}) as copy:
                for block in copy:
                    out.write(block)
        _remove_parts(lake, source, load_id)
        return _write_days(pa, lake, source, load_id, text)


def _write_days(pa: Any, lake: Lake, source: str, load_id: int, text: Path) -> int:
    """Stream the CSV into one Parquet file per day, each day's rows in one writer."""
    writers: dict[str, Any] = {}
    rows = 0
    try:
        for day, batch in _day_batches(pa, text):
            if day not in writers:
                path = f"{part_folder(lake, source)}/date={day}/part-{load_id}.parquet"
                lake.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
                writers[day] = pa.parquet.ParquetWriter(
                    lake.fs.open(path, "wb"), schema(), compression="zstd"
                )
            writers[day].write_table(batch)
            rows += batch.num_rows
    finally:
        for writer in writers.values():
            writer.close()
    return rows


def _day_batches(pa: Any, text: Path) -> Iterator[tuple[str, pa.Table]]:
    """The CSV's rows as tables of one UTC day each, in the Parquet schema."""
    compute = pa.compute
    target = schema()
    types = {f.name: (pa.int64() if f.name in ("observed_at", "seen_at") else f.type)
             for f in target}  # fmt: skip
    options = pa.csv.ConvertOptions(
        column_types=types, strings_can_be_null=True, true_values=["t"], false_values=["f"]
    )
    with pa.csv.open_csv(str(text), convert_options=options) as reader:
        for batch in reader:
            table = pa.Table.from_batches([batch])
            for name in ("observed_at", "seen_at"):
                at = table.column(name).cast(pa.timestamp("us", tz="UTC"))
                table = table.set_column(table.schema.get_field_index(name), name, at)
            days = compute.strftime(table.column("observed_at"), format="%Y-%m-%d")
            for day in compute.unique(days).to_pylist():
                yield day, table.filter(compute.equal(days, day)).cast(target)


def _remove_parts(lake: Lake, source: str, load_id: int) -> None:
    for path in lake.fs.glob(f"{part_folder(lake, source)}/date=*/part-{load_id}.parquet"):
        lake.fs.rm(path)


def loads_written(lake: Lake, source: str) -> set[int]:
    """The loads of ``source`` whose parts are in the lake."""
    found = lake.fs.glob(f"{part_folder(lake, source)}/date=*/part-*.parquet")
    return {int(path.rsplit("part-", 1)[1].split(".")[0]) for path in found}
