"""The workbook's sessions dashboard: utilization by hour of the week
(``reporting.station_hour_of_week``), utilization by network and sessions per day
(``reporting.port_day``), and the newest forecast with its 95% band
(``reporting.forecast``). Utilization is a calculated field of summed minutes (as
chargewatch sessions computes it), so it stays right under any filter or grouping;
charging utilization sums the days that tell charging time, where the command gives
null for a group with any day that does not."""

from __future__ import annotations

from chargewatch.export.tableau_model import NEWEST_NAME, Field, Sheet, Source, count, real

OCCUPIED = Field(
    "Calculation_occupied_utilization", "real", "measure", "quantitative",
    "Occupied utilization", "SUM([occupied_minutes]) / SUM([available_minutes])",
)  # fmt: skip
CHARGING = Field(
    "Calculation_charging_utilization", "real", "measure", "quantitative",
    "Charging utilization", "SUM([charging_minutes]) / SUM([available_minutes])",
)  # fmt: skip
HOURLY = Field(
    "Calculation_hour_utilization", "real", "measure", "quantitative",
    "Occupied utilization", "SUM([occupied_minutes]) / SUM([available_minutes])",
)  # fmt: skip
NEWEST_RUN = Field(NEWEST_NAME, "boolean", caption="Newest run",
                   formula="[run_id] = {FIXED : MAX([run_id])}")  # fmt: skip

# fmt: off
PORT_DAY = Source(
    "federated.chargewatch_port_day",
    "chargewatch port use by day",
    "port_day",
    (
        Field("day", "date", "dimension", "ordinal"),
        *(Field(name, "string") for name in ("source", "station_id", "port_id", "network",
                                             "state")),
        count("sessions"),
        *map(real, ("energy_kwh", "occupied_minutes", "charging_minutes", "idle_minutes",
                    "available_minutes")),
        OCCUPIED, CHARGING,
    ),
)
HOUR_OF_WEEK = Source(
    "federated.chargewatch_hour_of_week",
    "chargewatch use by hour of week",
    "station_hour_of_week",
    (
        Field("iso_day_of_week", "integer", "dimension", "ordinal"),
        Field("hour_of_day", "integer", "dimension", "ordinal"),
        Field("station_id", "string"),
        real("occupied_minutes"), real("available_minutes"), count("hours"), count("ports"),
        HOURLY,
    ),
)
FORECAST = Source(
    "federated.chargewatch_forecast",
    "chargewatch forecast",
    "forecast",
    (
        Field("run_id", "integer", "dimension", "ordinal"),
        Field("series_key", "string"),
        Field("model", "string"),
        Field("period", "datetime", "dimension", "ordinal"),
        *map(real, ("mean", "lo80", "hi80", "lo95", "hi95")),
        NEWEST_RUN,
    ),
)
SESSION_SOURCES = (PORT_DAY, HOUR_OF_WEEK, FORECAST)

SESSION_SHEETS = (
    Sheet("Utilization by hour of week", HOUR_OF_WEEK, "Square",
          rows=(("none", "iso_day_of_week"),), cols=(("none", "hour_of_day"),),
          encodings=(("color", ("usr", HOURLY.name)),)),
    Sheet("Utilization by network", PORT_DAY, "Bar", rows=(("none", "network"),),
          cols=(("usr", OCCUPIED.name),), encodings=(("tooltip", ("usr", CHARGING.name)),)),
    Sheet("Sessions per day", PORT_DAY, "Line", cols=(("none", "day"),),
          rows=(("sum", "sessions"),)),
    Sheet("Forecast with its 95% band", FORECAST, "Line", cols=(("none", "period"),),
          rows=(("avg", "mean"),),
          encodings=(("color", ("none", "series_key")), ("tooltip", ("avg", "lo95")),
                     ("tooltip", ("avg", "hi95")), ("tooltip", ("none", "model"))),
          newest_only=True),
)
# fmt: on
