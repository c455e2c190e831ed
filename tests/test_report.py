"""``chargewatch report``: one offline HTML file whose numbers are the CLI's."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import AFDC_DIR, CliRunnerCall

FILES = [AFDC_DIR / name for name in ("afdc_WA_elec_2024-02-17.csv", "afdc_WA_elec_2024-05.csv",
                                      "afdc_VA_elec_2022-04-25.csv")]  # fmt: skip


class _Attributes(HTMLParser):
    """Every element's attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _report(
    invoke: CliRunnerCall, tmp_path: Path
) -> tuple[str, list[tuple[str, dict[str, str | None]]]]:
    path = tmp_path / "report.html"
    result = invoke("report", str(path))
    assert result.exit_code == 0, result.output
    html = path.read_text(encoding="utf-8")
    parser = _Attributes()
    parser.feed(html)
    return html, parser.found


def test_the_report_shows_the_kpis_of_chargewatch_kpi(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    assert invoke("ingest", *map(str, FILES)).exit_code == 0
    html, elements = _report(invoke, tmp_path)
    kpis = json.loads(invoke("kpi", "--format", "json").stdout)
    tiles = {a["data-kpi"]: a["data-value"] for tag, a in elements if "data-kpi" in a}
    assert len(tiles) == 5
    for key, shown in tiles.items():
        expected = kpis["kpis"][key]
        assert (shown or None) == (None if expected is None else str(expected)), key
    states = [a["data-state"] for tag, a in elements if "data-state" in a]
    by_state = json.loads(invoke("kpi", "--by", "state", "--format", "json").stdout)
    assert states == [g["state"] for g in by_state["groups"]] == ["WA", "VA"]
    assert f"As of {kpis['as_of']}" in html
    circles = [a for tag, a in elements if tag == "circle" and "station" in (a.get("class") or "")]
    assert len(circles) == kpis["counts"]["existing"]  # every existing station has coordinates


def test_the_report_needs_nothing_from_outside(invoke: CliRunnerCall, tmp_path: Path) -> None:
    assert invoke("ingest", str(FILES[0])).exit_code == 0
    html, elements = _report(invoke, tmp_path)
    assert not [a for _, a in elements if "src" in a or "href" in a]
    assert not re.search(r"url\(|@import|<script|<link", html)


def test_a_report_of_an_empty_warehouse(invoke: CliRunnerCall, tmp_path: Path) -> None:
    html, _ = _report(invoke, tmp_path)
    assert "As of — (nothing loaded yet)" in html
