"""perfxl db load stores the stage data (amounts in hundredths, texts as typed)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from perfxl.db import load_paths
from tests.year.test_refresh import P1, P2
from tests.year.test_year_roundtrip import year_book


def test_stage_tables(tmp_path: Path) -> None:
    book = year_book(tmp_path)
    report = load_paths([book], url=str(tmp_path / "y.db"))
    # monitoring typed for P1 only; self-evaluation rows for both projects, and for all ten indicators (actuals typed)
    assert (report.rows["monitor_projects"], report.rows["monitor_indicators"]) == (1, 1)
    assert (report.rows["evaluation_projects"], report.rows["evaluation_indicators"]) == (2, 10)
    db = sqlite3.connect(tmp_path / "y.db")
    assert db.execute(
        "select project_code, month, budget_adjusted_cents, spent_cents from monitor_projects"
    ).fetchall() == [(P1, 7, 1200, 350)]
    assert db.execute("select reason_funding, likelihood, measures from monitor_indicators").fetchall() == [
        ("资金未到位", "有可能", "加快发放")
    ]
    rows = db.execute(
        "select project_code, budget_initial_cents, budget_adjusted_cents, spent_cents from evaluation_projects "
        "order by project_code"
    ).fetchall()
    assert rows == [(P1, 1000, 1000, 950), (P2, 5805, None, 4644)]
    assert db.execute(
        "select weight, actual, score_cents from evaluation_indicators where project_code = ? order by seq", (P2,)
    ).fetchall() == [("25", "/", None), ("25", "50万元", None), ("30", "80户", None), ("10", "90%", None)]
