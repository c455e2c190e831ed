"""The workbook's maintenance dashboard: the anomalies on a map and by kind
(``reporting.anomaly``), and the newest morning list, each port's chance of an outage
the next day (``reporting.maintenance_score``)."""

from __future__ import annotations

from chargewatch.export.tableau_model import NEWEST_NAME, Field, Sheet, Source, coordinates, real

ANOMALIES = Field(
    "Calculation_anomalies", "integer", "measure", "quantitative", "Anomalies",
    "COUNT([reason_code])",
)  # fmt: skip
NEWEST_LIST = Field(NEWEST_NAME, "boolean", caption="Newest morning list",
                    formula="[is_newest_list]")  # fmt: skip

# fmt: off
ANOMALY = Source(
    "federated.chargewatch_anomaly",
    "chargewatch anomalies",
    "anomaly",
    (
        *(Field(name, "string") for name in ("kind", "reason_code", "source", "station_id",
                                             "port_id", "port_key", "evidence")),
        Field("started_at", "datetime", "dimension", "ordinal"),
        real("score"),
        *coordinates("dimension"),
        ANOMALIES,
    ),
)
MAINTENANCE = Source(
    "federated.chargewatch_maintenance_score",
    "chargewatch maintenance scores",
    "maintenance_score",
    (
        Field("run_id", "integer", "dimension", "ordinal"),
        Field("day", "date", "dimension", "ordinal"),
        *(Field(name, "string") for name in ("source", "station_id", "port_id", "reasons")),
        *map(real, ("probability", "persistence", "historical_rate")),
        Field("is_newest_list", "boolean"),
        NEWEST_LIST,
    ),
)
CARE_SOURCES = (ANOMALY, MAINTENANCE)

CARE_SHEETS = (
    Sheet(
        "Anomalies on the map", ANOMALY, "Circle",
        rows=(("avg", "latitude"),), cols=(("avg", "longitude"),),
        encodings=(("color", ("none", "reason_code")), ("lod", ("none", "source")),
                   ("lod", ("none", "station_id")), ("tooltip", ("none", "port_id")),
                   ("tooltip", ("none", "evidence"))),
    ),
    Sheet("Anomalies by kind", ANOMALY, "Bar", rows=(("none", "reason_code"),),
          cols=(("usr", ANOMALIES.name),)),
    Sheet("Morning list", MAINTENANCE, "Bar",
          rows=(("none", "station_id"), ("none", "port_id")), cols=(("avg", "probability"),),
          encodings=(("tooltip", ("none", "reasons")), ("tooltip", ("avg", "historical_rate"))),
          newest_only=True),
)
# fmt: on
