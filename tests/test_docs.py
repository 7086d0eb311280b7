"""Every CLI command has help text with an example and appears in the README."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from perfxl.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands() -> list[tuple[str, Any]]:
    """(full name, click command) for every leaf command; typer vendors its own click."""
    root = typer.main.get_command(app)
    found: list[tuple[str, Any]] = []

    def walk(prefix: str, group: Any) -> None:
        for name, cmd in group.commands.items():
            full = f"{prefix} {name}".strip()
            if hasattr(cmd, "commands"):
                walk(full, cmd)
            else:
                found.append((full, cmd))

    walk("", root)
    return found


def test_core_commands_are_registered() -> None:
    names = {name for name, _ in _commands()}
    assert {"new", "export", "build"} <= names


def test_every_command_has_help_with_an_example() -> None:
    for name, cmd in _commands():
        assert cmd.help and cmd.help.strip(), f"perfxl {name} has no help text"
        assert "Example:" in cmd.help, f"perfxl {name}'s help has no example"
        for param in cmd.params:
            if param.param_type_name == "option" and not param.hidden and param.name != "help":
                assert param.help, f"perfxl {name} {param.opts[0]} has no help text"


def test_every_command_appears_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for name, _ in _commands():
        assert re.search(rf"perfxl {re.escape(name)}\b", text), f"README does not mention 'perfxl {name}'"


def test_readme_has_exactly_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
