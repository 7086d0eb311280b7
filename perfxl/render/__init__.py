"""Render a dataset as the publishable document: ``.txt``, ``.docx`` or ``.pdf``."""

from __future__ import annotations

from pathlib import Path

from perfxl.core.errors import OutputError
from perfxl.core.model import Dataset
from perfxl.files.atomic import write_text_atomic
from perfxl.files.outputs import check_output
from perfxl.render.docx import write_docx
from perfxl.render.forms import Form, write_forms
from perfxl.render.pdf import write_pdf
from perfxl.render.text import render_text

FORMATS = (".txt", ".docx", ".pdf")


def render(dataset: Dataset, out_path: str | Path, *, unit: str | None = None, form: Form | None = None) -> Path:
    """Write ``dataset`` to ``out_path`` in the format its suffix names; returns the path.

    ``unit`` keeps only that unit's department goals and projects; ``form`` writes
    the year's monitoring or self-evaluation forms instead of the targets.  The output
    is written atomically: on any error nothing (or the previous file) is left.
    """
    out = Path(out_path)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise OutputError(f"{out}: cannot render to {suffix or 'a file without extension'}; use .txt, .docx or .pdf")
    if (
        unit is not None
        and not any(u.code == unit for u in dataset.units)
        and not any(p.unit_code == unit for p in dataset.projects)
    ):
        raise OutputError(f"{out}: unit {unit} is not in the workbook")
    check_output(out, force=True)  # a rendered document is regenerated, never edited: replace it
    try:
        if form is not None:
            write_forms(dataset, out, form, unit=unit)
            return out
        _write(dataset, out, suffix, unit)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write: {exc.strerror or exc}") from None
    return out


def _write(dataset: Dataset, out: Path, suffix: str, unit: str | None) -> None:
    if suffix == ".txt":
        write_text_atomic(out, render_text(dataset, unit=unit))
    elif suffix == ".docx":
        write_docx(dataset, out, unit=unit)
    else:
        write_pdf(dataset, out, unit=unit)
