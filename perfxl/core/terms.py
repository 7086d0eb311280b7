"""The fixed vocabulary of the model: parts, signs, plan checkpoints, the amount unit, placeholder codes.

Plain values and functions, no pydantic: the reader and the rules use them
without importing the model classes (``perfxl validate`` never builds them).
"""

from __future__ import annotations

PARTS: tuple[str, ...] = ("总体绩效目标", "分项绩效目标", "工作保障措施")
SIGNS: tuple[str, ...] = ("=", "≥", ">", "≤", "<", "定性")
# The four checkpoints of the bundled example's plan, by their old key names (still used by
# the workbook and the interchange format of schema_version 1).
CHECKPOINTS: tuple[str, ...] = ("mar", "jun", "oct", "dec")
CHECKPOINT_LABELS: dict[str, str] = {"mar": "3月底", "jun": "6月底", "oct": "10月底", "dec": "12月底"}
CHECKPOINT_MONTHS: dict[str, int] = {"mar": 3, "jun": 6, "oct": 10, "dec": 12}
DEFAULT_AMOUNT_UNIT = "万元"
# A project code made up by the importer for a project published without one: this prefix,
# then ten hex digits of a hash of unit and project name (stable across runs and machines).
PLACEHOLDER_PREFIX = "待补-"


def month_label(month: int) -> str:
    """``3`` → ``3月底`` (a plan checkpoint: cumulative percentage spent by the end of that month)."""
    return f"{month}月底"


def placeholder_code(unit: str | None, name: str | None) -> str:
    """The stable stand-in code for a project published without 项目编码.

    >>> placeholder_code("中共黄石市委党校", "主体班")
    '待补-354F730773'
    """
    import hashlib  # here: only importers make codes, and OpenSSL's start-up is not free

    digest = hashlib.sha256(f"{unit or ''}\x1f{name or ''}".encode()).hexdigest()
    return PLACEHOLDER_PREFIX + digest[:10].upper()


def is_placeholder_code(code: str | None) -> bool:
    return code is not None and code.startswith(PLACEHOLDER_PREFIX)
