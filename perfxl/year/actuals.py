"""Read an actual value (实际完成值) the way people write it.

``96%``, ``９６％``, ``12次``, ``≤7万元``, ``1,200人`` are numbers with a unit;
``完成``, ``是`` are words; ``/`` and ``不适用`` mean the indicator does not apply.
The splitting is :mod:`perfxl.core.values`' (the same parser targets go
through), so an actual and its target are read alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from perfxl.core.values import QUALITATIVE, normalize_printed_value, normalize_text, parse_value, value_number

ActualKind = Literal["missing", "not-applicable", "number", "text"]
# Used when no settings are given; templates/settings.yaml (scoring.not_applicable) is the usual source.
DEFAULT_NOT_APPLICABLE: tuple[str, ...] = ("/", "／", "不适用")


@dataclass(frozen=True)
class Actual:
    """An actual as read: its kind, and for numbers the number, its unit and the sign written before it."""

    kind: ActualKind
    text: str = ""
    number: Decimal | None = None
    unit: str | None = None
    sign: str | None = None


def read_actual(text: str | None, *, not_applicable: tuple[str, ...] = DEFAULT_NOT_APPLICABLE) -> Actual:
    """Classify ``text``: missing, not applicable, a number (with unit) or a word.

    >>> read_actual("９６％")
    Actual(kind='number', text='96%', number=Decimal('96'), unit='%', sign='=')
    >>> read_actual("完成").kind
    'text'
    """
    if text is None or not text.strip():
        return Actual("missing")
    printed = normalize_printed_value(text.strip())
    if printed in not_applicable or text.strip() in not_applicable:
        return Actual("not-applicable", printed)
    sign, value, unit = parse_value(printed)
    number = value_number(value) if sign != QUALITATIVE else None
    if number is None:
        return Actual("text", normalize_text(text).strip())
    return Actual("number", printed, number, unit, sign)
