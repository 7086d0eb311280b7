"""``perfxl import`` (placeholder until the importer lands)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Registers nothing yet."""
