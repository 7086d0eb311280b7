"""The parsed templates kept beside the bytecode: used while the bytes are unchanged, never trusted blindly."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from perfxl.files import parsed
from perfxl.files.resources import load_yaml, template_path

ROOT = Path(__file__).resolve().parent.parent.parent


class Parser:
    """json.loads, counting its calls (the stand-in for the YAML parser)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: bytes) -> Any:
        self.calls += 1
        return json.loads(text)


@pytest.fixture(autouse=True)
def writes_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def test_a_kept_entry_is_used_while_the_bytes_are_unchanged(tmp_path: Path) -> None:
    parse = Parser()
    text = b'{"level_weights": {"a": 50}, "pairs": [["\xe6\x98\xaf", "\xe5\x90\xa6"]]}'
    first = parsed.load_kept("settings.yaml", text, parse, tmp_path)
    second = parsed.load_kept("settings.yaml", text, parse, tmp_path)
    assert parse.calls == 1  # the second came from the entry
    assert first == second == {"level_weights": {"a": 50}, "pairs": [["是", "否"]]}
    assert parsed.entry_path("settings.yaml", tmp_path).is_file()


def test_changed_bytes_are_parsed_again(tmp_path: Path) -> None:
    parse = Parser()
    parsed.load_kept("profiles/x.yaml", b'{"a": 1}', parse, tmp_path)
    # Same length, other bytes: the CRC tells them apart.
    assert parsed.load_kept("profiles/x.yaml", b'{"a": 2}', parse, tmp_path) == {"a": 2}
    assert parse.calls == 2
    assert parsed.load_kept("profiles/x.yaml", b'{"a": 2}', parse, tmp_path) == {"a": 2}
    assert parse.calls == 2


def test_an_entry_of_another_parser_is_parsed_again(tmp_path: Path) -> None:
    parse = Parser()
    parsed.load_kept("a.yaml", b"[1]", parse, tmp_path, parser="one")
    parsed.load_kept("a.yaml", b"[1]", parse, tmp_path, parser="two")
    assert parse.calls == 2
    parsed.load_kept("a.yaml", b"[1]", parse, tmp_path, parser="two")
    assert parse.calls == 2


def test_a_damaged_entry_is_parsed_again(tmp_path: Path) -> None:
    parse = Parser()
    parsed.load_kept("a.yaml", b"[1, 2]", parse, tmp_path)
    parsed.entry_path("a.yaml", tmp_path).write_bytes(b"\x00garbage")
    assert parsed.load_kept("a.yaml", b"[1, 2]", parse, tmp_path) == [1, 2]
    assert parse.calls == 2


def test_nothing_is_kept_when_bytecode_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert parsed.load_kept("a.yaml", b"[1]", Parser(), tmp_path) == [1]
    assert not any(tmp_path.iterdir())


def test_a_value_marshal_cannot_hold_is_not_kept(tmp_path: Path) -> None:
    def parse(text: bytes) -> Any:
        return yaml.safe_load(text)  # a YAML date becomes datetime.date

    assert parsed.load_kept("d.yaml", b"from: 2021-01-01\n", parse, tmp_path) == {"from": datetime.date(2021, 1, 1)}
    assert not parsed.entry_path("d.yaml", tmp_path).exists()


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    assert parsed.load_kept("a.yaml", b"[3]", Parser(), blocked) == [3]


@pytest.mark.parametrize("name", ["settings.yaml", "workbook.yaml", "stages.yaml", "labels.yaml"])
def test_every_template_reads_as_pyyaml_reads_it(name: str) -> None:
    path = template_path(name)
    assert load_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_second_validation_imports_no_yaml() -> None:
    book = ROOT / "tests" / "data" / "baseline" / "inputs" / "example.xlsx"
    code = (
        "import sys\nsys.argv = ['perfxl', 'validate', sys.argv[1], '--format', 'json']\n"
        "from perfxl.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('yaml' in sys.modules, file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = [
        subprocess.run([sys.executable, "-c", code, str(book)], capture_output=True, text=True, env=env, timeout=120)
        for _ in range(2)
    ]
    assert runs[1].stderr.strip().splitlines()[-1] == "False", runs[1].stderr
