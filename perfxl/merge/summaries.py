"""The merge's extra sheets: 来源, 汇总-单位, 汇总-支出计划, 汇总-指标, with native charts.

They are written through the ``extra=`` hook of
:func:`perfxl.workbook.writer.write_workbook`, after the standard sheets; the
reader ignores them, so the merged workbook stays a standard perfxl workbook.
The writer runs XlsxWriter in ``constant_memory`` mode, so every sheet here is
written strictly row by row.  Sums are Decimal; floats only at the cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from perfxl.core.findings import Finding
from perfxl.core.model import Dataset, Project
from perfxl.core.profile import profile_for
from perfxl.core.taxonomy import default_version, load_taxonomy
from perfxl.core.terms import month_label
from perfxl.merge.result import MergeResult
from perfxl.merge.scores import write_score_summary
from perfxl.workbook.writer import MONEY_FORMAT, Formats, write_workbook

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

SOURCES = "来源"
BY_UNIT = "汇总-单位"
BY_SCHEDULE = "汇总-支出计划"
BY_INDICATOR = "汇总-指标"
SHEETS: tuple[str, ...] = (SOURCES, BY_UNIT, BY_SCHEDULE, BY_INDICATOR)
TOTAL_LABEL = "合计"
STATUS_LABELS = {"merged": "已合并", "partly-replaced": "部分被替换", "replaced": "被替换", "bad": "未合并"}
CENT = Decimal("0.01")


@dataclass
class UnitSummary:
    code: str
    name: str
    projects: int = 0
    total: Decimal = Decimal("0.00")
    fiscal: Decimal = Decimal("0.00")
    other: Decimal = Decimal("0.00")
    indicators: int = 0
    errors: int = 0
    warnings: int = 0
    plan: dict[int, Decimal] = field(default_factory=dict)  # month → cumulative planned spending
    by_level: dict[tuple[str, str], int] = field(default_factory=dict)


def plan_months(dataset: Dataset) -> tuple[int, ...]:
    """The checkpoints 汇总-支出计划 has a column for: every month some project's plan uses
    (none used: the profile's, so the sheet still has its columns)."""
    used = sorted({m for p in dataset.projects for m, _v in p.schedule.months})
    return tuple(used) or profile_for(dataset.profile).plan_months


def planned(project: Project, months: Sequence[int]) -> list[Decimal]:
    """Cumulative planned spending (万元) at each of ``months``: 预算数 × cumulative %.

    The percentages are cumulative, so a blank after a filled checkpoint means
    "no change" and carries the last filled value forward (100 % at 3月底 then
    blanks is 100 % all year); blanks before the first filled checkpoint count 0.
    """
    total = project.budget.total or Decimal(0)
    pct = Decimal(0)
    filled = project.schedule.as_dict()
    out: list[Decimal] = []
    for month in months:
        if month in filled:
            pct = filled[month]
        out.append((total * pct / 100).quantize(CENT, ROUND_HALF_UP))  # 四舍五入 to the fen
    return out


def unit_summaries(
    dataset: Dataset,
    findings_by_project: dict[str, list[Finding]] | None = None,
    unit_findings: dict[str, list[Finding]] | None = None,
) -> list[UnitSummary]:
    """One summary per unit in dataset order (projects without a unit code go under "")."""
    names = {u.code: u.name or "" for u in dataset.units}
    months = plan_months(dataset)
    rows: dict[str, UnitSummary] = {u.code: UnitSummary(u.code, names[u.code]) for u in dataset.units}
    for p in dataset.projects:
        code = p.unit_code or ""
        s = rows.setdefault(code, UnitSummary(code, names.get(code, "")))
        s.projects += 1
        s.total += p.budget.total or 0
        s.fiscal += p.budget.fiscal or 0
        s.other += p.budget.other or 0
        s.indicators += len(p.indicators)
        for month, amount in zip(months, planned(p, months), strict=True):
            s.plan[month] = s.plan.get(month, Decimal("0.00")) + amount
        for ind in p.indicators:
            key = (ind.level1 or "", ind.level2 or "")
            s.by_level[key] = s.by_level.get(key, 0) + 1
        for f in (findings_by_project or {}).get(p.code, ()):
            s.errors += f.severity == "error"
            s.warnings += f.severity == "warning"
    for code, found in (unit_findings or {}).items():
        if code in rows:
            rows[code].errors += sum(f.severity == "error" for f in found)
            rows[code].warnings += sum(f.severity == "warning" for f in found)
    return list(rows.values())


def _attribute_findings(result: MergeResult) -> tuple[dict[str, list[Finding]], dict[str, list[Finding]]]:
    """Per-file findings → by project code, and (for findings without a project) by the file's only unit."""
    by_project: dict[str, list[Finding]] = {}
    by_unit: dict[str, list[Finding]] = {}
    kept = {p.code for p in result.dataset.projects}
    for source in result.merged_sources:
        for f in source.findings:
            if f.project_code and f.project_code in kept:
                by_project.setdefault(f.project_code, []).append(f)
            elif not f.project_code and len(source.unit_codes) == 1:
                by_unit.setdefault(source.unit_codes[0], []).append(f)
    return by_project, by_unit


def level_columns(dataset: Dataset, summaries: list[UnitSummary]) -> list[tuple[str, str]]:
    """(一级, 二级) pairs in taxonomy order, then any others found, in first-seen order."""
    tax = load_taxonomy(dataset.taxonomy or default_version(dataset.year))
    order = [(l1, l2) for l1 in tax.level1 for l2 in (*tax.level2[l1], *tax.deprecated.get(l1, ()))]
    seen: dict[tuple[str, str], None] = {}
    for s in summaries:
        for key in s.by_level:
            seen.setdefault(key, None)
    return [k for k in order if k in seen] + [k for k in seen if k not in order]


class _Writer:
    def __init__(self, wb: Workbook, result: MergeResult) -> None:
        self.wb = wb
        self.result = result
        self.money_unit = result.dataset.amount_unit  # 万元 in every standard workbook
        fmt = Formats(wb)
        self.header = fmt.header
        self.text = fmt.for_kind("text")
        self.money = fmt.for_kind("money")
        self.int = fmt.for_kind("int")
        self.number = fmt.for_kind("number")
        # The total row is bold with a rule above; otherwise the standard money/int formats.
        base = {"font_name": "宋体", "font_size": 10.5, "valign": "top", "bold": True, "top": 1}
        self.total_text = wb.add_format(base)
        self.total_money = wb.add_format({**base, "num_format": MONEY_FORMAT})
        self.total_int = wb.add_format({**base, "num_format": "0"})
        by_project, by_unit = _attribute_findings(result)
        self.units = unit_summaries(result.dataset, by_project, by_unit)

    def sheet(self, name: str, columns: Sequence[tuple[str, float]]) -> Worksheet:
        ws = self.wb.add_worksheet(name)
        for i, (title, width) in enumerate(columns):
            ws.set_column(i, i, width)
            ws.write_string(0, i, title, self.header)
        ws.freeze_panes(1, 0)
        ws.set_landscape()
        ws.repeat_rows(0)
        ws.fit_to_pages(1, 0)
        return ws

    def row(self, ws: Worksheet, r: int, values: list[Any], *, total: bool = False) -> None:
        for c, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, Decimal):
                ws.write_number(r, c, float(v), self.total_money if total else self.money)
            elif isinstance(v, int):
                ws.write_number(r, c, v, self.total_int if total else self.int)
            else:
                ws.write_string(r, c, str(v), self.total_text if total else self.text)

    def sources(self) -> None:
        ws = self.sheet(
            SOURCES,
            [
                ("文件", 40),
                ("SHA-256", 20),
                ("单位编码", 24),
                ("项目数", 8),
                ("指标数", 8),
                ("错误", 7),
                ("警告", 7),
                ("状态", 11),
                ("合并时间", 20),
                ("说明", 60),
            ],
        )
        for r, s in enumerate(self.result.sources, start=1):
            self.row(
                ws,
                r,
                [
                    s.name,
                    s.sha256 or "",
                    "、".join(s.unit_codes),
                    s.counts.get("projects", 0),
                    s.counts.get("indicators", 0),
                    s.severity_count("error"),
                    s.severity_count("warning"),
                    STATUS_LABELS.get(s.status, s.status),
                    s.read_at.strftime("%Y-%m-%d %H:%M:%S UTC") if s.read_at else "",
                    s.reason or "",
                ],
            )
        ws.autofilter(0, 0, max(len(self.result.sources), 1), 9)

    def by_unit(self) -> None:
        ws = self.sheet(
            BY_UNIT,
            [
                ("单位编码", 12),
                ("单位名称", 32),
                ("项目数", 8),
                ("预算数", 14),
                ("财政资金", 14),
                ("其他资金", 14),
                ("指标数", 8),
                ("错误", 7),
                ("警告", 7),
            ],
        )
        units = self.units
        for r, u in enumerate(units, start=1):
            self.row(
                ws, r, [u.code, u.name, u.projects, u.total, u.fiscal, u.other, u.indicators, u.errors, u.warnings]
            )
        last = len(units) + 1
        self.row(
            ws,
            last,
            [
                TOTAL_LABEL,
                "",
                sum(u.projects for u in units),
                sum((u.total for u in units), Decimal("0.00")),
                sum((u.fiscal for u in units), Decimal("0.00")),
                sum((u.other for u in units), Decimal("0.00")),
                sum(u.indicators for u in units),
                sum(u.errors for u in units),
                sum(u.warnings for u in units),
            ],
            total=True,
        )
        if units:
            chart = self.wb.add_chart({"type": "bar"})
            chart.add_series(
                {
                    "name": f"预算数（{self.money_unit}）",
                    "categories": [BY_UNIT, 1, 1, len(units), 1],
                    "values": [BY_UNIT, 1, 3, len(units), 3],
                }
            )
            chart.set_title({"name": f"各单位预算数（{self.money_unit}）"})
            chart.set_legend({"none": True})
            chart.set_y_axis({"reverse": True})  # bar charts list categories bottom-up otherwise
            chart.set_size({"width": 640, "height": max(320, 22 * len(units) + 80)})
            ws.insert_chart(1, 10, chart)

    def by_schedule(self) -> None:
        months = plan_months(self.result.dataset)
        ws = self.sheet(
            BY_SCHEDULE,
            [("单位编码", 12), ("单位名称", 32)] + [(f"{month_label(m)}（{self.money_unit}）", 14) for m in months],
        )
        units = self.units
        zero = Decimal("0.00")
        for r, u in enumerate(units, start=1):
            self.row(ws, r, [u.code, u.name, *(u.plan.get(m, zero) for m in months)])
        last = len(units) + 1
        county = [sum((u.plan.get(m, zero) for u in units), zero) for m in months]
        self.row(ws, last, [TOTAL_LABEL, "全县（区）合计", *county], total=True)
        ws.write_string(
            last + 2,
            0,
            "说明：累计计划支出 = 预算数 × 累计支出比例；比例为累计数，空白节点沿用前一个已填节点的比例，首个已填节点之前的空白按 0 计。",
            self.text,
        )
        chart = self.wb.add_chart({"type": "line"})
        chart.add_series(
            {
                "name": f"累计计划支出（{self.money_unit}）",
                "categories": [BY_SCHEDULE, 0, 2, 0, 1 + len(months)],
                "values": [BY_SCHEDULE, last, 2, last, 1 + len(months)],
                "marker": {"type": "circle"},
            }
        )
        chart.set_title({"name": f"全县累计计划支出（{self.money_unit}）"})
        chart.set_legend({"none": True})
        ws.insert_chart(1, 3 + len(months), chart)

    def by_indicator(self) -> None:
        pairs = level_columns(self.result.dataset, self.units)
        ws = self.sheet(
            BY_INDICATOR,
            [("单位编码", 12), ("单位名称", 32)] + [(f"{l1}/{l2}", 14) for l1, l2 in pairs] + [(TOTAL_LABEL, 9)],
        )
        for r, u in enumerate(self.units, start=1):
            counts = [u.by_level.get(k, 0) for k in pairs]
            self.row(ws, r, [u.code, u.name, *counts, sum(counts)])
        totals = [sum(u.by_level.get(k, 0) for u in self.units) for k in pairs]
        self.row(ws, len(self.units) + 1, [TOTAL_LABEL, "", *totals, sum(totals)], total=True)


def summary_writer(result: MergeResult) -> Callable[[Workbook], None]:
    """The ``extra=`` hook for ``write_workbook`` that adds the four summary sheets."""

    def extra(wb: Workbook) -> None:
        w = _Writer(wb, result)
        w.sources()
        w.by_unit()
        w.by_schedule()
        w.by_indicator()
        write_score_summary(wb, result.dataset, w.header, w.text, w.number)

    return extra


def write_merged(result: MergeResult, path: Any) -> Any:
    """Write the merged dataset with its summaries atomically; returns the path."""
    return write_workbook(result.dataset, path, extra=summary_writer(result))
