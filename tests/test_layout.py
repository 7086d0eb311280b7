"""The package's floor plan: small modules, and every import of perfxl's own modules at the top of a file."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "perfxl"
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_400_lines() -> None:
    too_long = {
        str(p.relative_to(PACKAGE.parent)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not too_long, f"split these modules (lines): {too_long}"


def _own_imports_inside_functions(tree: ast.AST) -> list[int]:
    """Line numbers of ``import perfxl…`` / ``from perfxl… import`` statements inside a function body."""
    lines: list[int] = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            if any(name.split(".")[0] == "perfxl" for name in names):
                lines.append(node.lineno)
    return sorted(set(lines))


def test_the_checker_finds_a_function_level_import() -> None:
    source = "import os\n\ndef f():\n    import json\n    from perfxl.core import model\n    return model\n"
    assert _own_imports_inside_functions(ast.parse(source)) == [5]


def test_no_function_level_import_of_perfxl_modules() -> None:
    """Only heavy third-party libraries may be imported inside functions (to keep `perfxl --help` fast)."""
    found = {
        str(p.relative_to(PACKAGE.parent)): lines
        for p in _modules()
        if (lines := _own_imports_inside_functions(ast.parse(p.read_text(encoding="utf-8"))))
    }
    assert not found, f"move these imports to the top of the module (file: lines): {found}"
