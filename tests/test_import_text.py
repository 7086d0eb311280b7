"""Importing the shared published document (a text dump) — every field pinned by hand."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.core.errors import InputError
from perfxl.core.model import Budget, Indicator, Project, Schedule
from perfxl.core.numbering import is_subheading, item_number, split_items, strip_number
from perfxl.core.terms import is_placeholder_code
from perfxl.core.values import format_value, parse_value
from perfxl.formats.interchange import dumps_json
from perfxl.importers import ImportResult, import_document
from tests.conftest import SHARED_DOC

UNIT = "316001"
RULE = "上级创业担保贷款政策"
DOC_RULE = "根据相关文件规定"


def ind(level1: str, level2: str, level3: str, description: str, printed: str, basis: str) -> Indicator:
    sign, value, unit = parse_value(printed)
    return Indicator(
        level1=level1,
        level2=level2,
        level3=level3,
        description=description,
        sign=sign,
        value=value,
        unit=unit,
        basis=basis,
    )


def money(total: str, fiscal: str, other: str) -> Budget:
    return Budget(total=Decimal(total), fiscal=Decimal(fiscal), other=Decimal(other))


def plan(*values: str | None) -> Schedule:
    mar, jun, oct_, dec = (None if v is None else Decimal(v) for v in values)
    return Schedule(mar=mar, jun=jun, oct=oct_, dec=dec)


@pytest.fixture(scope="module")
def result() -> ImportResult:
    return import_document(SHARED_DOC)


def test_aggregates(result: ImportResult) -> None:
    ds = result.dataset
    assert result.report == []  # nothing unread, nothing made up, no cell left over
    assert result.format == "text"
    assert result.profile == "hebei"  # chosen by the project codes
    assert len(ds.projects) == 24
    assert ds.indicator_count() == 179
    assert ds.budget_total() == Decimal("20749.08")
    assert [u.code for u in ds.units] == [UNIT]
    assert ds.units[0].name == "魏县人力资源和社会保障局本级"
    assert ds.year == 2021
    assert ds.division.code == "130434"
    assert ds.division.name == "魏县"
    assert ds.amount_unit == "万元"
    assert ds.taxonomy == "v2015"
    codes = [p.code for p in ds.projects]
    assert len(set(codes)) == 24
    assert all(len(c) == 21 and c.startswith("130434") for c in codes)
    assert all(p.unit_code == UNIT for p in ds.projects)
    for p in ds.projects:
        assert p.name and p.purpose and p.goals
        assert p.budget.total == p.budget.fiscal and p.budget.other == Decimal("0.00")
        assert p.schedule.values() != (None, None, None, None)
        assert p.indicators[0].level1 == "产出指标"
        assert all(i.level1 and i.level2 and i.level3 and i.basis for i in p.indicators)


def _oracle_values(text: str) -> list[list[tuple[str, str]]]:
    """(一级指标 as written, 指标值) per project, read naively: cells in sixes after the header."""
    sections = re.split(r"\n\d+\.[^\n\t]*绩效目标表 TC[^\n]*\n", text)[1:]
    out = []
    for section in sections:
        cells = [line[1:].strip() for line in section.splitlines() if line.startswith("\t")]
        start = cells.index("指标值确定依据") + 1
        body = cells[start:]
        assert len(body) % 6 == 0
        out.append([(body[i], body[i + 4]) for i in range(0, len(body), 6)])
    return out


def test_every_value_prints_back_exactly(result: ImportResult) -> None:
    oracle = _oracle_values(SHARED_DOC.read_text(encoding="utf-8"))
    assert len(oracle) == 24
    for project, rows in zip(result.dataset.projects, oracle, strict=True):
        assert [i.printed for i in project.indicators] == [value for _l1, value in rows]
        level1 = None
        for indicator, (written, _value) in zip(project.indicators, rows, strict=True):
            level1 = written or level1  # carried down over merged cells
            assert indicator.level1 == level1


def test_project_1_blank_quarters(result: ImportResult) -> None:
    assert result.dataset.projects[0] == Project(
        unit_code=UNIT,
        code="130434211Y0DO65S99Z10",
        name="小额贷款担保基金",
        budget=money("10.00", "10.00", "0"),
        purpose="小额贷款，创业担保贷款是由财政出资设立创业担保基金，委托担保机构提供贷款担保，由合作银行按照一定放大倍数"
        "发放创业担保贷款每季度按时发放贷款。预计第三季度或第四季申请拨付。所需资金20万元。",
        goals="1.有利于个人和小微企业资金周转，技术改造，扩大再生产。有利于个人和小微企业资金周转，技术改造，扩大再生产,"
        "用10万元争取最大放款额。\n2.目的是通过信贷支持，帮助更多的劳动者实现就业创业\n3.保持就业形势基本稳定，增加经济效益。",
        schedule=plan(None, None, "100.00", "100.00"),
        indicators=(
            ind("产出指标", "数量指标", "个人和企业", "社会就业率", "100%", RULE),
            ind(
                "产出指标",
                "质量指标",
                "个人贷款及时到位",
                "促进了个人资金周转，为更多劳动实现就业创业的机会。",
                "100%",
                RULE,
            ),
            ind(
                "产出指标", "时效指标", "小微企业创业担保贷款", "缓解了小微企业生产经营资金不足 的压力。", "100%", RULE
            ),
            ind("产出指标", "成本指标", "促进就业", "通过贷款的发放促进社会就业", "100%", RULE),
            ind("效益指标", "经济效益指标", "促进就业覆盖面", "维护社会稳定", "100%", RULE),
            ind("效益指标", "社会效益指标", "经济发展量", "促进经经济发展", "100%", RULE),
            ind("效益指标", "可持续影响指标", "促进就业形势", "促进了就业形势稳定促进了就业水平的提高。", "100%", RULE),
            ind("满意度指标", "服务对象满意度指标", "服务对象满意度指标", "个人贷款及时到位。", "100%", RULE),
        ),
    )


def test_project_13_two_satisfaction_rows(result: ImportResult) -> None:
    desc = "每季度按时申请一次贴息，保障了贷款贴息资金及时到位"
    assert result.dataset.projects[12] == Project(
        unit_code=UNIT,
        code="13043421KAA20VVP2G6DL",
        name="创业贷款贴息资金",
        budget=money("10.00", "10.00", "0"),
        purpose="每季度对金融机构按时贴息，确保符合贷款条件的个人或微小企业及时发放贷款。创业担保贷款财政贴息资金是国家队"
        "符合规定条件的创业担保贷款借款人用于从事微利项目的创业担保贷款，经办银行对符合规定条件的劳动密集型小企业发放的"
        "创业贷款给予的财政贴息资金。每季度按时发放贴息。",
        goals="1.贴息按时按月准确数发放到邮政，河北银行以保证贷款贴息资金及时到位。贴息按时按月准确数发放到邮政，河北银行"
        "以保证贷款贴息资金及时到位,支持个人、小微企业达到50人/家。\n2.每季度贷款贴息及时到位\n"
        "3.保障贴息覆盖到符合条件的个人和小微企业",
        schedule=plan("25.00", "50.00", "75.00", "100.00"),
        indicators=(
            ind("产出指标", "数量指标", "按时发放河北银行贴息", desc, "≥80%", RULE),
            ind("产出指标", "质量指标", "按时发放邮政银行贴息", desc + "。", "≥80%", RULE),
            ind("产出指标", "时效指标", "政策覆盖面", "对符合条件的足数补贴", "≥100%", RULE),
            ind("产出指标", "成本指标", "覆盖力度", "政策范围内贴息力度加大", "≥100%", RULE),
            ind("效益指标", "社会效益指标", "缓解社会就业压力", "为广大劳动者提供了创业机会", "≥80%", RULE),
            ind("效益指标", "生态效益指标", "覆盖力度", "政策范围内贴息力度加大", "≥80%", RULE),
            ind("效益指标", "可持续影响指标", "促进经济发展", "生产的持续促进了经济的发展", "≥80%", RULE),
            ind("满意度指标", "服务对象满意度指标", "促就业", "缓解了社会的就业压力。", "≥80%", RULE),
            ind("满意度指标", "服务对象满意度指标", "创业活力", "增强了社会创业动力", "≥80%", RULE),
        ),
    )


def test_project_16_multiline_cells_with_blank_lines(result: ImportResult) -> None:
    project = result.dataset.projects[15]
    assert project == Project(
        unit_code=UNIT,
        code="13043421OG3O276UBT2CC",
        name="公共就业服务机构经费",
        budget=money("10.00", "10.00", "0"),
        purpose="用于开展人社各项政策宣传登记，保障日常工作运转。",
        goals="1.累计发布招聘信息数不少于5次\n2.确保就业活动至少每年一次",
        schedule=plan("20.00", "50.00", "80.00", "100.00"),
        indicators=(
            ind(
                "产出指标",
                "数量指标",
                "政策宣传次数",
                "每年对人社就业、劳务信息、农民工维权、参保等政策进行宣传。保证次数，让老百姓真正受益。",
                "≥1次数",
                DOC_RULE,
            ),
            ind("产出指标", "质量指标", "信息发布率", "及时发布就业务工信息，做到时时更新", "≥2次数", DOC_RULE),
            ind("产出指标", "时效指标", "完成率", "当年就业活动完成情况", "≥1次数", DOC_RULE),
            ind("产出指标", "成本指标", "项目预算控制数", "各项活动、宣传成本总额不超过8万", "≤8万元", DOC_RULE),
            ind(
                "效益指标",
                "经济效益指标",
                "公共服务水平提升情况",
                "统一制作、印刷使基层团组织基础团务更加规范",
                "≥80%",
                DOC_RULE,
            ),
            ind("效益指标", "社会效益指标", "社会影响力", "得到社会的认可", "≥80%", DOC_RULE),
            ind("满意度指标", "服务对象满意度指标", "群众满意度", "群众对当年就业活动的整体满意度", "≥80%", DOC_RULE),
        ),
    )
    # Kept as written: ≥1次数 is not corrected to 次.
    assert (project.indicators[0].sign, project.indicators[0].value, project.indicators[0].unit) == ("≥", "1", "次数")


def test_project_17_largest_amount(result: ImportResult) -> None:
    rule = "根据文件规定"
    assert result.dataset.projects[16] == Project(
        unit_code=UNIT,
        code="13043421QV3O0OQONQ2YO",
        name="冀财社[2020]143号提前下达2021年城乡居民养老保险中央财政补助",
        budget=money("13307.00", "13307.00", "0"),
        purpose="为符合条件的参保享受待遇人员发放中央基础养老金",
        goals="1.为符合条件的参保享受待遇人员发放中央基础养老金13307万元",
        schedule=plan("25.00", "50.00", "75.00", "100.00"),
        indicators=(
            ind("产出指标", "数量指标", "城乡居民基本养老保险参保人数", "城乡居民基本养老保险参保人数", "≥90%", rule),
            ind(
                "产出指标",
                "质量指标",
                "对基金监督",
                "对基金监督，不符合条件的不补贴，对符合条件的给予补贴，正确率作为绩效指标的测算标准",
                "≥90%",
                rule,
            ),
            ind("产出指标", "时效指标", "项目按时完成率", "项目按时完成率", "≥90%", rule),
            ind("产出指标", "成本指标", "落实情况", "预算执行到位", "≥90%", rule),
            ind("效益指标", "经济效益指标", "社会稳定水平", "社会稳定水平", "是", rule),
            ind("效益指标", "社会效益指标", "社会稳定水平", "社会稳定水平", "是", rule),
            ind("满意度指标", "服务对象满意度指标", "满意率", "满意率", "是", rule),
        ),
    )
    assert result.dataset.projects[16].budget.total == Decimal("13307.00")


def test_project_24_last_table_before_page_number(result: ImportResult) -> None:
    assert result.dataset.projects[23] == Project(
        unit_code=UNIT,
        code="13043421Z0EH7F6PDLNAD",
        name="社区招聘工作经费",
        budget=money("1.00", "1.00", "0"),
        purpose="用于社区工作人员招聘",
        goals="1.保障社区招聘工作运转，1万元全额用于招聘工作。",
        schedule=plan("100.00", None, None, None),
        indicators=(
            ind("产出指标", "数量指标", "事业单位公开招聘考试完成率", "事业单位公开招聘完成率", "100%", DOC_RULE),
            ind("产出指标", "质量指标", "人员招聘合格率", "符合人才招聘要求", "100%", DOC_RULE),
            ind("产出指标", "时效指标", "及时性", "资金及时支付", "7日", DOC_RULE),
            ind("产出指标", "成本指标", "成本开支", "1万元劝和用于招聘", "100%", DOC_RULE),
            ind("效益指标", "社会效益指标", "优化行业人才队伍", "优化行业人才队伍", "100%", DOC_RULE),
            ind(
                "效益指标",
                "可持续影响指标",
                "为社会提供人才支撑和智力支持",
                "为社会提供人才支撑和智力支持",
                "100%",
                DOC_RULE,
            ),
            ind("满意度指标", "服务对象满意度指标", "招聘单位满意度", "招聘单位满意度", "≥80%", DOC_RULE),
        ),
    )


def test_department_goals(result: ImportResult) -> None:
    goals = result.dataset.department_goals
    by_part = {part: [g for g in goals if g.part == part] for part in ("总体绩效目标", "分项绩效目标", "工作保障措施")}
    assert [len(v) for v in by_part.values()] == [19, 35, 15]
    assert all(g.unit_code == UNIT for g in goals)
    overall = by_part["总体绩效目标"]
    assert overall[0].number is None and overall[0].title is None
    assert overall[0].text is not None and overall[0].text.startswith("2021年以习近平新时代中国特色社会主义思想")
    assert (overall[1].number, overall[1].title, overall[1].text) == (
        "（一）",
        "创新思路，强图发展，突进重点项目",
        None,
    )
    assert (overall[2].number, overall[2].title) == ("1.", "谋划建设就业服务多功能大厅")
    assert overall[2].text is not None and overall[2].text.startswith("依托大数据、网络、电子技术")
    assert (overall[-1].number, overall[-1].title) == ("3", "提升经办能力")  # written without the dot
    items = by_part["分项绩效目标"]
    # `1.开展招商引资、项目建设。2.积极优化营商环境。…` is one paragraph of several items.
    assert [(g.number, g.title, g.text) for g in items[:5]] == [
        ("（一）", "发挥职能、勇于担当，提升服务全县发展能力", None),
        ("1.", "开展招商引资、项目建设", None),
        ("2.", "积极优化营商环境", None),
        ("3.", "服务小微企业发展", None),
        ("4.", "做好高层次人才引进培养", None),
    ]
    assert ("(五）", "狠抓人才引进，提升人才待遇，提升人事人才工作水平") in [(g.number, g.title) for g in items]
    assert (items[-1].number, items[-1].title) == ("（八）", "落实责任、持续发力，提升机关党建工作成效")
    measures = by_part["工作保障措施"]
    assert [g.number for g in measures] == [f"{n}." for n in range(1, 16)]
    assert measures[14].title == "提升经办能力"


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("（一）创新思路", [("（一）", "创新思路")]),
        ("(五）狠抓人才引进", [("(五）", "狠抓人才引进")]),
        ("二、分项", [("二、", "分项")]),
        ("3提升经办能力。", [("3", "提升经办能力。")]),
        ("3个窗口全部开通。", [(None, "3个窗口全部开通。")]),  # a quantity, not a number
        ("1.甲项。2.乙项。3、丙项", [("1.", "甲项。"), ("2.", "乙项。"), ("3、", "丙项")]),
        ("1.甲项。3.乙项。", [("1.", "甲项。3.乙项。")]),  # numbers that do not run 1, 2 are one item
        ("2021年工作要点", [(None, "2021年工作要点")]),
    ],
)
def test_numbering_forms(text: str, items: list[tuple[str | None, str]]) -> None:
    assert split_items(text) == items


def test_numbering_agrees_across_importer_renderer_and_rules() -> None:
    assert [item_number(n) for n in ("1.", "12．", "3、", "（一）", "3", None)] == [1, 12, 3, None, None, None]
    assert is_subheading("（一）创新思路") and is_subheading("(五）人才") and not is_subheading("1.创新")
    # The rules look past every number the importer splits off, and past 1) and （1） too.
    texts = ("（一） 创新思路", "二、分项", "1.甲项", "12．乙项", "1）丙项", "（1）丁项", "3个窗口")
    assert [strip_number(t) for t in texts] == ["创新思路", "分项", "甲项", "乙项", "丙项", "丁项", "3个窗口"]


def test_no_field_codes_leak(result: ImportResult) -> None:
    text = dumps_json(result.dataset)
    assert " TC " not in text and "\\\\f" not in text and "\\\\l" not in text


def test_deterministic(tmp_path: Path) -> None:
    first = dumps_json(import_document(SHARED_DOC).dataset)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SHARED_DOC.read_bytes())
    assert dumps_json(import_document(copy).dataset) == first


def test_gb18030_text_reads_the_same(tmp_path: Path, result: ImportResult) -> None:
    legacy = tmp_path / "gbk.txt"
    legacy.write_bytes(SHARED_DOC.read_text(encoding="utf-8").encode("gb18030"))
    assert import_document(legacy).dataset == result.dataset


# --- bad input ---------------------------------------------------------------------------


def _lines() -> list[str]:
    return SHARED_DOC.read_text(encoding="utf-8").split("\n")


def _line_of(lines: list[str], text: str, start: int = 0) -> int:
    """0-based index of the first line equal to ``text`` at or after ``start``."""
    return lines.index(text, start)


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_missing_project_code_gets_a_placeholder(tmp_path: Path) -> None:
    lines = _lines()
    at = _line_of(lines, "\t130434214GIWQV0OPVG49")  # project 2's code
    lines[at] = "\t"
    res = import_document(_write(tmp_path, lines))
    assert len(res.dataset.projects) == 24 and res.problems == []
    code = res.dataset.projects[1].code
    assert is_placeholder_code(code) and len(code) == len("待补-") + 10
    assert code == import_document(_write(tmp_path, lines)).dataset.projects[1].code  # stable
    [warning] = res.warnings
    assert warning.table == 2 and warning.heading is not None and warning.heading.startswith("2.冀财金【2020】54号")
    assert f"no 项目编码; placeholder {code} given" in warning.describe()


def test_truncated_indicator_table_is_reported(tmp_path: Path) -> None:
    lines = _lines()
    # Project 24 ends after the first two cells of its 满意度 row: no 三级指标, no value.
    cut = _line_of(lines, "\t招聘单位满意度")
    res = import_document(_write(tmp_path, lines[:cut]))
    assert len(res.dataset.projects) == 24
    assert len(res.dataset.projects[23].indicators) == 6
    assert [(p.line, p.text) for p in res.unused] == [(cut - 1, "满意度指标"), (cut, "服务对象满意度指标")]
    assert all("placeholder row" in p.message for p in res.unused)


def test_row_missing_cells_mid_table_keeps_what_is_there(tmp_path: Path) -> None:
    lines = _lines()
    start = _line_of(lines, "\t13043421OG3O276UBT2CC")
    at = _line_of(lines, "\t信息发布率", start)
    del lines[at + 1 : at + 5]  # description, blank, value, basis of project 16's second row
    res = import_document(_write(tmp_path, lines))
    project = res.dataset.projects[15]
    assert len(project.indicators) == 7
    second = project.indicators[1]
    assert (second.level1, second.level2, second.level3, second.value) == ("产出指标", "质量指标", "信息发布率", None)
    assert res.dataset.indicator_count() == 179
    assert res.report == []


def test_unknown_row_label(tmp_path: Path) -> None:
    lines = _lines()
    start = _line_of(lines, "\t13043421KAA20VVP2G6DL")
    at = _line_of(lines, "\t绩效目标", start)
    lines[at] = "\t年度目标说明"
    res = import_document(_write(tmp_path, lines))
    assert len(res.dataset.projects) == 24
    assert res.dataset.projects[12].goals is None
    assert res.dataset.indicator_count() == 179
    label, goals = res.problems
    assert label.describe() == (
        f"{tmp_path / 'doc.txt'}: line {at + 1}, table 13 column 1 «13.创业贷款贴息资金绩效目标表»: "
        "value without a label: «年度目标说明»"
    )
    assert goals.line == at + 2 and goals.column == 2 and goals.message == "value without a label"


def test_bad_amount_and_percentage(tmp_path: Path) -> None:
    lines = _lines()
    start = _line_of(lines, "\t13043421Z0EH7F6PDLNAD")
    lines[_line_of(lines, "\t1.00", start)] = "\t一万"
    lines[_line_of(lines, "\t100.00%", start)] = "\t全年"
    res = import_document(_write(tmp_path, lines))
    assert [(p.message, p.text) for p in res.problems] == [
        ("预算数: expected an amount; not kept", "一万"),
        ("3月底: expected a percentage; not kept", "全年"),
    ]
    assert res.dataset.projects[23].budget.total is None


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        import_document(empty)


def test_text_without_tables_reads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n今天开会。\n", encoding="utf-8")
    with pytest.raises(InputError, match="no tables and no part-1 goals found"):
        import_document(path)


def test_values_round_trip_through_printer() -> None:
    for text in ("≥1次数", "≤8万元", "100%", "是", "7日", "≥80%"):
        assert format_value(*parse_value(text)) == text


def test_other_layout_details(tmp_path: Path) -> None:
    """A small hand-written dump: stated year, unit line as paragraphs, separate 计算符号/计量单位 columns,
    the header repeated after a page break, ASCII colon and CRLF line endings."""
    rows = [
        ["项目编码", "130481221ABCDEFGHIJKL", "项目名称", "示例项目"],
        ["预算规模及资金用途", "预算数", "5.5", "其中：财政资金", "5.50", "其他资金", ""],
        ["", "用于示例。"],
        ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"],
        ["", "", "50%", "", "100.00%"],
        ["绩效目标", "目标一"],
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "计算符号", "指标值", "计量单位", "指标值确定依据"],
        ["产出指标", "数量指标", "培训人数", "全年培训", "≥", "300", "人次", "计划"],
        ["", "质量指标", "合格率", "考核合格", "=", "100", "%", "计划"],
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "计算符号", "指标值", "计量单位", "指标值确定依据"],
        ["", "时效指标", "完成及时", "按时完成", "定性", "按时", "", "计划"],
        ["满意度指标", "服务对象满意度指标", "满意度", "问卷", ">", "90", "%", "调查"],
    ]
    text = "武安市2022年度部门预算绩效目标\n一、总体绩效目标\n（一）抓培训\n1.x\n"
    text += "1.示例项目绩效目标表\n402001武安市人社局\n单位:万元\n"
    text += "\n\n".join("\n".join("\t" + cell for cell in row) for row in rows) + "\n\n"
    path = tmp_path / "other.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    res = import_document(path)
    assert res.problems == []
    ds = res.dataset
    assert (ds.year, ds.division.code, ds.division.name, ds.taxonomy) == (2022, "130481", "武安市", "v2021")
    assert [(u.code, u.name) for u in ds.units] == [("402001", "武安市人社局")]
    [project] = ds.projects
    assert project.budget == Budget(total=Decimal("5.50"), fiscal=Decimal("5.50"), other=None)
    assert project.schedule == plan(None, "50", None, "100")
    assert [(i.level1, i.sign, i.value, i.unit, i.printed) for i in project.indicators] == [
        ("产出指标", "≥", "300", "人次", "≥300人次"),
        ("产出指标", "=", "100", "%", "100%"),
        ("产出指标", "定性", "按时", None, "按时"),
        ("满意度指标", ">", "90", "%", ">90%"),
    ]
    assert [(g.number, g.title) for g in ds.department_goals] == [("（一）", "抓培训"), ("1.", "x")]
