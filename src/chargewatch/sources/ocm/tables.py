"""Open Charge Map's reference lookups and how chargewatch maps them: data, in ``tables/``.

``status_types.csv``, ``usage_types.csv``, ``submission_status_types.csv``,
``connection_types.csv``, ``countries.csv`` and ``operators.csv`` hold OCM's
IDs and titles (from its reference data, August 2021, CC BY-SA 4.0 © Open
Charge Map contributors) with the canonical value each maps to; compact API
responses carry only the IDs. ``state_names.csv`` gives the two-letter code of
each US state and Canadian province, for POIs that spell the name out.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from chargewatch.sources.base import package_table

DC_CURRENT = 30
"""OCM's CurrentTypeID for direct current."""
US_TERRITORIES = ("PR", "GU", "VI", "AS", "MP")
"""Countries to OCM that are states to AFDC (Puerto Rico, Guam, …): their code is the state."""


@cache
def _table(name: str) -> dict[str, dict[str, str]]:
    """``tables/<name>.csv`` by its first column."""
    rows = package_table(__package__, name)
    key = next(iter(rows[0]))
    return {row[key]: row for row in rows}


def _lookup(name: str, value: Any, column: str) -> str | None:
    found = _table(name).get(str(value)) if value is not None else None
    return found[column] if found else None


def status(status_type_id: Any) -> str:
    """Canonical status: operational, temporarily_unavailable, planned, removed or unknown."""
    return _lookup("status_types", status_type_id, "status") or "unknown"


def status_title(status_type_id: Any) -> str | None:
    return _lookup("status_types", status_type_id, "title")


def is_live(submission_status_type_id: Any) -> bool:
    """Whether the listing is published (not under review, rejected or delisted); a POI
    without a submission status is taken as published, as the API serves only those."""
    if submission_status_type_id is None:
        return True
    return _lookup("submission_status_types", submission_status_type_id, "is_live") != "false"


def access(usage_type_id: Any, usage_title: str | None) -> str:
    """public, private or unknown: by usage type ID, else by its title's first word."""
    found = _lookup("usage_types", usage_type_id, "access")
    if found:
        return found
    first = (usage_title or "").split(" ")[0].lower()
    return {"public": "public", "private": "private", "privately": "private"}.get(first, "unknown")


def usage_title(usage_type_id: Any) -> str | None:
    return _lookup("usage_types", usage_type_id, "title")


def connector(connection_type_id: Any) -> str | None:
    """The canonical connector code (J1772, J1772COMBO, CHADEMO, NACS, …; OTHER for a type
    not in the table), None when the type is not given or is OCM's "Unknown" (0)."""
    if connection_type_id is None:
        return None
    code = _lookup("connection_types", connection_type_id, "connector")
    return "OTHER" if code is None else code or None


def is_dc_only(connection_type_id: Any) -> bool:
    """Whether the connector carries direct current only (CHAdeMO, CCS, Supercharger, …)."""
    return _lookup("connection_types", connection_type_id, "dc_only") == "true"


def level(level_id: Any) -> str | None:
    """level1, level2 or dc_fast."""
    return _lookup("levels", level_id, "level")


def country_iso(country_id: Any) -> str | None:
    return _lookup("countries", country_id, "iso_code")


def operator_title(operator_id: Any) -> str | None:
    return _lookup("operators", operator_id, "title")


@cache
def _state_codes() -> dict[tuple[str, str], str]:
    codes = {}
    for row in package_table(__package__, "state_names"):
        codes[(row["country"], _name_key(row["name"]))] = row["code"]
        codes[(row["country"], _name_key(row["code"]))] = row["code"]
    return codes


def _name_key(text: str) -> str:
    """How region names are compared: no accents, dots or case ("Québec", "Md.")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.replace(".", "").lower().split())


def state_code(country: str | None, state: str | None) -> str | None:
    """The state a POI counts in. A US state's or Canadian province's two-letter code,
    whether the POI gives the code or the name ("California", "ca", "Québec", "Md.",
    "California - CA"; a region it cannot tell is kept as written); elsewhere the
    country's code and the region as written ("DE:Berlin", "DE:?" for none), so that
    regions of two countries, or a country and a US state ("DE", Delaware), are never
    one state, and a file of one country never speaks for another's stations."""
    if country in ("US", "CA"):
        return None if state is None else _known_region(country, state) or state
    if country in US_TERRITORIES:
        return country
    return f"{country or '?'}:{state or '?'}"


def _known_region(country: str, state: str) -> str | None:
    """The code of a region written as its name or code, accents and dots aside, or as
    both ("California - CA"); None when no part of it is one region."""
    codes = _state_codes()
    whole = codes.get((country, _name_key(state)))
    if whole:
        return whole
    parts = {codes.get((country, _name_key(p))) for p in re.split(r"[-,/()]", state) if p.strip()}
    return parts.pop() if len(parts) == 1 and None not in parts else None
