"""The conversion gate: may this workbook be converted without losing or doubling data?

Every command that turns a workbook into something else (export, merge, render,
load, rollover) asks :func:`conversion_problems` first, or reads through
:func:`read_dataset`, which refuses such a workbook with one clear line.  The
gate decides from what the reader recorded (its findings and
:class:`~perfxl.workbook.facts.Facts`), never from the cells again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from perfxl.core.errors import InputError
from perfxl.workbook import schema as S
from perfxl.workbook.assemble import ReadResult, read_workbook
from perfxl.workbook.stages import stage_problems

if TYPE_CHECKING:
    from perfxl.core.model import Dataset
    from perfxl.workbook.facts import RepeatedCode, UnplacedRow

CODE_COLUMN = "项目编码"  # places 支出计划 and 绩效指标 rows under the rows of 项目


def _repeated(result: ReadResult, what: str, repeats: list[RepeatedCode]) -> list[InputError]:
    return [
        InputError(
            f"{what} code {r.code!r} appears twice (rows {r.first_row} and {r.row})",
            path=result.book.path,
            sheet=r.sheet,
            cell=result.locations.cell(r.sheet, "code", r.row),
        )
        for r in repeats
    ]


def _orphan(result: ReadResult, u: UnplacedRow) -> InputError:
    # Where validate's orphan-row points: the 项目编码 cell (column A when that column is missing).
    cell = result.locations.cell(S.INDICATORS, "project_code", u.row) or f"A{u.row}"
    return InputError(
        f"project code '{u.code}' is not in sheet 项目; the row belongs to no project",
        path=result.book.path,
        sheet=S.INDICATORS,
        cell=cell,
    )


def _why_unplaced(u: UnplacedRow) -> str:
    if not u.code:
        return "its 项目编码 is blank"
    if not u.matches_project:
        return f"项目编码 {u.code!r} matches no project in {S.PROJECTS}"
    return f"project {u.code!r} already has a row here"


def conversion_problems(result: ReadResult) -> list[InputError]:
    """Why converting this workbook would lose or double data; empty when it is safe.

    The one place that decides whether a workbook may be exported, merged,
    rendered, loaded or rolled over: rows that belong to no record, a repeated
    project or unit code, a duplicated header, a missing sheet, a header below row 1,
    a missing 项目编码 column, or a column outside the standard that holds values the
    reader does not keep (a renamed standard header, or a column without a header; columns
    people added, such as 备注, are kept in the rows' ``extra`` and pass).
    """
    path, facts = result.book.path, result.facts
    problems = _repeated(result, "project", facts.repeated_project_codes)
    problems += _repeated(result, "unit", facts.repeated_unit_codes)
    extra = {(c.sheet, c.column): c.filled for c in facts.extra_columns}
    for f in result.findings:
        if f.code == "missing-sheet" and f.severity == "error":
            problems.append(InputError(f"sheet '{f.sheet}' is missing", path=path, sheet=f.sheet, cell=f.cell))
        elif f.code == "renamed-sheet":
            problems.append(
                InputError(
                    f"sheet '{f.sheet}' is missing; sheet '{f.value}' has its columns — renamed?",
                    path=path,
                    sheet=f.sheet,
                )
            )
        elif f.code == "header-row":
            problems.append(
                InputError(
                    f"the header is on row {f.value}, not row 1: delete the rows above it",
                    path=path,
                    sheet=f.sheet,
                    cell=f.cell,
                )
            )
        elif f.code == "missing-column" and f.value == CODE_COLUMN:
            # Without it the sheet's rows cannot be placed (they are not reported one by one).
            problems.append(
                InputError(f"column '{CODE_COLUMN}' is missing; no row can be placed", path=path, sheet=f.sheet)
            )
        elif f.code == "duplicate-header" and f.severity == "error":
            problems.append(
                InputError(
                    f"column '{f.ctx['column']}' appears twice ({f.cell}); only the first is read",
                    path=path,
                    sheet=f.sheet,
                    cell=f.cell,
                )
            )
        elif f.code == "unknown-column" and extra.get((f.sheet or "", f.column or "")):
            problems.append(
                InputError(
                    f"column {f.value!r} is not part of the standard and holds {extra[f.sheet or '', f.column or '']} "
                    "value(s) that would be lost: rename its header to a standard column name or delete the column",
                    path=path,
                    sheet=f.sheet,
                    cell=f.cell,
                )
            )
        elif f.code == "unknown-info-key":
            problems.append(
                InputError(
                    f"{f.value!r} is outside the key/value pairs of {S.INFO} "
                    f"({', '.join(S.standard().info_keys)} in columns A/B) and would be lost: delete it",
                    path=path,
                    sheet=f.sheet,
                    cell=f.cell,
                )
            )
    problems += [_orphan(result, u) for u in facts.unplaced_on(S.INDICATORS)]
    problems += stage_problems(result.dataset, result.stages, str(path))
    if facts.unplaced:
        first = facts.unplaced[0]
        more = f" (and {len(facts.unplaced) - 1} more such row(s))" if len(facts.unplaced) > 1 else ""
        problems.append(
            InputError(
                f"row {first.row} belongs to no record: {_why_unplaced(first)}{more}",
                path=path,
                sheet=first.sheet,
                cell=f"A{first.row}",
            )
        )
    return problems


def read_dataset(path: str | Path) -> Dataset:
    """Read a workbook for conversion; InputError if that would lose or double data.

    Used by commands that must not lose data (export, render, rollover, …);
    see :func:`conversion_problems`.
    """
    result = read_workbook(path)
    problems = conversion_problems(result)
    if problems:
        first = problems[0]
        more = f" (+{len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise InputError(f"{first.reason}; nothing was converted{more}", path=path, sheet=first.sheet, cell=first.cell)
    return result.dataset
