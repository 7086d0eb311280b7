"""Blank datasets for ``perfxl new``."""

from __future__ import annotations

from perfxl.core.model import Dataset, Division, Unit
from perfxl.core.taxonomy import default_version, load_taxonomy


def blank_dataset(
    year: int,
    *,
    division_code: str | None = None,
    division_name: str | None = None,
    unit_code: str | None = None,
    unit_name: str | None = None,
    taxonomy: str | None = None,
) -> Dataset:
    """An empty Dataset for ``year``; the unit row is filled only when a code is given."""
    version = taxonomy or default_version(year)
    load_taxonomy(version)  # fail early on an unknown version
    units = (Unit(code=unit_code, name=unit_name),) if unit_code else ()
    return Dataset(
        year=year,
        division=Division(code=division_code, name=division_name),
        taxonomy=version,
        units=units,
    )
