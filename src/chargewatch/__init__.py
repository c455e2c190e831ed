"""chargewatch: EV charging-station data to reliability, accessibility and coverage KPIs.

The library is the product; the CLI (``chargewatch.cli``) is a thin adapter over it.
"""

__version__ = "0.1.0"
