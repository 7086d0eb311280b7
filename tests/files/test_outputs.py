"""The one output check: file type, never an input, never a folder, existing files only with force."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfxl.core.errors import OutputError
from perfxl.files.outputs import check_output


def test_file_type_is_named_with_its_article(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"out\.docx: the output must be an \.xlsx file$"):
        check_output(tmp_path / "out.docx", suffixes=(".xlsx",))
    with pytest.raises(OutputError, match=r"--json must be a \.json, \.yaml or \.yml file$"):
        check_output(tmp_path / "out.txt", suffixes=(".json", ".yaml", ".yml"), what="--json")


def test_an_input_is_never_the_output(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"x")
    with pytest.raises(OutputError, match="refusing to overwrite the input; choose another -o"):
        check_output(tmp_path / "." / "book.xlsx", inputs=[book], force=True, same_input_hint="choose another -o")


def test_folders_and_existing_files(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        check_output(tmp_path, force=True)
    existing = tmp_path / "a.xlsx"
    existing.write_bytes(b"x")
    with pytest.raises(OutputError, match="already exists; use --force"):
        check_output(existing)
    check_output(existing, force=True)  # allowed: nothing raised
    check_output(tmp_path / "new.xlsx")
