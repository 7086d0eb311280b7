"""Time `perfxl validate` (whole process) against the floor of merely reading the file's XML.

The floor is the time to unzip every XML part of the same workbook and tokenize it
with ``xml.parsers.expat`` with no handlers set: no spreadsheet library can read the
cells faster than that in Python.  Prints one table in one run.

Usage: python bench/validate_bench.py [DIR_WITH_WORKBOOKS] [--repeat 3]
(the workbooks are generated with bench/make_workbooks.py when DIR has none)
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.parsers import expat

from perfxl.check.rules import RULES


def floor_seconds(path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds to unzip and tokenize every XML part, no handlers."""
    start, cpu = time.perf_counter(), time.process_time()
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                parser = expat.ParserCreate()
                with zf.open(name) as fh:
                    parser.ParseFile(fh)
    return time.perf_counter() - start, time.process_time() - cpu


def validate_seconds(path: Path) -> tuple[float, float, int]:
    """(wall, CPU) seconds of a whole `perfxl validate` process, and its exit code.

    CPU time (user + system of the child) is shown too because on a shared machine
    wall time also counts waiting for a core.
    """
    exe = Path(sys.executable).with_name("perfxl")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "perfxl"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([*command, "validate", str(path)], capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode == 2:
        raise SystemExit(f"{path}: {proc.stderr.decode().strip()}")
    return elapsed, cpu, proc.returncode


def make_books(folder: Path) -> list[Path]:
    """Write the 1k/10k/100k books with bench/make_workbooks.py (the first run takes ~20 s)."""
    subprocess.run([sys.executable, str(Path(__file__).with_name("make_workbooks.py")), str(folder)], check=True)
    return sorted(folder.glob("indicators-*.xlsx"), key=lambda p: int(p.stem.split("-")[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="bench/out", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    books = sorted(args.folder.glob("indicators-*.xlsx"), key=lambda p: int(p.stem.split("-")[1]))
    if not books:
        books = make_books(args.folder)
    print(f"perfxl validate runs all {len(RULES)} rules (perfxl.check.rules.RULES)")
    print(
        f"{'rows':>8} {'bytes':>10} | {'validate':>8} {'floor':>6} {'ratio':>5} | {'validate':>8} {'floor':>6} "
        f"{'ratio':>5} | exit"
    )
    print(f"{'':>8} {'':>10} | {'wall s':>8} {'wall s':>6} {'':>5} | {'CPU s':>8} {'CPU s':>6} {'':>5} |")
    for book in books:
        rows = int(book.stem.split("-")[1])
        floors = [floor_seconds(book) for _ in range(args.repeat)]
        runs = [validate_seconds(book) for _ in range(args.repeat)]
        fw, fc = min(f[0] for f in floors), min(f[1] for f in floors)
        vw, vc = min(r[0] for r in runs), min(r[1] for r in runs)
        print(
            f"{rows:>8,} {book.stat().st_size:>10,} | {vw:>8.2f} {fw:>6.2f} {vw / fw:>5.2f} | {vc:>8.2f} {fc:>6.2f} "
            f"{vc / fc:>5.2f} | {runs[0][2]}"
        )


if __name__ == "__main__":
    main()
