"""The cross-unit copy check uses the duplicate-indicator-table rule's definition of "the same table"."""

from __future__ import annotations

from perfxl.core.copies import indicator_table_key
from perfxl.demo.generate import generate_unit
from perfxl.merge import merge_datasets
from tests.conftest import make_dataset


def _copied_table(reworded: bool, rows: int) -> list[str]:
    """Codes of merge-same-indicators findings when unit b copies rows of unit a's table into its first project."""
    a = generate_unit(make_dataset(), 0, projects=2)
    b = generate_unit(make_dataset(), 1, projects=2)
    original = a.projects[1].indicators[:rows]
    table = original
    if reworded:  # 描述 and 依据 rewritten, names and numbers copied
        table = tuple(i.model_copy(update={"description": "改写的描述", "basis": "改写的依据"}) for i in original)
    copied = b.projects[0].model_copy(update={"indicators": table})
    a = a.model_copy(update={"projects": (a.projects[0], a.projects[1].model_copy(update={"indicators": original}))})
    b = b.model_copy(update={"projects": (copied, b.projects[1])})
    return [
        f.code for f in merge_datasets([("a.xlsx", a), ("b.xlsx", b)]).findings if f.code == "merge-same-indicators"
    ]


def test_rewording_description_and_basis_does_not_hide_a_copied_table() -> None:
    assert len(make_dataset().projects[1].indicators) >= 2
    assert _copied_table(reworded=True, rows=2) == ["merge-same-indicators"]


def test_a_one_row_table_is_too_short_to_call_a_copy() -> None:
    assert _copied_table(reworded=False, rows=1) == []
    assert indicator_table_key(make_dataset().projects[0].model_copy(update={"indicators": ()})) is None
