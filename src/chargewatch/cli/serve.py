"""``chargewatch serve``: the read-only web dashboard."""

from __future__ import annotations

import click

from chargewatch.cli.common import settings_from


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8050, show_default=True, help="Port to listen on.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """A read-only dashboard in the browser: KPI tiles, filters, a station map,
    trends, KPIs by state, down and stale stations; JSON under /api.

    It reads as the chargewatch_reader role (the reporting views only) and
    needs nothing from the internet. Ctrl-C stops it.

    \b
    Examples:
      chargewatch serve
      chargewatch serve --port 9000
    """
    import uvicorn

    from chargewatch.serve.dashboard import create_app

    click.echo(f"chargewatch dashboard on http://{host}:{port}/ (Ctrl-C stops)")
    uvicorn.run(create_app(settings_from(ctx)), host=host, port=port, log_level="warning")
