"""Safe, reversible normalizations of a workbook's cells (``perfxl fix``).

Planning and applying are separate: :func:`plan_fixes` looks only at the raw
cells of a :class:`ReadResult`/:class:`RawBook` (so a live Excel session can
apply the same plan through its own backend) and returns a list of
:class:`CellChange`; :func:`apply_fixes` writes them into a copy of the file with
openpyxl, which keeps the user's formatting.

Only changes whose meaning is certain are planned: look-alike signs (≧ ≦ ＞ ＜ ＝,
>=, <=) to the standard ones, full-width digits and ％ in 计算符号/指标值/计量单位,
spaces around text, a printed value such as ``≥80%`` (or ``≧ ８０ ％``) split into
计算符号/指标值/计量单位, and unambiguous unit spellings (次数 → 次).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

from perfxl.check.rules.units import UNIT_FIXES
from perfxl.check.rules.values import standard_sign
from perfxl.core.errors import InputError, OutputError
from perfxl.core.values import QUALITATIVE, normalize_printed_value, normalize_text, parse_value
from perfxl.files.atomic import atomic_path
from perfxl.workbook import RawBook, RawSheet, ReadResult, name_mismatches
from perfxl.workbook import schema as S


class CellChange(NamedTuple):
    """One planned change: ``row`` is 1-based, ``col`` 0-based (as in the reader), ``cell`` is A1."""

    sheet: str
    cell: str
    row: int
    col: int
    old: Any
    new: Any


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _norm_unit(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    unit = normalize_text(value.strip())
    return UNIT_FIXES.get(unit, unit)


def _norm_sign(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return standard_sign(value) or value.strip()


# First characters of a value that names its sign itself (=100% is as explicit as ≥80%).
_SIGN_CHARS = frozenset("≥≤><=≧≦＞＜＝")


def _split_indicator(sign: Any, value: Any, unit: Any) -> tuple[Any, Any, Any]:
    """Sign/value/unit after splitting a printed value typed into 指标值 (unchanged when unsure)."""
    if not isinstance(value, str) or not value:
        return sign, value, unit
    # Look-alike signs, full-width digits and inner spaces first: ≧ ８０ ％ is ≥80%, not a 定性 text.
    printed = normalize_printed_value(value)
    split = parse_value(printed)
    value = normalize_text(value)  # what stays in the cell when we are unsure
    has_sign = isinstance(sign, str) and sign != ""
    has_unit = isinstance(unit, str) and unit != ""
    if split.sign == QUALITATIVE:
        return (sign if has_sign else QUALITATIVE), value, unit
    if has_unit and split.unit and split.unit != unit:
        return sign, value, unit  # two different units: a person must decide
    explicit = value.lstrip()[:1] in _SIGN_CHARS
    if has_sign and sign != QUALITATIVE and explicit and split.sign != sign:
        return sign, value, unit  # the cell and the text disagree on the sign
    if has_sign and sign == QUALITATIVE:
        return sign, value, unit  # the person chose 定性; leave the number as text
    new_sign = sign if has_sign else split.sign
    new_unit = unit if has_unit else (split.unit or unit)
    return new_sign, split.value, new_unit


def _sheet_changes(raw: RawSheet, spec: S.SheetSpec) -> list[CellChange]:
    # The derived 项目名称 is mended from 项目 (_name_changes), not cell by cell.
    index = {col.key: raw.columns[col.name] for col in spec.columns if col.name in raw.columns and not col.derived}
    changes: list[CellChange] = []
    is_indicators = spec.name == S.INDICATORS
    for rownum, cells in raw.rows:
        current = {key: (cells[i] if i < len(cells) else None) for key, i in index.items()}
        new: dict[str, Any] = {key: _strip(value) for key, value in current.items()}
        if is_indicators:
            sign, value, unit = _norm_sign(new.get("sign")), new.get("value"), _norm_unit(new.get("unit"))
            if value not in (None, "") and sign != QUALITATIVE:
                sign, value, unit = _split_indicator(sign, value, unit)
            new.update(sign=sign, value=value, unit=unit)
        for key, value in new.items():
            old = current[key]
            if value == old or (value in ("", None) and old in ("", None)):
                continue
            col = index[key]
            changes.append(CellChange(spec.name, S.cell_ref(rownum, col), rownum, col, old, value))
    return changes


def _name_changes(result: ReadResult, sheet: str) -> list[CellChange]:
    """项目名称 cells beside 项目编码 (blank ones too) that do not show the project's name in 项目."""
    mismatches = [
        (shown, name)
        for shown, name in name_mismatches(
            result.columns.project_codes, result.columns.projects.get("name"), result.facts
        )
        if shown.sheet == sheet
    ]
    if not mismatches:
        return []
    raw = result.book.sheets[sheet]
    col = raw.columns[S.column_name(sheet, S.PROJECT_NAME)]
    rows = dict(raw.rows)
    changes: list[CellChange] = []
    for shown, name in mismatches:
        cells = rows.get(shown.row, [])
        old = cells[col] if col < len(cells) else None
        changes.append(CellChange(sheet, S.cell_ref(shown.row, col), shown.row, col, old, name))
    return changes


def plan_fixes(source: ReadResult | RawBook) -> list[CellChange]:
    """Every safe change for the workbook's data sheets, in sheet then row order.

    From a :class:`ReadResult` also the 项目名称 shown beside 项目编码, set to the project's name in 项目.
    """
    book = source.book if isinstance(source, ReadResult) else source
    changes: list[CellChange] = []
    for spec in S.standard().sheets:
        raw = book.sheets.get(spec.name)
        if raw is None:
            continue
        on_sheet = _sheet_changes(raw, spec)
        if isinstance(source, ReadResult) and spec.name in (S.SCHEDULE, S.INDICATORS):
            on_sheet = sorted([*on_sheet, *_name_changes(source, spec.name)], key=lambda c: (c.row, c.col))
        changes.extend(on_sheet)
    return changes


def backup_path(book: str | Path, *, number: int = 0) -> Path:
    """``2021.xlsx`` → ``2021.bak.xlsx`` beside it; ``number=1`` → ``2021.bak1.xlsx`` …"""
    book = Path(book)
    return book.with_name(f"{book.stem}.bak{number or ''}{book.suffix}")


def keep_backup(book: str | Path) -> Path:
    """Copy ``book`` to the first free ``BOOK.bak.xlsx``, ``BOOK.bak1.xlsx`` …; returns it.

    An earlier backup is never replaced: a second ``fix --in-place`` must not lose
    the original.  The copy is made beside the book, then hard-linked to the free
    name, which is atomic and fails instead of replacing a file that appeared meanwhile.
    """
    book = Path(book)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{book.name}.", suffix=".tmp" + book.suffix, dir=book.parent)
        os.close(fd)
        tmp = Path(name)
    except OSError as exc:
        raise OutputError(f"{book}: cannot write a backup in {book.parent}: {exc.strerror}") from None
    try:
        shutil.copy2(book, tmp)
        for number in range(_MAX_BACKUPS):
            backup = backup_path(book, number=number)
            try:
                os.link(tmp, backup)
            except FileExistsError:
                continue
            except OSError:  # a file system without hard links
                if backup.exists():
                    continue
                os.replace(tmp, backup)
            return backup
        raise OutputError(f"{book}: {_MAX_BACKUPS} backups exist already; move some away")
    except OSError as exc:
        raise OutputError(f"{book}: cannot write a backup: {exc.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)


_MAX_BACKUPS = 1000


def apply_fixes(src: str | Path, changes: list[CellChange], *, out: str | Path) -> None:
    """Write ``src`` with ``changes`` applied to ``out`` (atomically), keeping formatting.

    ``out`` may equal ``src`` only through :func:`fix_in_place`, which keeps a backup.
    """
    import openpyxl

    src, out = Path(src), Path(out)
    if out.suffix.lower() != ".xlsx":
        raise OutputError(f"{out}: the output must be an .xlsx file")
    try:
        wb = openpyxl.load_workbook(src)
    except Exception as exc:  # openpyxl raises many kinds; the reader has vetted the file already
        raise InputError(f"cannot open for fixing: {exc}", path=src) from None
    for change in changes:
        ws = wb[change.sheet]
        cell = ws.cell(row=change.row, column=change.col + 1)
        cell.value = change.new
        if isinstance(change.new, str):
            cell.data_type = "s"  # text starting with = stays text, never a formula
    with atomic_path(out) as tmp:
        wb.save(tmp)


def fix_in_place(book: str | Path, changes: list[CellChange]) -> Path:
    """Keep a backup of ``book`` first (:func:`keep_backup`), then apply ``changes`` to it; returns the backup."""
    backup = keep_backup(book)
    apply_fixes(book, changes, out=book)
    return backup
