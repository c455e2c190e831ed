"""What a month's build is, for either engine, with nothing but the standard library:
the Spark side runs where only PySpark is installed (``engines.emr_job``).

``sql/engines/shared/`` is the definition: plain SQL that PostgreSQL and Spark SQL
both run, in steps (``MonthJob.steps``), over inputs each engine binds
(``cw_month``, ``cw_poll``, ``cw_port``, ``cw_observation``, ``cw_contact``; times as
microseconds since 1970 UTC). The lake's Parquet datasets they are bound from on Spark are
declared here too (``STATUS``, ``CONTACT``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from importlib import resources

MICROS = 1_000_000
ONE_MICROSECOND = timedelta(microseconds=1)
INTERVAL_COLUMNS = ("port_key", "starts_at", "ends_at", "status")


@dataclass(frozen=True)
class MonthJob:
    """One month of one feed: what both engines need to know."""

    source: str
    month: date
    polled: bool
    max_gap_us: int
    offline_after_us: int | None = None
    contacts: bool = False
    """The feed's chargers' messages count (OCPP): their Parquet parts must be there."""

    @property
    def start_us(self) -> int:
        return micros(datetime(self.month.year, self.month.month, 1, tzinfo=timezone.utc))

    @property
    def end_us(self) -> int:
        following = date(self.month.year + self.month.month // 12, self.month.month % 12 + 1, 1)
        return micros(datetime(following.year, following.month, 1, tzinfo=timezone.utc))

    @property
    def steps(self) -> list[tuple[str, str]]:
        """The shared SQL that builds this feed's month, in order: (name the engine gives
        the step's result, its text); the last step's result is the month's intervals."""
        spans = "poll_spans.sql" if self.polled else "event_spans.sql"
        folder = resources.files("chargewatch") / "sql" / "engines" / "shared"  # 3.9: one part each
        named = (("cw_status_rank", "status_rank.sql"), ("cw_span", spans), ("", "join_runs.sql"))
        return [(name, (folder / file).read_text(encoding="utf-8")) for name, file in named]

    def results(self, root: str) -> str:
        """Where the month's intervals are written as Parquet, under the lake's ``root``."""
        return f"{root.rstrip('/')}/results/intervals/source={self.source}/month={self.month:%Y-%m}"


def micros(moment: datetime) -> int:
    """Microseconds since 1970-01-01 UTC."""
    return (moment - datetime(1970, 1, 1, tzinfo=timezone.utc)) // ONE_MICROSECOND


@dataclass(frozen=True)
class Dataset:
    """One kind of Parquet part in the lake: its folder, the source's staging model it
    is written from, its columns and the time that dates it."""

    prefix: str
    entity: str
    columns: tuple[tuple[str, str], ...]
    dated_by: str

    @property
    def times(self) -> tuple[str, ...]:
        return tuple(name for name, kind in self.columns if kind == "timestamp")

    def folder(self, root: str, source: str) -> str:
        """The folder of a source's parts under the lake's ``root``."""
        return f"{root.rstrip('/')}/{self.prefix}/source={source}"


STATUS = Dataset("status", "observation", (
    ("source", "string"), ("port_key", "string"), ("station_id", "string"),
    ("port_id", "string"), ("observed_at", "timestamp"), ("seen_at", "timestamp"),
    ("poll_succeeded", "bool"), ("status", "string"), ("source_status", "string"),
    ("error_code", "string"), ("whole_station", "bool"), ("load_id", "int64"),
    ("line_number", "int64"),
), "observed_at")  # fmt: skip
"""What each line observed; times are UTC, to the microsecond."""
CONTACT = Dataset("contact", "contact", (
    ("source", "string"), ("station_id", "string"), ("said_at", "timestamp"),
    ("seen_until", "timestamp"), ("heartbeat_us", "int64"), ("spoke", "bool"),
    ("load_id", "int64"), ("line_number", "int64"),
), "said_at")  # fmt: skip
"""Each message of a charger a log holds (heartbeat_us: its heartbeat interval)."""
