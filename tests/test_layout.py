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


# The one place perfxl imports its own module inside a function, and why: the model classes
# (pydantic) are built only when a caller asks for ``ReadResult.dataset``; ``perfxl validate``
# never does, and importing them would cost more than checking a small workbook.
LAZY_BOUNDARIES = {"perfxl/workbook/assemble.py": 1}


def test_no_function_level_import_of_perfxl_modules() -> None:
    """Only heavy third-party libraries may be imported inside functions (to keep `perfxl --help` fast)."""
    found = {
        str(p.relative_to(PACKAGE.parent)): lines
        for p in _modules()
        if (lines := _own_imports_inside_functions(ast.parse(p.read_text(encoding="utf-8"))))
        and len(lines) != LAZY_BOUNDARIES.get(str(p.relative_to(PACKAGE.parent)))
    }
    assert not found, f"move these imports to the top of the module (file: lines): {found}"


# Which parts each part may import (docs/architecture.md draws the same picture).
_BASE = {"core", "files"}
_LOWER = _BASE | {"workbook", "formats", "check", "year"}
ALLOWED: dict[str, set[str]] = {
    "files": {"core"},  # errors only: outputs raise OutputError
    "core": {"files"},  # resources only: the taxonomy files under templates/
    "year": _BASE,  # the later stages' vocabulary and arithmetic: sheet layout, scoring (issue 12)
    "workbook": _BASE | {"year"},  # reads and writes the stage sheets
    "formats": _BASE | {"workbook"},
    "check": _BASE | {"workbook", "year"},  # stage rules use the scoring
    "importers": _BASE | {"workbook"},  # the spreadsheet reader reuses the workbook guard
    "merge": _LOWER,
    "versions": _LOWER,
    "render": _LOWER,
    "db": _LOWER,
    "excel": _LOWER,
    "stages": _LOWER,  # stage sheets in a user's workbook: refresh, score, write scores back
    "demo": _LOWER | {"importers"},
}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_nodes(tree: ast.AST) -> set[ast.AST]:
    return {
        child
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for child in ast.walk(node)
    }


def _top_level_imports(path: Path, *, typing_only: bool = True) -> set[str]:
    """perfxl modules a module imports (``typing_only=False``: leave out ``if TYPE_CHECKING:`` imports,
    which are a design edge for the arrows but never run)."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set() if typing_only else _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if node in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "perfxl"}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "perfxl":
            found.add(node.module or "")
    return found


def test_parts_import_only_what_the_architecture_allows() -> None:
    wrong: dict[str, set[str]] = {}
    for path in _modules():
        module = _module_name(path)
        part = _part(module)
        if part in ("", "cli", "__main__"):
            continue
        allowed = ALLOWED.get(part)
        assert allowed is not None, f"{module}: part '{part}' is not in the architecture; add it to ALLOWED and the doc"
        bad = {m for m in _top_level_imports(path) if _part(m) not in allowed | {part} and m != "perfxl"}
        if bad:
            wrong[module] = bad
    assert not wrong, f"imports against the architecture: {wrong}"


def test_no_import_cycles_between_modules() -> None:
    modules = {_module_name(p): p for p in _modules()}
    graph = {
        name: {m for m in _top_level_imports(p, typing_only=False) if m in modules and m != name}
        for name, p in modules.items()
    }
    # A package's __init__ re-exporting its modules is not a cycle of design; drop parent→child edges.
    for name, edges in graph.items():
        graph[name] = {m for m in edges if not m.startswith(name + ".")}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for name in sorted(graph):
        if name not in state and (cycle := visit(name)):
            raise AssertionError("import cycle: " + " → ".join(cycle))


def _prints_or_exits(tree: ast.AST) -> list[int]:
    """Lines that call print(), build a console, or exit: only the CLI may."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in {"print", "Console", "exit", "Exit", "_exit"}:
                lines.append(node.lineno)
    return lines


def test_the_library_never_prints_or_exits() -> None:
    found = {
        str(p.relative_to(PACKAGE.parent)): lines
        for p in _modules()
        if p.parent.name != "cli"
        and p.name != "__main__.py"
        and (lines := _prints_or_exits(ast.parse(p.read_text(encoding="utf-8"))))
    }
    assert not found, f"only perfxl/cli/ prints or exits: {found}"
