"""The test-data generator behind ``perfxl demo``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from perfxl.demo.generate import default_base, generate, generate_unit
from perfxl.workbook import read_workbook
from tests.conftest import SHARED_DOC, make_dataset


def test_same_seed_same_data_other_seed_other_data() -> None:
    base = make_dataset()
    assert list(generate(base, 3, seed=5)) == list(generate(base, 3, seed=5))
    assert list(generate(base, 3, seed=5)) != list(generate(base, 3, seed=6))


def test_generated_units_are_realistic_and_distinct() -> None:
    base = make_dataset()
    units = list(generate(base, 45, seed=2, projects=7, indicators=30))
    codes = [u.units[0].code for u in units]
    names = [u.units[0].name for u in units]
    assert len(set(codes)) == 45 and len(set(names)) == 45
    assert base.units[0].code not in codes
    all_projects = [p for u in units for p in u.projects]
    assert len({p.code for p in all_projects}) == len(all_projects)
    for u in units:
        assert len(u.projects) == 7 and u.indicator_count() == 30
        assert {p.unit_code for p in u.projects} == {u.units[0].code}
        assert {g.unit_code for g in u.department_goals} == {u.units[0].code}
        assert (u.year, u.division, u.taxonomy) == (base.year, base.division, base.taxonomy)
        for p in u.projects:
            assert len(p.code) == 21 and p.code.startswith("13043421")
            b = p.budget
            assert b.total is not None and b.fiscal is not None and b.other is not None
            assert b.fiscal + b.other == b.total and b.total > 0 and b.other >= 0
            assert b.total.as_tuple().exponent == -2
            for ind in p.indicators:
                if ind.unit == "%" and ind.value is not None:
                    assert 0 < float(ind.value) <= 100
    # Amounts and texts vary between units rather than being copies.
    assert len({u.projects[0].budget.total for u in units}) > 30
    assert len({u.projects[0].goals for u in units}) > 30


def test_base_unit_name_is_replaced_in_texts() -> None:
    base = make_dataset()
    goal = base.department_goals[0]
    said = goal.model_copy(update={"text": f"{base.units[0].name}全年新增城镇就业 5000 人。"})
    base = base.model_copy(update={"department_goals": (said, *base.department_goals[1:])})
    unit = generate_unit(base, 0, seed=1)
    old = base.units[0].name or ""
    new = unit.units[0].name or ""
    assert old in (base.department_goals[0].text or "")
    assert old not in (unit.department_goals[0].text or "") and new in (unit.department_goals[0].text or "")


def test_default_base_is_the_bundled_example_document() -> None:
    from perfxl.files.resources import example_document
    from perfxl.importers import import_document

    assert example_document().read_bytes() == SHARED_DOC.read_bytes()
    assert default_base() == import_document(SHARED_DOC).dataset
    assert len(default_base().projects) == 24 and default_base().indicator_count() == 179


def test_cli_demo_writes_readable_workbooks(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "perfxl",
            "demo",
            "-o",
            str(out),
            "--units",
            "3",
            "--projects",
            "4",
            "--indicators",
            "9",
            "--seed",
            "4",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    files = sorted(out.glob("*.xlsx"))
    assert len(files) == 3 and "wrote 3 workbooks" in proc.stdout
    for f in files:
        result = read_workbook(f)
        assert [x for x in result.findings if x.severity == "error"] == []
        assert len(result.dataset.projects) == 4 and result.dataset.indicator_count() == 9
