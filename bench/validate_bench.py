"""Time `perfxl validate` (whole process) against the floor of merely reading the file's XML.

The floor is the time to unzip every XML part of the same workbook and tokenize it
with ``xml.parsers.expat`` with no handlers set: no spreadsheet library can read the
cells faster than that in Python.  Prints one table in one run.

Usage: python bench/validate_bench.py [DIR_WITH_WORKBOOKS] [--repeat 3]
(make the workbooks first: python bench/make_workbooks.py DIR)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.parsers import expat


def floor_seconds(path: Path) -> float:
    """Unzip and tokenize every XML part, no handlers."""
    start = time.perf_counter()
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                parser = expat.ParserCreate()
                with zf.open(name) as fh:
                    parser.ParseFile(fh)
    return time.perf_counter() - start


def validate_seconds(path: Path) -> tuple[float, int]:
    """Wall time of a whole `perfxl validate` process, and its exit code."""
    exe = Path(sys.executable).with_name("perfxl")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "perfxl"]
    start = time.perf_counter()
    proc = subprocess.run([*command, "validate", str(path)], capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode == 2:
        raise SystemExit(f"{path}: {proc.stderr.decode().strip()}")
    return elapsed, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="bench/out", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    books = sorted(args.folder.glob("indicators-*.xlsx"), key=lambda p: int(p.stem.split("-")[1]))
    if not books:
        raise SystemExit(f"no indicators-*.xlsx in {args.folder}; run bench/make_workbooks.py first")
    print(f"{'rows':>8} {'size':>11} {'validate s':>11} {'floor s':>8} {'ratio':>6}  exit")
    for book in books:
        rows = int(book.stem.split("-")[1])
        floor = min(floor_seconds(book) for _ in range(args.repeat))
        runs = [validate_seconds(book) for _ in range(args.repeat)]
        best = min(t for t, _ in runs)
        print(f"{rows:>8,} {book.stat().st_size:>11,} {best:>11.2f} {floor:>8.2f} {best / floor:>6.2f}  {runs[0][1]}")


if __name__ == "__main__":
    main()
