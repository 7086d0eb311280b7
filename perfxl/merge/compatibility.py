"""Which inputs can be merged at all: one budget year, one taxonomy, one amount unit.

A file of another year, taxonomy or amount unit is *bad* (left out, by name);
a different division only earns a warning (the merge takes the most common one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from perfxl.core.findings import Finding
from perfxl.core.model import Dataset
from perfxl.core.taxonomy import default_version
from perfxl.merge.messages import merge_finding
from perfxl.merge.result import Source

_T = TypeVar("_T")


@dataclass
class Loaded:
    """An input that was read: its 来源 row and its Dataset."""

    source: Source
    dataset: Dataset


def most_common(values: Sequence[_T]) -> _T:
    """Most frequent value; ties go to the one seen first."""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def check_compatible(loaded: list[Loaded], year: int | None, findings: list[Finding]) -> list[Loaded]:
    """Keep files of one year, taxonomy and amount unit; warn on a different division."""
    if not loaded:
        return loaded
    ref_year = year if year is not None else most_common([x.dataset.year for x in loaded])

    def tax(x: Loaded) -> str:
        return x.dataset.taxonomy or default_version(x.dataset.year)

    def div(x: Loaded) -> str:
        d = x.dataset.division
        return " ".join(v for v in (d.code, d.name) if v)

    same_year = [x for x in loaded if x.dataset.year == ref_year]
    ref_year_file = same_year[0].source.name if same_year else "--year"
    ref_tax = most_common([tax(x) for x in same_year]) if same_year else None
    ref_unit = most_common([x.dataset.amount_unit for x in same_year]) if same_year else None
    kept: list[Loaded] = []
    for x in loaded:
        name = x.source.name
        if x.dataset.year != ref_year:
            f = merge_finding(
                "merge-year",
                "error",
                value=x.dataset.year,
                ctx={"file": name, "year": x.dataset.year, "ref_file": ref_year_file, "ref_year": ref_year},
            )
        elif tax(x) != ref_tax:
            ref = next(y.source.name for y in same_year if tax(y) == ref_tax)
            f = merge_finding(
                "merge-taxonomy",
                "error",
                value=tax(x),
                ctx={"file": name, "ref_file": ref, "ref_value": ref_tax},
            )
        elif x.dataset.amount_unit != ref_unit:
            ref = next(y.source.name for y in same_year if y.dataset.amount_unit == ref_unit)
            f = merge_finding(
                "merge-amount-unit",
                "error",
                value=x.dataset.amount_unit,
                ctx={"file": name, "ref_file": ref, "ref_value": ref_unit},
            )
        else:
            kept.append(x)
            continue
        findings.append(f)
        x.source.status, x.source.reason = "bad", f.message("en").removeprefix(f"{name}: ")
    if kept:
        ref_div = most_common([div(x) for x in kept])
        ref_file = next(x.source.name for x in kept if div(x) == ref_div)
        for x in kept:
            if div(x) != ref_div:
                findings.append(
                    merge_finding(
                        "merge-division",
                        "warning",
                        value=div(x),
                        ctx={"file": x.source.name, "ref_file": ref_file, "ref_value": ref_div},
                    )
                )
    return kept
