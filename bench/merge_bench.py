"""Benchmark ``perfxl merge`` against a floor, in one run.

Inputs: ``--files`` generated units' workbooks (default 200) of ``--projects``
projects (100) and ``--indicators`` indicators (500) each, made by
:mod:`perfxl.demo.generate` (not timed).

Floor = (a) open every input's zip and tokenize all its XML parts with expat
(no handlers) + (b) write the merged rows (the standard sheets' cells) with a
bare XlsxWriter in constant_memory mode.  The merge (read with python-calamine,
check, combine, write the standard workbook + summaries) runs in a child
process so its peak RSS is measured on its own (``resource.getrusage``).

    .venv/bin/python bench/merge_bench.py [--files 200] [--keep DIR] [--no-validate] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any
from xml.parsers import expat

TARGET_RATIO = 3.5


def make_inputs(folder: Path, files: int, projects: int, indicators: int) -> list[Path]:
    from perfxl.demo.generate import default_base, write_demo

    existing = sorted(folder.glob("unit-*.xlsx"))
    if len(existing) == files:
        return existing
    for old in existing:
        old.unlink()
    return write_demo(default_base(), folder, units=files, projects=projects, indicators=indicators, seed=2021)


def tokenize_all(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.endswith((".xml", ".rels")):
                    expat.ParserCreate().Parse(zf.read(name), True)
    return time.perf_counter() - start


def standard_rows(dataset: Any) -> dict[str, list[list[Any]]]:
    """The cells the merged workbook's standard sheets hold, prepared before timing the bare writer."""

    def money(v: Any) -> Any:
        return None if v is None else float(v)

    def pct(v: Any) -> Any:
        return None if v is None else float(v) / 100

    return {
        "单位": [[u.code, u.name, u.parent_code] for u in dataset.units],
        "部门目标": [[g.unit_code, g.part, g.number, g.title, g.text] for g in dataset.department_goals],
        "项目": [
            [
                p.unit_code,
                p.code,
                p.name,
                money(p.budget.total),
                money(p.budget.fiscal),
                money(p.budget.other),
                p.purpose,
                p.goals,
            ]
            for p in dataset.projects
        ],
        "支出计划": [[p.code, *(pct(v) for v in p.schedule.values())] for p in dataset.projects],
        "绩效指标": [
            [p.code, j, i.level1, i.level2, i.level3, i.description, i.sign, i.value, i.unit, i.basis]
            for p in dataset.projects
            for j, i in enumerate(p.indicators, start=1)
        ],
    }


def bare_write(rows: dict[str, list[list[Any]]], out: Path) -> float:
    import xlsxwriter

    start = time.perf_counter()
    wb = xlsxwriter.Workbook(
        str(out),
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    for name, table in rows.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(table, start=1):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(r, c, v)
                else:
                    ws.write_number(r, c, v)
    wb.close()
    return time.perf_counter() - start


def child(args: argparse.Namespace) -> None:
    """Run the real merge and print its figures as JSON (peak RSS of this process alone)."""
    from perfxl.merge import merge, write_merged

    start = time.perf_counter()
    result = merge([args.inputs], validate=not args.no_validate)
    read_done = time.perf_counter()
    write_merged(result, Path(args.output))
    end = time.perf_counter()
    assert result.balanced() and not result.bad_sources and not result.conflicts
    print(
        json.dumps(
            {
                "merge": end - start,
                "read_and_combine": read_done - start,
                "write": end - read_done,
                "rows": result.rows_out,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument("--indicators", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the generated inputs in")
    parser.add_argument("--no-validate", action="store_true", help="merge without the validation rules")
    parser.add_argument("--repeat", type=int, default=1, help="run merge and floor N times, keep the best of each")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--inputs", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    with tempfile.TemporaryDirectory(prefix="perfxl-bench-") as tmp:
        folder = args.keep or Path(tmp) / "inputs"
        folder.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        paths = make_inputs(folder, args.files, args.projects, args.indicators)
        print(
            f"inputs: {len(paths)} files × {args.projects} projects + {args.indicators} indicators in {folder} "
            f"({time.perf_counter() - t0:.1f} s to generate or reuse)"
        )

        out = Path(tmp) / "merged.xlsx"
        cmd = [sys.executable, __file__, "--child", "--inputs", str(folder), "--output", str(out)]
        if args.no_validate:
            cmd.append("--no-validate")
        runs = []
        for _ in range(args.repeat):
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                sys.exit(f"merge failed:\n{proc.stderr}")
            runs.append(json.loads(proc.stdout))
        figures = min(runs, key=lambda f: f["merge"])
        figures["peak_rss_mb"] = max(f["peak_rss_mb"] for f in runs)

        from perfxl.workbook import read_dataset

        merged = read_dataset(out)  # the rows the merge wrote, for the bare writer
        rows_in = standard_rows(merged)
        # Best of --repeat runs for each part: the machine may be shared, and noise only ever adds time.
        tokenize = min(tokenize_all(paths) for _ in range(args.repeat))
        bare = min(bare_write(rows_in, Path(tmp) / "bare.xlsx") for _ in range(args.repeat))
        floor = tokenize + bare
        ratio = figures["merge"] / floor
        rows = figures["rows"]
        print(f"merged rows: {rows}; best of {args.repeat} run(s)")
        print(
            f"merge:  {figures['merge']:.2f} s  (read+check+combine {figures['read_and_combine']:.2f} s, "
            f"write workbook+summaries {figures['write']:.2f} s){'  [no validation]' if args.no_validate else ''}"
        )
        print(
            f"floor:  {floor:.2f} s  (unzip+expat tokenize all inputs {tokenize:.2f} s, bare XlsxWriter rows "
            f"{bare:.2f} s)"
        )
        print(f"ratio:  {ratio:.2f}× floor (target ≤ {TARGET_RATIO}×) {'OK' if ratio <= TARGET_RATIO else 'OVER'}")
        print(f"peak RSS of the merge process: {figures['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
