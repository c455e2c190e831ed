"""A status load's observations as Parquet in the lake, for engines that read the lake
(Spark) rather than the warehouse.

Each load of a status feed becomes ``status/source=<source>/date=<YYYY-MM-DD>/
part-<load_id>.parquet`` (zstd), one file per UTC day it observed: the rows of the
source's staging model (``core.stg_<source>__observation``) for that load, the same
rows the warehouse stored its events, polls and ports from. A feed whose chargers'
messages count (OCPP) also gets ``contact/source=…/date=…`` from
``core.stg_<source>__contact``. Writing a load's parts again replaces them, so a
rerun is harmless. Needs pyarrow (``chargewatch[spark]``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chargewatch.engines.job import CONTACT, STATUS, Dataset
from chargewatch.errors import ConfigError
from chargewatch.sources import registry
from chargewatch.warehouse.sqlfiles import read_sql
from chargewatch.warehouse.stations import staging_view

if TYPE_CHECKING:
    import pyarrow as pa

    from chargewatch.lake import Lake
    from chargewatch.warehouse.connect import Connection


def arrow() -> Any:
    """pyarrow, or ``ConfigError`` saying how to install it."""
    try:
        import pyarrow
        import pyarrow.compute
        import pyarrow.csv
        import pyarrow.dataset
        import pyarrow.parquet
    except ImportError:
        raise ConfigError(
            "writing status events as Parquet needs pyarrow: pip install 'chargewatch[spark]'"
        ) from None
    return pyarrow


def schema(dataset: Dataset) -> pa.Schema:
    pa = arrow()
    kinds = {"string": pa.string(), "bool": pa.bool_(), "int64": pa.int64(),
             "timestamp": pa.timestamp("us", tz="UTC")}  # fmt: skip
    return pa.schema([(name, kinds[kind]) for name, kind in dataset.columns])


def part_folder(lake: Lake, source: str, dataset: Dataset = STATUS) -> str:
    """The folder of a source's parts in the lake (a path of ``lake.fs``)."""
    return dataset.folder(lake.root, source)


def datasets_of(source: str) -> tuple[Dataset, ...]:
    return (STATUS, CONTACT) if registry.source(source).reports_contact else (STATUS,)


def write_load(conn: Connection, lake: Lake, source: str, load_id: int) -> int:
    """Write load ``load_id``'s observations (and messages) as its Parquet parts; returns
    the observations."""
    written = {dataset.prefix: _write(conn, lake, source, load_id, dataset)
               for dataset in datasets_of(source)}  # fmt: skip
    with lake.fs.open(_marker(lake, source, load_id), "wb") as marker:
        marker.write(b"%d\n" % written[STATUS.prefix])
    return written[STATUS.prefix]


def _marker(lake: Lake, source: str, load_id: int) -> str:
    """Written last, once every dataset of the load is: what ``loads_written`` counts
    (a folder Spark skips, its name starting with an underscore)."""
    folder = f"{part_folder(lake, source)}/_loads"
    lake.fs.makedirs(folder, exist_ok=True)
    return f"{folder}/{load_id}"


def _write(conn: Connection, lake: Lake, source: str, load_id: int, dataset: Dataset) -> int:
    query = read_sql("engines", f"load_{dataset.prefix}.sql").format(
        staging=staging_view(source, dataset.entity).as_string(conn)
    )
    with tempfile.TemporaryDirectory(prefix="chargewatch-parquet-") as folder:
        text = Path(folder) / "rows.csv"
        with text.open("wb") as out, conn.cursor() as cur:
            copy_sql = f"copy ({query}) to stdout (format csv, header true)"
            with cur.copy(copy_sql, {"source": source, "load_id": load_id}) as copy:
                for block in copy:
                    out.write(block)
        for path in lake.fs.glob(
            f"{part_folder(lake, source, dataset)}/date=*/part-{load_id}.parquet"
        ):
            lake.fs.rm(path)
        return _write_days(lake, source, load_id, dataset, text)


def _write_days(lake: Lake, source: str, load_id: int, dataset: Dataset, text: Path) -> int:
    """Stream the CSV into one Parquet file per day, each day's rows in one writer; every
    file is closed (and, on an object store, uploaded) before this returns."""
    pa = arrow()
    with ExitStack() as files:
        writers: dict[str, Any] = {}
        rows = 0
        for day, batch in _day_batches(dataset, text):
            if day not in writers:
                path = f"{part_folder(lake, source, dataset)}/date={day}/part-{load_id}.parquet"
                lake.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
                sink = files.enter_context(lake.fs.open(path, "wb"))
                writers[day] = pa.parquet.ParquetWriter(sink, schema(dataset), compression="zstd")
                files.callback(writers[day].close)  # runs before its sink is closed
            writers[day].write_table(batch)
            rows += batch.num_rows
    return rows


def _day_batches(dataset: Dataset, text: Path) -> Iterator[tuple[str, pa.Table]]:
    """The CSV's rows (times as microseconds) as tables of one UTC day each."""
    pa = arrow()
    target = schema(dataset)
    types = {f.name: pa.int64() if f.name in dataset.times else f.type for f in target}
    options = pa.csv.ConvertOptions(
        column_types=types,
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
        true_values=["t"],
        false_values=["f"],
    )
    with pa.csv.open_csv(str(text), convert_options=options) as reader:
        for batch in reader:
            table = pa.Table.from_batches([batch])
            for name in dataset.times:
                at = table.column(name).cast(pa.timestamp("us", tz="UTC"))
                table = table.set_column(table.schema.get_field_index(name), name, at)
            days = pa.compute.strftime(table.column(dataset.dated_by), format="%Y-%m-%d")
            for day in pa.compute.unique(days).to_pylist():
                yield day, table.filter(pa.compute.equal(days, day)).cast(target)


def loads_written(lake: Lake, source: str) -> set[int]:
    """The loads of ``source`` whose parts are all in the lake."""
    found = lake.fs.glob(f"{part_folder(lake, source)}/_loads/*")
    return {int(path.rsplit("/", 1)[1]) for path in found}
