"""Amounts in documents are read strictly, and placeholder codes never collide (review findings)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.importers import import_document


def _page(*tables: tuple[str, str]) -> str:
    """A saved web page with one project table per (name, amount cell)."""
    body = "".join(
        "<table>"
        f"<tr><td>项目名称</td><td>{name}</td><td></td><td></td></tr>"
        f"<tr><td>项目金额</td><td>{amount}</td><td></td><td></td></tr>"
        "<tr><td>年度绩效目标</td><td>完成任务</td><td></td><td></td></tr>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
        f"<tr><td>产出指标</td><td>数量指标</td><td>{name}人次</td><td>≥100人次</td></tr>"
        "</table>"
        for name, amount in tables
    )
    return f"<html><body><p>2022年项目支出绩效目标表</p>{body}</body></html>"


@pytest.mark.parametrize("written", ["1,0", "12,34.5", "1.234,50"])
def test_a_misplaced_separator_is_refused_not_reread(tmp_path: Path, written: str) -> None:
    doc = tmp_path / "a.html"
    doc.write_text(_page(("培训经费", written)), encoding="utf-8")
    result = import_document(doc)
    assert result.dataset.projects[0].budget.total is None
    assert any(written in p.describe() or "separator" in p.describe() for p in result.problems)


def test_digits_after_an_amount_are_an_error_not_a_note(tmp_path: Path) -> None:
    # A PDF cell that wrapped "3309841.27" as "3309841.2 7": never keep 3309841.20.
    doc = tmp_path / "a.html"
    doc.write_text(_page(("培训经费", "3309841.2 7")), encoding="utf-8")
    result = import_document(doc)
    assert result.dataset.projects[0].budget.total is None
    assert any("7" in p.describe() for p in result.problems)


def test_thousands_separators_are_read_exactly(tmp_path: Path) -> None:
    doc = tmp_path / "a.html"
    doc.write_text(_page(("培训经费", "1,234.56")), encoding="utf-8")
    # 1,234.56 with the separator in groups of three = 1234.56 exactly
    assert import_document(doc).dataset.projects[0].budget.total == Decimal("1234.56")


def test_two_projects_with_one_name_get_two_placeholder_codes(tmp_path: Path) -> None:
    doc = tmp_path / "a.html"
    doc.write_text(_page(("培训经费", "10"), ("培训经费", "20")), encoding="utf-8")
    first, second = import_document(doc).dataset.projects
    assert first.code.startswith("待补-") and second.code.startswith("待补-")
    assert first.code != second.code
    # stable: the same document gives the same codes again
    again = import_document(doc).dataset.projects
    assert (again[0].code, again[1].code) == (first.code, second.code)
