"""Generate synthetic perfxl workbooks for the benchmarks: clean books of 1k, 10k and 100k indicator rows,
and one perturbed book with findings of nearly every rule.

Clean books (``indicators-N.xlsx``): each project has 8 realistic indicators (one per 二级 of v2015 plus a
second 数量指标), a plan and money that add up, so the books are clean: the benchmark measures reading
and checking, not printing thousands of findings.  (Nearly: the 1k and 10k books have no findings, the
100k book 6,200 near-copy-indicator-table warnings — a project's 成本指标 value is its budget, which
repeats every 6,300 projects, so from project 6,300 on each table shares 6 of its 8 rows with one before.)

The perturbed book (``perturbed-N.xlsx``, N indicator rows, default 100,000) is the bundled example
(templates/examples/weixian-2021.txt, the document `make demo` imports: 24 projects, 179 indicators) as
its budget year 2022 would read it, repeated until it has N indicator rows, with defects planted by row
arithmetic (module ``perturbed_book``; no random numbers, no clock: the same code writes the same bytes).
It keeps the example's own defects (unit-kind, count-as-percent, near-copy tables …) and adds the rest.
It fires 67 of the 70 rules of ``perfxl.check.rules.RULES``; missing-sheet, header-row and unknown-part
cannot fire in one workbook with the others.  missing-sheet, renamed-sheet and header-row each need a
standard sheet that is not read, and each of the six standard sheets carries a rule nothing else can
trigger (基本信息: unknown-info-key, project-code-year, unknown-taxonomy; 单位: duplicate-unit-code,
unknown-unit; 部门目标: unknown-part; 项目, 支出计划, 绩效指标: most of the others).  Giving up 部门目标
costs only unknown-part, so the book renames it (部门目标表: renamed-sheet) and forgoes the other two;
any choice leaves three rules out.

deprecated-level2 needs the v2021 taxonomy and unknown-taxonomy an unknown 指标体系版本, hence budget year
2022 (whose default is v2021) with 指标体系版本 v2019; the example's 产出指标/成本指标 rows become
成本指标/经济成本指标 (the v2015 → v2021 mapping of templates/taxonomy/v2021.yaml).

Usage: python bench/make_workbooks.py [OUT_DIR] [--sizes 1000,10000,100000] [--perturbed 100000]
(``--perturbed 0`` writes no perturbed book)
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path

from perturbed_book import write_perturbed

from perfxl.core.model import Budget, Dataset, Division, Indicator, Project, Schedule, Unit
from perfxl.workbook.writer import write_workbook

SIZES = (1_000, 10_000, 100_000)
PERTURBED_ROWS = 100_000
PER_PROJECT = 8
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _code(n: int) -> str:
    """A valid 21-character project code: division 130434, year 21, 13 base-36 characters."""
    tail = ""
    for _ in range(13):
        n, r = divmod(n, 36)
        tail = _ALPHABET[r] + tail
    return f"13043421{tail}"


def _indicators(n: int, budget: Decimal) -> tuple[Indicator, ...]:
    ind = Indicator
    basis = "上级政策文件及往年数据"
    return (
        ind(
            level1="产出指标",
            level2="数量指标",
            level3=f"培训人数{n}",
            description="全年培训人数",
            sign="≥",
            value=str(100 + n % 900),
            unit="人",
            basis=basis,
        ),
        ind(
            level1="产出指标",
            level2="数量指标",
            level3=f"服务次数{n}",
            description="全年服务次数",
            sign="=",
            value=str(4 + n % 8),
            unit="次",
            basis=basis,
        ),
        ind(
            level1="产出指标",
            level2="质量指标",
            level3="培训合格率",
            description="考核合格",
            sign="≥",
            value="95",
            unit="%",
            basis=basis,
        ),
        ind(
            level1="产出指标",
            level2="时效指标",
            level3="资金拨付时间",
            description="按时拨付",
            sign="≤",
            value="30",
            unit="个工作日",
            basis=basis,
        ),
        ind(
            level1="产出指标",
            level2="成本指标",
            level3="项目成本",
            description="控制在预算内",
            sign="≤",
            value=str(budget),
            unit="万元",
            basis="预算批复",
        ),
        ind(
            level1="效益指标",
            level2="社会效益指标",
            level3="促进就业",
            description="带动就业",
            sign="定性",
            value="是",
            unit=None,
            basis=basis,
        ),
        ind(
            level1="效益指标",
            level2="可持续影响指标",
            level3="长效机制",
            description="形成长效机制",
            sign="定性",
            value="是",
            unit=None,
            basis=basis,
        ),
        ind(
            level1="满意度指标",
            level2="服务对象满意度指标",
            level3="服务对象满意度",
            description="问卷调查",
            sign="≥",
            value="90",
            unit="%",
            basis="满意度调查",
        ),
    )


def make_dataset(rows: int) -> Dataset:
    projects = []
    for n in range(max(1, rows // PER_PROJECT)):
        fiscal = Decimal(10 + n % 90) + Decimal(n % 100) / 100
        other = Decimal(n % 7)
        total = fiscal + other
        projects.append(
            Project(
                unit_code="316001",
                code=_code(n),
                name=f"专项资金项目{n}",
                budget=Budget(total=total, fiscal=fiscal, other=other),
                purpose=f"用于第{n}项就业创业服务，按季度拨付。",
                goals=f"完成第{n}项年度任务，服务对象满意度不低于90%。",
                schedule=Schedule.model_validate(
                    {"mar": Decimal(25), "jun": Decimal(50), "oct": Decimal(75), "dec": Decimal(100)}
                ),
                indicators=_indicators(n, total),
            )
        )
    return Dataset(
        year=2021,
        division=Division(code="130434", name="魏县"),
        taxonomy="v2015",
        units=(Unit(code="316001", name="魏县人力资源和社会保障局本级"),),
        projects=tuple(projects),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", nargs="?", default="bench/out", type=Path)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="clean books (empty: none)")
    parser.add_argument("--perturbed", type=int, default=PERTURBED_ROWS, help="rows of the perturbed book (0: none)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for size in (int(s) for s in args.sizes.split(",") if s):
        path = args.out / f"indicators-{size}.xlsx"
        write_workbook(make_dataset(size), path)
        print(f"wrote {path} ({size:,} indicator rows, {path.stat().st_size:,} bytes)")
    if args.perturbed > 0:
        path = write_perturbed(args.perturbed, args.out / f"perturbed-{args.perturbed}.xlsx")
        print(f"wrote {path} ({args.perturbed:,} indicator rows, perturbed, {path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
