"""The perturbed book of bench/make_workbooks.py: the bundled example, repeated and broken in every way the rules know.

Rows are the example's, budget year 2022 (see make_workbooks.py for why), project ``p`` (0-based, over the
book) being example project ``p % 24`` of copy ``p // 24``, with a fresh 21-character code.  Copies after
the first add their number to project names, to 绩效目标 (第2批。) and in front of 三级指标 (（2）促进就业), so
they are not verbatim copies of the first, and file 可持续影响指标 under 社会效益指标 (the first copy keeps it:
deprecated-level2).  The last project is cut short to make exactly N indicator rows.
Defects are planted by position, never by chance, so their counts can be worked out by hand:

- project ``p`` gets the defect of slot ``p % 50`` (``_project_rows``), indicator row ``i`` (0-based, over
  绩效指标) that of slot ``i % 200`` (``_perturb_indicator``): one planted defect per row at most (the example's
  own stay where they are);
- every 20th project (``p % 20 == 0``) has rows on the four stage sheets (执行监控 at 7月底, 绩效自评), with
  defects by the indicator's position in its project (``stage_rows``);
- the small sheets carry the rest: 基本信息 (unknown 指标体系版本, a 联系人 row), 单位 (a repeated code, a letter
  O, a blank name, 上级单位编码 missing, a 联系人 column), 部门目标 renamed 部门目标表, added columns on
  项目 (备注 twice), 支出计划 (one without a header) and 绩效指标 (审核意见, empty).

Cells are written the way perfxl's writer does (money as numbers, plan percentages as fractions, text as
text) with XlsxWriter in constant-memory mode and a fixed creation date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from perfxl.core.model import Project
from perfxl.files.resources import example_document
from perfxl.importers import import_document

Cell = str | int | Decimal | None
Row = dict[str, Cell]

YEAR = 2022
DIVISION = "130434"
UNIT = "316001"
P_MOD, I_MOD, STAGE_EVERY = 50, 200, 20
MONTH = 7  # the monitoring month of the 执行监控 sheets
CREATED = dt.datetime(2022, 7, 31, 12, 0, 0)  # docProps/core.xml: fixed, so the bytes do not depend on the clock
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "constant_memory": True,
}
V2021: dict[tuple[str | None, str | None], tuple[str, str]] = {("产出指标", "成本指标"): ("成本指标", "经济成本指标")}
DEPRECATED = "可持续影响指标"  # a v2015 二级 that v2021 only tolerates
PLAN = ("3月底", "6月底", "10月底", "12月底")
PLAN_MONTHS = dict(zip(PLAN, (3, 6, 10, 12), strict=True))

INFO = ["项目", "内容"]
UNITS = ["单位编码", "单位名称", "联系人"]  # 上级单位编码 missing: missing-column; so 联系人 is unknown-column
GOALS = ["单位编码", "部分", "编号", "标题", "内容"]
PROJECTS = [
    "单位编码",
    "项目编码",
    "项目名称",
    "预算数",
    "财政资金",
    "其他资金",
    "资金用途",
    "绩效目标",
    "备注",
    "备注",
]
SCHEDULE = ["项目编码", "项目名称", *PLAN, ""]  # a column without a header that holds values: unknown-column
INDICATORS = [
    *("项目编码", "项目名称", "序号", "一级指标", "二级指标", "三级指标", "绩效指标描述"),
    *("计算符号", "指标值", "计量单位", "指标值确定依据", "审核意见"),
]
_TARGET = ("项目编码", "项目名称", "序号", "一级指标", "二级指标", "三级指标", "年度指标值")
_REASONS = tuple(f"偏差原因-{k}" for k in ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"))
MONITOR_PROJECTS = [
    *("项目编码", "项目名称", "单位编码", "预算数", "年度绩效目标", f"{MONTH}月底计划进度"),
    *("调整后预算数", f"1-{MONTH}月执行数", f"1-{MONTH}月执行率", "全年预计执行数", "绩效目标执行情况"),
]
MONITOR_INDICATORS = [*_TARGET, f"1-{MONTH}月完成值", "全年预计完成值", *_REASONS, "完成目标可能性", "纠偏措施"]
EVALUATION_PROJECTS = [
    *("项目编码", "项目名称", "单位编码", "年度绩效目标", "年初预算数", "全年预算数", "全年执行数", "执行率"),
    *("年度总体目标实际完成情况", "执行率得分", "总分", "等级"),
]
EVALUATION_INDICATORS = [*_TARGET, "分值", "实际完成值", "得分", "偏差原因分析及改进措施"]


@dataclass
class Book:
    """The perturbed book's data rows, by header, before writing."""

    projects: list[Row] = field(default_factory=list)
    plans: list[Row] = field(default_factory=list)
    indicators: list[Row] = field(default_factory=list)
    goals: list[Row] = field(default_factory=list)  # the example's 部门目标, as they are
    staged: list[tuple[int, str]] = field(default_factory=list)  # (p, 项目编码) of projects with stage rows


def _base36(n: int, width: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    for _ in range(width):
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out


def project_code(p: int) -> str:
    """Project p's code, with the code defects of its slot (a code never used elsewhere in the book)."""
    slot = p % P_MOD
    code = f"{DIVISION}{YEAR % 100}{_base36(p, 13)}"
    if slot == 3:  # project-code-format: 20 characters
        return code[:-1]
    if slot == 5:  # project-code-year: year part 21
        return f"{DIVISION}21{_base36(p, 13)}"
    if slot == 7:  # placeholder-code
        return f"待补-{p:010X}"
    return code


def _plan(values: tuple[str, ...]) -> dict[str, Cell]:
    return {label: (Decimal(v) / 100 if v else None) for label, v in zip(PLAN, values, strict=True)}


def _project_rows(book: Book, p: int, src: Project, copy: int) -> tuple[str, str | None]:
    """Add project p's 项目 and 支出计划 rows (and the rows its slot adds); return its code and name."""
    slot = p % P_MOD  # odd slots only; stage projects (p % 20 == 0) are even, so never both
    code = project_code(p)
    name: str | None = src.name if copy == 0 else f"{src.name}（{copy + 1}）"
    goals = src.goals if copy == 0 else f"{src.goals}\n第{copy + 1}批。"
    b = src.budget
    row: Row = {"单位编码": UNIT, "项目编码": code, "项目名称": name, "预算数": b.total, "财政资金": b.fiscal}
    row |= {"其他资金": b.other, "资金用途": src.purpose, "绩效目标": goals}
    plan: Row = {"项目编码": code, "项目名称": name}
    plan |= {label: (None if (v := src.schedule.get(m)) is None else v / 100) for label, m in PLAN_MONTHS.items()}
    total, fiscal = b.total or Decimal(0), b.fiscal or Decimal(0)
    if slot == 9:  # unit-code-format and unknown-unit
        row["单位编码"] = "316-001"
    elif slot == 11:  # unknown-unit
        row["单位编码"] = "316009"
    elif slot == 13:  # money-decimals and budget-sum
        row["预算数"] = total + Decimal("0.001")
    elif slot == 15:  # money-negative
        row["财政资金"], row["其他资金"] = fiscal + 5, (b.other or Decimal(0)) - 5
    elif slot == 17:  # budget-sum
        row["财政资金"] = fiscal + 1
    elif slot == 19:  # required-cell
        row["预算数"] = None
    elif slot == 31:  # schedule-range
        plan["12月底"] = Decimal("1.2")
    elif slot == 33:  # schedule-range with its hint
        plan |= _plan(("2500", "50", "75", "100"))
    elif slot == 35:  # schedule-decreasing
        plan |= _plan(("60", "40", "75", "100"))
    elif slot == 37:  # schedule-end
        plan |= _plan(("25", "50", "75", "90"))
    elif slot == 39:  # schedule-gap
        plan |= _plan(("30", "", "80", "100"))
    elif slot == 41:  # text-money-over-budget
        row["绩效目标"] = f"{goals}安排资金99999万元。"
    elif slot == 43:  # project-name-mismatch on 支出计划
        plan["项目名称"] = f"{name}（旧）"
    elif slot == 45:  # required-cell
        row["项目名称"] = plan["项目名称"] = name = None
    elif slot == 47:  # unknown-column values
        plan[""] = "备用"
    elif slot == 49:  # extra-column values
        row["备注"] = "待核实"
    book.projects.append(row)
    if slot == 21:  # duplicate-project-code
        book.projects.append({**row, "项目名称": f"{name}（重复）"})
    elif slot == 27:  # missing-indicators
        added = f"{DIVISION}{YEAR % 100}Y{p:012d}"
        book.projects.append({**row, "项目编码": added, "项目名称": f"新增项目{p}"})
        book.plans.append({**plan, "项目编码": added, "项目名称": f"新增项目{p}"})
    if slot != 23:  # missing-schedule otherwise
        book.plans.append(plan)
    if slot == 25:  # duplicate-schedule
        book.plans.append(dict(plan))
    elif slot == 29:  # orphan-schedule
        book.plans.append({**plan, "项目编码": f"{DIVISION}{YEAR % 100}X{p:012d}", "项目名称": None})
    if p % STAGE_EVERY == 0:
        book.staged.append((p, code))
    return code, name


def _perturb_indicator(i: int, seq: int, row: Row) -> None:
    """Plant the defect of indicator row i's slot (rows of other slots stay as the example has them)."""
    slot = i % I_MOD
    if slot == 1:  # sign-unknown
        row["计算符号"] = "≧"
    elif slot == 3:  # value-not-split
        row |= {"计算符号": None, "指标值": "≥80%", "计量单位": None}
    elif slot == 5:  # value-not-number
        row |= {"计算符号": "≥", "指标值": "较高"}
    elif slot == 7:  # qualitative-value
        row |= {"计算符号": "定性", "指标值": "100", "计量单位": "%"}
    elif slot == 9:  # unit-missing
        row |= {"计算符号": "≥", "指标值": "80", "计量单位": None}
    elif slot == 11:  # percent-over-100
        row |= {"计算符号": "=", "指标值": "120", "计量单位": "%"}
    elif slot == 13:  # basis-missing
        row["指标值确定依据"] = None
    elif slot == 15:  # unknown-level1
        row["一级指标"] = "产出目标"
    elif slot == 17:  # unknown-level2
        row["二级指标"] = "社会效果指标"
    elif slot == 19:  # level2-wrong-parent
        row |= {"一级指标": "效益指标", "二级指标": "数量指标"}
    elif slot == 21:  # required-cell
        row["三级指标"] = None
    elif slot == 23:  # orphan-row
        row |= {"项目编码": f"{DIVISION}{YEAR % 100}Z{i:012d}", "项目名称": None}
    elif slot == 25:  # duplicate-seq
        row["序号"] = seq - 1 if seq > 1 else 2  # the 序号 of the row before (slot 24) or after (slot 26)
    elif slot == 27:  # project-name-mismatch on 绩效指标
        row["项目名称"] = "其他项目"
    elif slot == 29:  # cost-over-budget
        row |= {"一级指标": "成本指标", "二级指标": "经济成本指标", "计算符号": "≤"}
        row |= {"指标值": "99999", "计量单位": "万元"}
    elif slot == 31:  # unit-nonstandard
        row["计量单位"] = "人数"
    elif slot == 33:  # level3-placeholder
        row["三级指标"] = row["二级指标"]


def perturbed_book(rows: int) -> Book:
    """The book's data: the example's projects repeated until there are ``rows`` indicator rows, perturbed."""
    example = import_document(example_document()).dataset
    book = Book()
    book.goals = [
        {"单位编码": g.unit_code, "部分": g.part, "编号": g.number, "标题": g.title, "内容": g.text}
        for g in example.department_goals
    ]
    count = len(example.projects)
    p = 0
    while len(book.indicators) < rows:
        src = example.projects[p % count]
        code, name = _project_rows(book, p, src, p // count)
        for seq, ind in enumerate(src.indicators[: rows - len(book.indicators)], start=1):
            level1, level2 = V2021.get((ind.level1, ind.level2), (ind.level1, ind.level2))
            if p >= count and level2 == DEPRECATED:
                level2 = "社会效益指标"  # copies file it as 2022 asks; the first keeps it (deprecated-level2)
            row: Row = {"项目编码": code, "项目名称": name, "序号": seq, "一级指标": level1, "二级指标": level2}
            # Copies name their indicators (（2）促进就业) so their tables are not verbatim copies of the first.
            level3 = ind.level3 if p < count or not ind.level3 else f"（{p // count + 1}）{ind.level3}"
            row |= {"三级指标": level3, "绩效指标描述": ind.description, "计算符号": ind.sign}
            row |= {"指标值": ind.value, "计量单位": ind.unit, "指标值确定依据": ind.basis}
            _perturb_indicator(len(book.indicators), seq, row)
            book.indicators.append(row)
        p += 1
    return book


def _printed(row: Row) -> str:
    """The target as perfxl prints it (core.values.format_value): no sign for = or none, the word for 定性."""
    sign, value, unit = row["计算符号"], row["指标值"] or "", row["计量单位"] or ""
    if sign == "定性":
        return str(value)
    return f"{'' if sign in (None, '=') else sign}{value}{unit}"


def _number(text: Cell) -> Decimal | None:
    try:
        return Decimal(str(text)) if isinstance(text, str) else None
    except InvalidOperation:
        return None


def _actual(k: int, row: Row) -> Cell:
    """实际完成值 of the k-th indicator of a project: the target met, except by position."""
    number = _number(row["指标值"]) if row["计算符号"] in ("=", "≥", ">", "≤", "<") else None
    if number is None:
        return row["指标值"]
    if k == 2:
        return "完成"  # evaluation-text-actual
    if k == 4:
        return str(number * 2)  # evaluation-over-target (for ≥, >, = with a target above 0)
    if k == 5:
        return str(number / 2)  # below target: evaluation-missing-reason (no reason given)
    return str(number)


def stage_rows(book: Book) -> dict[str, list[Row]]:
    """The four stage sheets' rows for the staged projects, from the targets as the reader will see them."""
    first: dict[Cell, Row] = {}
    for row in book.projects:
        first.setdefault(row["项目编码"], row)
    children: dict[Cell, list[Row]] = {}
    for row in book.indicators:
        children.setdefault(row["项目编码"], []).append(row)
    sheets: dict[str, list[Row]] = {
        name: [] for name in ("执行监控-项目", "执行监控-指标", "绩效自评-项目", "绩效自评-指标")
    }
    for p, code in book.staged:
        project = first[code]
        total = project["预算数"] if isinstance(project["预算数"], Decimal) else Decimal(1)
        base: Row = {"项目编码": code, "项目名称": project["项目名称"], "单位编码": project["单位编码"]}
        ratio = Decimal("0.3") if p % 60 == 0 else Decimal("0.65")  # monitor-lagging at 30 %
        sheets["执行监控-项目"].append(
            {
                **base,
                "预算数": project["预算数"],
                "年度绩效目标": project["绩效目标"],
                f"1-{MONTH}月执行数": total * ratio,
            }
        )
        spent = Decimal("1.1") if p % 80 == 0 else Decimal("0.95")  # evaluation-over-budget at 110 %
        sheets["绩效自评-项目"].append(
            {**base, "年度绩效目标": project["绩效目标"], "年初预算数": total, "全年预算数": total}
            | {"全年执行数": total * spent, "年度总体目标实际完成情况": "基本完成年度目标"}
        )
        for k, ind in enumerate(children.get(code, []), start=1):
            target: Row = {key: ind[key] for key in ("一级指标", "二级指标", "三级指标")}
            target |= {"项目编码": code, "项目名称": project["项目名称"], "序号": k, "年度指标值": _printed(ind)}
            monitor: Row = {**target, "全年预计完成值": _printed(ind), "完成目标可能性": "确定能"}
            if k == 2:
                monitor["完成目标可能性"] = "有可能"  # monitor-doubt-unexplained: no reason, no measure
            elif k == 3:
                monitor["完成目标可能性"] = "大概率"  # monitor-likelihood-unknown (and unexplained)
            elif k == 4:
                monitor["年度指标值"] = "≥1" if target["年度指标值"] != "≥1" else "≥2"  # stage-target-changed
            elif k == 5:
                monitor |= {"完成目标可能性": "有可能", "偏差原因-经费保障": "资金下达晚", "纠偏措施": "加快拨付"}
            sheets["执行监控-指标"].append(monitor)
            evaluation: Row = {**target, "实际完成值": _actual(k, ind)}
            if k == 1 and p % 40 == 20:
                evaluation["分值"] = 60  # evaluation-weights-total: 10 + 60 + … > 100
            if k == 3:
                evaluation["得分"] = 99  # evaluation-score-range: above any 分值 here
            sheets["绩效自评-指标"].append(evaluation)
    return sheets


def _small_sheets(book: Book) -> list[tuple[str, list[str], list[Row]]]:
    info: list[tuple[str, Cell]] = [
        ("预算年度", YEAR),
        ("行政区划代码", DIVISION),
        ("行政区划名称", "魏县"),
        ("金额单位", "万元"),
        ("指标体系版本", "v2019"),  # unknown-taxonomy (checked against 2022's v2021)
        ("模板版本", "1"),
        ("配置方案", "hebei"),
        ("联系人", "张三"),  # unknown-info-key
    ]
    units: list[Row] = [
        {"单位编码": UNIT, "单位名称": "魏县人力资源和社会保障局本级", "联系人": "张三"},
        {"单位编码": UNIT, "单位名称": "魏县人力资源和社会保障局本级（重复）"},  # duplicate-unit-code
        {"单位编码": "316OO1", "单位名称": "魏县就业服务中心"},  # unit-code-format (letter O)
        {"单位编码": "316002", "单位名称": None},  # required-cell
    ]
    return [
        ("基本信息", INFO, [{"项目": k, "内容": v} for k, v in info]),
        ("单位", UNITS, units),
        ("部门目标表", GOALS, book.goals),  # renamed-sheet: 部门目标 is missing, this sheet has its columns
    ]


def write_perturbed(rows: int, path: Path) -> Path:
    """Write the perturbed book of ``rows`` indicator rows to ``path`` (replaced if it exists)."""
    import xlsxwriter

    book = perturbed_book(rows)
    stages = stage_rows(book)
    sheets = [
        *_small_sheets(book),
        ("项目", PROJECTS, book.projects),
        ("支出计划", SCHEDULE, book.plans),
        ("绩效指标", INDICATORS, book.indicators),
        ("执行监控-项目", MONITOR_PROJECTS, stages["执行监控-项目"]),
        ("执行监控-指标", MONITOR_INDICATORS, stages["执行监控-指标"]),
        ("绩效自评-项目", EVALUATION_PROJECTS, stages["绩效自评-项目"]),
        ("绩效自评-指标", EVALUATION_INDICATORS, stages["绩效自评-指标"]),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    wb.set_properties({"created": CREATED})
    try:
        for name, headers, data in sheets:
            ws = wb.add_worksheet(name)
            # A repeated header (备注 twice) names a column left empty: only its first column gets the values.
            columns = [(c, h) for c, h in enumerate(headers) if headers.index(h) == c]
            for c, h in enumerate(headers):
                if h:
                    ws.write_string(0, c, h)
            for r, row in enumerate(data, start=1):
                for c, h in columns:
                    value = row.get(h)
                    if isinstance(value, str):
                        ws.write_string(r, c, value)
                    elif value is not None:
                        ws.write_number(r, c, float(value))
    finally:
        wb.close()
    return path
