"""perfxl db load against SQLite and a real (throwaway) PostgreSQL server."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.core.errors import InputError
from perfxl.core.model import Budget
from perfxl.db import TABLES, load_paths, normalize_url
from perfxl.db.stages import STAGE_TABLES
from perfxl.demo.generate import write_demo
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset
from tests.pg import postgres_url  # noqa: F401  (session fixture)

DOC = Path(__file__).parent.parent / "README.md"  # the example queries users copy


def readme_queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "perfxl.db")
        return
    url: str = request.getfixturevalue("postgres_url")
    _drop_all(url)
    yield url


def _drop_all(url: str) -> None:
    from sqlalchemy import create_engine

    from perfxl.db import metadata

    engine = create_engine(normalize_url(url))
    metadata().drop_all(engine)
    engine.dispose()


def query(url: str, sql: str) -> list[tuple[object, ...]]:
    from sqlalchemy import create_engine, text

    engine = create_engine(normalize_url(url))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def counts(url: str) -> dict[str, int]:
    return {t: int(query(url, f"SELECT COUNT(*) FROM {t}")[0][0]) for t in TABLES}  # type: ignore[call-overload]


@pytest.fixture
def books(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "units"
    folder.mkdir()
    return write_demo(make_dataset(), folder, units=3, projects=4, indicators=24, seed=8)


def test_load_then_reload_updates_instead_of_duplicating(db_url: str, books: list[Path], tmp_path: Path) -> None:
    report = load_paths(books, url=db_url)
    expected = {"sources": 3, "units": 3, "department_goals": 6, "projects": 12, "schedules": 12, "indicators": 72}
    expected |= dict.fromkeys(STAGE_TABLES, 0)  # no monitoring or self-evaluation in these workbooks
    assert counts(db_url) == expected
    assert report.replaced == 0 and len(report.units) == 3

    again = load_paths(books, url=db_url)
    assert again.replaced == 3
    assert counts(db_url) == expected

    # One unit sends a corrected file: one project fewer and a new amount; the others are untouched.
    ds = read_workbook(books[1]).dataset
    first = ds.projects[0].model_copy(
        update={
            "budget": ds.projects[0].budget.model_copy(
                update={"total": Decimal("1234.56"), "fiscal": Decimal("1000.00"), "other": Decimal("234.56")}
            )
        }
    )
    fixed = tmp_path / "fixed.xlsx"
    write_workbook(ds.model_copy(update={"projects": (first, *ds.projects[1:3])}), fixed)
    before_other = query(
        db_url,
        f"SELECT project_code, budget_total_cents FROM projects WHERE unit_code <> "
        f"'{ds.units[0].code}' ORDER BY project_code",
    )
    load_paths([fixed], url=db_url)
    assert counts(db_url)["projects"] == 11
    assert counts(db_url)["indicators"] == 72 - len(ds.projects[3].indicators)
    rows = query(
        db_url,
        "SELECT budget_total_cents, budget_fiscal_cents, budget_other_cents FROM projects "
        f"WHERE project_code = '{first.code}'",
    )
    assert rows == [(123456, 100000, 23456)]
    after_other = query(
        db_url,
        f"SELECT project_code, budget_total_cents FROM projects WHERE unit_code <> "
        f"'{ds.units[0].code}' ORDER BY project_code",
    )
    assert after_other == before_other
    assert query(db_url, f"SELECT file FROM sources WHERE unit_code = '{ds.units[0].code}'") == [("fixed.xlsx",)]


def as_wanyuan(cents: object) -> Decimal:
    """A README sum (hundredths of 万元) as 万元: an exact whole number on every backend, never a float.

    SQLite's SUM over BIGINT gives an int, PostgreSQL's a NUMERIC (Decimal).
    """
    assert isinstance(cents, int | Decimal) and not isinstance(cents, bool), f"{cents!r} is not exact"
    assert Decimal(cents) == Decimal(cents).to_integral_value()
    return Decimal(cents) / 100


def test_readme_queries_run_and_agree_with_the_workbooks(db_url: str, books: list[Path]) -> None:
    load_paths(books, url=db_url)
    by_unit, satisfaction = readme_queries()
    datasets = [read_workbook(b).dataset for b in books]
    got = query(db_url, by_unit)
    want = [(d.year, d.units[0].code, d.units[0].name, len(d.projects), d.budget_total()) for d in datasets]
    assert [(r[0], r[1], r[2], r[3], as_wanyuan(r[4])) for r in got] == sorted(want, key=lambda r: r[1])
    rows = query(db_url, satisfaction)
    expected = [
        (d.units[0].code, p.code, i.level3, i.printed)
        for d in datasets
        for p in d.projects
        for i in p.indicators
        if i.level2 == "服务对象满意度指标"
    ]
    assert rows and sorted((r[0], r[2], r[3], r[4]) for r in rows) == sorted(expected)


def test_readme_budget_sum_is_exact_where_floats_are_not(db_url: str, tmp_path: Path) -> None:
    """One project of 13307.07 万元 then ten of 0.10: float addition gives 13308.070000000003."""
    amounts = [Decimal("13307.07")] + [Decimal("0.10")] * 10
    assert sum(float(a) for a in amounts) != 13308.07
    base = make_dataset()
    template = base.projects[0]
    projects = tuple(
        template.model_copy(
            update={"code": f"130434211EXACT{k:07d}", "budget": Budget(total=a, fiscal=a, other=Decimal("0.00"))}
        )
        for k, a in enumerate(amounts)
    )
    book = tmp_path / "exact.xlsx"
    write_workbook(base.model_copy(update={"projects": projects}), book)
    load_paths([book], url=db_url)
    by_unit, _ = readme_queries()
    [row] = query(db_url, by_unit)
    assert row[3] == 11 and as_wanyuan(row[4]) == Decimal("13308.07")
    assert query(db_url, "SELECT SUM(budget_fiscal_cents), SUM(budget_other_cents) FROM projects") == [(1330807, 0)]


@pytest.mark.parametrize(("amount", "shown"), [(12.345, "12.345"), ("99999999999999999999", "99999999999999999999")])
def test_amount_that_cannot_be_stored_exactly_is_refused_not_rounded(
    db_url: str, books: list[Path], amount: object, shown: str
) -> None:
    import openpyxl

    load_paths(books[:1], url=db_url)
    before = counts(db_url)
    wb = openpyxl.load_workbook(books[1])
    ws = wb["项目"]
    col = [c.value for c in ws[1]].index("预算数") + 1
    ws.cell(3, col).value = amount
    wb.save(books[1])
    ref = f"{openpyxl.utils.get_column_letter(col)}3"
    with pytest.raises(InputError) as err:
        load_paths(books, url=db_url)
    line = str(err.value)
    assert line.startswith(f"{books[1]}: 项目: {ref}: ") and shown in line and "\n" not in line
    assert counts(db_url) == before


def test_bad_file_changes_nothing(db_url: str, books: list[Path], tmp_path: Path) -> None:
    load_paths(books[:1], url=db_url)
    before = counts(db_url)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(InputError, match=r"bad\.xlsx"):
        load_paths([books[1], bad], url=db_url)
    assert counts(db_url) == before


def test_two_files_for_one_unit_in_one_load_are_refused(books: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(books[0].read_bytes())
    with pytest.raises(InputError, match="also in"):
        load_paths([books[0], copy], url=str(tmp_path / "x.db"))


def test_url_forms() -> None:
    assert normalize_url("perfxl.db") == "sqlite:///perfxl.db"
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_cli_db_load(books: list[Path], tmp_path: Path) -> None:
    url = tmp_path / "cli.db"
    run = [sys.executable, "-m", "perfxl", "db", "load", str(books[0].parent), "--url", str(url)]
    proc = subprocess.run(run, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "3 unit(s) (0 replaced)" in proc.stdout and "12 projects" in proc.stdout
    proc = subprocess.run(run, capture_output=True, text=True, timeout=300)
    assert "(3 replaced)" in proc.stdout
    assert counts(str(url))["projects"] == 12
    proc = subprocess.run([*run[:5], str(tmp_path / "nope.xlsx"), "--url", str(url)], capture_output=True, text=True)
    assert proc.returncode == 2 and "nope.xlsx" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_refuses_a_database_with_the_old_float_schema(books: list[Path], tmp_path: Path) -> None:
    import sqlite3

    url = tmp_path / "old.db"
    with sqlite3.connect(url) as conn:
        conn.execute("CREATE TABLE projects (year INTEGER, budget_total NUMERIC(18, 2))")
    run = [sys.executable, "-m", "perfxl", "db", "load", str(books[0]), "--url", str(url)]
    proc = subprocess.run(run, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "older perfxl" in proc.stderr and "Traceback" not in proc.stderr


def test_percentages_that_numeric_would_round_are_refused() -> None:
    from perfxl.db import amount_problems

    dataset = make_dataset()
    project = dataset.projects[0]
    odd = project.model_copy(update={"schedule": project.schedule.model_copy(update={"oct": Decimal("33.333")})})
    [problem] = amount_problems(dataset.model_copy(update={"projects": (odd,)}), Path("x.xlsx"))
    assert problem.sheet == "支出计划" and "33.333%" in problem.reason
    assert amount_problems(dataset, Path("x.xlsx")) == []


def test_one_database_holds_one_amount_unit(db_url: str, tmp_path: Path) -> None:
    """3,309,840 元 is not 3,309,840 万元: a workbook in 元 is refused by a database in 万元, and vice versa."""
    wan = write_workbook(make_dataset(), tmp_path / "wan.xlsx")
    base = make_dataset()
    yuan_ds = base.model_copy(
        update={
            "amount_unit": "元",
            "units": tuple(u.model_copy(update={"code": "999001"}) for u in base.units),
            "projects": tuple(p.model_copy(update={"unit_code": "999001"}) for p in base.projects),
        }
    )
    yuan = write_workbook(yuan_ds, tmp_path / "yuan.xlsx")
    load_paths([wan], url=db_url)
    before = counts(db_url)
    with pytest.raises(InputError, match="holds amounts in 万元"):
        load_paths([yuan], url=db_url)
    assert counts(db_url) == before  # nothing of the refused file was stored
    assert query(db_url, "SELECT DISTINCT amount_unit FROM sources") == [("万元",)]
