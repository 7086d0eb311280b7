"""The year's printed forms as documents: 项目支出绩效目标执行监控表 and 项目支出绩效自评表.

One table per project, laid out by :mod:`perfxl.year.forms` (cells with their
spans), drawn here with python-docx on A4 landscape; PDF goes through the same
LibreOffice conversion as the target document.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any, Literal

from perfxl.core.errors import UsageError
from perfxl.core.model import Dataset
from perfxl.core.stages import IndicatorEvaluation, IndicatorMonitor, ProjectEvaluation, ProjectMonitor
from perfxl.files.atomic import atomic_path, write_text_atomic
from perfxl.render.docx import xml_safe
from perfxl.render.pdf import docx_to_pdf, find_soffice
from perfxl.year.forms import EVALUATION_TITLE, MONITOR_TITLE, FormTable, monitor_table, self_evaluation_table
from perfxl.year.monitoring import monitor_month
from perfxl.year.scoring import score_dataset
from perfxl.year.settings import load_scoring_settings

Form = Literal["monitor", "self-evaluation"]
FORMS: tuple[Form, ...] = ("monitor", "self-evaluation")


def form_tables(dataset: Dataset, form: Form, *, unit: str | None = None) -> list[tuple[str, FormTable]]:
    """(project title, table) for every project of ``unit`` (all units when None)."""
    names = {u.code: u.name or u.code for u in dataset.units}
    projects = [p for p in dataset.projects if unit is None or p.unit_code == unit]
    tables: list[tuple[str, FormTable]] = []
    if form == "monitor":
        month = monitor_month(dataset)
        if month is None:
            raise UsageError("the workbook has no monitoring data yet (perfxl stage monitor BOOK --month N)")
        for p in projects:
            monitors = [i.monitor or IndicatorMonitor() for i in p.indicators]
            table = monitor_table(p, names.get(p.unit_code or "", ""), p.monitor or ProjectMonitor(), monitors, month)
            tables.append((p.name or p.code, table))
        return tables
    settings = load_scoring_settings()
    scores = dict(zip((p.code for p in dataset.projects), score_dataset(dataset, settings), strict=True))
    for p in projects:
        evaluations = [i.evaluation or IndicatorEvaluation() for i in p.indicators]
        unit_name = names.get(p.unit_code or "", "")
        table = self_evaluation_table(
            p, unit_name, p.evaluation or ProjectEvaluation(), evaluations, scores[p.code], settings.execution_weight
        )
        tables.append((p.name or p.code, table))
    return tables


def _title(dataset: Dataset, form: Form) -> str:
    year = f"（{dataset.year}年度）" if dataset.year else ""
    return (MONITOR_TITLE if form == "monitor" else EVALUATION_TITLE) + year


def _draw(doc: Any, table: FormTable) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    grid = doc.add_table(rows=table.rows, cols=table.columns)
    grid.style = doc.styles["Table Grid"]
    cells = grid._cells  # one walk; table.cell() re-walks the table on every call
    for c in table.cells:
        first = cells[c.row * table.columns + c.col]
        para = first.paragraphs[0]
        run = para.add_run(xml_safe(c.text))
        run.bold = c.header or None
        if c.header:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for c in table.cells:
        if c.rowspan > 1 or c.colspan > 1:
            last = cells[(c.row + c.rowspan - 1) * table.columns + c.col + c.colspan - 1]
            cells[c.row * table.columns + c.col].merge(last)


def build_forms(dataset: Dataset, form: Form, *, unit: str | None = None) -> Any:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "宋体", Pt(10)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    title = _title(dataset, form)
    for i, (name, table) in enumerate(form_tables(dataset, form, unit=unit)):
        heading = doc.add_paragraph(style="Title")
        heading.add_run(xml_safe(title))
        heading.paragraph_format.page_break_before = i > 0
        doc.add_paragraph(xml_safe(name))
        _draw(doc, table)
    return doc


def write_forms(dataset: Dataset, out_path: str | Path, form: Form, *, unit: str | None = None) -> Path:
    """Write the forms as .docx, .pdf (via LibreOffice) or .txt (tab-separated rows), atomically."""
    if form not in FORMS:
        raise UsageError(f"unknown form {form!r}; use monitor or self-evaluation")
    out = Path(out_path)
    suffix = out.suffix.lower()
    if suffix == ".txt":
        write_text_atomic(out, forms_text(dataset, form, unit=unit))
    elif suffix == ".docx":
        doc = build_forms(dataset, form, unit=unit)
        with atomic_path(out) as tmp:
            doc.save(str(tmp))
    else:
        exe = find_soffice()
        with tempfile.TemporaryDirectory(prefix="perfxl-forms-") as work:
            source = Path(work) / "forms.docx"
            build_forms(dataset, form, unit=unit).save(str(source))
            pdf = docx_to_pdf(source, Path(work), soffice=exe)
            with atomic_path(out) as tmp:
                shutil.copyfile(pdf, tmp)
    return out


def forms_text(dataset: Dataset, form: Form, *, unit: str | None = None) -> str:
    """The forms as plain text: a title, then each table's rows with cells separated by tabs."""
    lines = [_title(dataset, form)]
    for name, table in form_tables(dataset, form, unit=unit):
        lines += ["", name]
        # Cells covered by a span stay empty, so the columns line up.
        rows = [[""] * table.columns for _ in range(table.rows)]
        for c in table.cells:
            rows[c.row][c.col] = c.text.replace("\n", " ")
        lines += ["\t".join(row).rstrip("\t") for row in rows]
    return "\n".join(lines) + "\n"
