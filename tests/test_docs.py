"""``chargewatch docs``: every reporting column is described, and the dictionary shows it.

The descriptions are PostgreSQL comments written beside each view's SQL. These
tests read the catalog of a freshly migrated database directly (not through
``chargewatch.export.dictionary``) so that a column added without a comment,
by anyone, fails here with its name.
"""

from __future__ import annotations

from pathlib import Path

import click

from chargewatch.cli.main import cli
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.migrate import migrate
from tests.conftest import CliRunnerCall

HOW_TO_FIX = (
    "add `comment on column reporting.<view>.<column> is '…';` at the bottom of the view's "
    "file in src/chargewatch/sql/reporting (what it means, its unit, how it is computed)"
)


def _catalog(conn: Connection) -> dict[str, tuple[str | None, list[tuple[str, str, str | None]]]]:
    """``view -> (view comment, [(column, type, column comment)])`` for schema reporting."""
    rows = conn.execute(
        "select c.relname, obj_description(c.oid, 'pg_class'), a.attname, "
        "format_type(a.atttypid, a.atttypmod), col_description(c.oid, a.attnum) "
        "from pg_catalog.pg_class as c "
        "join pg_catalog.pg_namespace as n on n.oid = c.relnamespace "
        "join pg_catalog.pg_attribute as a on a.attrelid = c.oid "
        "where n.nspname = 'reporting' and c.relkind in ('v', 'm', 'r', 'p', 'f') "
        "and a.attnum > 0 and not a.attisdropped "
        "order by c.relname, a.attnum"
    ).fetchall()
    found: dict[str, tuple[str | None, list[tuple[str, str, str | None]]]] = {}
    for view, view_comment, column, data_type, comment in rows:
        found.setdefault(view, (view_comment, []))[1].append((column, data_type, comment))
    return found


def _undocumented(conn: Connection) -> list[str]:
    """One line per view or column whose description is missing, empty or cites the spec."""
    problems = []
    for view, (view_comment, columns) in _catalog(conn).items():
        text = (view_comment or "").strip()
        if not text.lower().startswith("one row per"):
            problems.append(f"reporting.{view}: the view comment must state its grain "
                            f"('One row per …'), not {text[:40]!r}")  # fmt: skip
        if "SPEC" in text:
            problems.append(f"reporting.{view}: the view comment cites SPEC")
        for column, _type, comment in columns:
            if not (comment or "").strip():
                problems.append(f"reporting.{view}.{column}: no description")
            elif "SPEC" in (comment or ""):
                problems.append(f"reporting.{view}.{column}: the description cites SPEC")
    return problems


def test_every_reporting_column_is_described(conn: Connection) -> None:
    catalog = _catalog(conn)
    views = {
        row[0]
        for row in conn.execute(
            "select table_name from information_schema.tables where table_schema = 'reporting'"
        )
    }
    # Both catalog readings agree on what there is to describe, and it is not nothing.
    assert set(catalog) == views
    assert sum(len(columns) for _comment, columns in catalog.values()) > 200
    problems = _undocumented(conn)
    assert not problems, f"{len(problems)} undocumented; {HOW_TO_FIX}:\n" + "\n".join(problems)


def test_every_reporting_function_is_described(conn: Connection) -> None:
    rows = conn.execute(
        "select p.proname, obj_description(p.oid, 'pg_proc') from pg_catalog.pg_proc as p "
        "join pg_catalog.pg_namespace as n on n.oid = p.pronamespace where n.nspname = 'reporting'"
    ).fetchall()
    assert "kpi_values" in [name for name, _comment in rows]
    problems = [name for name, comment in rows if not (comment or "").strip() or "SPEC" in comment]
    assert problems == []


def test_an_undocumented_column_is_named(conn: Connection) -> None:
    conn.execute("create view reporting.zz_new as select 1 as widget_count, 2 as gadget_count")
    conn.execute("comment on view reporting.zz_new is 'One row per nothing.'")
    conn.execute("comment on column reporting.zz_new.gadget_count is 'Gadgets (SPEC §9).'")
    assert _undocumented(conn) == [
        "reporting.zz_new.widget_count: no description",
        "reporting.zz_new.gadget_count: the description cites SPEC",
    ]


def test_descriptions_survive_a_rebuild_of_the_reporting_views(conn: Connection) -> None:
    before = _catalog(conn)
    conn.execute("update core.schema_repeatable set checksum = 'stale'")
    assert migrate(conn) == ["core objects", "reporting views", "reference tables"]
    assert _catalog(conn) == before
    assert _undocumented(conn) == []


def test_a_view_inherits_the_descriptions_it_lacks(conn: Connection) -> None:
    """core.inherit_column_comments fills a column's missing description from the
    same-named column of the parent; the child's own description stays."""
    conn.execute("create view reporting.zz_parent as select 1 as a, 2 as b, 3 as c")
    conn.execute("create view reporting.zz_child as select a, b, 4 as d from reporting.zz_parent")
    conn.execute("comment on column reporting.zz_parent.a is 'A from the parent.'")
    conn.execute("comment on column reporting.zz_parent.b is 'B from the parent.'")
    conn.execute("comment on column reporting.zz_child.b is 'B of its own.'")
    conn.execute("select core.inherit_column_comments('reporting.zz_parent', 'reporting.zz_child')")
    columns = _catalog(conn)["zz_child"][1]
    assert columns == [
        ("a", "integer", "A from the parent."),
        ("b", "integer", "B of its own."),
        ("d", "integer", None),
    ]


def test_views_showing_another_view_read_as_it_does(conn: Connection) -> None:
    described = {
        view: {name: comment or "" for name, _type, comment in columns}
        for view, (_comment, columns) in _catalog(conn).items()
    }
    history, kpi_history = described["station_history"], described["station_kpi_history"]
    assert described["station"]["status"] == history["status"]
    assert described["station_kpi"]["public_share"] == kpi_history["public_share"]
    assert described["station_group"]["existing_count"] == kpi_history["existing_count"]
    assert described["station_group"]["network"] == history["network"]
    assert described["station_kpi"]["as_of_date"].startswith("The newest snapshot date loaded")


def test_docs_lists_every_column_with_its_description(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    result = invoke("docs", str(tmp_path / "reporting.md"))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "reporting.md").read_text(encoding="utf-8")
    catalog = _catalog(conn)
    assert result.stdout == f"{tmp_path / 'reporting.md'}: {len(catalog)} views\n"
    sections = [line.removeprefix("## reporting.") for line in text.splitlines()
                if line.startswith("## reporting.")]  # fmt: skip
    assert sections == sorted(catalog)
    assert "SPEC" not in text
    for view, (_comment, columns) in catalog.items():
        section = text.split(f"## reporting.{view}\n", 1)[1].split("\n## ", 1)[0]
        for column, data_type, comment in columns:
            assert comment is not None
            shown = " ".join(comment.split()).replace("|", "/")
            row = f"| `{column}` | {data_type} | {shown} |"
            assert row in section.splitlines(), f"{view}.{column}: {row}"
    assert (
        "| `station_operational_rate` | double precision | Share 0–1: operational_count ÷ "
        "(operational_count + temporarily_unavailable_count)."
    ) in text
    function = text.split("\n## Functions\n", 1)[1].split("### reporting.kpi_values\n", 1)[1]
    assert function.startswith(
        "\n`reporting.kpi_values(operational bigint, temporarily_unavailable bigint, "
    )
    assert "\nThe station KPIs from summed counts" in function


def test_docs_section_shows_grain_description_and_columns(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    conn.execute("create view reporting.pump as select 'p1'::text as pump_id, 2.5 as flow_lps")
    conn.execute("comment on view reporting.pump is 'One row per pump. Flow as last measured.'")
    conn.execute("comment on column reporting.pump.pump_id is 'The pump''s tag.'")
    conn.execute("comment on column reporting.pump.flow_lps is 'Flow | litres per second.'")
    result = invoke("docs")
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n## reporting.pump\n", 1)[1].split("\n## ", 1)[0] == (
        "\n"
        "**Grain:** one row per pump.\n"
        "\n"
        "Flow as last measured.\n"
        "\n"
        "| column | type | description |\n"
        "| --- | --- | --- |\n"
        "| `pump_id` | text | The pump's tag. |\n"
        "| `flow_lps` | numeric | Flow / litres per second. |\n"
    )


def test_no_help_text_cites_the_spec(invoke: CliRunnerCall) -> None:
    """Users do not have the design documents: no command's help may point at them."""

    def commands(group: click.Command, path: list[str]) -> list[list[str]]:
        found = [path]
        if isinstance(group, click.Group):
            for name, command in group.commands.items():
                found += commands(command, [*path, name])
        return found

    paths = commands(cli, [])
    assert ["docs"] in paths
    for path in paths:
        result = invoke(*path, "--help")
        assert result.exit_code == 0, path
        assert "SPEC" not in result.stdout, path


def test_docs_help_has_examples(invoke: CliRunnerCall) -> None:
    result = invoke("docs", "--help")
    assert result.exit_code == 0
    assert "  chargewatch docs reporting.md\n" in result.stdout
    assert "  chargewatch docs | less\n" in result.stdout
