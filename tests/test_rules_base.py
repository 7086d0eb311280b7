"""The rule registry, the engine and the no-false-alarm guarantees.

Also holds the small helpers the other tests/test_rules_*.py files use: build a
dataset, write it as a real workbook, read it back and validate it.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from perfxl.check.config import Config
from perfxl.check.engine import validate, validate_path
from perfxl.check.rules import RULES, reference_markdown, rule_by_code, rule_codes
from perfxl.core.errors import InputError
from perfxl.core.findings import Finding
from perfxl.core.model import Dataset, Indicator, Project
from perfxl.workbook import RawBook, build_dataset, raw_sheet_from_grid, read_workbook
from perfxl.workbook import schema as S
from perfxl.workbook.writer import write_workbook
from tests.conftest import make_dataset

_counter = itertools.count()


def check(dataset: Dataset, tmp_path: Path, *codes: str, config: Config | None = None) -> list[Finding]:
    """Write ``dataset`` as a real workbook, read it back and run the rules (only ``codes`` if given)."""
    path = tmp_path / f"book{next(_counter)}.xlsx"
    write_workbook(dataset, path)
    if config is None:
        config = Config(select=frozenset(codes))
    return validate(read_workbook(path), config=config)


def edit_project(dataset: Dataset, index: int, **changes: Any) -> Dataset:
    projects = list(dataset.projects)
    projects[index] = projects[index].model_copy(update=changes)
    return dataset.model_copy(update={"projects": tuple(projects)})


def edit_indicator(dataset: Dataset, project: int, index: int, **changes: Any) -> Dataset:
    p = dataset.projects[project]
    inds = list(p.indicators)
    inds[index] = inds[index].model_copy(update=changes)
    return edit_project(dataset, project, indicators=tuple(inds))


def add_indicator(dataset: Dataset, project: int, **fields: Any) -> Dataset:
    base = {
        "level1": "产出指标",
        "level2": "质量指标",
        "level3": "新增指标",
        "description": "说明",
        "sign": "≥",
        "value": "90",
        "unit": "%",
        "basis": "往年数据",
    }
    p = dataset.projects[project]
    return edit_project(dataset, project, indicators=(*p.indicators, Indicator(**{**base, **fields})))


def where(findings: list[Finding]) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.sheet, f.cell) for f in findings]


# --- the registry ------------------------------------------------------------------


def test_codes_are_unique_slugs() -> None:
    codes = rule_codes()
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code == code.lower() and " " not in code and code.strip("-") == code


def test_every_rule_documents_itself_with_pass_and_fail() -> None:
    for rule in RULES:
        desc, passes, fails = rule.doc_parts()
        assert desc, rule.code
        assert passes and fails, f"{rule.code} needs PASS: and FAIL: examples"
        assert rule.severity in ("error", "warning", "info")
        assert rule.template("zh") and rule.template("en"), rule.code


def test_issue_rule_families_are_all_registered() -> None:
    wanted = {
        "missing-sheet",
        "missing-column",
        "duplicate-header",
        "unknown-column",
        "required-cell",
        "unit-code-format",
        "project-code-format",
        "project-code-year",
        "duplicate-project-code",
        "duplicate-seq",
        "orphan-row",
        "orphan-schedule",
        "unknown-unit",
        "missing-schedule",
        "missing-indicators",
        "money-decimals",
        "money-negative",
        "budget-sum",
        "schedule-range",
        "schedule-decreasing",
        "schedule-end",
        "schedule-gap",
        "unknown-level1",
        "unknown-level2",
        "level2-wrong-parent",
        "missing-level1",
        "value-not-split",
        "value-not-number",
        "qualitative-value",
        "unit-kind",
        "count-as-percent",
        "unit-nonstandard",
        "name-unit-mismatch",
        "percent-ceiling",
        "percent-over-100",
        "satisfaction-misfiled",
        "duplicate-indicator-name",
        "duplicate-indicator-table",
        "duplicate-goals-text",
        "repeated-sentence",
        "text-money-over-budget",
        "cost-over-budget",
        "vague-target",
        "basis-missing",
    }
    assert wanted <= set(rule_codes())
    assert rule_by_code("budget-sum").severity == "error"
    with pytest.raises(KeyError):
        rule_by_code("no-such-rule")


def test_reference_lists_every_rule_once() -> None:
    text = reference_markdown()
    for code in rule_codes():
        assert text.count(f"**`{code}`**") == 1
    assert "PASS:" in text and "FAIL:" in text


# --- no false alarms ---------------------------------------------------------------


def test_clean_fixture_gives_zero_findings(tmp_path: Path) -> None:
    assert check(make_dataset(), tmp_path, config=Config()) == []


def test_clean_fixture_in_v2021_terms_gives_zero_findings(tmp_path: Path) -> None:
    ds = make_dataset().model_copy(update={"taxonomy": "v2021", "year": 2022})
    ds = ds.model_copy(
        update={
            "projects": tuple(
                p.model_copy(
                    update={
                        "code": p.code[:6] + "22" + p.code[8:],
                        "indicators": tuple(
                            i.model_copy(update={"level1": "成本指标", "level2": "经济成本指标"})
                            if i.level2 == "成本指标"
                            else i
                            for i in p.indicators
                        ),
                    }
                )
                for p in ds.projects
            )
        }
    )
    assert check(ds, tmp_path, config=Config()) == []


def test_yes_under_benefit_plain_hundred_percent_and_early_full_plan_are_fine(tmp_path: Path) -> None:
    ds = make_dataset()
    first = ds.projects[0]
    assert any(i.level1 == "效益指标" and i.sign == "定性" and i.value == "是" for i in first.indicators)
    assert any(i.sign == "=" and i.value == "100" and i.unit == "%" for i in first.indicators)
    ds = edit_project(
        ds,
        1,
        schedule=first.schedule.model_copy(update={"mar": Decimal("100.00"), "jun": None, "oct": None, "dec": None}),
    )
    assert check(ds, tmp_path, config=Config()) == []


# --- the engine ----------------------------------------------------------------------


def test_select_ignore_and_severity_override(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 0, basis=None)
    ds = edit_project(ds, 0, budget=ds.projects[0].budget.model_copy(update={"other": Decimal("1.00")}))
    both = check(ds, tmp_path, config=Config())
    assert {f.code for f in both} == {"basis-missing", "budget-sum"}
    only = check(ds, tmp_path, config=Config(select=frozenset({"budget-sum"})))
    assert [f.code for f in only] == ["budget-sum"]
    ignored = check(ds, tmp_path, config=Config(ignore=frozenset({"budget-sum"})))
    assert [f.code for f in ignored] == ["basis-missing"]
    louder = check(ds, tmp_path, config=Config(severity={"basis-missing": "error"}))
    assert {f.severity for f in louder} == {"error"}
    assert louder[0].severity == "error"


def test_unknown_code_in_settings_is_refused(tmp_path: Path) -> None:
    path = write_workbook(make_dataset(), tmp_path / "b.xlsx")
    with pytest.raises(InputError, match=r"unknown rule code.*budget-summ"):
        validate_path(path, config=Config(ignore=frozenset({"budget-summ"})))


def test_findings_are_sorted_most_severe_first(tmp_path: Path) -> None:
    ds = edit_indicator(make_dataset(), 0, 0, basis=None)
    ds = edit_project(ds, 1, budget=ds.projects[1].budget.model_copy(update={"total": Decimal("99.00")}))
    findings = check(ds, tmp_path, config=Config())
    assert [f.severity for f in findings] == ["error", "warning"]


def test_engine_runs_on_a_book_held_in_memory() -> None:
    """What the live-Excel session does: grids → RawBook → build_dataset → validate, no file."""
    std = S.standard()
    grids: dict[str, list[list[Any]]] = {
        S.INFO: [
            list(S.INFO_HEADER),
            [S.INFO_YEAR, 2021.0],
            [S.INFO_DIVISION_CODE, "130434"],
            [S.INFO_TAXONOMY, "v2015"],
        ],
        S.UNITS: [list(std.sheet(S.UNITS).names), ["316001", "人社局", ""]],
        S.GOALS: [list(std.sheet(S.GOALS).names)],
        S.PROJECTS: [
            list(std.sheet(S.PROJECTS).names),
            ["316001", "130434211Y0DO65S99Z10", "担保基金", 10.0, 9.0, 0.0, "用途", "目标"],
        ],
        # A grid as a person types it: without the derived 项目名称 beside 项目编码.
        S.SCHEDULE: [
            [c.name for c in std.sheet(S.SCHEDULE).columns if not c.derived],
            ["130434211Y0DO65S99Z10", "", "", 1.0, 1.0],
        ],
        S.INDICATORS: [
            [c.name for c in std.sheet(S.INDICATORS).columns if not c.optional and not c.derived],
            ["130434211Y0DO65S99Z10", 1.0, "产出指标", "数量指标", "人数", "", "", "≥80人", "", "政策"],
        ],
    }
    book = RawBook(
        path=Path("<memory>"), sheets={n: raw_sheet_from_grid(n, g) for n, g in grids.items()}, sheet_order=list(grids)
    )
    findings = validate(build_dataset(book), config=Config(select=frozenset({"budget-sum", "value-not-split"})))
    assert sorted(where(findings)) == [("budget-sum", S.PROJECTS, "D2"), ("value-not-split", S.INDICATORS, "H2")]


def test_messages_render_in_both_languages(tmp_path: Path) -> None:
    ds = edit_project(
        make_dataset(), 0, budget=make_dataset().projects[0].budget.model_copy(update={"fiscal": Decimal("9.00")})
    )
    (f,) = check(ds, tmp_path, "budget-sum")
    assert f.message("zh") == "财政资金 9.00 + 其他资金 0.00 = 9.00，不等于预算数 10.00"
    assert f.message("en") == "fiscal 9.00 + other 0.00 = 9.00, not the total 10.00"
    assert isinstance(make_dataset().projects[0], Project)
