"""Turn library results into text: load summaries and KPI tables, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.table import Table

from chargewatch.kpi import mixed_dates_note
from chargewatch.labels import label as readable
from chargewatch.measures import COUNTS, GIVEN_COUNTS, KPIS
from chargewatch.sources.registry import source
from chargewatch.warehouse.load import LoadResult

KPI_LABELS = {
    "station_operational_rate": "Station operational rate",
    "fast_charging_availability": "Fast-charging availability",
    "accessibility_24_7_rate": "24/7 accessibility rate",
    "public_private_ratio": "Public : private ratio",
    "public_share": "Public share",
    "avg_connector_diversity": "Avg connector diversity",
}
KPI_BASIS = {
    "station_operational_rate": "{operational} operational / {operational} + "
    "{temporarily_unavailable} temporarily unavailable",
    "fast_charging_availability": "{dc_fast} with DC fast / {dc_fast_given} existing",
    "accessibility_24_7_rate": "{open_24_7} open 24/7 / {hours_given} existing "
    "({hours_unknown} with unknown hours)",
    "public_private_ratio": "{public} public / {private} private",
    "public_share": "{public} public / {public} + {private} private",
    "avg_connector_diversity": "over {connector_types_known} stations with known connectors",
}
PARTLY_GIVEN = {
    "fast_charging_availability": "{dc_fast} with DC fast / {dc_fast_given} existing with "
    "port counts given ({dc_fast_not_given} from files without them)",
    "accessibility_24_7_rate": "{open_24_7} open 24/7 / {hours_given} existing with hours "
    "given ({hours_unreadable} of them unreadable; {hours_not_given} from files without hours)",
}
"""The basis of the KPIs whose field some files lack, when they do."""
KPI_SHORT = {
    "station_operational_rate": "Operational",
    "fast_charging_availability": "DC fast",
    "accessibility_24_7_rate": "24/7",
    "public_private_ratio": "Pub:priv",
    "public_share": "Public",
    "avg_connector_diversity": "Connectors",
}
RATIOS = {"public_private_ratio", "avg_connector_diversity"}


def load_summary(result: LoadResult) -> list[str]:
    """A few lines saying what one load did, then its first problems."""
    if result.already_loaded:
        return [
            f"{result.file_name}: already loaded as load {result.load_id} "
            "(same SHA-256); nothing changed"
        ]
    lines = [
        f"{result.file_name} → load {result.load_id} (as of {result.as_of_date})",
        f"  {result.rows_read} rows read: {result.rows_loaded} loaded, "
        f"{result.rows_skipped} skipped ({source(result.source).skipped_as}), "
        f"{result.rows_quarantined} quarantined",
    ]
    lines += [f"  {problem.message()}" for problem in result.problems]
    hidden = result.problem_count - len(result.problems)
    if hidden > 0:
        lines.append(
            f"  … and {hidden} more (see reporting.quarantine, load_id = {result.load_id})"
        )
    return lines


def format_value(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}" if key in RATIOS else f"{value:.1%}"


def overall_table(report: dict[str, Any]) -> Table:
    table = Table(
        title=f"Station KPIs as of {report['as_of'] or '(no data)'}",
        title_justify="left",
        caption=mixed_dates_note(report.get("snapshots", [])),
        caption_justify="left",
    )
    table.add_column("KPI")
    table.add_column("Value", justify="right")
    table.add_column("Counts behind it", style="dim")
    for key in KPIS:
        basis = _basis(key, report["counts"])
        table.add_row(KPI_LABELS[key], format_value(key, report["kpis"][key]), basis)
    return table


def _basis(key: str, counts: dict[str, int]) -> str:
    """The counts behind a KPI, saying so when some files lack the field it reads."""
    dc_fast_not_given = counts["existing"] - counts["dc_fast_given"]
    hours_not_given = counts["existing"] - counts["hours_given"]
    extra = {
        "dc_fast_not_given": dc_fast_not_given,
        "hours_not_given": hours_not_given,
        "hours_unreadable": counts["hours_unknown"] - hours_not_given,
    }
    partly = {
        "fast_charging_availability": dc_fast_not_given,
        "accessibility_24_7_rate": hours_not_given,
    }
    template = PARTLY_GIVEN[key] if partly.get(key, 0) > 0 else KPI_BASIS[key]
    return template.format(**counts, **extra)


def grouped_table(report: dict[str, Any]) -> Table:
    by = report["by"]
    title = f"Station KPIs by {by} as of {report['as_of']}"
    labels = [by, "as_of"] if by == "state" else [by]
    note = mixed_dates_note(report.get("snapshots", []))
    if note and by == "state":
        note = "Each state is as of its own newest file (as_of)."
    return _kpi_row_table(title, labels, report["groups"], note)


def trend_table(report: dict[str, Any]) -> Table:
    by = report.get("by")
    title = "Station KPIs by snapshot date" + (f" and {by}" if by else "")
    labels = ["as_of", *([by] if by else [])] + (["snapshot_as_of"] if by == "state" else [])
    rows = report["trend"]
    if by is None:
        rows = [{**row, "coverage": _coverage_label(row)} for row in rows]
        labels.append("coverage")
    note = "coverage: states first loaded on that date; their stations join the totals then."
    return _kpi_row_table(title, labels, rows, note if by is None else None)


def _coverage_label(row: dict[str, Any]) -> str:
    added = row.get("states_added") or []
    return f"+{', '.join(added)} first loaded" if added else ""


LABEL_HEADINGS = {"as_of": "as of", "snapshot_as_of": "file as of"}


def _kpi_row_table(
    title: str, labels: list[str], rows: list[dict[str, Any]], caption: str | None = None
) -> Table:
    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    for label in labels:
        table.add_column(LABEL_HEADINGS.get(label, label))
    table.add_column("Existing", justify="right")
    for key in KPIS:
        table.add_column(KPI_SHORT[key], justify="right")
    for row in rows:
        values = [format_value(key, row["kpis"][key]) for key in KPIS]
        names = [
            "(unknown)" if row.get(label) is None else str(readable(label, row[label]))
            for label in labels
        ]
        table.add_row(*names, str(row["counts"]["existing"]), *values)
    return table


def split_city(value: str | None) -> list[str | None]:
    """A city group's label ("Seattle, WA") as its city and state."""
    if value is None:
        return [None, None]
    city, _, state = value.rpartition(", ")
    return [city, None if state == "?" else state]


def shown(value: float | None, spec: str) -> str:
    """A number in a table by its format ``spec`` (``.1%``, ``,.1f``, ``g``); a dash when
    there is none."""
    return "—" if value is None else format(value, spec)


def rows_csv(fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV of ``rows`` (dicts) with a header of ``fields``, in that order; other keys are
    left out and a list or tuple value becomes its items joined by spaces."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: " ".join(v) if isinstance(v, list | tuple) else v for k, v in row.items()}
        )
    return buffer.getvalue()


def as_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2)


def as_csv(report: dict[str, Any]) -> str:
    """One row per group, per snapshot date, or one row overall: as_of, [group], counts, KPIs."""
    by = report.get("by")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    rows = report.get("trend") or report.get("groups") or [report]
    extra = [key for key in ("snapshot_as_of", "states_added") if key in rows[0]] if rows else []
    groups = ["city", "state"] if by == "city" else [by] if by else []
    counts = [key for key in COUNTS if key not in GIVEN_COUNTS]
    writer.writerow(["as_of", *groups, *extra, *counts, *KPIS, *GIVEN_COUNTS])
    for row in rows:
        writer.writerow(
            [
                row.get("as_of", report.get("as_of")),
                *(split_city(row[by]) if by == "city" else [row[by]] if by else []),
                *(" ".join(v) if isinstance(v := row[key], list) else v for key in extra),
                *(row["counts"][key] for key in counts),
                *("" if v is None else v for v in row["kpis"].values()),
                *(row["counts"][key] for key in GIVEN_COUNTS),
            ]
        )
    return buffer.getvalue()
