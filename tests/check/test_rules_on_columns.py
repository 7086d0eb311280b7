"""Every rule reads columns only: checking never builds the Dataset (issue 15).

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

from perfxl.check.rules import RULES
from perfxl.check.rules.base import Context
from perfxl.workbook import read_workbook

BENCH = Path(__file__).resolve().parent.parent.parent / "bench"


@pytest.fixture(scope="module")
def perturbed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("books")
    subprocess.run(
        [sys.executable, str(BENCH / "make_workbooks.py"), str(out), "--sizes", "", "--perturbed", "1000"],
        check=True,
        capture_output=True,
    )
    return out / "perturbed-1000.xlsx"


def test_rules_never_build_the_dataset(perturbed: Path) -> None:
    result = read_workbook(perturbed)
    ctx = Context(result)
    found = {rule.code: len(list(rule().check(ctx))) for rule in RULES}
    assert "dataset" not in vars(result)
    # The book plants defects for all rules but three (counts: tests/test_findings_pin.py): the
    # rules did run on something to find.
    assert sum(1 for n in found.values() if n) == len(RULES) - 3
