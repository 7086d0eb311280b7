"""perfxl render: the text and Word layouts, fonts, page, TOC, and the command line."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.core.errors import OutputError
from perfxl.core.model import Dataset, DepartmentGoal, Indicator, Project, Unit
from perfxl.render import render
from perfxl.render.text import render_text
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset


def perfxl(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "perfxl", *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def _cells_after(lines: list[str], label: str, count: int) -> list[str]:
    """The ``count`` cell lines following the cell ``label`` (skipping row breaks)."""
    start = lines.index("\t" + label) + 1
    cells = [line[1:] for line in lines[start:] if line.startswith("\t")]
    return cells[:count]


# ------------------------------------------------------------------- text


def test_text_layout_of_a_project_table(sample_dataset: Dataset) -> None:
    text = render_text(sample_dataset)
    lines = text.splitlines()
    title = "1.小额贷款担保基金绩效目标表 TC 1、小额贷款担保基金绩效目标表 \\f C \\l 1 "
    assert title in lines
    i = lines.index(title)
    assert lines[i + 1 : i + 8] == [
        "\t316001魏县人力资源和社会保障局本级",
        "\t单位：万元",
        "",
        "\t项目编码",
        "\t130434211Y0DO65S99Z10",
        "\t项目名称",
        "\t小额贷款担保基金",
    ]
    assert _cells_after(lines, "预算规模及资金用途", 8) == [
        "预算数", "10.00", "其中：财政资金", "10.00", "其他资金", "0.00", "",
        "由财政出资设立创业担保基金，委托担保机构提供贷款担保。",
    ]  # fmt: skip
    # Blank quarters stay blank; the others print as 25.00%.
    assert _cells_after(lines, "资金支出计划（%）", 9) == [
        "3月底", "6月底", "10月底", "12月底", "", "", "", "100.00%", "100.00%",
    ]  # fmt: skip
    second = lines.index("\t130434214GIWQV0OPVG49")
    assert _cells_after(lines[second:], "12月底", 5) == ["", "25.00%", "50.00%", "75.00%", "100.00%"]


def test_text_indicator_rows_merge_level1_and_print_values(sample_dataset: Dataset) -> None:
    lines = render_text(sample_dataset).splitlines()
    header = lines.index("\t一级指标")
    assert [line[1:] for line in lines[header : header + 6]] == [
        "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据",
    ]  # fmt: skip
    rows: list[list[str]] = []
    for line in lines[header + 7 :]:
        if line == "" and rows and rows[-1]:
            rows.append([])
        elif line.startswith("\t"):
            if not rows:
                rows.append([])
            rows[-1].append(line[1:])
        elif line:
            break
    rows = [r for r in rows if r]
    assert rows[0] == [
        "产出指标",
        "数量指标",
        "担保贷款发放人数",
        "全年发放创业担保贷款人数",
        "≥80人",
        "上级创业担保贷款政策",
    ]
    # 一级指标 repeats → empty first cell (Word's vertically merged cell).
    assert [r[0] for r in rows[:6]] == ["产出指标", "", "", "", "效益指标", "满意度指标"]
    assert [r[4] for r in rows[:6]] == ["≥80人", "≥95%", "100%", "≤10万元", "是", "≥90%"]


def test_text_part1_sections_and_numbered_items() -> None:
    goals = (
        DepartmentGoal(unit_code="316001", part="总体绩效目标", number=None, title=None, text="总体目标的导语。"),
        DepartmentGoal(unit_code="316001", part="总体绩效目标", number="（一）", title="创新思路", text=None),
        DepartmentGoal(unit_code="316001", part="总体绩效目标", number="1.", title="谋划大厅", text="依托大数据。"),
        DepartmentGoal(unit_code="316001", part="分项绩效目标", number="1.", title="招商引资", text=None),
        DepartmentGoal(unit_code="316001", part="分项绩效目标", number="2.", title="优化环境", text=None),
        DepartmentGoal(unit_code="316001", part="工作保障措施", number="3", title="提升能力", text="推进双创。"),
    )
    ds = make_dataset().model_copy(update={"department_goals": goals, "projects": ()})
    assert render_text(ds).splitlines() == [
        "第一部分",
        "部门整体绩效目标",
        "一、总体绩效目标 TC 总体绩效目标 \\f A \\l 1 ",
        "总体目标的导语。",
        "",
        "（一）创新思路",
        "",
        "1.谋划大厅。依托大数据。",
        "",
        "二、分项绩效目标 TC 分项绩效目标 \\f A \\l 1 ",
        "1.招商引资。2.优化环境。",  # short items run together, as documents list them
        "",
        "三、工作保障措施 TC 工作保障措施 \\f A \\l 1 ",
        "3提升能力。推进双创。",
        "",
    ]


def test_unit_filter_keeps_only_that_units_goals_and_projects() -> None:
    ds = make_dataset()
    other = ds.projects[1].model_copy(update={"unit_code": "316002", "name": "别的单位的项目"})
    ds = ds.model_copy(
        update={
            "units": (*ds.units, Unit(code="316002", name="魏县就业服务中心")),
            "projects": (ds.projects[0], other),
        }
    )
    text = render_text(ds, unit="316002")
    assert "别的单位的项目" in text and "小额贷款担保基金" not in text
    assert "1.别的单位的项目绩效目标表" in text  # numbering restarts
    assert "第一部分" not in text  # 316002 has no department goals
    assert "\t316002魏县就业服务中心" in text


def test_multi_line_cells_continue_without_a_tab() -> None:
    ds = make_dataset()
    p = ds.projects[0].model_copy(update={"goals": "1.累计发布招聘信息\n2.确保就业活动"})
    text = render_text(ds.model_copy(update={"projects": (p,)}))
    assert "\t绩效目标\n\t1.累计发布招聘信息\n2.确保就业活动\n" in text


# ------------------------------------------------------------------- docx


def _docx_xml(path: Path, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(part).decode("utf-8")


def test_docx_page_fonts_toc_and_tables(tmp_path: Path, sample_dataset: Dataset) -> None:
    import docx

    out = render(sample_dataset, tmp_path / "out.docx")
    doc = docx.Document(str(out))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)  # A4
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in _docx_xml(out)  # A4 in twips, as Word writes it
    styles = _docx_xml(out, "word/styles.xml")
    for font in ("仿宋", "宋体", "黑体"):
        assert f'w:eastAsia="{font}"' in styles
    fonts = _docx_xml(out, "word/fontTable.xml")
    assert '<w:altName w:val="Noto Serif CJK SC"/>' in fonts
    body = _docx_xml(out)
    assert 'TOC \\o "1-2"' in body and '<w:docPartGallery w:val="Table of Contents"/>' in body
    assert '<w:updateFields w:val="true"/>' in _docx_xml(out, "word/settings.xml")
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "部门整体绩效目标", "一、总体绩效目标", "三、工作保障措施", "预算项目绩效目标",
        "1.小额贷款担保基金绩效目标表", "2.普惠金融发展专项资金绩效目标表",
    ]  # fmt: skip
    # Two tables per project: the info table and the indicator table.
    assert len(doc.tables) == 4
    info = doc.tables[0]
    assert info.cell(2, 0).text == "预算规模及资金用途"
    assert info.rows[3]._tr.tc_lst[0].vMerge == "continue"  # merged down over the purpose row
    assert info.cell(3, 1).text == "由财政出资设立创业担保基金，委托担保机构提供贷款担保。"
    assert [info.cell(5, c).text for c in (1, 3, 4, 6)] == ["", "", "100.00%", "100.00%"]
    indicators = doc.tables[1]
    assert len(indicators.rows) == 7
    first_col = [indicators.rows[r]._tr.tc_lst[0] for r in range(1, 7)]
    assert [tc.vMerge for tc in first_col[:4]] == ["restart", "continue", "continue", "continue"]
    assert indicators.cell(2, 0).text == "产出指标"  # python-docx reports the merged cell's text
    assert [indicators.cell(r, 4).text for r in range(1, 7)] == ["≥80人", "≥95%", "100%", "≤10万元", "是", "≥90%"]


def test_render_rejects_unknown_suffix_and_unknown_unit(tmp_path: Path, sample_dataset: Dataset) -> None:
    with pytest.raises(OutputError, match=r"\.odt"):
        render(sample_dataset, tmp_path / "x.odt")
    with pytest.raises(OutputError, match="unit 999999"):
        render(sample_dataset, tmp_path / "x.txt", unit="999999")
    assert list(tmp_path.iterdir()) == []


def test_docx_round_trip_of_the_sample_through_the_importer(tmp_path: Path, sample_dataset: Dataset) -> None:
    from perfxl.importers import import_document

    result = import_document(render(sample_dataset, tmp_path / "s.docx"))
    assert result.problems == []
    # The importer records the profile its codes match (21 characters from the division code: hebei).
    assert result.dataset == sample_dataset.model_copy(update={"profile": "hebei"})


# ------------------------------------------------------------------- command line


def test_cli_render_txt_and_docx(tmp_path: Path, sample_dataset: Dataset) -> None:
    book = tmp_path / "book.xlsx"
    write_workbook(sample_dataset, book)
    proc = perfxl("render", str(book), "-o", str(tmp_path / "out.txt"))
    assert proc.returncode == 0, proc.stderr
    assert "wrote" in proc.stdout and "2 projects, 10 indicators" in proc.stdout
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == render_text(sample_dataset)
    proc = perfxl("render", str(book), "-o", str(tmp_path / "out.docx"), "--unit", "316001")
    assert proc.returncode == 0, proc.stderr
    assert zipfile.is_zipfile(tmp_path / "out.docx")


@pytest.mark.parametrize(
    ("make_input", "output", "message"),
    [
        (lambda d: d / "missing.xlsx", "out.docx", "missing.xlsx: file not found"),
        (lambda d: _write(d / "notes.txt", "hello"), "out.docx", "expected a perfxl workbook"),
        (lambda d: _write(d / "broken.xlsx", "not a zip"), "out.txt", "broken.xlsx"),
        (lambda d: _book(d), "out.odt", "cannot render to .odt"),
        (lambda d: _book(d), "no-such-folder/out.txt", "does not exist"),
    ],
)
def test_cli_render_bad_input_one_line_exit_2_nothing_written(
    tmp_path: Path, make_input: object, output: str, message: str
) -> None:
    source = make_input(tmp_path)  # type: ignore[operator]
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = perfxl("render", str(source), "-o", str(tmp_path / output))
    assert proc.returncode == 2
    assert message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_cli_render_unknown_unit(tmp_path: Path) -> None:
    proc = perfxl("render", str(_book(tmp_path)), "-o", str(tmp_path / "out.txt"), "--unit", "999999")
    assert proc.returncode == 2 and "unit 999999 is not in the workbook" in proc.stderr
    assert not (tmp_path / "out.txt").exists()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _book(folder: Path) -> Path:
    book = folder / "book.xlsx"
    write_workbook(make_dataset(), book)
    return book


def test_render_keeps_decimal_places_as_stored() -> None:
    ds = make_dataset()
    p = ds.projects[0].model_copy(
        update={
            "indicators": (
                Indicator(level1="产出指标", level2="数量指标", level3="x", sign="≥", value="1,000", unit="人"),
            )
        }
    )
    p = p.model_copy(update={"budget": p.budget.model_copy(update={"total": Decimal("13307.00")})})
    text = render_text(ds.model_copy(update={"projects": (p, Project(code="X", name=None))}))
    assert "\t13307.00\n" in text and "\t≥1,000人\n" in text
    assert "2.X绩效目标表" in text  # a project without a name is titled by its code


def test_docx_survives_control_characters_pasted_from_word(tmp_path: Path, sample_dataset: Dataset) -> None:
    import docx

    p = sample_dataset.projects[0].model_copy(update={"purpose": "第一行\x0b第二行\x07。", "name": "项目\x01名"})
    ds = sample_dataset.model_copy(update={"projects": (p,)})
    doc = docx.Document(str(render(ds, tmp_path / "ctl.docx")))
    assert doc.tables[0].cell(3, 1).text == "第一行\n第二行。"
    assert "1.项目名绩效目标表" in [para.text for para in doc.paragraphs]


def test_cli_render_onto_a_folder_is_refused(tmp_path: Path) -> None:
    book = _book(tmp_path)
    (tmp_path / "out.docx").mkdir()
    proc = perfxl("render", str(book), "-o", str(tmp_path / "out.docx"))
    assert proc.returncode == 2 and "is a folder" in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx", "out.docx"]
