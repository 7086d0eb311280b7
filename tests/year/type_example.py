"""What a person types into the bundled example's stage sheets for the worked year (README)."""

from __future__ import annotations

from pathlib import Path

CODE = "130434214GIWQV0OPVG49"  # 普惠金融发展专项资金, 58.05 万元, plan 25/50/75/100 %, eight ≥80% indicators
ACTUALS = {1: "96%", 2: "72%", 3: "/", 4: "85%", 5: "90%", 6: "64%", 7: "78%", 8: "92%"}


def _row(ws: object, seq: int | None = None) -> int:
    for r in range(2, ws.max_row + 1):  # type: ignore[attr-defined]
        if ws.cell(r, 1).value == CODE and (seq is None or ws.cell(r, 3).value == seq):  # type: ignore[attr-defined]
            return r
    raise LookupError(CODE)


def type_monitoring(book: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(book)
    ws = wb["执行监控-项目"]
    r = _row(ws)
    # 调整后预算数 58.05, 1-7月执行数 23, 全年预计执行数 58.05
    ws.cell(r, 7).value, ws.cell(r, 8).value, ws.cell(r, 10).value = 58.05, 23, 58.05
    ind = wb["执行监控-指标"]
    r = _row(ind, 1)
    ind.cell(r, 8).value, ind.cell(r, 15).value = "60%", "有可能"  # 1-7月完成值, 完成目标可能性
    wb.save(book)


def type_evaluation(book: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(book)
    ws = wb["绩效自评-项目"]
    r = _row(ws)
    ws.cell(r, 6).value, ws.cell(r, 7).value = 58.05, 55.15  # 全年预算数, 全年执行数
    ind = wb["绩效自评-指标"]
    for seq, actual in ACTUALS.items():
        ind.cell(_row(ind, seq), 9).value = actual  # 实际完成值
    wb.save(book)
