"""Nothing is dropped silently: a stray cell planted anywhere in a real layout ends up in the dataset or in
the import report, at its place (table, row, column)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfxl.formats.interchange import dumps_json
from perfxl.importers.blocks import Cell, Document, Paragraph, Table
from perfxl.importers.document import parse_document
from perfxl.importers.labels import lexicon
from perfxl.importers.readers import read_document
from tests.conftest import SHARED_DOC
from tests.test_import_real import REAL

LEX = lexicon()
DOCUMENTS = [REAL / f"{name}.{ext}" for name in ("huangshi-2022", "jingyan-mata-2023", "yueyang-2022") for ext in (
    "html", "docx", "txt")] + [SHARED_DOC]  # fmt: skip
# Text no label dictionary knows and no value parser reads as a number: ★ then letters.
STRAY = st.text(alphabet="甲乙丙丁戊己庚辛壬癸abcxyz", min_size=1, max_size=6).map(lambda t: f"★{t}")


def _tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def _replace_table(doc: Document, old: Table, new: Table) -> Document:
    return Document([new if b is old else b for b in doc.blocks], doc.format, doc.notes)


def _fill_empty(table: Table, index: int, text: str) -> tuple[Table, Cell] | None:
    """The table with its index-th empty cell (in a real grid) given ``text``."""
    empties = [c for c in table.cells() if not c.text.strip()]
    if not empties:
        return None
    target = empties[index % len(empties)]
    planted = dataclasses.replace(target, text=text)
    rows = tuple(tuple(planted if c is target else c for c in row) for row in table.rows)
    return dataclasses.replace(table, rows=rows), planted


def _append_cell(table: Table, index: int, text: str) -> tuple[Table, Cell]:
    """The table with ``text`` added at the end of its index-th row (a text dump has no empty cells to fill)."""
    r = index % len(table.rows)
    row = table.rows[r]
    column = max((c.column + c.col_span for c in row), default=1)
    planted = Cell(text, row[0].row if row else r + 1, column, line=row[0].line if row else None)
    rows = tuple((*x, planted) if i == r else x for i, x in enumerate(table.rows))
    return dataclasses.replace(table, rows=rows), planted


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table_index=st.integers(0, 50), cell_index=st.integers(0, 10_000), text=STRAY)
def test_a_planted_cell_is_placed_or_reported(path: Path, table_index: int, cell_index: int, text: str) -> None:
    if not path.exists():
        pytest.skip("shared real documents not present")
    doc = read_document(path)
    tables = _tables(doc)
    if not tables:  # a page without tables (one cell per line): plant a line among its paragraphs instead
        pytest.skip("no table blocks in this reading")
    table = tables[table_index % len(tables)]
    planted_table: Table | None = None
    planted: Cell | None = None
    if doc.format != "text":
        filled = _fill_empty(table, cell_index, text)
        if filled is not None:
            planted_table, planted = filled
    if planted_table is None:
        planted_table, planted = _append_cell(table, cell_index, text)
    assert planted is not None
    result = parse_document(_replace_table(doc, table, planted_table), path=str(path), lex=LEX)
    reported = [p for p in result.report if p.text is not None and text in p.text]
    in_dataset = _squash(text) in _squash(dumps_json(result.dataset))
    assert reported or in_dataset, f"{text!r} at row {planted.row} column {planted.column} vanished"
    for item in reported:
        if item.table is not None and item.text == text:
            assert (item.table, item.row, item.column) == (table.number, planted.row, planted.column)


@settings(max_examples=40, deadline=None)
@given(position=st.integers(0, 10_000), text=STRAY)
def test_a_planted_line_in_a_one_cell_per_line_table_is_placed_or_reported(position: int, text: str) -> None:
    path = REAL / "yueyang-2022.txt"
    if not path.exists():
        pytest.skip("shared real documents not present")
    doc = read_document(path)
    texts = [getattr(b, "text", "") for b in doc.blocks]
    first, last = texts.index("项目名称"), texts.index("≥95%")  # the table's first and last cell
    at = first + 1 + position % (last - first)
    planted = Paragraph(text, line=None)
    blocks = [*doc.blocks[:at], planted, *doc.blocks[at:]]
    result = parse_document(Document(blocks, doc.format, doc.notes), path=str(path), lex=LEX)
    reported = [p for p in result.report if p.text is not None and text in p.text]
    assert reported or _squash(text) in _squash(dumps_json(result.dataset)), f"{text!r} at paragraph {at} vanished"
