"""The HTML templates of the report and the dashboard, and their number formats."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from chargewatch.labels import label


@cache
def environment() -> Environment:
    """Templates from this folder, HTML-escaped, with ``rate``, ``ratio``, ``count`` and
    ``label`` (a code's readable name)."""
    env = Environment(
        loader=PackageLoader("chargewatch.serve", "templates"),
        autoescape=select_autoescape(["html"]),
    )
    env.filters["rate"] = lambda v: "—" if v is None else f"{v:.1%}"
    env.filters["ratio"] = lambda v: "—" if v is None else f"{v:.2f}"
    env.filters["count"] = lambda v: "—" if v is None else f"{v:,}"
    env.filters["label"] = lambda v, dimension: label(dimension, v)
    return env
