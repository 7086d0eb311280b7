"""Table shapes and wordings seen in other provinces, as small hand-built block documents."""

from __future__ import annotations

from decimal import Decimal

from perfxl.importers.blocks import Cell, Document, Paragraph, Table, table_from_rows
from perfxl.importers.document import ImportResult, parse_document
from perfxl.importers.labels import lexicon

LEX = lexicon()


def _parse(*blocks: Paragraph | Table, fmt: str = "html") -> ImportResult:
    return parse_document(Document(list(blocks), fmt), path="t.html", lex=LEX)


def test_label_normalisation() -> None:
    assert LEX.key("成本指标(0-20)分").text == "成本指标"
    assert LEX.key("年度绩效目标(90分)").text == "年度绩效目标"
    assert LEX.key("资金情况 (万元)") == LEX.key("资金情况（万元）")
    assert LEX.key("资金情况（万元）").amount_unit == "万元"
    assert LEX.field_of("其中:当年市级财政资金") == "fiscal"
    assert LEX.field_of("其中：其它资金") == "other"
    assert LEX.field_of("年度资金总额:") == "total"
    assert LEX.is_level2("经济效益\n指标")
    assert [LEX.checkpoint_of(t) for t in ("3月底", "1-3月", "一季度", "四季度", "9月底")] == [3, 3, 3, 12, 9]
    assert LEX.level1_of("预期产出指标") == "产出指标" and LEX.level1_of("效果指标") == "效益指标"
    assert LEX.level1_of("预算(或投资规模)控制指标") == "成本指标"


def test_side_by_side_sets_read_the_yearly_one() -> None:
    rows = [
        ["项目名称", "甲项目", "", "", "", "", ""],
        ["预算数", "12.5", "", "", "", "", ""],
        ["实施期绩效目标", "三年建成", "", "年度绩效目标", "今年建一半", "", ""],
        ["", "中期指标", "", "", "年度指标", "", ""],
        ["一级指标", "三级指标", "指标值", "", "三级指标", "指标值", "权重"],
        ["产出指标", "建成里程", "≥30公里", "", "建成里程", "≥15公里", "20"],
    ]
    result = _parse(table_from_rows(rows, 1))
    [project] = result.dataset.projects
    assert project.goals == "今年建一半"
    [indicator] = project.indicators
    assert (indicator.level1, indicator.level3, indicator.printed, indicator.weight) == (
        "产出指标",
        "建成里程",
        "≥15公里",
        Decimal("20"),
    )
    unused = {p.text: p.message for p in result.unused}
    assert "三年建成" in unused  # the 实施期 goal beside the yearly one
    assert unused["≥30公里"].startswith("another indicator set")


def test_three_value_columns_direction_and_score_labels() -> None:
    rows = [
        ["预算单位：东莞市交通运输局", "", "", "", "", "", ""],
        ["项目支出名称", "道路养护", "年度本级预算金额", "1,234.50", "", "", ""],
        ["年度绩效目标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标方向性"],
        ["", "产出指标(0-50)分", "数量指标", "养护里程", "", "120", "公里", "正向指标"],
        ["", "", "时效指标", "完成时间", "≤", "11", "月", "反向指标"],
        ["", "", "", "", "", "", "", ""],
        ["", "效益指标", "社会效益指标", "", "", "", "", ""],  # a placeholder row: no 三级, no value
    ]
    result = _parse(table_from_rows(rows, 1))
    [project] = result.dataset.projects
    assert project.name == "道路养护" and project.budget.total == Decimal("1234.50")
    assert [u.name for u in result.dataset.units] == ["东莞市交通运输局"]
    assert [(i.level1, i.level2, i.level3, i.printed) for i in project.indicators] == [
        ("产出指标", "数量指标", "养护里程", "≥120公里"),  # 正向 fills the missing sign
        ("产出指标", "时效指标", "完成时间", "≤11月"),
    ]
    assert [p.text for p in result.unused] == ["效益指标", "社会效益指标"]


def test_flat_table_with_merged_project_columns() -> None:
    header = ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标值", "分值"]
    cells = [
        [Cell(t, 1, c) for c, t in enumerate(["金额单位：元"], start=1)],
        [Cell(t, 2, c) for c, t in enumerate(header, start=1)],
        [
            Cell("101001-某局", 3, 1, row_span=3),
            Cell("项目甲", 3, 2, row_span=2),
            Cell("1,000.00", 3, 3, row_span=2),
            Cell("目标甲", 3, 4, row_span=2),
            Cell("产出指标", 3, 5),
            Cell("数量指标", 3, 6),
            Cell("培训人数", 3, 7),
            Cell("≥100人", 3, 8),
            Cell("30", 3, 9),
        ],
        [
            Cell(t, 4, c)
            for c, t in ((5, "满意度指标"), (6, "服务对象满意度指标"), (7, "满意度"), (8, "≥90%"), (9, "10"))
        ],
        [
            Cell(t, 5, c)
            for c, t in enumerate(
                ["项目乙", "200", "目标乙", "效益指标", "社会效益指标", "受益人数", "500人", "60"], start=2
            )
        ],
    ]
    table = Table(tuple(tuple(row) for row in cells), 1)
    result = _parse(table)
    ds = result.dataset
    assert ds.amount_unit == "元"
    assert [(p.name, p.budget.total, p.goals, len(p.indicators)) for p in ds.projects] == [
        ("项目甲", Decimal("1000.00"), "目标甲", 2),
        ("项目乙", Decimal("200.00"), "目标乙", 1),
    ]
    assert {p.unit_code for p in ds.projects} == {"101001"}
    assert [i.weight for p in ds.projects for i in p.indicators] == [Decimal("30"), Decimal("10"), Decimal("60")]
    assert result.problems == [] and result.unused == []
