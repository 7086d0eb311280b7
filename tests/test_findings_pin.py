"""`perfxl validate --format json` on two generated books, pinned: the perturbed book (2,000 rows) and a clean 1k book.

The books are written by bench/make_workbooks.py (the generator of the benchmark books) into a temporary
folder; bench/findings_digest.py validates each in a child process and fingerprints the JSON (sha256 of
stdout, findings per rule).  The digests in tests/data/findings-pin.json were recorded with the current
implementation, not worked out by hand: they pin its output, so the columnar rewrite of the reader and
the rules (issue 15) must reproduce it byte for byte — the same findings, in the same order, with the
same cells, values and messages.  A change meant to alter findings re-records the file
(`python bench/findings_digest.py BOOK… --record tests/data/findings-pin.json`) and says why.

The per-rule counts asserted below are worked out by hand from how the generator plants defects, so
the test is more than a digest.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from perfxl.check.rules import rule_codes

BENCH = Path(__file__).resolve().parent.parent / "bench"
PIN = Path(__file__).parent / "data" / "findings-pin.json"
ROWS = 2_000
PERTURBED = f"perturbed-{ROWS}.xlsx"
CLEAN = "indicators-1000.xlsx"


def _bench(name: str) -> ModuleType:
    """A script of bench/ as a module (bench/ is no package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DIGEST = _bench("findings_digest")


@pytest.fixture(scope="module")
def digests(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("books")
    subprocess.run(
        [sys.executable, str(BENCH / "make_workbooks.py"), str(out), "--sizes", "1000", "--perturbed", str(ROWS)],
        check=True,
        capture_output=True,
    )
    return {name: DIGEST.digest(out / name) for name in (CLEAN, PERTURBED)}


def test_findings_are_those_recorded(digests: dict[str, Any]) -> None:
    recorded = json.loads(PIN.read_text(encoding="utf-8"))
    differences = [line for name, d in digests.items() for line in DIGEST.differences(name, recorded.get(name), d)]
    assert differences == []
    assert sorted(recorded) == sorted(digests)


def test_the_perturbed_book_fires_every_rule_but_three(digests: dict[str, Any]) -> None:
    # missing-sheet, header-row and unknown-part each need a standard sheet left unread (bench/make_workbooks.py).
    fired = set(digests[PERTURBED]["counts"])
    assert set(rule_codes()) - fired == {"missing-sheet", "header-row", "unknown-part"}
    assert fired <= set(rule_codes())


def test_the_clean_book_has_no_findings(digests: dict[str, Any]) -> None:
    assert digests[CLEAN]["counts"] == {}


def test_planted_defects_counted_by_hand(digests: dict[str, Any]) -> None:
    counts = digests[PERTURBED]["counts"]
    # Indicator rows i = 0 … 1999 get the defect of slot i % 200: 2000 / 200 = 10 rows per slot.  The
    # example has none of these defects itself (its signs are ≥ = ≤ > 定性, every value is a number or
    # a 定性 word, every row has a basis and a known 一级), so each count is its slot's 10 rows.
    assert counts["sign-unknown"] == 10  # slot 1: ≧
    assert counts["value-not-split"] == 10  # slot 3: blank sign, ≥80%
    assert counts["value-not-number"] == 10  # slot 5: ≥ 较高
    assert counts["unit-missing"] == 10  # slot 9: ≥ 80, no unit
    assert counts["percent-over-100"] == 10  # slot 11: = 120 %
    assert counts["basis-missing"] == 10  # slot 13
    assert counts["unknown-level1"] == 10  # slot 15: 产出目标
    assert counts["orphan-row"] == 10  # slot 23: a code no project has
    assert counts["duplicate-seq"] == 10  # slot 25: the 序号 of its neighbour in the same project
    # Projects: the example's 24 projects hold 8, 8, 7, 7, 7, 7, 7, 9, 9, 7, 7, 8, 9, 7, 7, 7, 7, 7, 7, 7,
    # 7, 7, 9, 7 indicators (179).  2000 = 11 × 179 + 31 and 31 = 8 + 8 + 7 + 7 + 1, so the book has
    # 11 × 24 + 5 = 269 projects, p = 0 … 268.  Project p gets the defect of slot p % 50: slots 0 … 18
    # occur 6 times (s, s + 50, …, s + 250 ≤ 268), slots 19 … 49 five times (s + 250 > 268).
    assert counts["project-code-year"] == 6  # slot 5: year part 21 in budget year 2022
    assert counts["placeholder-code"] == 6  # slot 7: 待补-…
    assert counts["money-negative"] == 6  # slot 15: 其他资金 −5
    assert counts["duplicate-project-code"] == 5  # slot 21: a second 项目 row
    assert counts["missing-schedule"] == 5  # slot 23: no 支出计划 row
    assert counts["duplicate-schedule"] == 5  # slot 25: two 支出计划 rows
    assert counts["missing-indicators"] == 5  # slot 27: an added project without indicators
    assert counts["orphan-schedule"] == 5  # slot 29: a 支出计划 row naming no project
    # Stage rows for p % 20 == 0: p = 0, 20, …, 260, 14 projects, each with at least 7 indicators.
    assert counts["monitor-likelihood-unknown"] == 14  # the 3rd indicator: 大概率
    assert counts["stage-target-changed"] == 14  # the 4th indicator's 年度指标值 on 执行监控-指标
    assert counts["evaluation-over-budget"] == 4  # p % 80 == 0: p = 0, 80, 160, 240 spend 110 %
    # The small sheets: one each.
    for code in ("renamed-sheet", "missing-column", "duplicate-header", "extra-column", "unknown-info-key"):
        assert counts[code] == 1, code
    assert counts["unknown-column"] == 3  # 单位's 联系人, 支出计划's column without a header, 绩效指标's 审核意见
