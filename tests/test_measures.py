"""The one declaration of counts and dimensions (``chargewatch.measures``) agrees with
the warehouse it is written into."""

from __future__ import annotations

from chargewatch.measures import DIMENSIONS, STORED_COUNTS, expand
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import table_columns


def test_the_stored_counts_are_the_count_columns_of_the_history_table(conn: Connection) -> None:
    """The table the migrations made (the views list the counts from the declaration)."""
    columns = table_columns(conn, "core.station_group_history")
    counts = [c for c in columns if c.endswith(("_count", "_total"))]
    assert tuple(counts) == STORED_COUNTS


def test_every_dimension_is_a_column_of_station_group(conn: Connection) -> None:
    columns = set(table_columns(conn, "reporting.station_group"))
    assert {"source", "state", "city", "network", "facility_type", "owner_type", "access"} == set(
        DIMENSIONS
    )
    assert set(DIMENSIONS) <= columns


def test_placeholders_are_written_out() -> None:
    assert expand("select {{counts:g}} from t").startswith(
        "select g.station_count, g.existing_count, g.operational_count,"
    )
    assert "connector_type_total" not in expand("{{shown_counts}}")
    assert expand("{{count_sums}}").startswith("sum(station_count)::bigint as station_count, ")
    assert expand("regex {1,2} stays") == "regex {1,2} stays"
