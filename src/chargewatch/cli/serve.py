"""``chargewatch serve``: the read-only web dashboard."""

from __future__ import annotations

import errno

import click

from chargewatch.cli.common import port_option, settings_from
from chargewatch.errors import ConfigError


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@port_option(8050, "Port to listen on.")
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
    from chargewatch.warehouse.connect import connect_reader

    settings = settings_from(ctx)
    with connect_reader(settings):  # a wrong URL, a server that is down, an old schema: one line
        pass
    app = create_app(settings)
    _check_free(host, port)
    click.echo(f"chargewatch dashboard on http://{host}:{port}/ (Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _check_free(host: str, port: int) -> None:
    """Fail in one line, before serving, when the address cannot be listened on."""
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as exc:
        reason = (
            "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
        )
        raise ConfigError(
            f"{host}:{port} {reason}; choose another with --port (or --host)"
        ) from None
