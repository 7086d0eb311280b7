"""perfxl merge: real workbooks in, one standard workbook out, nothing lost or doubled."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from perfxl.core.model import Budget, Dataset, Project, Schedule, Unit
from perfxl.core.terms import CHECKPOINTS
from perfxl.demo.generate import generate_unit, write_demo
from perfxl.merge import KINDS, MergeResult, count_rows, merge, merge_datasets
from perfxl.merge.summaries import BY_INDICATOR, BY_SCHEDULE, BY_UNIT, SOURCES, write_merged
from perfxl.workbook import read_workbook
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset


def perfxl(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "perfxl", *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def check_accounting(result: MergeResult, written: Path | None = None) -> None:
    """rows in = rows out + rows replaced, and rows out is what the written file really holds."""
    for kind in KINDS:
        assert result.rows_in[kind] == result.rows_out[kind] + result.rows_replaced[kind], kind
    assert result.balanced()
    assert result.rows_out == count_rows(result.dataset)
    if written is not None:
        assert count_rows(read_workbook(written).dataset) == result.rows_out


def sheet(path: Path, name: str) -> list[list[Any]]:
    import python_calamine as pc

    with pc.CalamineWorkbook.from_path(str(path)) as book:
        return book.get_sheet_by_name(name).to_python()


@pytest.fixture
def units_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "units"
    folder.mkdir()
    write_demo(make_dataset(), folder, units=4, projects=5, indicators=18, seed=3)
    return folder


def merged(units_dir: Path, out: Path, **kwargs: object) -> MergeResult:
    result = merge([units_dir], **kwargs)  # type: ignore[arg-type]
    check_accounting(result)
    write_merged(result, out)
    check_accounting(result, out)
    return result


def test_merge_folder_gives_standard_workbook_with_every_row(units_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "merged.xlsx"
    result = merged(units_dir, out)
    assert [s.status for s in result.sources] == ["merged"] * 4
    assert result.rows_out == {"units": 4, "goals": 8, "projects": 20, "schedules": 20, "indicators": 72}
    assert result.rows_replaced == dict.fromkeys(KINDS, 0)
    back = read_workbook(out)
    assert back.dataset == result.dataset
    assert [f for f in back.findings if f.severity == "error"] == []
    # Each unit's data is exactly what its file held.
    for path in sorted(units_dir.glob("*.xlsx")):
        one = read_workbook(path).dataset
        code = one.units[0].code
        assert tuple(p for p in back.dataset.projects if p.unit_code == code) == one.projects


def test_merging_the_merged_workbook_alone_gives_the_same_data(units_dir: Path, tmp_path: Path) -> None:
    first = merged(units_dir, tmp_path / "m1.xlsx")
    again = merge([tmp_path / "m1.xlsx"])
    check_accounting(again)
    assert again.dataset == first.dataset
    write_merged(again, tmp_path / "m2.xlsx")
    assert read_workbook(tmp_path / "m2.xlsx").dataset == first.dataset


def test_corrected_unit_with_last_changes_that_unit_only(units_dir: Path, tmp_path: Path) -> None:
    m1 = tmp_path / "m1.xlsx"
    before = merged(units_dir, m1).dataset
    target = before.units[1].code
    old = read_workbook(sorted(units_dir.glob("*.xlsx"))[1]).dataset
    fixed_projects = tuple(
        p.model_copy(update={"name": f"{p.name}（更正）"})
        for p in old.projects[:-1]  # one project withdrawn
    )
    corrected = tmp_path / "corrected.xlsx"
    write_workbook(old.model_copy(update={"projects": fixed_projects}), corrected)

    conflict = merge([m1, corrected])
    check_accounting(conflict)
    assert [f.code for f in conflict.conflicts] == ["merge-unit-conflict"]
    assert str(m1) in conflict.conflicts[0].message("en") and str(corrected) in conflict.conflicts[0].message("en")

    result = merge([m1, corrected], on_conflict="last")
    check_accounting(result)
    assert result.conflicts == []
    assert result.rows_replaced == count_rows(old.model_copy(update={"units": old.units}))  # the old unit, whole
    after = result.dataset
    assert [u.code for u in after.units] == [u.code for u in before.units]  # the unit keeps its place
    for u in before.units:
        mine_before = [p for p in before.projects if p.unit_code == u.code]
        mine_after = [p for p in after.projects if p.unit_code == u.code]
        if u.code == target:
            assert mine_after == list(fixed_projects)
        else:
            assert mine_after == mine_before
    assert [s.status for s in result.sources] == ["partly-replaced", "merged"]

    first = merge([m1, corrected], on_conflict="first")
    check_accounting(first)
    assert first.dataset == before
    assert first.rows_replaced["projects"] == len(fixed_projects)


def test_identical_copy_of_a_unit_is_kept_once(units_dir: Path, tmp_path: Path) -> None:
    one = sorted(units_dir.glob("*.xlsx"))[0]
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(one.read_bytes())
    result = merge([units_dir, copy])
    check_accounting(result)
    assert result.conflicts == []
    assert [f.code for f in result.findings if f.severity == "info" and "unit" in f.code] == ["merge-unit-duplicate"]
    assert result.rows_replaced["projects"] == 5 and result.rows_out["projects"] == 20


def test_same_project_code_in_two_units(tmp_path: Path) -> None:
    a = generate_unit(make_dataset(), 0, projects=3, indicators=6)
    b = generate_unit(make_dataset(), 1, projects=3, indicators=6)
    b = b.model_copy(
        update={"projects": (b.projects[0].model_copy(update={"code": a.projects[0].code}), *b.projects[1:])}
    )
    result = merge_datasets([("a.xlsx", a), ("b.xlsx", b)])
    check_accounting(result)
    assert [f.code for f in result.conflicts] == ["merge-project-conflict"]
    assert "a.xlsx" in result.conflicts[0].message("zh") and "b.xlsx" in result.conflicts[0].message("zh")
    last = merge_datasets([("a.xlsx", a), ("b.xlsx", b)], on_conflict="last")
    check_accounting(last)
    kept = [p for p in last.dataset.projects if p.code == a.projects[0].code]
    assert kept == [b.projects[0]]
    assert last.rows_replaced["projects"] == 1 and last.rows_replaced["indicators"] == len(a.projects[0].indicators)


def test_year_taxonomy_division_checks() -> None:
    a = generate_unit(make_dataset(), 0, projects=2)
    b = generate_unit(make_dataset(), 1, projects=2)
    c = generate_unit(make_dataset(), 2, projects=2).model_copy(update={"year": 2022})
    d = generate_unit(make_dataset(), 3, projects=2).model_copy(update={"taxonomy": "v2021"})
    e = generate_unit(make_dataset(), 4, projects=2)
    e = e.model_copy(update={"division": e.division.model_copy(update={"code": "130435", "name": "大名县"})})
    result = merge_datasets([("a", a), ("b", b), ("c", c), ("d", d), ("e", e)])
    check_accounting(result)
    codes = {f.code: f for f in result.findings}
    assert codes["merge-year"].severity == "error" and codes["merge-year"].ctx["file"] == "c"
    assert codes["merge-year"].ctx["ref_file"] == "a"
    assert codes["merge-taxonomy"].ctx["file"] == "d"
    assert codes["merge-division"].severity == "warning" and codes["merge-division"].ctx["file"] == "e"
    assert [s.status for s in result.sources] == ["merged", "merged", "bad", "bad", "merged"]
    assert result.dataset.division.code == "130434"
    assert result.rows_out["projects"] == 6


def test_cross_unit_identical_goal_text_and_indicator_table() -> None:
    a = generate_unit(make_dataset(), 0, projects=2)
    b = generate_unit(make_dataset(), 1, projects=2)
    copied = b.projects[0].model_copy(update={"goals": a.projects[1].goals, "indicators": a.projects[1].indicators})
    b = b.model_copy(update={"projects": (copied, b.projects[1])})
    result = merge_datasets([("a.xlsx", a), ("b.xlsx", b)])
    infos = {f.code: f for f in result.findings if f.severity == "info"}
    assert set(infos) == {"merge-same-goals", "merge-same-indicators"}
    text = infos["merge-same-goals"].message("en")
    assert "a.xlsx" in text and "b.xlsx" in text and a.projects[1].code in text and copied.code in text
    # The same text twice within one unit's file is not a cross-unit finding.
    twice = a.model_copy(
        update={"projects": (a.projects[0], a.projects[1].model_copy(update={"goals": a.projects[0].goals}))}
    )
    assert not [f for f in merge_datasets([("a.xlsx", twice)]).findings if f.code == "merge-same-goals"]


def test_summary_sheets_and_charts(units_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "merged.xlsx"
    result = merged(units_dir, out)
    ds = result.dataset
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        kinds = {n: z.read(n).decode() for n in charts}
        assert any("<c:barChart>" in x for x in kinds.values()) and any("<c:lineChart>" in x for x in kinds.values())

    src = sheet(out, SOURCES)
    assert src[0][:4] == ["文件", "SHA-256", "单位编码", "项目数"]
    assert [r[3] for r in src[1:]] == [5.0] * 4 and all(len(str(r[1])) == 64 for r in src[1:])

    by_unit = sheet(out, BY_UNIT)
    total_row = by_unit[-1]
    assert total_row[0] == "合计" and total_row[2] == 20
    assert Decimal(str(total_row[3])) == ds.budget_total()
    for row, unit in zip(by_unit[1:-1], ds.units, strict=True):
        mine = [p for p in ds.projects if p.unit_code == unit.code]
        assert row[0] == unit.code
        assert Decimal(str(row[3])) == sum((p.budget.total or Decimal(0) for p in mine), Decimal(0))
        fiscal = sum((p.budget.fiscal or Decimal(0) for p in mine), Decimal(0))
        other = sum((p.budget.other or Decimal(0) for p in mine), Decimal(0))
        assert Decimal(str(row[4])) + Decimal(str(row[5])) == Decimal(str(row[3])) == fiscal + other

    plan = sheet(out, BY_SCHEDULE)
    county = next(r for r in plan if r[0] == "合计")
    assert all(p.schedule.dec == 100 for p in ds.projects)  # so the 12月底 total is the whole budget
    assert Decimal(str(county[5])).quantize(Decimal("0.01")) == ds.budget_total()

    levels = sheet(out, BY_INDICATOR)
    assert levels[-1][0] == "合计" and levels[-1][-1] == ds.indicator_count()
    assert "产出指标/数量指标" in levels[0]


def plan_rows(result: MergeResult, path: Path) -> dict[str, list[Decimal]]:
    write_merged(result, path)
    return {
        str(r[0]): [Decimal(str(v)).quantize(Decimal("0.01")) for v in r[2:6]]
        for r in sheet(path, BY_SCHEDULE)[1:]
        if r[0] and r[2] != ""
    }


def test_schedule_summary_carries_the_last_filled_percentage(tmp_path: Path) -> None:
    """汇总-支出计划 against sums worked out by hand: blanks after a filled checkpoint keep its value."""
    base = make_dataset()
    p = base.projects[0]

    def project(code: str, unit: str, total: str, *pcts: str | None) -> Project:
        return p.model_copy(
            update={
                "code": code,
                "unit_code": unit,
                "budget": Budget(total=Decimal(total), fiscal=Decimal(total), other=Decimal("0.00")),
                "schedule": Schedule(
                    **dict(zip(CHECKPOINTS, (None if x is None else Decimal(x) for x in pcts), strict=True))
                ),
            }
        )

    a = base.model_copy(
        update={
            "units": (Unit(code="901001", name="甲单位"),),
            "department_goals": (),
            "projects": (
                project("130434211AAAAAAAAAA01", "901001", "10.00", None, None, "100", "100"),
                project("130434211AAAAAAAAAA02", "901001", "33.33", "100", None, None, None),
                project("130434211AAAAAAAAAA03", "901001", "200.00", "25", "50", "75", "100"),
            ),
        }
    )
    b = base.model_copy(
        update={
            "units": (Unit(code="902001", name="乙单位"),),
            "department_goals": (),
            "projects": (project("130434211BBBBBBBBBB01", "902001", "12.34", None, "40", None, None),),
        }
    )
    result = merge_datasets([("a.xlsx", a), ("b.xlsx", b)])
    assert result.conflicts == []
    rows = plan_rows(result, tmp_path / "m.xlsx")
    D = Decimal
    # 甲: 0 + 33.33 + 50 | 0 + 33.33 + 100 | 10 + 33.33 + 150 | 10 + 33.33 + 200
    assert rows["901001"] == [D("83.33"), D("133.33"), D("193.33"), D("243.33")]
    # 乙: blank, then 40 % of 12.34 = 4.936 → 4.94, carried to 10月底 and 12月底
    assert rows["902001"] == [D("0.00"), D("4.94"), D("4.94"), D("4.94")]
    assert rows["合计"] == [D("83.33"), D("138.27"), D("198.27"), D("248.27")]
    assert "沿用" in str(sheet(tmp_path / "m.xlsx", BY_SCHEDULE)[-1][0])  # the sheet says how blanks count


def test_schedule_summary_of_the_shared_document(tmp_path: Path) -> None:
    """Every project of the real document reaches 100 % (some only by carrying a filled value forward)."""
    from perfxl.demo.generate import default_base

    base = default_base()
    assert base.budget_total() == Decimal("20749.08")
    rows = plan_rows(merge_datasets([("weixian.xlsx", base)]), tmp_path / "m.xlsx")
    assert rows["合计"][3] == Decimal("20749.08")


def test_cli_merge_bad_inputs_named_and_not_written(units_dir: Path, tmp_path: Path) -> None:
    (units_dir / "corrupt.xlsx").write_bytes(b"PK\x03\x04 this is not really a zip")
    other_year = generate_unit(make_dataset(), 9, projects=2).model_copy(update={"year": 2020})
    write_workbook(other_year, units_dir / "old-year.xlsx")
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(units_dir / "plain.xlsx"))
    wb.add_worksheet("Sheet1").write_string(0, 0, "hello")
    wb.close()
    out = tmp_path / "out.xlsx"

    proc = perfxl("merge", str(units_dir), "-o", str(out))
    assert proc.returncode == 2
    assert not out.exists()
    for name in ("corrupt.xlsx", "old-year.xlsx", "plain.xlsx"):
        assert name in proc.stderr
    assert "not a perfxl workbook" in proc.stderr and "2020" in proc.stderr
    assert "Traceback" not in proc.stderr

    proc = perfxl("merge", str(units_dir), "-o", str(out), "--skip-bad")
    assert proc.returncode == 0, proc.stderr
    assert "3 skipped" in proc.stdout and "20 projects" in proc.stdout
    src = sheet(out, SOURCES)
    bad = {Path(str(r[0])).name: r for r in src[1:] if r[7] == "未合并"}
    assert set(bad) == {"corrupt.xlsx", "old-year.xlsx", "plain.xlsx"}
    assert all(r[9] for r in bad.values())  # each carries its reason
    assert len(read_workbook(out).dataset.projects) == 20
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temporary left behind


def test_cli_conflict_exits_1_and_writes_nothing(units_dir: Path, tmp_path: Path) -> None:
    ds = read_workbook(sorted(units_dir.glob("*.xlsx"))[0]).dataset
    changed = ds.model_copy(update={"projects": ds.projects[:-1]})
    write_workbook(changed, tmp_path / "resent.xlsx")
    out = tmp_path / "out.xlsx"
    proc = perfxl("merge", str(units_dir), str(tmp_path / "resent.xlsx"), "-o", str(out))
    assert proc.returncode == 1
    assert "resent.xlsx" in proc.stderr and "unit-001" in proc.stderr and "--on-conflict" in proc.stderr
    assert not out.exists()
    proc = perfxl(
        "merge", str(units_dir), str(tmp_path / "resent.xlsx"), "-o", str(out), "--on-conflict", "last", "--quiet"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert len(read_workbook(out).dataset.projects) == 19


def test_row_left_unplaced_makes_the_file_bad(units_dir: Path, tmp_path: Path) -> None:
    import openpyxl

    path = sorted(units_dir.glob("*.xlsx"))[0]
    wb = openpyxl.load_workbook(path)
    ws = wb["支出计划"]
    code = ws.cell(2, 1).value
    ws.append([code, 0.1, 0.2, 0.3, 1.0])  # a second plan for the same project: the reader keeps the first
    wb.save(path)
    result = merge([units_dir])
    bad = result.bad_sources
    assert [s.path for s in bad] == [path]
    assert "支出计划!" in (bad[0].reason or "")
    check_accounting(result)


def test_every_conversion_problem_of_a_file_is_named(units_dir: Path) -> None:
    import openpyxl

    path = sorted(units_dir.glob("*.xlsx"))[0]
    wb = openpyxl.load_workbook(path)
    ws = wb["项目"]
    header = [c.value for c in ws[1]]
    purpose = header.index("资金用途") + 1
    ws.cell(1, purpose).value = "资金用途说明"  # renamed: its values would be lost
    ws.cell(3, 2).value = ws.cell(2, 2).value  # and a project code repeated
    wb.save(path)
    result = merge([units_dir])
    check_accounting(result)
    [bad] = result.bad_sources
    assert bad.path == path
    reason = bad.reason or ""
    assert "'资金用途说明'" in reason and "appears twice" in reason
    assert f"项目!{openpyxl.utils.get_column_letter(purpose)}1:" in reason and "项目!B3:" in reason
    [finding] = [f for f in result.findings if f.code == "merge-bad-input"]
    line = finding.message("en")
    assert line.startswith(f"{path}: ") and "\n" not in line and not line.endswith("项目")


def test_findings_counted_with_the_settings_next_to_each_workbook(tmp_path: Path) -> None:
    from perfxl.check.engine import validate_path
    from perfxl.demo.generate import default_base

    plain, strict, broken = (tmp_path / n for n in ("plain", "strict", "broken"))
    for i, folder in enumerate((plain, strict, broken)):
        folder.mkdir()
        write_demo(default_base(), folder, units=1, projects=6, seed=40 + i)
    [strict_book] = strict.glob("*.xlsx")
    defaults = validate_path(strict_book)
    warned = sorted({f.code for f in defaults if f.severity == "warning"})
    assert warned  # the real document's projects carry warnings
    lines = [f'"{code}" = "error"' for code in warned]
    (strict / "perfxl.toml").write_text("[severity]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (broken / "perfxl.toml").write_text("select = [\n", encoding="utf-8")

    result = merge([plain, strict, broken])
    by_folder = {s.path.parent: s for s in result.sources}
    for folder in (plain, strict):
        s = by_folder[folder]
        want = validate_path(s.path)
        assert s.ok
        assert (s.severity_count("error"), s.severity_count("warning")) == (
            sum(f.severity == "error" for f in want),
            sum(f.severity == "warning" for f in want),
        )
    assert by_folder[strict].severity_count("warning") == 0
    assert by_folder[strict].severity_count("error") == sum(f.severity in ("error", "warning") for f in defaults)
    assert not by_folder[broken].ok and "perfxl.toml" in (by_folder[broken].reason or "")


def test_inputs_resolution(units_dir: Path, tmp_path: Path) -> None:
    pattern = str(units_dir / "unit-00[12]-*.xlsx")
    result = merge([pattern, units_dir / "unit-001-317001.xlsx", tmp_path / "missing.xlsx", str(tmp_path / "z*.xlsx")])
    assert [s.path.name for s in result.merged_sources] == ["unit-001-317001.xlsx", "unit-002-318001.xlsx"]
    reasons = {s.path.name: s.reason for s in result.bad_sources}
    assert reasons["missing.xlsx"] and "not found" in reasons["missing.xlsx"]
    assert "matches no" in (reasons["z*.xlsx"] or "")


def test_merge_of_shared_document_units(tmp_path: Path) -> None:
    """The generator's default base (the shared document when the importer is there) merges cleanly."""
    from perfxl.demo.generate import default_base

    base = default_base()
    folder = tmp_path / "u"
    folder.mkdir()
    write_demo(base, folder, units=3, seed=11)
    out = tmp_path / "m.xlsx"
    result = merged(folder, out)
    assert result.rows_out["projects"] == 3 * len(base.projects)
    assert result.rows_out["indicators"] == 3 * base.indicator_count()
    assert read_workbook(out).dataset == result.dataset


def test_empty_inputs(tmp_path: Path) -> None:
    result = merge([tmp_path])
    assert result.dataset == Dataset() and result.bad_sources and result.balanced()
    proc = perfxl("merge", str(tmp_path), "-o", str(tmp_path / "o.xlsx"))
    assert proc.returncode == 2 and "no .xlsx" in proc.stderr


def test_progress_bar_only_on_a_terminal_and_not_when_quiet(units_dir: Path, tmp_path: Path) -> None:
    import os
    import threading

    write_demo(make_dataset(), units_dir, units=5, projects=2, seed=30)  # now more than a few files

    def run(*extra: str) -> tuple[int, str]:
        master, slave = os.openpty()
        chunks: list[bytes] = []

        def drain() -> None:
            while True:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    return
                if not data:
                    return
                chunks.append(data)

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "perfxl",
                "merge",
                str(units_dir),
                "-o",
                str(tmp_path / "p.xlsx"),
                "--on-conflict",
                "last",
                *extra,
            ],
            stdout=subprocess.DEVNULL,
            stderr=slave,
            timeout=300,
            check=False,
        )
        os.close(slave)
        reader.join(timeout=10)
        os.close(master)
        return proc.returncode, b"".join(chunks).decode(errors="replace")

    code, err = run()
    assert code == 0 and "merging" in err and "/" in err
    code, err = run("--quiet")
    assert code == 0 and "merging" not in err
    # Not a terminal: no bar characters in the captured stderr.
    proc = perfxl("merge", str(units_dir), "-o", str(tmp_path / "p.xlsx"), "--on-conflict", "last")
    assert proc.returncode == 0 and proc.stderr == ""
