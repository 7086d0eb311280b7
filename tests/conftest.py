"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from perfxl.core.model import Budget, Dataset, DepartmentGoal, Division, Indicator, Project, Schedule, Unit

FIXTURES = Path(__file__).parent.parent / "templates" / "examples"
SHARED_DOC = FIXTURES / "weixian-2021.txt"


def make_dataset() -> Dataset:
    """A small, clean, realistic dataset (no validation findings expected)."""
    ind = Indicator
    return Dataset(
        year=2021,
        division=Division(code="130434", name="魏县"),
        taxonomy="v2015",
        units=(Unit(code="316001", name="魏县人力资源和社会保障局本级"),),
        department_goals=(
            DepartmentGoal(
                unit_code="316001",
                part="总体绩效目标",
                number="（一）",
                title="稳就业",
                text="全年新增城镇就业 5000 人。",
            ),
            DepartmentGoal(
                unit_code="316001", part="工作保障措施", number="1.", title="加强领导", text="落实主体责任。"
            ),
        ),
        projects=(
            Project(
                unit_code="316001",
                code="130434211Y0DO65S99Z10",
                name="小额贷款担保基金",
                budget=Budget(total=Decimal("10.00"), fiscal=Decimal("10.00"), other=Decimal("0.00")),
                purpose="由财政出资设立创业担保基金，委托担保机构提供贷款担保。",
                goals="帮助更多的劳动者实现就业创业。",
                schedule=Schedule(mar=None, jun=None, oct=Decimal("100.00"), dec=Decimal("100.00")),
                indicators=(
                    ind(
                        level1="产出指标",
                        level2="数量指标",
                        level3="担保贷款发放人数",
                        description="全年发放创业担保贷款人数",
                        sign="≥",
                        value="80",
                        unit="人",
                        basis="上级创业担保贷款政策",
                    ),
                    ind(
                        level1="产出指标",
                        level2="质量指标",
                        level3="贷款回收率",
                        description="到期贷款按时回收",
                        sign="≥",
                        value="95",
                        unit="%",
                        basis="上级创业担保贷款政策",
                    ),
                    ind(
                        level1="产出指标",
                        level2="时效指标",
                        level3="贷款发放及时率",
                        description="申请后按时发放",
                        sign="=",
                        value="100",
                        unit="%",
                        basis="上级创业担保贷款政策",
                    ),
                    ind(
                        level1="产出指标",
                        level2="成本指标",
                        level3="担保基金投入",
                        description="担保基金财政投入",
                        sign="≤",
                        value="10",
                        unit="万元",
                        basis="预算批复",
                    ),
                    ind(
                        level1="效益指标",
                        level2="社会效益指标",
                        level3="促进就业",
                        description="带动就业形势稳定",
                        sign="定性",
                        value="是",
                        unit=None,
                        basis="上级创业担保贷款政策",
                    ),
                    ind(
                        level1="满意度指标",
                        level2="服务对象满意度指标",
                        level3="贷款对象满意度",
                        description="抽样调查",
                        sign="≥",
                        value="90",
                        unit="%",
                        basis="满意度调查",
                    ),
                ),
            ),
            Project(
                unit_code="316001",
                code="130434214GIWQV0OPVG49",
                name="普惠金融发展专项资金",
                budget=Budget(total=Decimal("58.05"), fiscal=Decimal("50.00"), other=Decimal("8.05")),
                purpose="每季度对金融机构按时贴息。",
                goals="保障贴息覆盖到符合条件的个人和小微企业。",
                schedule=Schedule(
                    mar=Decimal("25.00"), jun=Decimal("50.00"), oct=Decimal("75.00"), dec=Decimal("100.00")
                ),
                indicators=(
                    ind(
                        level1="产出指标",
                        level2="数量指标",
                        level3="贴息申请次数",
                        description="每季度申请一次",
                        sign="=",
                        value="4",
                        unit="次",
                        basis="贴息政策",
                    ),
                    ind(
                        level1="产出指标",
                        level2="成本指标",
                        level3="贴息资金",
                        description="全年贴息资金",
                        sign="≤",
                        value="58.05",
                        unit="万元",
                        basis="预算批复",
                    ),
                    ind(
                        level1="效益指标",
                        level2="经济效益指标",
                        level3="带动创业户数",
                        description="贴息带动创业",
                        sign=">",
                        value="100",
                        unit="户",
                        basis="往年数据",
                    ),
                    ind(
                        level1="满意度指标",
                        level2="服务对象满意度指标",
                        level3="贴息对象满意度",
                        description="问卷调查",
                        sign="≥",
                        value="85",
                        unit="%",
                        basis="满意度调查",
                    ),
                ),
            ),
        ),
    )


@pytest.fixture
def sample_dataset() -> Dataset:
    return make_dataset()


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path to LibreOffice's soffice; skips (with a visible reason) where it is absent."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("PERFXL_REQUIRE_LIBREOFFICE"):  # CI: a skip would hide a missing install
            pytest.fail("PERFXL_REQUIRE_LIBREOFFICE is set but soffice is not installed")
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-calc")
    return exe
