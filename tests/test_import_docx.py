"""The .docx path: Word documents built here in the published layout read to the same Dataset.

The helper writes a Dataset the way these documents are laid out in Word: a
7-column grid, label cells such as 预算规模及资金用途 and 资金支出计划（%）merged
down over the row below, 一级指标 merged down over its rows, long cells merged
across, TOC field codes in the headings and empty paragraphs inside cells.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from perfxl.core.errors import InputError
from perfxl.core.model import Dataset, DepartmentGoal, Project
from perfxl.core.terms import PARTS
from perfxl.core.values import format_percent
from perfxl.formats.interchange import dumps_json
from perfxl.importers import ImportResult, import_document
from perfxl.importers.blocks import Table
from perfxl.importers.readers import read_docx
from tests.conftest import SHARED_DOC

GRID = 7
CHECKPOINTS = ("3月底", "6月底", "10月底", "12月底")

Layout = list[list[tuple[str, int]]]  # rows of (text, grid span)


def _add_tc_field(paragraph: Any, entry: str) -> None:
    """A hidden Word TOC entry field (``TC "…" \\f A \\l 1``) at the end of a paragraph."""
    for kind, instr in (("begin", None), (None, f' TC "{entry}" \\f A \\l 1 '), ("end", None)):
        run = paragraph.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = instr
            run._r.append(text)


def _goal_text(goal: DepartmentGoal) -> str:
    if goal.number is None:
        return goal.text or ""
    body = goal.title or ""
    if goal.text:
        body = f"{body}。{goal.text}"
    return f"{goal.number}{body}"


def _spread(texts: list[str]) -> list[tuple[str, int]]:
    """Lay texts over the grid: the last cell spans what is left (a horizontal merge)."""
    return [(t, 1) for t in texts[:-1]] + [(texts[-1], GRID - len(texts) + 1)]


def project_layout(project: Project, unit_name: str, amount_unit: str) -> tuple[Layout, Layout, Layout]:
    """(unit rows, project rows, indicator rows) of one project table."""
    unit_rows: Layout = [[(f"{project.unit_code}{unit_name}", 5), (f"单位：{amount_unit}", 2)]]
    b = project.budget
    money = ["" if v is None else str(v) for v in (b.total, b.fiscal, b.other)]
    rows: Layout = [
        [("项目编码", 1), (project.code, 2), ("项目名称", 1), (project.name or "", 3)],
        [(t, 1) for t in ("预算规模及资金用途", "预算数", money[0], "其中：财政资金", money[1], "其他资金", money[2])],
        _spread(["", project.purpose or ""]),
        _spread(["资金支出计划（%）", *CHECKPOINTS]),
        _spread(["", *(format_percent(v) for v in project.schedule.values())]),
        _spread(["绩效目标", project.goals or ""]),
    ]
    header = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
    indicators: Layout = [_spread(header)]
    previous = None
    for ind in project.indicators:
        level1 = "" if ind.level1 == previous else ind.level1 or ""
        previous = ind.level1
        texts = [level1, ind.level2 or "", ind.level3 or "", ind.description or "", ind.printed, ind.basis or ""]
        indicators.append(_spread(texts))
    return unit_rows, rows, indicators


def _fill_cell(cell: Any, text: str) -> None:
    """Multi-line text as separate paragraphs, with an empty paragraph between (Word users do that)."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph("")
        cell.add_paragraph(line)
    if len(lines) > 1:
        cell.add_paragraph("")  # trailing empty paragraph


def _cell(table: Any, row: int, col: int) -> Any:
    return table.rows[row].cells[col]  # table.cell() rebuilds the whole grid on every call: slow


def add_table(document: Any, layout: Layout, *, merge_down: tuple[int, ...] = (0,)) -> Any:
    table = document.add_table(rows=len(layout), cols=GRID)
    for r, row in enumerate(layout):
        col = 0
        for text, span in row:
            cell = _cell(table, r, col)
            if span > 1:
                cell = cell.merge(_cell(table, r, col + span - 1))
            _fill_cell(cell, text)
            col += span
    # An empty cell in a merge-down column continues the cell above it.
    for col in merge_down:
        r = 0
        while r < len(layout):
            end = r
            while end + 1 < len(layout) and _grid_text(layout[end + 1], col) == "":
                end += 1
            if end > r and _grid_text(layout[r], col) != "":
                _cell(table, r, col).merge(_cell(table, end, col))
            r = end + 1
    return table


def _grid_text(row: list[tuple[str, int]], col: int) -> str | None:
    pos = 0
    for text, span in row:
        if pos == col and span == 1:
            return text
        pos += span
    return None


def write_docx(
    dataset: Dataset,
    path: Path,
    *,
    split_indicator_table: bool = False,
    unit_as_paragraphs: bool = False,
    merge_level2: bool = False,
) -> Path:
    """Write ``dataset`` as a published-style Word document."""
    document = docx.Document()
    document.add_paragraph("第一部分")
    document.add_paragraph("部门整体绩效目标")
    for number, part in zip(("一", "二", "三"), PARTS, strict=True):
        _add_tc_field(document.add_paragraph(f"{number}、{part}"), part)
        document.add_paragraph("")
        for goal in dataset.department_goals:
            if goal.part == part:
                document.add_paragraph(_goal_text(goal))
                document.add_paragraph("")
    document.add_paragraph("第二部分")
    document.add_paragraph("预算项目绩效目标")
    names = {u.code: u.name or "" for u in dataset.units}
    for n, project in enumerate(dataset.projects, start=1):
        heading = f"{n}.{project.name}绩效目标表"
        _add_tc_field(document.add_paragraph(heading), heading)
        unit_rows, rows, indicators = project_layout(
            project, names.get(project.unit_code or "", ""), dataset.amount_unit
        )
        if unit_as_paragraphs:
            document.add_paragraph(unit_rows[0][0][0])
            document.add_paragraph(unit_rows[0][1][0])
        else:
            rows = unit_rows + rows
        merge = (0, 1) if merge_level2 else (0,)
        if split_indicator_table:
            add_table(document, rows)
            document.add_paragraph("")
            add_table(document, indicators, merge_down=merge)
        else:
            table = add_table(document, rows + indicators, merge_down=(0,))
            if merge_level2:
                _merge_level2(table, len(rows), indicators)
    document.add_paragraph("1")  # page number
    document.save(str(path))
    return path


def _merge_level2(table: Any, offset: int, indicators: Layout) -> None:
    """Merge equal consecutive 二级指标 cells vertically (they are written once in Word)."""
    r = 1
    while r < len(indicators):
        end = r
        while end + 1 < len(indicators) and indicators[end + 1][1][0] == indicators[r][1][0]:
            end += 1
        if end > r:
            for k in range(r + 1, end + 1):
                _cell(table, offset + k, 1).text = ""
            _cell(table, offset + r, 1).merge(_cell(table, offset + end, 1))
        r = end + 1


@pytest.fixture(scope="module")
def text_result() -> ImportResult:
    return import_document(SHARED_DOC)


@pytest.fixture(scope="module")
def shared_docx(tmp_path_factory: pytest.TempPathFactory, text_result: ImportResult) -> Path:
    return write_docx(text_result.dataset, tmp_path_factory.mktemp("docx") / "weixian-2021.docx")


def test_same_dataset_as_text_path(shared_docx: Path, text_result: ImportResult) -> None:
    result = import_document(shared_docx)
    assert result.format == "docx"
    assert result.problems == []
    assert result.dataset == text_result.dataset
    assert len(result.dataset.projects) == 24
    assert result.dataset.indicator_count() == 179
    assert dumps_json(result.dataset) == dumps_json(text_result.dataset)


def test_merged_cells_are_one_cell_with_a_span(shared_docx: Path) -> None:
    document = docx.Document(str(shared_docx))
    purpose_row = document.tables[0].rows[3]
    # python-docx gives the purpose once per grid column and the 预算规模 label again below …
    assert len(purpose_row.cells) == GRID
    assert purpose_row.cells[0].text.strip() == "预算规模及资金用途"
    # … the block model has the label once, spanning down, and the purpose once, spanning across.
    table = next(b for b in read_docx(shared_docx).blocks if isinstance(b, Table))
    label = table.rows[2][0]
    assert (label.text, label.row, label.row_span) == ("预算规模及资金用途", 3, 2)
    purpose = table.rows[3][0]
    assert (purpose.text[:6], purpose.column, purpose.col_span) == ("小额贷款，创", 2, 6)


@pytest.mark.parametrize(
    "options",
    [
        {"split_indicator_table": True},
        {"unit_as_paragraphs": True},
        {"merge_level2": True},
        {"split_indicator_table": True, "merge_level2": True, "unit_as_paragraphs": True},
    ],
)
def test_layout_variants(tmp_path: Path, text_result: ImportResult, options: dict[str, bool]) -> None:
    path = write_docx(text_result.dataset, tmp_path / "variant.docx", **options)
    result = import_document(path)
    assert result.problems == []
    assert result.dataset == text_result.dataset


def test_level2_merge_is_really_in_the_document(tmp_path: Path, text_result: ImportResult) -> None:
    path = write_docx(text_result.dataset, tmp_path / "m.docx", merge_level2=True)
    tables = [b for b in read_docx(path).blocks if isinstance(b, Table)]
    grid = tables[12].grid()  # project 13: two 服务对象满意度指标 rows, merged
    assert grid[-1][1] is grid[-2][1] and grid[-1][1] is not None and grid[-1][1].row_span == 2
    assert import_document(path).dataset.projects[12].indicators[-1].level2 == "服务对象满意度指标"


def test_no_field_codes_in_docx_text(shared_docx: Path) -> None:
    assert all("TC" not in getattr(b, "text", "") for b in read_docx(shared_docx).blocks)


# --- bad input ---------------------------------------------------------------------------


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_text("这不是 Word 文档", encoding="utf-8")
    with pytest.raises(InputError, match=r"not a Word \.docx document"):
        import_document(path)


def test_damaged_document_xml(tmp_path: Path, shared_docx: Path) -> None:
    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(shared_docx) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    with pytest.raises(InputError, match="damaged Word document"):
        import_document(path)


CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def _repackaged(source: Path, target: Path, changes: dict[str, bytes | None]) -> Path:
    """A copy of the package with some parts replaced (bytes) or left out (None)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = changes.get(item.filename, src.read(item))
            if data is not None:
                dst.writestr(item.filename, data)
    return target


@pytest.fixture(scope="module")
def small_docx(tmp_path_factory: pytest.TempPathFactory, text_result: ImportResult) -> Path:
    """Two projects of the shared document: enough to read, quick to write."""
    dataset = text_result.dataset
    small = dataset.model_copy(update={"projects": dataset.projects[:2], "department_goals": ()})
    return write_docx(small, tmp_path_factory.mktemp("small") / "small.docx")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"[Content_Types].xml": b"<Types><Default"}, r"\[Content_Types\]\.xml is not well-formed XML \(.*line 1"),
        ({"[Content_Types].xml": b"<?xml version='1.0'?><Parts/>"}, r"\[Content_Types\]\.xml has no <Types>"),
        ({"[Content_Types].xml": None}, r"\[Content_Types\]\.xml is missing"),
        # Well-formed, but an Override without its attributes (python-docx: AttributeError).
        ({"[Content_Types].xml": f'<Types xmlns="{CT_NS}"><Override/></Types>'.encode()}, r"\(AttributeError: "),
        ({"word/document.xml": None}, r"\(KeyError: There is no item named 'word/document\.xml'"),
        # A body element python-docx cannot walk (AttributeError as well).
        ({"word/document.xml": b'<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'},
         r"\(AttributeError: "),
    ],
    ids=["content-types-malformed", "content-types-wrong-root", "content-types-missing", "override-without-names",
         "document-missing", "document-root-wrong"],
)  # fmt: skip
def test_damaged_package_is_one_input_error(
    tmp_path: Path, small_docx: Path, changes: dict[str, bytes | None], message: str
) -> None:
    path = _repackaged(small_docx, tmp_path / "damaged.docx", changes)
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}: damaged Word document.*{message}") as info:
        import_document(path)
    assert "\n" not in str(info.value)


def test_body_named_as_word_online_names_it(tmp_path: Path, small_docx: Path) -> None:
    """Word Online stores the body as word/document2.xml; the package's relationships say where it is."""
    with zipfile.ZipFile(small_docx) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    changes: dict[str, bytes | None] = {
        "word/document.xml": None,
        "word/document2.xml": parts["word/document.xml"],
        "word/_rels/document.xml.rels": None,
        "word/_rels/document2.xml.rels": parts["word/_rels/document.xml.rels"],
        "_rels/.rels": parts["_rels/.rels"].replace(b"word/document.xml", b"word/document2.xml"),
        "[Content_Types].xml": parts["[Content_Types].xml"].replace(b"/word/document.xml", b"/word/document2.xml"),
    }
    path = tmp_path / "online.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in {**parts, **changes}.items():
            if data is not None:
                dst.writestr(name, data)
    result = import_document(path)
    assert result.problems == []
    assert result.dataset == import_document(small_docx).dataset
    assert len(result.dataset.projects) == 2


def test_docx_missing_code_and_unknown_label(tmp_path: Path, text_result: ImportResult) -> None:
    dataset = text_result.dataset
    projects = list(dataset.projects)
    projects[1] = projects[1].model_copy(update={"code": ""})
    path = write_docx(dataset.model_copy(update={"projects": tuple(projects)}), tmp_path / "bad.docx")
    document = docx.Document(str(path))
    document.tables[4].rows[6].cells[0].text = "备注"  # project 5's 绩效目标 label
    document.save(str(path))
    result = import_document(path)
    assert len(result.dataset.projects) == 24
    heading = "«5.劳动保障监察工作经费绩效目标表»"
    assert [p.describe() for p in result.problems] == [
        f"{path}: table 5 row 7 column 1 {heading}: value without a label: «备注»",
        f"{path}: table 5 row 7 column 2 {heading}: value without a label: «1.提高劳动者维权意识，每年至少一次下乡劳动监察。 2.维护社会稳定，案件结案…»",
    ]
    [warning] = result.warnings
    code = result.dataset.projects[1].code
    assert warning.describe() == (
        f"{path}: table 2 «2.冀财金【2020】54号提前下达省级2021年普惠金融发展专项资金绩效目标表»: "
        f"no 项目编码; placeholder {code} given (fill in the real code)"
    )


def test_sample_dataset_round_trips_through_word(tmp_path: Path, sample_dataset: Dataset) -> None:
    """A second, independent content: the suite's clean sample (other amounts, 定性 and > values)."""
    result = import_document(write_docx(sample_dataset, tmp_path / "sample.docx"))
    assert result.problems == []
    # The importer records the profile its codes match (21 characters from the division code: hebei).
    assert result.dataset == sample_dataset.model_copy(update={"profile": "hebei"})


def test_other_tables_are_reported_once_and_skipped(tmp_path: Path, text_result: ImportResult) -> None:
    path = write_docx(text_result.dataset, tmp_path / "toc.docx")
    document = docx.Document(str(path))
    toc = document.add_table(rows=2, cols=2)
    toc.cell(0, 0).text, toc.cell(0, 1).text = "目录", "页码"
    toc.cell(1, 0).text, toc.cell(1, 1).text = "第一部分", "1"
    document.paragraphs[0]._p.addprevious(toc._tbl)  # before part 1, like a table of contents
    document.save(str(path))
    result = import_document(path)
    assert result.problems == []
    reason = "not a project table (no labels, no indicator header); not read"
    assert [(p.table, p.row, p.column, p.text, p.message) for p in result.unused] == [
        (1, 1, 1, "目录", reason),
        (1, 1, 2, "页码", reason),
        (1, 2, 1, "第一部分", reason),
        (1, 2, 2, "1", reason),
    ]
    assert result.dataset == text_result.dataset


def test_perfxl_render_output_imports_back(tmp_path: Path, text_result: ImportResult) -> None:
    """A Word document written by `perfxl render` (another writer than the helper here) reads back the same."""
    from perfxl.render import render

    path = render(text_result.dataset, tmp_path / "rendered.docx")
    result = import_document(path)
    assert result.problems == []
    assert result.dataset == text_result.dataset
