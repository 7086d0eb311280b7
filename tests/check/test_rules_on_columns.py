"""The code, required-cell, reference and money rules read columns only: checking never builds the Dataset (issue 15).

Building the model objects costs ~30 µs an indicator row; these rules must get by with
``ctx.proj``/``ctx.ind``/``ctx.columns``/``ctx.head``.  A ReadResult builds its Dataset on
first use and caches it in the instance (a cached_property), so its absence from
``vars(result)`` after the rules ran shows that no rule asked for it.  Which findings the
rules give on this book is pinned by tests/test_findings_pin.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from perfxl.check.rules import codes, money, references, required
from perfxl.check.rules.base import Context, Rule
from perfxl.workbook import read_workbook

BENCH = Path(__file__).resolve().parent.parent.parent / "bench"
RULES = [
    value
    for module in (codes, required, references, money)
    for value in vars(module).values()
    if isinstance(value, type) and issubclass(value, Rule) and value.__module__ == module.__name__
]


@pytest.fixture(scope="module")
def perturbed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("books")
    subprocess.run(
        [sys.executable, str(BENCH / "make_workbooks.py"), str(out), "--sizes", "", "--perturbed", "1000"],
        check=True,
        capture_output=True,
    )
    return out / "perturbed-1000.xlsx"


def test_the_family_is_all_here() -> None:
    # 5 in codes.py, 1 in required.py, 10 in references.py, 3 in money.py.
    assert len(RULES) == 19


def test_rules_never_build_the_dataset(perturbed: Path) -> None:
    result = read_workbook(perturbed)
    ctx = Context(result)
    found = {rule.code: len(list(rule().check(ctx))) for rule in RULES}
    assert "dataset" not in vars(result)
    assert "indicator_rows" not in vars(ctx)
    # The book plants defects for these rules (counts: tests/test_findings_pin.py).
    for code in ("unit-code-format", "project-code-format", "required-cell", "unknown-unit", "budget-sum"):
        assert found[code] > 0, code
