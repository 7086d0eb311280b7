"""Real published tables from three provinces (../shared/data/real), each as .txt, .html and .docx.

Every expected value below was typed by hand from reading the documents (see their README):
counts, names, amounts to the fen, each indicator's 一级/二级/三级 and printed value, weights.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.core.model import Budget
from perfxl.core.terms import is_placeholder_code
from perfxl.importers import ImportResult, import_document

REAL = Path("/work/shared/data/real")
if not REAL.is_dir():  # the shared folder sits beside the repository
    REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
FORMATS = ("txt", "html", "docx")

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="the shared real documents are not on this machine")


def _read(name: str, ext: str) -> ImportResult:
    return import_document(REAL / f"{name}.{ext}")


def _rows(result: ImportResult) -> list[tuple[str | None, str | None, str | None, str, Decimal | None]]:
    return [(i.level1, i.level2, i.level3, i.printed, i.weight) for p in result.dataset.projects for i in p.indicators]


HUANGSHI = [
    ("产出指标", "数量指标", "主体班培训人次", "280人次", None),
    ("产出指标", "数量指标", "邀请校外名师、领导授课人次", "25人次", None),
    ("产出指标", "数量指标", "情景教学或外训批次", "6次", None),
    ("产出指标", "数量指标", "理论教育和党性教育课时比例", "70%", None),
    ("产出指标", "数量指标", "开设课程数量", "220", None),  # a value without unit, as published
    ("产出指标", "质量指标", "培训完成率", "100%", None),
    ("产出指标", "质量指标", "邀请校外名师、领导授课完成率", "100%", None),
    ("产出指标", "质量指标", "情景教学或外训完成率", "100%", None),
    ("产出指标", "质量指标", "理论教育和党性教育课时比例完成率", "100%", None),
    ("产出指标", "质量指标", "课程数量达标率", "100%", None),
    ("产出指标", "时效指标", "及时完成率", "100%", None),
    ("产出指标", "成本指标", "成本控制率", "100%", None),
    ("满意度指标", "服务对象满意度指标", "培训学员对培训效果满意度", "≥95%", None),
]


@pytest.mark.parametrize("ext", FORMATS)
def test_huangshi_2022(ext: str) -> None:
    result = _read("huangshi-2022", ext)
    ds = result.dataset
    assert (len(ds.projects), ds.indicator_count()) == (1, 13)
    assert (ds.year, ds.amount_unit, ds.taxonomy, ds.profile) == (2022, "万元", "v2021", "generic")
    assert (ds.division.code, ds.division.name) == (None, None)  # no codes: no division to read
    [project] = ds.projects
    assert project.name == "主体班"
    # 项目金额 164万元, of which 当年市级财政资金 132万元.
    assert project.budget == Budget(total=Decimal("164.00"), fiscal=Decimal("132.00"), other=None)
    assert project.goals is not None and project.goals.startswith("主体班培训280人次;")
    assert project.goals.endswith("高质量完成干部教育培训工作。")
    assert is_placeholder_code(project.code)  # no 项目编码 in the 批复表
    assert [(u.name, u.parent_code) for u in ds.units] == [("中共黄石市委党校", None)]
    assert _rows(result) == HUANGSHI
    assert result.problems == []
    # Not kept, each listed once: 项目属性 and 项目期 values, the title, the two signature cells.
    assert sorted(p.text or "" for p in result.unused) == sorted(
        [
            "持续性项目■ 新增性项目口",
            "2022年",
            "项目支出绩效目标批复表",
            "财政资金管理科室(盖章) 年 月 日",
            "财政绩效管理科室(盖章) 年 月 日",
        ]
    )


def _jingyan(with_cut_row: bool) -> list[tuple[str | None, str | None, str | None, str, Decimal | None]]:
    ten, twenty = Decimal("10"), Decimal("20")
    rows = [
        ("效益指标", "社会效益指标", "维护社会稳定", "≥95%", ten),
        ("产出指标", "时效指标", "维持时效", "≥1年", twenty),
        ("产出指标", "质量指标", "按时发放", "≥1人/年", ten),
        ("效益指标", "经济效益指标", "促进村集体经济发展", "≥95%", ten),
        ("产出指标", "数量指标", "村组干部230人", "≥230个", ten),
        ("效益指标", "生态效益指标", "保护生态环境卫生", "≥95%", ten),
        ("效益指标", "可持续影响指标", "项目维持时效", "≥95%", ten),
        ("满意度指标", "服务对象满意度指标", "人民群众满意度", "≥95%", ten),
        ("满意度指标", "服务对象满意度指标", "辖区内群众满意度", "≥95%", ten),
        ("效益指标", "经济效益指标", "促进农村集体经济发展", "≥95%", ten),
        ("效益指标", "可持续影响指标", "经济、环境等方面可持续发展", "≥95%", ten),
        ("产出指标", "质量指标", "保障村社区正常运转", "≥95%", twenty),
    ]
    if with_cut_row:  # the .txt goes on into a 13th row: 行政村数量 = 11 个, 权重 10 (指标方向性 cut off)
        rows.append(("产出指标", "数量指标", "行政村数量", "11个", ten))
    return rows


@pytest.mark.parametrize("ext", FORMATS)
def test_jingyan_mata_2023(ext: str) -> None:
    result = _read("jingyan-mata-2023", ext)
    ds = result.dataset
    cut = ext == "txt"
    assert (len(ds.projects), ds.indicator_count()) == (2, 13 if cut else 12)
    assert (ds.year, ds.amount_unit) == (2023, "元")  # 金额单位:元 — amounts stay in 元
    assert ds.division.name == "井研县"  # from the coded unit 820001-井研县马踏镇人民政府
    first, second = ds.projects
    assert (first.name, first.budget.total) == ("村组干部报酬", Decimal("3309840.00"))
    assert (second.name, second.budget.total) == ("基层组织活动经费", Decimal("660000.00"))
    assert ds.budget_total() == Decimal("3969840.00")  # 3,309,840.00 + 660,000.00
    assert first.goals == "按时发放村组干部报酬"
    assert second.goals is not None and second.goals.startswith("包括必要的办公用品费")
    assert [len(p.indicators) for p in ds.projects] == [8, 5 if cut else 4]
    assert _rows(result) == _jingyan(cut)
    # Unit codes of any length: the 3-digit department and its 6-digit unit.
    assert [(u.code, u.name, u.parent_code) for u in ds.units] == [
        ("820", "马踏镇部门", None),
        ("820001", "井研县马踏镇人民政府", "820"),
    ]
    assert first.unit_code == second.unit_code == "820001"
    assert result.problems == []
    # The department's total line is not a project: reported, not silently dropped.
    [total] = result.unused
    assert total.text == "8,827,620.53" and total.table == 1


YUEYANG = [
    ("产出指标", "数量指标", "脱贫村村内道路硬化里程", "≥100公里", None),
    ("产出指标", "数量指标", "脱贫户供水设施数量", "≥20座", None),
    ("产出指标", "质量指标", "项目(工程)验收合格率", "100%", None),
    ("产出指标", "时效指标", "项目(工程)完成及时率", "≥100%", None),
    ("产出指标", "成本指标", "财政资金补助", "1600元/亩", None),
    ("效益指标", "经济效益指标", "年增粮食", "3500公斤", None),  # `经济效益\n指标` as one label
    ("效益指标", "社会效益指标", "受益脱贫(监测)人口数", "≥500人", None),
    ("效益指标", "社会效益指标", "解决脱贫(监测)饮水安全问题人数", "≥1000人", None),
    ("效益指标", "生态效益指标", "新增和改善灌溉达标面积", "≥500亩", None),
    ("效益指标", "生态效益指标", "新增和改善排水达标面积", "≥200亩", None),
    ("效益指标", "可持续影响指标", "工程设计使用年限", "≥20年", None),
    ("满意度指标", "服务对象满意度指标", "受益脱贫(监测)户满意度", "≥95%", None),
]


@pytest.mark.parametrize("ext", FORMATS)
def test_yueyang_2022(ext: str) -> None:
    result = _read("yueyang-2022", ext)
    ds = result.dataset
    assert (len(ds.projects), ds.indicator_count()) == (1, 12)
    assert (ds.year, ds.amount_unit) == (2022, "万元")
    [project] = ds.projects
    assert project.name == "岳阳县2022年高标准农田建设项目"
    # 854万(…) as free text: 854 万元 read, the bracketed sources reported as not kept.
    assert project.budget == Budget(total=Decimal("854.00"), fiscal=Decimal("854.00"), other=None)
    assert project.goals == "完成项目主体工程70%"
    assert _rows(result) == YUEYANG
    assert [(u.name, u.parent_code is not None) for u in ds.units] == [
        ("岳阳县农业农村局", False),
        ("农田建设服务中心", True),
    ]
    assert result.problems == []
    notes = [p for p in result.unused if p.message.startswith("text after the amount")]
    assert len(notes) == 2
    assert [p.text for p in result.unused if p not in notes] == ["[姓名已略]"]


def test_placeholder_codes_are_the_same_in_every_format() -> None:
    codes = {ext: [p.code for p in _read("jingyan-mata-2023", ext).dataset.projects] for ext in ("html", "docx")}
    assert codes["html"] == codes["docx"]
    assert len(set(codes["html"])) == 2
