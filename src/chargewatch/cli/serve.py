"""``chargewatch serve``: the read-only web dashboard."""

from __future__ import annotations

import errno

import click

from chargewatch.cli.common import port_option, settings_from
from chargewatch.errors import ConfigError


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@port_option(8050, "Port to listen on.")
@click.option(
    "--ocpi",
    is_flag=True,
    help="Also receive OCPI Locations pushed by a CPO (PUT/PATCH under /ocpi/…/locations) and "
    "load them as source ocpi.",
)
@click.option(
    "--ocpi-token",
    metavar="TOKEN",
    help="The token a CPO must send (Authorization: Token …). Prefer CHARGEWATCH_OCPI_TOKEN: "
    "an option shows in the process list.",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, ocpi: bool, ocpi_token: str | None) -> None:
    """A read-only dashboard in the browser: KPI tiles, filters, a station map,
    trends, KPIs by state, down and stale stations; JSON under /api.

    It reads as the chargewatch_reader role (the reporting views only) and
    needs nothing from the internet. Ctrl-C stops it.

    With --ocpi it is also an OCPI 2.2.1 Locations receiver: a CPO's PUT and
    PATCH of Locations and EVSEs (under /ocpi/2.2.1/locations/{country}/{party}/
    {location}[/{evse_uid}]) are checked, kept in the lake and loaded as
    status events. A request without the token gets 401 and stores nothing.

    \b
    Examples:
      chargewatch serve
      chargewatch serve --port 9000
      CHARGEWATCH_OCPI_TOKEN=s3cret chargewatch serve --host 0.0.0.0 --ocpi
    """
    import uvicorn

    from chargewatch.serve.dashboard import create_app
    from chargewatch.warehouse.connect import connect_reader

    settings = settings_from(ctx)
    with connect_reader(settings):  # a wrong URL, a server that is down, an old schema: one line
        pass
    app = create_app(settings)
    if ocpi:
        from chargewatch.serve.ocpi import add_ocpi_routes

        token = ocpi_token or settings.source_setting("ocpi", "token", "")
        if not token:
            raise ConfigError(
                "--ocpi needs a token: give --ocpi-token or set CHARGEWATCH_OCPI_TOKEN"
            )
        add_ocpi_routes(app, settings, token)
    _check_free(host, port)
    receiver = f"; OCPI receiver under http://{host}:{port}/ocpi/" if ocpi else ""
    click.echo(f"chargewatch dashboard on http://{host}:{port}/{receiver} (Ctrl-C stops)")
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
