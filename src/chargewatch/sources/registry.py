"""The sources chargewatch reads: one line each. A file is given to the first source
that recognises its content; AFDC, which recognises any text, is asked last and
explains what a file it cannot read lacks."""

from __future__ import annotations

from chargewatch.errors import ConfigError
from chargewatch.sources.acn import Acn
from chargewatch.sources.afdc import Afdc
from chargewatch.sources.base import Source
from chargewatch.sources.belib import Belib
from chargewatch.sources.bfe import Bfe
from chargewatch.sources.chargepoint import ChargePoint
from chargewatch.sources.container import Body
from chargewatch.sources.esb import Esb
from chargewatch.sources.evchart import EvChart
from chargewatch.sources.ocm import Ocm
from chargewatch.sources.ocpi import Ocpi
from chargewatch.sources.ocpi_sessions import OcpiSessions
from chargewatch.sources.ocpp import Ocpp
from chargewatch.sources.session_csv import SessionCsv
from chargewatch.sources.status_csv import StatusCsv

SNIFF_BYTES = 64 * 1024

SOURCES: tuple[Source, ...] = (
    Ocm(),
    Esb(),
    Bfe(),
    Belib(),
    Ocpp(),
    Ocpi(),
    OcpiSessions(),
    Acn(),
    EvChart(),
    ChargePoint(),
    SessionCsv(),
    StatusCsv(),
    Afdc(),
)

REGISTRIES: tuple[Source, ...] = tuple(s for s in SOURCES if s.model == "stations")
"""The sources whose files are registries of stations (KPIs, comparisons); the others
are status feeds and session exports."""


def source(name: str) -> Source:
    """The registered source called ``name``; ``ConfigError`` naming the others if none."""
    for found in SOURCES:
        if found.name == name:
            return found
    known = ", ".join(s.name for s in SOURCES)
    raise ConfigError(f"no source is called {name!r}; the sources are: {known}")


def recognise(body: Body) -> Source:
    """The source whose file this is, by its first bytes (the last source, AFDC, when
    no other recognises it: it says what the file lacks)."""
    with body.open() as stream:
        head = stream.read(SNIFF_BYTES)
    return next((s for s in SOURCES if s.recognises(head)), SOURCES[-1])
