"""``perfxl validate --annotate``: a marked-up copy of a workbook, painted like live Excel paints it."""

from __future__ import annotations

from pathlib import Path

from perfxl.core.errors import OutputError
from perfxl.core.findings import Finding
from perfxl.excel.memory import MemoryBook
from perfxl.excel.paint import RESULTS_SHEET, clear_marks, paint_findings


def write_annotated(source: Path, findings: list[Finding], output: Path, *, lang: str = "zh") -> None:
    """Write a copy of ``source`` to ``output`` with ``findings`` painted on it.

    The paint is that of ``perfxl excel validate`` (fill, note, a 校验结果 sheet with
    links, the hidden record that lets ``perfxl excel clear`` undo it).  ``source``
    is never modified; marks of an earlier annotation are cleared first, the user's
    own formatting and notes are kept.
    """
    source, output = Path(source), Path(output)
    if output.suffix.lower() != ".xlsx":
        raise OutputError(f"{output}: the annotated copy must be an .xlsx file")
    if output.exists() and output.resolve() == source.resolve():
        raise OutputError(f"{output}: refusing to overwrite the input; choose another file name")
    book = MemoryBook.open(source)
    with book.batch():
        clear_marks(book)
        paint_findings(book, findings, lang=lang)
    book.activate(RESULTS_SHEET)  # the copy opens on the list of findings
    book.save(output)
