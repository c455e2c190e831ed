"""The parts a Tableau workbook is described with: fields of reporting views, data
sources, and sheets placing fields on shelves (``export.tableau`` writes them as XML)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """A column of a view, or a calculated field when ``formula`` is set."""

    name: str
    datatype: str  # string | integer | real | date | datetime | boolean
    role: str = "dimension"  # dimension | measure
    kind: str = "nominal"  # nominal | ordinal | quantitative
    caption: str | None = None
    formula: str | None = None
    semantic_role: str | None = None


@dataclass(frozen=True)
class Source:
    """One data source: one reporting view and the fields the workbook uses from it."""

    name: str
    caption: str
    view: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


NEWEST_NAME = "Calculation_newest_snapshot"
"""The boolean field a ``newest_only`` sheet filters on."""


def count(name: str) -> Field:
    """An integer measure."""
    return Field(name, "integer", "measure", "quantitative")


def real(name: str) -> Field:
    """A real measure."""
    return Field(name, "real", "measure", "quantitative")


def coordinates(role: str = "measure") -> tuple[Field, Field]:
    """``latitude`` and ``longitude``, which Tableau places on a map (as dimensions, one
    mark per row instead of an average)."""

    def axis(name: str) -> Field:
        return Field(name.lower(), "real", role, "quantitative",
                     semantic_role=f"[Geographical].[{name}]")  # fmt: skip

    return axis("Latitude"), axis("Longitude")


# A use of a field on a shelf: (derivation, field name). usr = an aggregate calculation as is.
Use = tuple[str, str]
DERIVATIONS = {"none": "None", "avg": "Avg", "sum": "Sum", "usr": "User"}


@dataclass(frozen=True)
class Sheet:
    """A worksheet: one source's fields on its rows, columns and marks; ``newest_only``
    keeps it to the newest snapshot (or run) by the source's ``NEWEST_NAME`` field."""

    title: str
    source: Source
    mark: str
    rows: tuple[Use, ...] = ()
    cols: tuple[Use, ...] = ()
    encodings: tuple[tuple[str, Use], ...] = ()  # (encoding element, use)
    newest_only: bool = False
