"""The lazy command registry: ``perfxl --help`` lists every command without importing the library."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from perfxl.cli import COMMANDS, app
from perfxl.cli.lazy import load_command


def test_each_registry_line_is_the_first_paragraph_of_its_commands_help() -> None:
    for name, entry in COMMANDS.items():
        command = load_command(name, entry)
        first = " ".join((command.help or "").split("\n\n")[0].split())
        assert entry.help == first, f"perfxl {name}: the registry says {entry.help!r}, the command {first!r}"


def test_each_command_module_is_named_after_its_command() -> None:
    for name, entry in COMMANDS.items():
        module = entry.module.rsplit(".", 1)[-1]
        assert module == name or module.startswith(f"{name}_"), f"perfxl {name} lives in {entry.module}"


def test_help_lists_the_commands_in_registry_order() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:\n", 1)[1].splitlines() if line.strip()]
    assert listed == list(COMMANDS)


def test_help_imports_no_command_module_and_no_pydantic() -> None:
    code = (
        "import sys, json\n"
        "sys.argv = ['perfxl', '--help']\n"
        "from perfxl.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('perfxl', 'pydantic', 'rich')))))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    loaded = json.loads(proc.stdout.splitlines()[-1])
    assert loaded == ["perfxl", "perfxl.cli", "perfxl.cli.lazy"]
