"""The scoring settings are checked as the file gives them: a wrong or misspelt setting is named, never guessed."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from perfxl.year.settings import SettingsError, load_scoring_settings

BAND = {"name": "达成", "low": 80, "high": 100}


def test_the_bundled_settings() -> None:
    s = load_scoring_settings()
    # templates/settings.yaml: grades 优 90 / 良 80 / 中 60 / 差 0, kept highest first, money-like decimals.
    assert [(g.grade, g.min) for g in s.grades] == [
        ("优", D("90.00")),
        ("良", D("80.00")),
        ("中", D("60.00")),
        ("差", D("0.00")),
    ]
    assert s.level_weights["产出指标"] == D("50.00")
    assert s.band_named("已达成") is s.bands[0]
    assert s.with_changes(reverse_formula="ratio").with_changes(reverse_formula="linear") == s


@pytest.mark.parametrize(
    ("override", "named"),
    [
        (
            {"bands": [{**BAND, "aliases": "已达成"}]},
            r"scoring.bands\[0\].aliases: expected a list",
        ),  # one text, not a list
        ({"bands": [{**BAND, "alias": ["已达成"]}]}, r"scoring.bands\[0\].alias: not a setting"),  # a typo
        ({"bands": [{**BAND, "aliases": ["已达成", 1]}]}, r"scoring.bands\[0\].aliases\[1\]: expected text"),
        ({"grades": [{"grade": "优", "min": 90, "max": 100}]}, r"scoring.grades\[0\].max: not a setting"),
        ({"grades": [{"grade": "优"}]}, r"scoring.grades\[0\].min: missing"),
        ({"shared_levels": {"成本指标": 1}}, "scoring.shared_levels.成本指标: expected text"),
        ({"not_applicable": ["/", 0]}, r"scoring.not_applicable\[1\]: expected text"),
        ({"yes_no_pairs": [["是"]]}, r"scoring.yes_no_pairs\[0\]: expected two texts"),
        ({"reverse_formula": "square"}, "scoring.reverse_formula: must be one of linear, ratio"),
        ({"execution_weight": 10.5}, "scoring.execution_weight: money, percentages and points must not be floats"),
        ({"lag_points": "1" + "0" * 40}, "scoring.lag_points: not a usable number"),
        ({"weights": {}}, "scoring.weights: not a scoring setting"),
    ],
)
def test_a_bad_setting_is_named(override: dict[str, Any], named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        load_scoring_settings(override)
