"""The data model's money rules and the taxonomies shipped as data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from perfxl.core.errors import UnknownTaxonomyError
from perfxl.core.model import Budget, Dataset, Indicator, Schedule
from perfxl.core.taxonomy import available_versions, default_version, load_taxonomy


def test_money_is_decimal_with_two_places_and_never_float() -> None:
    budget = Budget(total="10", fiscal=Decimal("9.5"), other=0)
    assert (str(budget.total), str(budget.fiscal), str(budget.other)) == ("10.00", "9.50", "0.00")
    with pytest.raises(ValidationError, match="float"):
        Budget(total=10.0)
    assert str(Schedule(mar=Decimal("25")).mar) == "25.00"
    assert str(Budget(total=Decimal("10.125")).total) == "10.125"  # not rounded away: the validator reports it


def test_models_are_frozen_and_printed_value() -> None:
    ind = Indicator(sign="≥", value="80", unit="%")
    assert ind.printed == "≥80%"
    with pytest.raises(ValidationError):
        ind.value = "90"  # type: ignore[misc]
    assert Dataset().budget_total() == Decimal("0.00")


def test_taxonomies() -> None:
    assert available_versions() == ("v2015", "v2021")
    v2015, v2021 = load_taxonomy("v2015"), load_taxonomy("v2021")
    assert v2015.level2["产出指标"] == ("数量指标", "质量指标", "时效指标", "成本指标")
    assert v2021.level1 == ("产出指标", "成本指标", "效益指标", "满意度指标")
    assert v2021.level2["成本指标"] == ("经济成本指标", "社会成本指标", "生态环境成本指标")
    assert v2021.parent_of("可持续影响指标") == "效益指标" and v2021.is_deprecated("可持续影响指标")
    assert not v2015.is_deprecated("可持续影响指标")
    assert v2015.canonical2("环境效益指标") == "生态效益指标"
    assert v2021.canonical2("社会公众或服务对象满意度指标") == "服务对象满意度指标"
    assert v2021.canonical2("成本指标") is None and v2021.canonical1("成本指标") == "成本指标"
    assert v2021.mappings["v2015"][("产出指标", "成本指标")] == ("成本指标", "经济成本指标")
    assert (default_version(2021), default_version(2022), default_version(2030)) == ("v2015", "v2021", "v2021")
    with pytest.raises(UnknownTaxonomyError, match="v1999"):
        load_taxonomy("v1999")
