"""The publishable document as a Word file (python-docx).

Same blocks as the text form (:func:`perfxl.render.text.layout`): part titles,
section headings, the numbered goal paragraphs, and per project a titled
绩效目标表 made of two tables (the project's money, plan and goals; then the
indicators with 一级指标 merged vertically).  A4, Chinese fonts set on the
``w:eastAsia`` slot (Word otherwise draws Chinese in its Latin font's
fallback), with Noto CJK named as the alternative where the Windows fonts are
missing.  The table of contents is a real TOC field
(:mod:`perfxl.render.docx_toc`); the two tables of a project are kept apart
by a 1-pt paragraph (adjacent tables would be joined into one), their rows
never split and the indicator header repeats on each page
(:mod:`perfxl.render.docx_markup`); the document's properties are perfxl's,
not python-docx's template's (:mod:`perfxl.render.docx_package`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from perfxl.core.model import Dataset
from perfxl.core.numbering import is_subheading
from perfxl.files.atomic import atomic_path
from perfxl.render.docx_markup import gap_paragraph, keep_rows_whole, update_fields_on_open
from perfxl.render.docx_package import drop_template_leftovers, set_language, set_properties
from perfxl.render.docx_toc import TOC_STYLES, Entry, add_toc
from perfxl.render.text import Heading, Paragraph, ProjectTable, layout

LATIN_FONT = "Times New Roman"
BODY_FONT = "仿宋"  # goal paragraphs
TABLE_FONT = "宋体"
HEADING_FONT = "黑体"
# Where 宋体/仿宋/黑体 are missing (Linux, LibreOffice), the Noto CJK fonts stand in.
ALT_FONTS = {BODY_FONT: "Noto Serif CJK SC", TABLE_FONT: "Noto Serif CJK SC", HEADING_FONT: "Noto Sans CJK SC"}
TABLE_POINTS = 10.5
CELL_STYLE = "表格文字"
CENTERED_STYLE = "表格标题"
CELL_STYLE_ID, CENTERED_STYLE_ID = "PerfxlCell", "PerfxlCellCentered"

# Column widths in cm: the info table has a 7-column grid, the indicator table 6.
INFO_WIDTHS: tuple[float, ...] = (2.1, 1.7, 2.4, 2.7, 2.4, 1.9, 2.5)
INDICATOR_WIDTHS = (2.0, 2.6, 3.0, 4.2, 2.0, 2.1)
# Info table: per row, the (first column, last column) span of each cell.
INFO_SPANS: tuple[tuple[tuple[int, int], ...], ...] = (
    ((0, 4), (5, 6)),
    ((0, 0), (1, 3), (4, 4), (5, 6)),
    tuple((i, i) for i in range(7)),
    ((0, 0), (1, 6)),
    ((0, 0), (1, 2), (3, 3), (4, 5), (6, 6)),
    ((0, 0), (1, 2), (3, 3), (4, 5), (6, 6)),
    ((0, 0), (1, 6)),
)
# (row, column) of info cells merged with the cell above: the two row labels.
INFO_VMERGED = ((3, 0), (5, 0))
PLAN_ROWS = (4, 5)


def info_layout(months: int) -> tuple[tuple[float, ...], tuple[tuple[tuple[int, int], ...], ...]]:
    """Column widths and cell spans of the info table for a plan of ``months`` checkpoints.

    Four checkpoints keep the published layout; up to six share the six value columns
    (wider ones first); more widen the table to one column per checkpoint.
    """
    if months == 4:
        return INFO_WIDTHS, INFO_SPANS
    if months <= 6:
        widths = INFO_WIDTHS
        sizes = [6 // months + (1 if i < 6 % months else 0) for i in range(months)]
    else:
        widths = (INFO_WIDTHS[0], *([round(sum(INFO_WIDTHS[1:]) / months, 2)] * months))
        sizes = [1] * months
    last = len(widths) - 1
    starts = [1 + sum(sizes[:i]) for i in range(months)]
    plan = ((0, 0), *((a, a + n - 1) for a, n in zip(starts, sizes, strict=True)))
    spans = tuple(
        plan if r in PLAN_ROWS else tuple((a, last if b == len(INFO_WIDTHS) - 1 else b) for a, b in row)
        for r, row in enumerate(INFO_SPANS)
    )
    return widths, spans


_LINE_BREAKS = re.compile(r"[\x0b\x0c\u2028\u2029]")
_NOT_XML = re.compile(r"[\x00-\x08\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text Word can store: Word's manual line/page breaks (pasted into a cell) become
    line breaks, other control characters, which XML cannot hold, are dropped."""
    return _NOT_XML.sub("", _LINE_BREAKS.sub("\n", text)).replace("\r\n", "\n").replace("\r", "\n")


def _set_fonts(element: Any, east_asia: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Set a style's or run's fonts, East Asian slot included."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    element.font.name = LATIN_FONT
    if size_pt is not None:
        element.font.size = Pt(size_pt)
    if bold is not None:
        element.font.bold = bold
    rpr = element.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    # Theme fonts would override the explicit names; drop them.
    for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(slot), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        from docx.oxml import OxmlElement

        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _setup_styles(doc: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    styles = doc.styles
    _set_fonts(styles["Normal"], BODY_FONT, 14)
    styles["Normal"].paragraph_format.space_after = Pt(0)
    styles["Normal"].paragraph_format.line_spacing = 1.25
    for name, size in (("Title", 22), ("Heading 1", 18), ("Heading 2", 15)):
        style = styles[name]
        _set_fonts(style, HEADING_FONT, size, bold=name != "Title")
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The Title style's bottom border line looks out of place in a government document.
    ppr = styles["Title"].element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    # Cell paragraphs get styles of their own: Normal's size and spacing would
    # otherwise win over the table style's.
    for name in (CELL_STYLE, CENTERED_STYLE):
        cell_style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        cell_style.style_id = CENTERED_STYLE_ID if name == CENTERED_STYLE else CELL_STYLE_ID
        cell_style.base_style = None
        _set_fonts(cell_style, TABLE_FONT, TABLE_POINTS)
        cell_style.paragraph_format.line_spacing = 1.0
        cell_style.paragraph_format.space_after = Pt(0)
    styles[CENTERED_STYLE].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Word's own TOC entry styles (LibreOffice maps them to Contents 1/2), with a
    # right-aligned, dotted tab stop for the page numbers.
    for level, name in enumerate(TOC_STYLES):
        toc_style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        # Word's built-in style: its id, and not flagged as a custom one.
        toc_style.style_id = f"TOC{level + 1}"
        toc_style.element.attrib.pop(qn("w:customStyle"), None)
        toc_style.base_style = styles["Normal"]
        _set_fonts(toc_style, BODY_FONT, 12)
        toc_style.paragraph_format.left_indent = Cm(0.85 * level)
        toc_style.paragraph_format.first_line_indent = Pt(0)
        toc_style.paragraph_format.tab_stops.add_tab_stop(Cm(16.0), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _add_font_alternatives(doc: Any) -> None:
    """Name Noto CJK as each Chinese font's alternative in the font table."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    ns = root.nsmap["w"]
    for name, alt in ALT_FONTS.items():
        if root.find(f"{{{ns}}}font[@{{{ns}}}name='{name}']") is not None:
            continue
        font = parse_xml(
            f'<w:font xmlns:w="{ns}" w:name="{name}"><w:altName w:val="{alt}"/>'
            '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        )
        root.append(font)
    from lxml import etree  # type: ignore[import-untyped]

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_setup(doc: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    for section in doc.sections:
        section.page_width = Cm(21.0)
        section.page_height = Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.54)
        section.left_margin = section.right_margin = Cm(2.5)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_field(footer, "PAGE", "1")


def _fld_char(kind: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def _add_field(paragraph: Any, instruction: str, cached: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run()._r.append(_fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_fld_char("separate"))
    paragraph.add_run(cached)
    paragraph.add_run()._r.append(_fld_char("end"))


def _page_break_type() -> Any:
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE


def _write_cell(cell: Any, text: str, *, bold: bool = False, center: bool = False) -> None:
    from docx.oxml.ns import qn

    lines = xml_safe(text).split("\n")
    para = cell.paragraphs[0]
    # The style id is set directly: python-docx's name lookup walks all styles each time.
    style_id = CENTERED_STYLE_ID if center else CELL_STYLE_ID
    for i, line in enumerate(lines):
        if i:
            para = cell.add_paragraph()
        para._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), style_id)
        if line:
            para.add_run(line).bold = bold or None


def _new_table(doc: Any, rows: int, widths: tuple[float, ...]) -> tuple[Any, list[list[Any]]]:
    """A table and its cells as a grid, taken once before any merge.

    ``table.cell()`` re-walks the whole table on every call; with merges that is
    quadratic, so cells are written through this grid and merged afterwards.
    """
    from docx.shared import Cm

    table = doc.add_table(rows=rows, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Cm(width)
    flat = table._cells
    grid = [flat[r * len(widths) : (r + 1) * len(widths)] for r in range(rows)]
    for row in grid:
        for cell, width in zip(row, widths, strict=True):
            cell.width = Cm(width)
    return table, grid


def _info_table(doc: Any, block: ProjectTable) -> None:
    rows = block.info_rows()
    widths, info_spans = info_layout(len(block.months))
    table, grid = _new_table(doc, len(rows), widths)
    labels = {"项目编码", "项目名称", "预算数", "其中：财政资金", "其他资金"}
    # Text first, into each span's first cell only: merging then keeps it.
    for r, (row, spans) in enumerate(zip(rows, info_spans, strict=True)):
        for (first, _last), text in zip(spans, row, strict=True):
            if (r, first) in INFO_VMERGED:
                continue
            is_label = first == 0 or text in labels or r == 4
            _write_cell(grid[r][first], text, bold=is_label and r > 0, center=is_label and r > 0)
    for r, spans in enumerate(info_spans):
        for first, last in spans:
            if last > first:
                grid[r][first].merge(grid[r][last])
    for r, c in INFO_VMERGED:
        grid[r - 1][c].merge(grid[r][c])
    _no_borders(grid[0][0], grid[0][info_spans[0][1][0]])
    # The whole table on one page, and on the page of the indicator header after it.
    keep_rows_whole(table, keep_with_next=len(rows))


def _no_borders(*cells: Any) -> None:
    """The unit line above the table is printed without a frame."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for cell in cells:
        tc_pr = cell._tc.get_or_add_tcPr()
        tc_pr.append(
            parse_xml(
                f"<w:tcBorders {nsdecls('w')}>"
                + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "right"))
                + "</w:tcBorders>"
            )
        )


def _indicator_table(doc: Any, block: ProjectTable) -> None:
    rows = block.indicator_rows()
    table, grid = _new_table(doc, len(rows), INDICATOR_WIDTHS)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if c == 0 and text == "" and r > 1:
                continue
            _write_cell(grid[r][c], text, bold=r == 0, center=r == 0 or c == 0)
    # 一级指标 merged down over the rows that leave it empty.
    start = 1
    for r in range(2, len(rows) + 1):
        if r == len(rows) or rows[r][0] != "":
            if r - 1 > start:
                grid[start][0].merge(grid[r - 1][0])
            start = r
    # The header row repeats on every page the table runs over, stays with the first row; no row splits.
    keep_rows_whole(table, header_rows=1, keep_with_next=1)


def document_title(dataset: Dataset, unit: str | None = None) -> str:
    """The title in the document's properties: whose targets, for which year."""
    names = {u.code: u.name for u in dataset.units}
    if unit is None and len(dataset.units) == 1:
        unit = dataset.units[0].code
    owner = (names.get(unit) if unit else None) or dataset.division.name or unit or ""
    year = f"{dataset.year}年" if dataset.year else ""
    return f"{owner}{year}预算绩效目标"


def build_document(dataset: Dataset, *, unit: str | None = None) -> Any:
    """The python-docx Document for ``dataset`` (not yet saved)."""
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    drop_template_leftovers(doc)
    set_properties(doc, document_title(dataset, unit))
    set_language(doc)
    _setup_styles(doc)
    _add_font_alternatives(doc)
    _page_setup(doc)
    blocks = layout(dataset, unit=unit)
    entries: list[Entry] = []
    for block in blocks:
        if isinstance(block, Heading):
            if block.level == 0:
                style = "Title" if block.text.startswith("第") else "Heading 1"
                para = doc.add_paragraph(xml_safe(block.text), style=style)
                # Each part starts on a new page (the TOC takes the first).
                para.paragraph_format.page_break_before = style == "Title" and len(doc.element.body) > 2
                if style == "Heading 1":
                    entries.append(Entry(1, block.text, para))
            else:
                para = doc.add_paragraph(xml_safe(block.text), style="Heading 2")
                entries.append(Entry(2, block.text, para))
        elif isinstance(block, Paragraph):
            para = doc.add_paragraph()
            # A numbered sub-heading such as （一） stands out in bold.
            para.add_run(xml_safe(block.text)).bold = is_subheading(block.text) or None
            para.paragraph_format.first_line_indent = Pt(28)
        else:
            para = doc.add_paragraph(xml_safe(block.title), style="Heading 2")
            entries.append(Entry(2, block.title, para))
            _info_table(doc, block)
            gap_paragraph(doc)  # two tables, not one joined table
            _indicator_table(doc, block)
            doc.add_paragraph()
    add_toc(doc, entries, xml_safe, _page_break_type())
    update_fields_on_open(doc)
    return doc


def write_docx(dataset: Dataset, out_path: str | Path, *, unit: str | None = None) -> None:
    """Write the document as ``.docx``, atomically."""
    doc = build_document(dataset, unit=unit)
    with atomic_path(out_path) as tmp:
        doc.save(str(tmp))
