"""Readable names for the codes a source publishes (network, facility and owner types).

Tables show these names; JSON and CSV keep the codes, which are what programs
and filters match on. A code not listed here reads as itself with underscores
as spaces, so a network new to the source still shows.
"""

from __future__ import annotations

NETWORKS = {
    "AMPUP": "AmpUp",
    "APPLEGREEN": "Applegreen Electric",
    "BP_PULSE": "bp pulse",
    "CHARGELAB": "ChargeLab",
    "CHARGESMART_EV": "ChargeSmart EV",
    "CIRCLE_K": "Circle K",
    "ELECTRIC_ERA": "Electric Era",
    "EVCS": "EVCS",
    "EVGATEWAY": "EVGateway",
    "EVOKE": "EVOKE",
    "FLASH": "FLASH",
    "FORD_CHARGE": "Ford Charge",
    "NOODOE": "Noodoe",
    "REVEL": "Revel",
    "RIVIAN_ADVENTURE": "Rivian Adventure Network",
    "RIVIAN_WAYPOINTS": "Rivian Waypoints",
    "SHELL_RECHARGE": "Shell Recharge",
    "SWTCH": "SWTCH",
    "UNIVERSAL": "Universal EV Chargers",
    "VIALYNK": "Vialynk",
    "ZEFNET": "ZEF Network",
}

FACILITY_TYPES = {
    "B_AND_B": "Bed and breakfast",
    "BREWERY_DISTILLERY_WINERY": "Brewery, distillery or winery",
    "COOP": "Co-op",
    "FED_GOV": "Federal government",
    "MULTI_UNIT_DWELLING": "Multi-unit dwelling",
    "MUNI_GOV": "Municipal government",
    "NATL_PARK": "National park",
    "OFFICE_BLDG": "Office building",
    "REC_SPORTS_FACILITY": "Recreation or sports facility",
    "RV_PARK": "RV park",
    "STATE_GOV": "State government",
}

_BY_DIMENSION = {"network": NETWORKS, "facility_type": FACILITY_TYPES}


def label(dimension: str, code: str | None) -> str | None:
    """The readable name of ``code`` in ``dimension``; other dimensions' values as they are."""
    if code is None or dimension not in _BY_DIMENSION:
        return code
    known = _BY_DIMENSION[dimension].get(code)
    if known is not None:
        return known
    if code.isupper() or "_" in code:
        words = code.replace("_", " ")
        return words[:1].upper() + words[1:].lower() if dimension == "facility_type" else words
    return code
