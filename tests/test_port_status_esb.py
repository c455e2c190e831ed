"""Ireland's ESB status polls → ports, observations, intervals and monthly uptime.

Expected figures are worked out here in plain Python from the file, by the
feed's semantics (SPEC §4b and the feed's description), not from the code.
"""

from __future__ import annotations

import csv
import json
import random
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chargewatch.config import Settings
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.warehouse.connect import connect
from tests.conftest import SHARED_DATA, CliRunnerCall

IRELAND = SHARED_DATA / "status" / "ie_cpinfo_status_5min_2018-11-01_to_02.tsv"
GAP = timedelta(minutes=15)
CODES = {"Occ": "in_use", "Part": "in_use", "OOS": "out_of_service", "OOC": "offline"}
OUTAGE = {"out_of_service", "offline"}
NOVEMBER_END = datetime(2018, 12, 1, tzinfo=UTC)
NOVEMBER_MINUTES = 30 * 24 * 60


def _polls(path: Path) -> dict[datetime, dict[str, str]]:
    """Each poll's time (UTC) → {port key: status}; a failed poll lists nothing, and a
    poll is failed when its only line says NA."""
    polls: dict[datetime, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for day, hhmm, point, connector, code, place, *_ in csv.reader(f, delimiter="\t"):
            clock = int(hhmm)
            local = datetime.strptime(day, "%Y%m%d").replace(
                hour=clock // 100, minute=clock % 100, tzinfo=ZoneInfo("Europe/Dublin")
            )
            listed = polls.setdefault(local.astimezone(UTC), {})
            if code != "NA":
                listed[f"{point}|{connector}|{place}"] = CODES[code]
    return polls


def _spans(path: Path, gap: timedelta = GAP) -> dict[str, list[tuple[datetime, datetime, str]]]:
    """Port key → its observed spans (start, end, status) in November 2018, in order: a
    successful poll's status holds until the next poll, at most ``gap``, and a port it
    does not list was available."""
    polls = _polls(path)
    ports = {port for listed in polls.values() for port in listed}
    times = sorted(polls)
    spans: dict[str, list[tuple[datetime, datetime, str]]] = defaultdict(list)
    for at, after in zip(times, [*times[1:], None], strict=True):
        if not polls[at]:
            continue  # a failed poll observed nothing
        ends = min(at + gap, after or at + gap, NOVEMBER_END)
        for port in ports:
            spans[port].append((at, ends, polls[at].get(port, "available")))
    return spans


def expected_uptime(path: Path, gap: timedelta = GAP) -> dict[str, tuple[float, float, int]]:
    """Port key → (observed minutes, outage minutes, outages) in November 2018."""
    found = {}
    for port, spans in _spans(path, gap).items():
        observed = outage = 0.0
        outages = 0
        last_end, last_down = None, False
        for start, end, status in spans:
            minutes = (end - start).total_seconds() / 60
            down = status in OUTAGE
            observed += minutes
            if down:
                outage += minutes
                outages += not (last_down and last_end == start)
            last_end, last_down = end, down
        found[port] = (observed, outage, outages)
    return found


def _load(settings: Settings, *paths: Path) -> None:
    with connect(settings) as conn:
        for path in paths:
            ingest_file(conn, Lake(settings.lake), str(path))


PORT_FIELDS = (
    "source", "station_id", "port_id", "latitude", "longitude", "period_minutes",
    "observed_minutes", "outage_minutes", "excluded_minutes", "uptime_nevi",
    "uptime_observed", "outage_count",
)  # fmt: skip
"""The issue's JSON contract for uptime by port, field for field."""
UPTIME = (
    "select port_key, observed_minutes::float8, outage_minutes::float8, outage_count, "
    "period_minutes::float8, uptime_nevi::float8, uptime_observed::float8 "
    "from reporting.port_uptime_month where source = 'esb' and month = '2018-11' order by 1"
)


def test_every_port_has_the_minutes_and_uptime_worked_out_from_the_file(
    settings: Settings,
) -> None:
    _load(settings, IRELAND)
    expected = expected_uptime(IRELAND)
    with connect(settings) as conn:
        rows = conn.execute(UPTIME).fetchall()
    assert len(rows) == len(expected) == 599
    for key, observed, outage, count, period, nevi, only_observed in rows:
        want_observed, want_outage, want_count = expected[key]
        assert (observed, outage, count) == pytest.approx(
            (want_observed, want_outage, want_count)
        ), key
        assert period == NOVEMBER_MINUTES
        assert nevi == pytest.approx((NOVEMBER_MINUTES - want_outage) / NOVEMBER_MINUTES)
        assert only_observed == pytest.approx(1 - want_outage / want_observed)


def test_a_new_max_gap_rebuilds_every_port_as_worked_out_from_the_file(
    settings: Settings, invoke: CliRunnerCall
) -> None:
    _load(settings, IRELAND)
    again = invoke("ingest", "--max-gap", "4m", "-q", str(IRELAND))
    assert again.exit_code == 0, again.output
    assert "already loaded" in again.output
    expected = expected_uptime(IRELAND, timedelta(minutes=4))
    with connect(settings) as conn:
        rows = conn.execute(UPTIME).fetchall()
    assert len(rows) == len(expected)
    for key, observed, outage, count, *_ in rows:
        assert (observed, outage, count) == pytest.approx(expected[key]), key
    assert expected != expected_uptime(IRELAND)


def test_ports_polls_and_observations_follow_the_feed(settings: Settings) -> None:
    _load(settings, IRELAND)
    polls = _polls(IRELAND)
    with connect(settings) as conn:
        ports = conn.execute(
            "select count(*), count(distinct (station_id, port_id)) from core.port"
        ).fetchone()
        succeeded = conn.execute(
            "select count(*), count(*) filter (where succeeded) from core.status_poll"
        ).fetchone()
        events = conn.execute("select count(*) from core.status_event").fetchone()
    keys = {port for listed in polls.values() for port in listed}
    assert ports == (len(keys), len({tuple(k.split("|")[:2]) for k in keys}))
    assert succeeded == (len(polls), sum(1 for listed in polls.values() if listed))
    assert events == (sum(len(listed) for listed in polls.values()),)


def test_the_days_loaded_apart_in_any_order_and_again_give_the_same_intervals(
    make_settings: Callable[[], Settings], tmp_path: Path
) -> None:
    lines = IRELAND.read_bytes().splitlines(keepends=True)
    first = tmp_path / "day1.tsv"
    second = tmp_path / "day2.tsv"
    first.write_bytes(b"".join(line for line in lines if line.startswith(b"20181101")))
    second.write_bytes(b"".join(line for line in lines if line.startswith(b"20181102")))
    whole, apart = make_settings(), make_settings()
    _load(whole, IRELAND)
    _load(apart, second, first, IRELAND)  # the whole file again: every line a repeat
    intervals = (
        "select p.port_key, i.starts_at, i.ends_at, i.status from core.port_status_interval "
        "as i join core.port as p using (port_pk) order by 1, 2"
    )
    with connect(whole) as w_conn, connect(apart) as a_conn:
        assert w_conn.execute(intervals).fetchall() == a_conn.execute(intervals).fetchall()
        assert w_conn.execute(UPTIME).fetchall() == a_conn.execute(UPTIME).fetchall()


@pytest.mark.parametrize("order", ["in order", "shuffled", "a poll filled in"])
def test_pieces_appended_shuffled_or_filled_in_give_the_whole_files_intervals(
    make_settings: Callable[[], Settings], tmp_path: Path, order: str
) -> None:
    """Each piece rebuilds only the time it changes (from the poll before it to the
    poll after it), cutting the runs there and joining them again: six-hour pieces in
    order or shuffled, or the file less one poll and then that poll (runs then cross
    both edges of what it changes)."""
    pieces: dict[str, list[bytes]] = defaultdict(list)
    for line in IRELAND.read_bytes().splitlines(keepends=True):
        day, clock = line.split(b"\t", 2)[:2]
        if order == "a poll filled in":
            moment = (day, int(clock))
            pieces["b" if moment == (b"20181101", 1027) else "a"].append(line)
        else:
            pieces[f"{day.decode()}_{int(clock) // 600}"].append(line)
    paths = []
    for name, lines in sorted(pieces.items()):
        paths.append(tmp_path / f"piece_{name}.tsv")
        paths[-1].write_bytes(b"".join(lines))
    if order == "shuffled":
        random.Random(7).shuffle(paths)
    whole, apart = make_settings(), make_settings()
    _load(whole, IRELAND)
    _load(apart, *paths)
    intervals = (
        "select p.port_key, i.starts_at, i.ends_at, i.status from core.port_status_interval "
        "as i join core.port as p using (port_pk) order by 1, 2"
    )
    with connect(whole) as w_conn, connect(apart) as a_conn:
        assert len(paths) == (2 if order == "a poll filled in" else 8)
        assert w_conn.execute(intervals).fetchall() == a_conn.execute(intervals).fetchall()


def test_uptime_json_gives_every_port_worst_first_in_the_contract_shape(
    settings: Settings, invoke: CliRunnerCall
) -> None:
    _load(settings, IRELAND)
    expected = expected_uptime(IRELAND)
    result = invoke("uptime", "--month", "2018-11", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["month"], report["by"]) == ("2018-11", "port")
    assert [list(group) for group in report["groups"][:1]] == [list(PORT_FIELDS)]  # the contract
    assert len(report["groups"]) == len(expected)
    nevi = [group["uptime_nevi"] for group in report["groups"]]
    assert nevi == sorted(nevi)
    worst = min(NOVEMBER_MINUTES - outage for _, outage, _ in expected.values())
    assert nevi[0] == pytest.approx(worst / NOVEMBER_MINUTES)


def test_uptime_by_station_sums_its_ports_and_below_keeps_those_under_the_bar(
    settings: Settings, invoke: CliRunnerCall
) -> None:
    _load(settings, IRELAND)
    stations: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for key, (observed, outage, _) in expected_uptime(IRELAND).items():
        sums = stations[key.split("|")[0]]
        sums[0] += NOVEMBER_MINUTES
        sums[1] += observed
        sums[2] += outage
    result = invoke("uptime", "--by", "station", "--below", "0.97", "--format", "json")
    assert result.exit_code == 0, result.output
    groups = {g["station_id"]: g for g in json.loads(result.stdout)["groups"]}
    under = {s for s, (period, _, outage) in stations.items() if (period - outage) / period < 0.97}
    assert set(groups) == under
    for station, group in groups.items():
        period, observed, outage = stations[station]
        assert "port_id" not in group
        assert (group["period_minutes"], group["observed_minutes"], group["outage_minutes"]) == (
            pytest.approx((period, observed, outage))
        )


def test_uptime_says_what_is_wrong_or_missing(invoke: CliRunnerCall, tmp_path: Path) -> None:
    empty = invoke("uptime")
    assert (empty.exit_code, empty.stdout) == (
        0,
        "No status feed loaded yet. Load one with: chargewatch ingest FILE\n",
    )
    failed = tmp_path / "failed.tsv"
    failed.write_text(LINE.format(time="0005", code="NA", extra=""), encoding="utf-8")
    assert invoke("ingest", str(failed)).exit_code == 0
    blind = invoke("uptime", "--format", "json")
    assert (blind.exit_code, blind.stderr) == (
        0,
        "The status feeds loaded observed no time yet (every poll failed, or no status had "
        "a time). See what each load read with: chargewatch loads\n",
    )
    assert json.loads(blind.stdout) == {"month": None, "by": "port", "groups": [],
                                        "feed_outages": []}  # fmt: skip
    bad = invoke("uptime", "--month", "2018-13")
    assert bad.exit_code == 2
    assert "Invalid value for '--month': '2018-13' is not a month YYYY-MM, e.g. 2024-03" in (
        bad.stderr
    )


def test_outages_are_the_runs_worked_out_and_open_ones_are_down_at_the_last_poll(
    settings: Settings, invoke: CliRunnerCall
) -> None:
    _load(settings, IRELAND)
    polls = _polls(IRELAND)
    last = polls[max(t for t, listed in polls.items() if listed)]
    down_now = {port for port, status in last.items() if status in OUTAGE}
    every = json.loads(invoke("outages", "--format", "json").stdout)["outages"]
    still = json.loads(invoke("outages", "--open", "--format", "json").stdout)["outages"]
    assert len(every) == sum(count for _, _, count in expected_uptime(IRELAND).values())
    assert sorted((o["station_id"], o["port_id"]) for o in still) == sorted(
        tuple(port.split("|")[:2]) for port in down_now
    )
    assert all(o["ended_at"] is None and o["is_open"] for o in still)
    starts = [o["started_at"] for o in every]
    assert starts == sorted(starts, reverse=True)
    long_ones = invoke("outages", "--min-minutes", "600", "--format", "csv").stdout.splitlines()
    assert len(long_ones) - 1 == sum(1 for o in every if o["minutes"] >= 600)


EXCLUSIONS = """source,Station ID,port_id,start,end,reason
esb,CP:C9QKW,FastAC43,2018-11-02T23:00:00Z,2018-11-02T23:30:00Z,Vandalism
,CP:C5275,,2018-11-02 20:00+00:00,2018-11-03 08:00+00:00,utility interruption
,CP:C5275,,2018-11-02T22:00:00+00:00,2018-11-02T23:59:00+00:00,Our own reason
esb,CP:NOSUCH,,2018-11-02T22:00:00+00:00,2018-11-02T23:59:00+00:00,vandalism
"""


def _excluded(spans: list[tuple[datetime, datetime, str]], ranges: list[tuple[str, str]]) -> float:
    """Outage minutes of ``spans`` inside the union of ``ranges``, minute by minute."""
    covered: set[datetime] = set()
    for first, last in ranges:
        minute = datetime.fromisoformat(first)
        while minute < datetime.fromisoformat(last):
            covered.add(minute)
            minute += timedelta(minutes=1)
    minutes = 0
    for start, end, status in spans:
        minute = start
        while minute < end:
            minutes += status in OUTAGE and minute in covered
            minute += timedelta(minutes=1)
    return float(minutes)


def test_exclusions_count_only_where_they_overlap_outage_time_and_once(
    settings: Settings, invoke: CliRunnerCall, tmp_path: Path
) -> None:
    _load(settings, IRELAND)
    path = tmp_path / "exclusions.csv"
    path.write_text(EXCLUSIONS, encoding="utf-8")
    result = invoke("exclusions", "import", str(path))
    assert (result.exit_code, result.stdout) == (0, "exclusions.csv: 4 exclusion(s) imported\n")
    assert result.stderr == (
        "1 match no port loaded so far (lines 5): check their station and port IDs against "
        "chargewatch uptime\n"
    )
    spans = _spans(IRELAND)
    vandalised = next(k for k in spans if k.startswith("CP:C9QKW|FastAC43|"))
    station = [k for k in spans if k.startswith("CP:C5275|")]
    want = {
        vandalised: _excluded(
            spans[vandalised], [("2018-11-02T23:00+00:00", "2018-11-02T23:30+00:00")]
        )
    }
    for key in station:
        want[key] = _excluded(
            spans[key],
            [
                ("2018-11-02T20:00+00:00", "2018-11-03T08:00+00:00"),
                ("2018-11-02T22:00+00:00", "2018-11-02T23:59+00:00"),
            ],
        )
    assert any(want.values())
    with connect(settings) as conn:
        rows = conn.execute(
            "select port_key, excluded_minutes::float8, outage_minutes::float8, uptime_nevi::float8 "
            "from reporting.port_uptime_month"
        ).fetchall()
        reasons = conn.execute(
            "select port_key, exclusion_reason from reporting.port_outage "
            "where excluded_minutes > 0 order by 1"
        ).fetchall()
    for key, excluded, outage, nevi in rows:
        assert excluded == pytest.approx(want.get(key, 0.0)), key
        assert nevi == pytest.approx((NOVEMBER_MINUTES - (outage - excluded)) / NOVEMBER_MINUTES)
    assert "Vandalism" in {reason for _, reason in reasons}
    assert {reason for _, reason in reasons} <= {
        "Vandalism",
        "Our own reason; utility interruption",
        "utility interruption",
    }


def test_an_exclusions_file_with_bad_lines_names_each_and_stores_nothing(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "station_id,start,end,reason\n"
        "A,2024-03-01T08:00:00Z,2024-03-01T07:00:00Z,vandalism\n"
        ",2024-03-01,2024-03-02T00:00:00Z,\n",
        encoding="utf-8",
    )
    result = invoke("exclusions", "import", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: bad.csv: 4 problem(s); nothing imported:\n"
        "  bad.csv, line 2, end: '2024-03-01T07:00:00Z' is not after start "
        "'2024-03-01T08:00:00Z'\n"
        "  bad.csv, line 3, station_id: empty; expected a station ID\n"
        "  bad.csv, line 3, start: '2024-03-01' is not a time with a time zone; expected "
        "ISO 8601 such as 2024-03-01T08:00:00Z or 2024-03-01 08:00+01:00\n"
        "  bad.csv, line 3, reason: empty; expected why the time is excluded\n"
    )
    header = tmp_path / "header.csv"
    header.write_text("station,from,to\n", encoding="utf-8")
    wrong = invoke("exclusions", "import", str(header))
    assert wrong.exit_code == 1
    assert "header.csv: the header lacks station_id, start, end, reason" in wrong.stderr


LINE = "20181101\t{time}\tCP:X1\tCHAdeMO\t{code}\t-6.1,53.2\tAddr{extra}\t-6.1\t53.2\r\n"


def test_an_esb_file_copied_as_it_is_still_names_a_bad_line(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    fields = tmp_path / "fields.tsv"
    fields.write_text(
        LINE.format(time="1009", code="OOS", extra="")
        + LINE.format(time="1014", code="OOS", extra="\textra"),
        encoding="utf-8",
    )
    result = invoke("ingest", str(fields))
    assert result.exit_code == 1
    assert "fields.tsv, line 2: 10 tab-separated fields, expected 9" in result.stderr
    clock = tmp_path / "clock.tsv"
    clock.write_text(
        LINE.format(time="1009", code="OOS", extra="")
        + LINE.format(time="1075", code="OOS", extra=""),
        encoding="utf-8",
    )
    result = invoke("ingest", str(clock))
    assert result.exit_code == 1
    assert (
        "clock.tsv, line 2: poll date '20181101' and time '1075' are not a date YYYYMMDD and "
        "a time HHMM"
    ) in result.stderr


def test_a_saved_feed_with_a_note_after_its_records_loads_them_and_notes_the_footer(
    invoke: CliRunnerCall, settings: Settings, tmp_path: Path
) -> None:
    sample = SHARED_DATA / "status" / "ie_cpinfo_status_sample_2016-11-02.tsv"
    lines = sample.read_text(encoding="utf-8").splitlines()
    records = [line.split("\t") for line in lines if line.count("\t") == 8]
    footer = [(n, line) for n, line in enumerate(lines, 1) if line and "\t" not in line]
    result = invoke("ingest", str(sample))
    assert result.exit_code == 0, result.stderr
    with connect(settings) as conn:
        events = conn.execute(
            "select p.station_id, p.port_id, e.source_status from core.status_event as e "
            "join core.port as p using (port_pk) order by 1, 2"
        ).fetchall()
        (note,) = conn.execute("select detail from core.load_normalisation").fetchone() or ("",)
    assert set(events) == {(r[2], r[3], r[4]) for r in records}
    with connect(settings) as conn:
        assert conn.execute("select read_path from core.load").fetchone() == ("fast",)
    assert len(events) == len({(r[2], r[3], r[5]) for r in records})
    assert note == (
        f"{len(footer)} line(s) after the last record are not records; ignored: "
        + "; ".join(f"line {n}: {text!r}" for n, text in footer)
    )
    latin = tmp_path / "latin_with_note.tsv"
    latin.write_bytes(
        LINE.format(time="0005", code="OOS", extra=" Caf\xe9").encode("cp1252") + b"\nsource: x\n"
    )
    assert invoke("ingest", str(latin)).exit_code == 0
    with connect(settings) as conn:
        kept = conn.execute(
            "select l.read_path, array_agg(n.rule order by n.rule), min(r.address) "
            "from core.load as l join core.load_normalisation as n using (load_id) "
            "join raw.esb_status as r using (load_id) where l.file_name = 'latin_with_note.tsv' "
            "group by 1"
        ).fetchone()
    assert kept == ("fast", ["encoding", "footer"], "Addr Café")
    moved = tmp_path / "note_first.tsv"
    moved.write_text("\n".join([lines[0], footer[0][1], lines[1]]) + "\n", encoding="utf-8")
    result = invoke("ingest", str(moved))
    assert result.exit_code == 1
    assert "note_first.tsv, line 2: 1 tab-separated fields, expected 9" in result.stderr


def test_the_hour_the_clocks_repeat_is_summer_time_until_the_file_steps_back(
    settings: Settings, tmp_path: Path
) -> None:
    """28 Oct 2018: Irish clocks went from 02:00 summer time back to 01:00, so 01:00 to
    01:55 were polled twice, first at UTC+1 and then at UTC+0."""
    clocks = ["0050", "0055", *(f"01{m:02d}" for m in range(0, 60, 5))]
    clocks += [*(f"01{m:02d}" for m in range(0, 60, 5)), "0200"]
    codes = ["OOS"] * 14 + ["Occ"] * 13
    line = "20181028\t{}\tCP:X1\tCHAdeMO\t{}\t-6.1,53.2\tAddr\t-6.1\t53.2\r\n"
    path = tmp_path / "clocks_back.tsv"
    path.write_text("".join(map(line.format, clocks, codes)), encoding="utf-8")
    _load(settings, path)
    utc = [datetime(2018, 10, 27, 23, 50, tzinfo=UTC) + timedelta(minutes=5 * n) for n in range(27)]
    with connect(settings) as conn:
        events = conn.execute(
            "select observed_at, source_status from core.status_event order by 1"
        ).fetchall()
        intervals = conn.execute(
            "select starts_at, ends_at, status from core.port_status_interval order by 1"
        ).fetchall()
    assert events == list(zip(utc, codes, strict=True))
    assert intervals == [
        (utc[0], utc[14], "out_of_service"),
        (utc[14], utc[26] + GAP, "in_use"),
    ]


def test_an_esb_file_with_windows_bytes_is_copied_fast_and_says_so(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "latin.tsv"
    path.write_bytes(
        LINE.format(time="5", code="OOS", extra=" Caf\xe9").encode("cp1252")
        + LINE.format(time="0010", code="Occ", extra="").encode("cp1252")
    )
    _load(settings, path)
    with connect(settings) as conn:
        load = conn.execute("select read_path, rows_read from core.load").fetchone()
        note = conn.execute("select rule from core.load_normalisation").fetchall()
        address = conn.execute(
            "select address, line_number from raw.esb_status order by 2"
        ).fetchall()
        events = conn.execute(
            "select observed_at::text, status from core.status_event order by 1"
        ).fetchall()
    assert load == ("fast", 2)
    assert note == [("encoding",)]
    assert address == [("Addr Café", 1), ("Addr", 2)]
    assert events == [
        ("2018-11-01 00:05:00+00", "out_of_service"),
        ("2018-11-01 00:10:00+00", "in_use"),
    ]


def test_a_poll_given_in_full_by_a_later_file_rebuilds_its_intervals_in_either_order(
    make_settings: Callable[[], Settings], tmp_path: Path
) -> None:
    failed = "20181101\t0\tNA\tNA\tNA\tNA\tNA\t0\t0\r\n"
    first = tmp_path / "first.tsv"  # the 00:00 poll failed here
    first.write_text(failed + LINE.format(time="0005", code="Occ", extra=""), encoding="utf-8")
    second = tmp_path / "second.tsv"  # and came through here
    second.write_text(LINE.format(time="0000", code="OOS", extra=""), encoding="utf-8")
    found = []
    for order in ([first, second], [second, first]):
        settings = make_settings()
        _load(settings, *order)
        with connect(settings) as conn:
            found.append(
                conn.execute(
                    "select starts_at::text, ends_at::text, status "
                    "from core.port_status_interval order by 1"
                ).fetchall()
            )
    assert (
        found[0]
        == found[1]
        == [
            ("2018-11-01 00:00:00+00", "2018-11-01 00:05:00+00", "out_of_service"),
            ("2018-11-01 00:05:00+00", "2018-11-01 00:20:00+00", "in_use"),
        ]
    )


def test_two_files_that_disagree_on_a_poll_keep_the_most_severe_status_in_either_order(
    make_settings: Callable[[], Settings], tmp_path: Path
) -> None:
    busy = tmp_path / "busy.tsv"
    busy.write_text(LINE.format(time="0000", code="Occ", extra=""), encoding="utf-8")
    down = tmp_path / "down.tsv"
    down.write_text(LINE.format(time="0000", code="OOC", extra=""), encoding="utf-8")
    for order in ([busy, down], [down, busy]):
        settings = make_settings()
        _load(settings, *order)
        with connect(settings) as conn:
            assert conn.execute("select status from core.status_event").fetchall() == [("offline",)]


def test_quality_of_a_status_load_counts_its_ports_and_polls(
    settings: Settings, invoke: CliRunnerCall
) -> None:
    _load(settings, IRELAND)
    polls = _polls(IRELAND)
    ports = {port for listed in polls.values() for port in listed}
    failed = sum(1 for listed in polls.values() if not listed)
    result = invoke("quality")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == (
        f"  status feed: {len(ports)} ports listed at {len(polls)} times ({failed} polls "
        f"failed); the feed has listed {len(ports)} ports in all (chargewatch uptime, outages)"
    )
    report = json.loads(invoke("quality", "--format", "json").stdout)
    assert report["absent_fields"] == []
    assert report["feed"] == {
        "ports": len(ports),
        "times": len(polls),
        "failed_polls": failed,
        "feed_ports": len(ports),
    }
