"""Shared helpers of the reader tests: where the real documents are, cell tuples to compare."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from perfxl.importers.blocks import Document, Paragraph, Table

REAL_NAMES = ("huangshi-2022", "jingyan-mata-2023", "yueyang-2022")


def _real_folder() -> Path | None:
    """The shared real documents: $PERFXL_REAL_DOCS, else a shared/data/real folder above the repository."""
    env = os.environ.get("PERFXL_REAL_DOCS")
    candidates = [Path(env)] if env else []
    candidates += [p / "shared" / "data" / "real" for p in Path(__file__).resolve().parents]
    return next((c for c in candidates if (c / "README.md").is_file()), None)


@pytest.fixture(scope="session")
def real_docs() -> Path:
    folder = _real_folder()
    if folder is None:
        pytest.skip("the shared real documents (shared/data/real) are not here; set PERFXL_REAL_DOCS")
    return folder


def cells(table: Table) -> list[tuple[int, int, int, int, str]]:
    """(row, column, row_span, col_span, text) of every cell, row by row."""
    return [(c.row, c.column, c.row_span, c.col_span, c.text) for c in table.cells()]


def tables(document: Document) -> list[Table]:
    return [b for b in document.blocks if isinstance(b, Table)]


def paragraphs(document: Document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]
