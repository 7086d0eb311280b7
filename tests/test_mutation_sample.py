"""A fixed sample of mutants that the suite must kill (the CI part of `make mutation`, issue 14).

Each entry changes one piece of source text in a temporary copy of the package, as a
mutation tester would, and runs the tests that should notice; the test fails if any
mutant survives (its tests still pass) or if a mutation no longer applies (the source
moved: update the entry).  The full run is `make mutation` (mutmut, docs/mutation.md).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent


class Mutant(NamedTuple):
    path: str  # relative to the repository
    before: str  # exact source text, found once
    after: str
    tests: tuple[str, ...]  # pytest node ids that must fail


ACC = "tests/test_rules_accuracy.py::"
CELLS = "tests/workbook/test_strict_cells.py::"
EDGES = "tests/year/test_stage_rule_edges.py::"

MUTANTS: tuple[Mutant, ...] = (
    # The stage rules on columns (issue 15): a project without stage rows does not end the walk,
    # and an untyped 分值 falls back to the target's 权重.
    Mutant(
        "perfxl/check/rules/monitoring.py",
        "        if code not in codes:\n            continue\n        name = proj.name[p]",
        "        if code not in codes:\n            break\n        name = proj.name[p]",
        (EDGES + "test_target_changed_on_a_later_project_when_the_first_has_no_stage_row",),
    ),
    Mutant(
        "perfxl/check/rules/stage_base.py",
        "typed.get((code, seq[i]), own[i])",
        "typed.get((code, seq[i]), None)",
        (EDGES + "test_weights_total_falls_back_to_the_targets_weight_when_no_points_are_typed",),
    ),
    Mutant(
        "perfxl/check/rules/money.py",
        "(fiscal is None and other is None)",
        "(fiscal is None or other is None)",
        (ACC + "test_budget_sum_checked_when_one_part_is_blank",),
    ),
    Mutant(
        "perfxl/check/rules/money.py",
        "lambda value: value < 0)",
        "lambda value: value < -1)",
        (ACC + "test_negative_amounts_other_than_the_usual",),
    ),
    Mutant(
        "perfxl/check/rules/percentages.py",
        'ind.sign in ("≥", ">")',
        'ind.sign in ("≥",)',
        (ACC + "test_greater_than_100_percent_is_a_ceiling_too",),
    ),
    Mutant(
        "perfxl/check/rules/codes.py",
        "return (code.isascii() and code.isdigit()) or is_placeholder_code(code)",
        "return code.isdigit() or is_placeholder_code(code)",
        (ACC + "test_full_width_digits_in_unit_codes",),
    ),
    Mutant(
        "perfxl/check/rules/textmoney.py",
        'Decimal(m.group(1).replace(",", ""))',
        'Decimal(m.group(1).replace(",", "."))',
        (ACC + "test_thousands_separators_in_amounts_inside_text",),
    ),
    Mutant(
        "perfxl/check/rules/units.py",
        "if reason is None or unit_kind_fails(lv.kind, ind):",
        "if reason is None:",
        (ACC + "test_name_unit_mismatch_does_not_repeat_unit_kind",),
    ),
    Mutant(
        "perfxl/check/rules/duplicates.py",
        "return _first_repeat(sentences) or _first_repeat(",
        "return _first_repeat(sentences) and _first_repeat(",
        (ACC + "test_repeated_clause_across_a_comma",),
    ),
    Mutant(
        "perfxl/check/rules/vague.py",
        "return has_percent and bool(_RATE.search(words))",
        "return has_percent",
        (ACC + "test_checkable",),
    ),
    Mutant(
        "perfxl/check/rules/schedule.py",
        "if HUNDRED < value <= HUNDRED * HUNDRED:",
        "if HUNDRED < value < HUNDRED * HUNDRED:",
        (ACC + "test_schedule_value_plausible_only_divided_by_100",),
    ),
    Mutant(
        "perfxl/check/rules/taxonomy.py",
        'if lv.level1 != "满意度指标" or not ind.level3:',
        'if lv.level1 == "满意度指标" or not ind.level3:',
        (ACC + "test_not_satisfaction_under_satisfaction",),
    ),
    Mutant(
        "perfxl/core/values.py",
        r'_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?\Z")',
        r'_GROUPED = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?\Z")',
        (CELLS + "test_strict_decimal_refuses_what_could_mean_two_things",),
    ),
    Mutant(
        "perfxl/workbook/cells.py",
        "return strict_decimal(cleaned) * 100",
        "return strict_decimal(cleaned)",
        (CELLS + "test_percent_text_and_numbers_agree",),
    ),
    Mutant(
        "perfxl/workbook/cells.py",
        "if len(value) > EXCEL_MAX_TEXT:",
        "if len(value) > EXCEL_MAX_TEXT + 1:",
        (CELLS + "test_text_over_excels_limit",),
    ),
)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package, its templates and the tests, copied once (each mutant edits and restores one file)."""
    root = tmp_path_factory.mktemp("mutants")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "data")
    for name in ("perfxl", "templates", "tests"):
        shutil.copytree(ROOT / name, root / name, ignore=ignore)
    (root / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", encoding="utf-8")
    where = subprocess.run(
        [sys.executable, "-c", "import perfxl; print(perfxl.__file__)"],
        cwd=root,
        env=_env(root),
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip().startswith(str(root)), "the copy, not the installed package, must be imported"
    return root


def _env(root: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}


@pytest.mark.parametrize("mutant", MUTANTS, ids=[f"{Path(m.path).stem}:{m.after[:30]}" for m in MUTANTS])
def test_mutant_is_killed(copy: Path, mutant: Mutant) -> None:
    target = copy / mutant.path
    original = target.read_text(encoding="utf-8")
    assert original.count(mutant.before) == 1, f"{mutant.path}: the mutated text moved; update MUTANTS"
    target.write_text(original.replace(mutant.before, mutant.after), encoding="utf-8")
    try:
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *mutant.tests],
            cwd=copy,
            env=_env(copy),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        target.write_text(original, encoding="utf-8")
    assert run.returncode == 1, f"mutant survived ({mutant.path}: {mutant.after!r}):\n{run.stdout[-2000:]}"


def test_the_copy_passes_unmutated(copy: Path) -> None:
    """The sample's tests pass on the unmutated copy, so a failure above is the mutant's doing."""
    tests = sorted({t for m in MUTANTS for t in m.tests})
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=copy,
        env=_env(copy),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:]
