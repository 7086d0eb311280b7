"""Where the CPU time of `perfxl validate` goes, stage by stage, against the floor of merely reading the file.

One run prints one table for one book: the median over ``--repeat N`` runs (default 5) of the CPU
seconds (user + system) of each stage, and each stage as a multiple of the floor:

- interpreter + imports: a child ``python -c "import perfxl.cli, perfxl.cli.validate, python_calamine"``
  (what a validate run imports before reading; python-calamine is imported lazily at read time);
- guard: ``guard.check_container`` + ``guard.scan_sheet``/``check_extent`` of every sheet part
  (perfxl/workbook/guard.py, as ``sheets.load_sheets`` calls them);
- python-calamine read: ``CalamineWorkbook.from_path``, then per sheet ``get_sheet_by_name``,
  ``merged_cell_ranges`` and ``sheets.stream_sheet`` (its rows streamed into raw columns, as
  ``sheets._read_with_calamine`` does since issue 15; before, ``to_python`` and ``raw_sheet_from_grid``);
- columns: ``assemble.build_dataset`` (cells converted column by column, records placed, locations, facts,
  stage sheets; no model objects since issue 15 — the stage was "Dataset" before);
- rules: ``perfxl.check.engine.validate`` with the settings found beside the book;
- JSON report: ``perfxl.check.report.json_report``.

The in-process stages run in a fresh child process per repeat (imports done before the clock starts,
garbage collector off as in `perfxl validate`), so caches never carry over from one repeat to the next.
``whole validate`` is a separate child `perfxl validate BOOK --format json` (stdout discarded): its CPU
time and peak RSS (``os.wait4``'s rusage of that child).  ``floor`` is ``floor_seconds`` of
bench/validate_bench.py: unzip every XML part and tokenize it with expat, no handlers (its CPU time).

Usage: python bench/validate_stages.py BOOK [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import python_calamine as pc
from validate_bench import floor_seconds

from perfxl.check.config import load_config
from perfxl.check.engine import validate
from perfxl.check.report import json_report
from perfxl.workbook import assemble, guard, sheets

STAGES = (
    ("imports", "interpreter + imports"),
    ("guard", "guard (container + sheet scans)"),
    ("calamine", "python-calamine read"),
    ("dataset", "columns (build_dataset)"),
    ("rules", "rules (engine.validate)"),
    ("report", "JSON report (json_report)"),
)
IMPORTS = "import perfxl.cli, perfxl.cli.validate, python_calamine"


def child_cpu(command: list[str]) -> tuple[float, int]:
    """(CPU seconds, peak RSS in bytes) of one child process run to its end, stdout discarded."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {proc.returncode} (run it to see why)")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux


def perfxl_command() -> list[str]:
    exe = Path(sys.executable).with_name("perfxl")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "perfxl"]


def in_process_stages(path: Path) -> dict[str, float]:
    """CPU seconds of each in-process stage of validating ``path`` once (run in a child: see ``main``)."""
    gc.disable()  # as `perfxl validate` does for its whole run
    config = load_config(path)
    marks = [time.process_time()]
    zf = guard.check_container(path)
    for name, part in sheets._sheet_parts(zf).items():
        if part in zf.namelist():
            guard.check_extent(path, name, guard.scan_sheet(zf, part))
    zf.close()
    marks.append(time.process_time())
    read = {}
    with pc.CalamineWorkbook.from_path(str(path)) as book:
        for meta in book.sheets_metadata:
            sheet = book.get_sheet_by_name(meta.name)
            _ = sheet.merged_cell_ranges
            streamed = sheets.stream_sheet(meta.name, sheet)
            if streamed is None:
                streamed = sheets.raw_sheet_from_grid(meta.name, sheet.to_python(skip_empty_area=False))
            read[meta.name] = streamed
    raw = sheets.RawBook(path, read, list(read))
    marks.append(time.process_time())
    result = assemble.build_dataset(raw)
    marks.append(time.process_time())
    findings = validate(result, config=config)
    marks.append(time.process_time())
    json_report([(path.name, findings)], lang=config.lang)
    marks.append(time.process_time())
    spans = [b - a for a, b in itertools.pairwise(marks)]
    return {key: span for (key, _), span in zip(STAGES[1:], spans, strict=True)} | {"findings": len(findings)}


def one_run(book: Path) -> dict[str, float]:
    """One repeat: every stage in fresh child processes, the whole validate, and the floor."""
    imports, _ = child_cpu([sys.executable, "-c", IMPORTS])
    proc = subprocess.run([sys.executable, __file__, str(book), "--child"], capture_output=True, text=True, check=True)
    stages: dict[str, float] = json.loads(proc.stdout)
    whole, rss = child_cpu([*perfxl_command(), "validate", str(book), "--format", "json"])
    _, floor = floor_seconds(book)
    return {"imports": imports, **stages, "whole": whole, "rss": rss, "floor": floor}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("book", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="medians of N runs")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(in_process_stages(args.book)))
        return
    runs = [one_run(args.book) for _ in range(args.repeat)]
    med = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    floor = med["floor"]

    def line(label: str, key: str | None, value: float) -> None:
        # min–max over the runs: CPU time varies from run to run even on an idle machine
        spread = f"{min(r[key] for r in runs):.3f}–{max(r[key] for r in runs):.3f}" if key else ""
        print(f"{label:<40} {value:>7.3f} {value / floor:>8.2f}  {spread}")

    size = args.book.stat().st_size
    print(f"{args.book.name}: {size:,} bytes, {int(med['findings']):,} findings; medians of {args.repeat} runs")
    print(f"{'stage':<40} {'CPU s':>7} {'× floor':>8}  min–max")
    for key, label in STAGES:
        line(label, key, med[key])
    line("sum of the stages", None, sum(med[key] for key, _ in STAGES))
    line("whole `perfxl validate --format json`", "whole", med["whole"])
    line("floor (unzip + expat)", "floor", floor)
    # The host's speed drifts between minutes: the ratio of each run's whole validate to the floor measured
    # right after it is steadier than the ratio of medians taken minutes apart.
    paired = sorted(r["whole"] / r["floor"] for r in runs)
    print(
        f"whole ÷ floor of the same run: median {statistics.median(paired):.2f}× (min–max {paired[0]:.2f}–{paired[-1]:.2f})"
    )
    rss = [r["rss"] / 2**20 for r in runs]
    print(f"peak RSS of the whole validate: {med['rss'] / 2**20:,.0f} MiB (min–max {min(rss):,.0f}–{max(rss):,.0f})")


if __name__ == "__main__":
    main()
