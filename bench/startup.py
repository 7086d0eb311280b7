"""Start-up: whole-process CPU of `perfxl --help` and of validating a small workbook.

Issue 15, acceptance 4: `perfxl --help` ≤ 0.2 s and `perfxl validate` of a 200-indicator
workbook ≤ 0.35 s, whole process.  For a book that small nearly all of it is starting
Python and importing, so the table also shows what a bare interpreter costs and which
heavy libraries the run imported (none of the model, writer or document libraries
should be among them).  Runs are interleaved so that a change in the host's speed
touches every row alike; CPU (user + system of the child) is the figure, as on a
shared machine wall time also counts waiting for a core.

Usage: python bench/startup.py [BOOK] [--repeat 15]
(BOOK defaults to the bundled example's workbook, 179 indicators, tests/data/baseline/inputs/example.xlsx)
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "baseline" / "inputs" / "example.xlsx"
HEAVY = ("pydantic", "openpyxl", "xlsxwriter", "docx", "pdfplumber", "sqlalchemy", "yaml", "rich", "typer")
_MODULES = (
    "import sys, json\nsys.argv = ['perfxl', *sys.argv[1:]]\nfrom perfxl.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))), file=sys.stderr)\n"
)


def perfxl_command() -> list[str]:
    exe = Path(sys.executable).with_name("perfxl")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "perfxl"]


def cpu_of(command: list[str]) -> tuple[float, float]:
    """(CPU, wall) seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode == 2:
        raise SystemExit(f"{' '.join(command)}: {proc.stderr.decode().strip()}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def imported(args: list[str]) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", _MODULES, *args], capture_output=True, text=True, check=False)
    found: list[str] = json.loads(proc.stderr.strip().splitlines()[-1])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    perfxl = perfxl_command()
    rows: dict[str, tuple[list[str], list[str], str]] = {
        "python -c pass (floor)": ([sys.executable, "-c", "pass"], [], ""),
        "perfxl --help": ([*perfxl, "--help"], ["--help"], "0.20"),
        "perfxl validate BOOK (text)": ([*perfxl, "validate", str(args.book)], ["validate", str(args.book)], "0.35"),
        "perfxl validate BOOK --format json": (
            [*perfxl, "validate", str(args.book), "--format", "json"],
            ["validate", str(args.book), "--format", "json"],
            "0.35",
        ),
    }
    for command, _, _ in rows.values():
        cpu_of(command)  # warm the page cache and write bytecode
    runs: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(args.repeat):
        for name, (command, _, _) in rows.items():
            runs[name].append(cpu_of(command)[0])
    print(f"{args.book} — CPU seconds, {args.repeat} interleaved runs each\n")
    print("| process | min | median | max | target | heavy libraries imported |")
    print("|---|---:|---:|---:|---:|---|")
    for name, (_, cli_args, target) in rows.items():
        values = runs[name]
        libs = ", ".join(imported(cli_args)) if cli_args else ""
        print(
            f"| {name} | {min(values):.3f} | {statistics.median(values):.3f} | {max(values):.3f} "
            f"| {target or '—'} | {libs or '—'} |"
        )


if __name__ == "__main__":
    main()
