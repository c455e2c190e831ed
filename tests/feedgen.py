"""A generated network whose anomalies are known by construction: a status feed (CSV
events, read with ``--column-map``), the sessions of half its stations, and a small
feed from a charger whose clock runs ahead.

360 ports (120 stations of 3) over nine weeks. Every port of a station with sessions
has at least one session every day (busy stations 3-5 per port, quiet ones 1-2),
each 30-150 minutes between 06:00 and 23:00, and each an ``in_use`` run in the feed;
nights are free for outages. Ordinary ports go down at most once in ten days; a few
fail every 2-4 days, as a recurring fault does. Into that go, once each:

- ``STUCK_IN_USE``: S061/P1 in use for 50 hours from day 20, 08:00;
- ``STUCK_AVAILABLE``: S062/P2 (busy station, no session data) with no session from
  day 10 to day 14;
- ``SILENT_FAILURE``: S002/P1 (busy, with sessions) available with no session on
  days 30 and 31, while its two neighbours had 3-5 sessions a day each;
- ``FLAPPING``: S004/P3 down six times for 5-10 minutes in the night of day 40;
- ``DEGRADATION``: S006/P1, which never failed before, down on days 45, 48, 50, 52,
  53 and every day from 55 to the end: on day 50 its last 7 days hold three outage
  days (45, 48, 50) against none in the 28 before, and every day after keeps three
  or more in its last seven, so one anomaly from day 50 that is still open;
- ``FEED_OUTAGE``: 300 ports offline at day 25, 03:17, back 30-60 minutes later;
  and 12 ports (S100-S111/P1) offline for 3 minutes five times, every 8 minutes,
  from day 35, 05:21: one back end failing again and again, one anomaly;
- ``IMPOSSIBLE_ENERGY``: one S020/P1 session of 80 kWh at a 7.2 kW port;
- and no anomaly, for the prediction's tests: S030/P3 down from day 39, 23:45 to
  day 40, 00:40, across the midnight that test trains until;
- ``FUTURE_SESSION_TIME``: one S021/P1 session that ends tomorrow (quarantined);
- ``FUTURE_STATUS_TIME``: the clock-ahead feed (station CLOCK-AHEAD), dated hours
  after the load.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

START = datetime(2025, 1, 6, tzinfo=UTC)
DAYS = 63
STATIONS = 120
PORTS = ("P1", "P2", "P3")
WITH_SESSIONS = 60
RATED_KW = 7.2
FEED_OUTAGE_AT = START + timedelta(days=25, hours=3, minutes=17)
FEED_OUTAGE_PORTS = 300
GLITCH_AT = START + timedelta(days=35, hours=5, minutes=21)
GLITCH_PORTS = tuple((f"S{n:03d}", "P1") for n in range(100, 112))
COLUMN_MAP = ("station_id=station_id,port_id=port_id,status=status,observed_at=observed_at,"
              "connector=connector,latitude=latitude,longitude=longitude")  # fmt: skip

STUCK_IN_USE = ("S061", "P1")
STUCK_AVAILABLE = ("S062", "P2")
SILENT = ("S002", "P1")
FLAPPING = ("S004", "P3")
DEGRADING = ("S006", "P1")
IMPOSSIBLE = ("S020", "P1")
FUTURE_SESSION = ("S021", "P1")
RECURRING = tuple((f"S{n:03d}", "P2") for n in range(10, 18))
ACROSS_MIDNIGHT = ("S030", "P3")
PLANTED = {STUCK_IN_USE, STUCK_AVAILABLE, SILENT, FLAPPING, DEGRADING, ACROSS_MIDNIGHT,
           *RECURRING}  # fmt: skip
DEGRADED_DAYS = (45, 48, 50, 52, 53, *range(55, DAYS))


def at(day: int, minute: int) -> datetime:
    return START + timedelta(days=day, minutes=minute)


def iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Network:
    """The generated files' lines and what was planted."""

    now: datetime
    stations: int = STATIONS
    events: list[tuple[datetime, str, str, str]] = field(default_factory=list)
    sessions: list[list[str]] = field(default_factory=list)
    rng: random.Random = field(default_factory=lambda: random.Random(16))

    def status_csv(self) -> str:
        lines = ["station_id,port_id,status,observed_at,connector,latitude,longitude"]
        for t, station, port, status in sorted(self.events):
            n = int(station[1:]) if station[1:].isdigit() else 0
            lines.append(f"{station},{port},{status},{iso(t)},CCS,{52 + n // 12 / 5:.4f},"
                         f"{-9 + n % 12 / 4:.4f}")  # fmt: skip
        return "\n".join(lines) + "\n"

    def session_csv(self) -> str:
        header = ("session_id,station_id,port_id,plug_in_at,plug_out_at,energy_kwh,rated_kw,"
                  "status_source")  # fmt: skip
        return "\n".join([header, *(",".join(row) for row in self.sessions)]) + "\n"

    def future_csv(self) -> str:
        times = (self.now + timedelta(hours=3), self.now + timedelta(hours=6))
        lines = ["station_id,port_id,status,observed_at,connector,latitude,longitude"]
        lines += [f"CLOCK-AHEAD,1,{s},{iso(t)},CCS,53.5,-7.5"
                  for s, t in zip(("available", "in_use"), times, strict=True)]  # fmt: skip
        return "\n".join(lines) + "\n"


def generate(now: datetime, stations: int = STATIONS) -> Network:
    """The network's files, the same for the same ``now`` (only the clock-ahead lines
    depend on it); ``stations`` more than 120 (the benchmark's) add ordinary ones."""
    net = Network(now, stations)
    for n in range(stations):
        station = f"S{n:03d}"
        for port in PORTS:
            net.events.append((START, station, port, "available"))
            _port_days(net, station, port, busy=n % 2 == 0, logged=n < WITH_SESSIONS)
    _plant(net)
    return net


def _port_days(net: Network, station: str, port: str, *, busy: bool, logged: bool) -> None:
    rng = net.rng
    next_fault = rng.randint(2, 12)
    for day in range(DAYS):
        if not _skips(station, port, day):
            for start, end in _sessions_of_day(rng, busy, day):
                _session(net, station, port, start, end, logged)
        if (station, port) in RECURRING and day != 25 and day >= next_fault:
            _fault(net, station, port, day, rng.randint(30, 200), rng.randint(40, 90))
            next_fault = day + rng.randint(2, 4)
        elif (station, port) not in PLANTED and day >= next_fault and day != 25:
            _fault(net, station, port, day, rng.randint(30, 200), rng.randint(40, 120))
            next_fault = day + rng.randint(10, 20)


def _skips(station: str, port: str, day: int) -> bool:
    """Days the planted ports have no ordinary session."""
    key = (station, port)
    return (
        (key == STUCK_IN_USE and 20 <= day <= 22)
        or (key == STUCK_AVAILABLE and 10 <= day <= 14)
        or (key == SILENT and day in (30, 31))
    )


def _sessions_of_day(rng: random.Random, busy: bool, day: int) -> list[tuple[datetime, datetime]]:
    count = rng.randint(3, 5) if busy else rng.randint(1, 2)
    minute = 360 + rng.randint(0, 90)
    found: list[tuple[datetime, datetime]] = []
    while len(found) < count and minute < 1200:
        length = rng.randint(30, 150)
        found.append((at(day, minute), at(day, min(minute + length, 1380))))
        minute += length + rng.randint(20, 150)
    return found


def _session(net: Network, station: str, port: str, start: datetime, end: datetime,
             logged: bool) -> None:  # fmt: skip
    net.events += [(start, station, port, "in_use"), (end, station, port, "available")]
    if logged:
        hours = (end - start).total_seconds() / 3600
        kwh = hours * RATED_KW * net.rng.uniform(0.3, 0.95)
        net.sessions.append([f"{station}-{port}-{iso(start)}", station, port, iso(start),
                             iso(end), f"{kwh:.3f}", f"{RATED_KW}", "status_csv"])  # fmt: skip


def _fault(net: Network, station: str, port: str, day: int, minute: int, length: int) -> None:
    net.events += [(at(day, minute), station, port, "out_of_service"),
                   (at(day, minute + length), station, port, "available")]  # fmt: skip


def _plant(net: Network) -> None:
    station, port = STUCK_IN_USE
    net.events += [
        (at(20, 480), station, port, "in_use"),
        (at(22, 600), station, port, "available"),
    ]
    for i in range(6):
        _fault(net, *FLAPPING, 40, 60 + 30 * i, 5 + i)
    for day in DEGRADED_DAYS:
        _fault(net, *DEGRADING, day, 120, 45)
    _fault(net, *ACROSS_MIDNIGHT, 39, 1425, 55)
    watched = [(f"S{n:03d}", p) for n in range(net.stations) for p in PORTS]
    hit = [key for key in watched if key not in PLANTED][:FEED_OUTAGE_PORTS]
    for station, port in hit:
        back = FEED_OUTAGE_AT + timedelta(minutes=net.rng.randint(30, 60))
        net.events += [
            (FEED_OUTAGE_AT, station, port, "offline"),
            (back, station, port, "available"),
        ]
    for repeat in range(5):
        down = GLITCH_AT + timedelta(minutes=8 * repeat)
        for station, port in GLITCH_PORTS:
            net.events += [(down, station, port, "offline"),
                           (down + timedelta(minutes=3), station, port, "available")]  # fmt: skip
    _odd_sessions(net)


def _odd_sessions(net: Network) -> None:
    first = next(i for i, row in enumerate(net.sessions) if tuple(row[1:3]) == IMPOSSIBLE)
    net.sessions[first][5] = "80.000"
    start = net.now + timedelta(days=1)
    station, port = FUTURE_SESSION
    net.sessions.append([f"{station}-{port}-future", station, port, iso(start),
                         iso(start + timedelta(hours=1)), "5.000", f"{RATED_KW}", "status_csv"])  # fmt: skip


def impossible_session() -> str:
    """The session ID the 80 kWh session gets (its port's first)."""
    return f"{IMPOSSIBLE[0]}-{IMPOSSIBLE[1]}-"
