"""``chargewatch docs``: the data dictionary of the reporting views."""

from __future__ import annotations

from pathlib import Path

import click

from chargewatch.cli.common import OutputFile, warehouse
from chargewatch.export.dictionary import as_markdown, reporting_functions, reporting_views


@click.command()
@click.argument("file", type=OutputFile(), required=False)
@click.pass_context
def docs(ctx: click.Context, file: Path | None) -> None:
    """Write the data dictionary of the reporting views as Markdown: per view its
    grain (what one row stands for) and description, then every column with its
    type and what it means (units, definitions, formulas). It is read from the
    database's own comments, so it always matches the views Tableau sees.
    Prints to the terminal unless FILE is given.

    \b
    Examples:
      chargewatch docs reporting.md
      chargewatch docs | less
    """
    with warehouse(ctx) as conn:
        views = reporting_views(conn)
        functions = reporting_functions(conn)
    text = as_markdown(views, functions)
    if file is None:
        click.echo(text, nl=False)
    else:
        file.write_text(text, encoding="utf-8")
        click.echo(f"{file}: {len(views)} views")
