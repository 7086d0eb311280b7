"""The later stages of the year in the database: 执行监控 and 绩效自评 of projects and indicators.

Four tables keyed like ``projects``/``indicators``; amounts in whole hundredths
(``*_cents``) as everywhere in the database, texts as typed, 分值 as written.
A project or indicator without a stage record has no row.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfxl.core.errors import InputError
from perfxl.core.model import Project
from perfxl.db.money import to_cents

STAGE_TABLES: tuple[str, ...] = (
    "monitor_projects",
    "monitor_indicators",
    "evaluation_projects",
    "evaluation_indicators",
)
REASONS = ("funding", "policy", "staff", "facility", "other")


def add_stage_tables(md: Any, key_columns: Any) -> None:
    """Define the four stage tables on ``md`` (``key_columns(*extra)`` gives the key, as for the others)."""
    from sqlalchemy import BigInteger, Column, Integer, Table, Text

    Table(
        "monitor_projects",
        md,
        *key_columns("project_code"),
        Column("month", Integer),
        Column("budget_adjusted_cents", BigInteger),
        Column("spent_cents", BigInteger),
        Column("forecast_cents", BigInteger),
        Column("goal_progress", Text),
    )
    Table(
        "monitor_indicators",
        md,
        *key_columns("project_code", "seq"),
        Column("actual", Text),
        Column("forecast", Text),
        *(Column(f"reason_{k}", Text) for k in REASONS),
        Column("likelihood", Text),
        Column("measures", Text),
    )
    Table(
        "evaluation_projects",
        md,
        *key_columns("project_code"),
        Column("budget_initial_cents", BigInteger),
        Column("budget_adjusted_cents", BigInteger),
        Column("spent_cents", BigInteger),
        Column("goal_result", Text),
    )
    Table(
        "evaluation_indicators",
        md,
        *key_columns("project_code", "seq"),
        Column("weight", Text),
        Column("actual", Text),
        Column("score_cents", BigInteger),
        Column("reason", Text),
    )


def _cents(project: Project, what: str, amount: Decimal | None) -> int | None:
    try:
        return to_cents(amount)
    except ValueError:
        raise InputError(
            f"project {project.code}: {what} {amount} has more than two decimals; the database stores hundredths"
        ) from None


def stage_rows(pk: dict[str, Any], project: Project) -> dict[str, list[dict[str, Any]]]:
    """The stage rows of one project (``pk``: year, division, unit and project code)."""
    p = project
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in STAGE_TABLES}
    m, e = project.monitor, project.evaluation
    if m is not None:
        out["monitor_projects"].append(
            {
                **pk,
                "month": m.month,
                "budget_adjusted_cents": _cents(p, "调整后预算数", m.budget_adjusted),
                "spent_cents": _cents(p, "1-N月执行数", m.spent),
                "forecast_cents": _cents(p, "全年预计执行数", m.forecast),
                "goal_progress": m.goal_progress,
            }
        )
    if e is not None:
        out["evaluation_projects"].append(
            {
                **pk,
                "budget_initial_cents": _cents(p, "年初预算数", e.budget_initial),
                "budget_adjusted_cents": _cents(p, "全年预算数", e.budget_adjusted),
                "spent_cents": _cents(p, "全年执行数", e.spent),
                "goal_result": e.goal_result,
            }
        )
    for seq, ind in enumerate(project.indicators, start=1):
        im, ie = ind.monitor, ind.evaluation
        if im is not None:
            out["monitor_indicators"].append(
                {
                    **pk,
                    "seq": seq,
                    "actual": im.actual,
                    "forecast": im.forecast,
                    **{f"reason_{k}": getattr(im.reasons, k) for k in REASONS},
                    "likelihood": im.likelihood,
                    "measures": im.measures,
                }
            )
        if ie is not None:
            weight = None if ind.weight is None else str(ind.weight)
            row = {**pk, "seq": seq, "weight": weight, "actual": ie.actual, "reason": ie.reason}
            out["evaluation_indicators"].append({**row, "score_cents": _cents(p, f"#{seq} 得分", ie.score)})
    return out
