"""The dataset-format registry: the file type picks the format, on reading and on writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.core.errors import InputError, OutputError
from perfxl.formats.interchange import dumps_json
from perfxl.formats.registry import load_dataset, save_dataset
from tests.conftest import make_dataset


@pytest.mark.parametrize("name", ["book.xlsx", "doc.json", "doc.yaml", "doc.yml", "DOC.JSON"])
def test_what_is_saved_loads_back_the_same(tmp_path: Path, name: str) -> None:
    dataset = make_dataset()
    path = save_dataset(dataset, tmp_path / name)
    # Compared through the interchange text, which shows every field of the dataset.
    assert dumps_json(load_dataset(path)) == dumps_json(dataset)


def test_an_existing_file_is_replaced_only_with_force(tmp_path: Path) -> None:
    target = tmp_path / "doc.json"
    target.write_text("kept", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists; use --force"):
        save_dataset(make_dataset(), target)
    assert target.read_text(encoding="utf-8") == "kept"
    save_dataset(make_dataset(), target, force=True)
    assert target.read_text(encoding="utf-8").startswith("{")


def test_unknown_file_types_are_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="expected a perfxl workbook"):
        load_dataset(tmp_path / "notes.txt")
    with pytest.raises(OutputError, match=r"cannot write a dataset as \.xlsm"):
        save_dataset(make_dataset(), tmp_path / "book.xlsm")
    assert not (tmp_path / "book.xlsm").exists()


def test_a_missing_workbook_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_dataset(tmp_path / "missing.xlsx")
