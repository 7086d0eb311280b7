"""Parse and print indicator values, decimals and percentages.

One printer (:func:`format_value`) and one parser (:func:`parse_value`) so that
``format_value(*parse_value(s)) == s`` for every string ``s``: text that does not
look like ``[sign]number[unit]`` is kept whole as a qualitative (定性) value.
That exactness is what lets an importer keep a document "as written".
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

QUANT_SIGNS = ("≥", "≤", ">", "<")
QUALITATIVE = "定性"

# Signs people type that mean a standard one (full-width look-alikes, ASCII pairs).
LOOKALIKE_SIGNS: dict[str, str] = {
    "≧": "≥",
    "≦": "≤",
    "＞": ">",
    "＜": "<",
    "＝": "=",
    ">=": "≥",
    "<=": "≤",
    "=>": "≥",
    "=<": "≤",
    "＞＝": "≥",
    "＜＝": "≤",
}

# sign? number unit?  — the number may carry thousands separators as written.
_VALUE_RE = re.compile(r"^(?P<sign>[≥≤><])?(?P<num>-?\d[\d,]*(?:\.\d+)?)(?P<unit>[^\d\s]*)\Z")
_NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?\Z")
# A printed value as people type it: any sign above (two-character ones first), spaces between the parts.
_TYPED_RE = re.compile(
    r"(?P<sign>＞＝|＜＝|>=|<=|=>|=<|[≧≦＞＜＝≥≤><=])?\s*(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[^\d\s]*)"
)


class SplitValue(NamedTuple):
    sign: str | None
    value: str | None
    unit: str | None


def parse_value(text: str | None) -> SplitValue:
    """Split a printed target into (sign, value, unit).

    >>> parse_value("≥80%")
    SplitValue(sign='≥', value='80', unit='%')
    >>> parse_value("100%")
    SplitValue(sign='=', value='100', unit='%')
    >>> parse_value("是")
    SplitValue(sign='定性', value='是', unit=None)
    """
    if text is None or text == "":
        return SplitValue(None, None, None)
    m = _VALUE_RE.match(text)
    if m is None or ("," in m["num"] and not re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", m["num"])):
        return SplitValue(QUALITATIVE, text, None)
    return SplitValue(m["sign"] or "=", m["num"], m["unit"] or None)


def normalize_printed_value(text: str) -> str:
    """The standard printed form of a target typed with look-alike signs, full-width digits or spaces.

    ``≧80%`` → ``≥80%``, ``＞５次`` → ``>5次``, ``＝100％`` → ``100%``, ``≥ 80 %`` → ``≥80%``.
    Text that is not ``[sign]number[unit]`` even then only gets :func:`normalize_text`,
    so ``parse_value`` still calls it 定性.  (``parse_value`` itself stays exact.)

    >>> normalize_printed_value(" ≧ ８０ ％ ")
    '≥80%'
    >>> normalize_printed_value("达到预期")
    '达到预期'
    """
    folded = normalize_text(text)
    m = _TYPED_RE.fullmatch(folded.strip())
    if m is None:
        return folded
    sign = LOOKALIKE_SIGNS.get(m["sign"], m["sign"])  # None prints like "=": no sign
    printed = format_value(sign, m["num"], m["unit"])
    return printed if parse_value(printed).sign != QUALITATIVE else folded


def format_value(sign: str | None, value: str | None, unit: str | None) -> str:
    """Print a target the way documents do: no sign for ``=``, none for 定性."""
    if sign == QUALITATIVE:
        return value or ""
    prefix = "" if sign in (None, "=") else sign
    return f"{prefix}{value or ''}{unit or ''}"


def value_number(value: str | None) -> Decimal | None:
    """The numeric part of an indicator value, or None when it is not a number."""
    if value is None:
        return None
    text = value.replace(",", "")
    if not _NUMBER_RE.match(text):
        return None
    return Decimal(text)


def normalize_decimal(value: Decimal) -> Decimal:
    """Give a decimal at least two places (``10`` → ``10.00``) without rounding.

    A value with more places keeps them, so the validator can still see
    ``10.123`` and say so, rather than the reader silently rounding it.
    """
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    two = value.quantize(_CENT)
    if two == value:  # no information past two places (covers 25.0000 too)
        return two
    return value.normalize()  # trailing zeros past two places carry nothing


_CENT = Decimal("0.01")


_FULL_WIDTH = {
    code: code - 0xFEE0
    for code in range(0xFF01, 0xFF5F)
    if chr(code - 0xFEE0).isalnum() or chr(code - 0xFEE0) in "%.+-"
}


def normalize_text(text: str) -> str:
    """Full-width digits, letters and ％．＋－ to ASCII, keeping everything else.

    Only the full-width forms block (U+FF01–FF5E) is folded: ≥/≤, Chinese
    punctuation such as ，。（）and meaningful look-alikes such as m², CO₂ or ①
    stay exactly as typed.
    """
    return text.translate(_FULL_WIDTH)


def parse_decimal(text: str) -> Decimal:
    """Parse a decimal typed as text: spaces, full-width digits and separators accepted.

    Raises ValueError with a readable reason.
    """
    cleaned = normalize_text(text).strip().replace(",", "").replace("，", "")
    if not _NUMBER_RE.match(cleaned.lstrip("+")):
        raise ValueError(f"expected a number, found {text!r}")
    return Decimal(cleaned)  # the pattern admits only what Decimal reads


def float_to_decimal(number: float | int) -> Decimal:
    """Exact decimal for a number read from a spreadsheet cell.

    ``str(float)`` gives the shortest repr that round-trips, which is what the
    person typed (58.05 stays 58.05, not 58.0499999…).
    """
    if isinstance(number, bool):
        raise ValueError("expected a number, found TRUE/FALSE")
    return Decimal(str(number)) if isinstance(number, float) else Decimal(number)


def parse_percent(text: str) -> Decimal:
    """``"25%"``, ``"25.00%"``, ``"２５％"`` or ``"25"`` → ``Decimal("25")``."""
    cleaned = normalize_text(text).strip()
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1].strip()
    return parse_decimal(cleaned)


def format_percent(value: Decimal | None) -> str:
    """``Decimal("25")`` → ``"25.00%"``; None → ``""``."""
    if value is None:
        return ""
    return f"{normalize_decimal(value)}%"


def format_decimal(value: Decimal | None) -> str:
    return "" if value is None else str(normalize_decimal(value))


def number_text(number: float | int) -> str:
    """Text for a number typed into a text column: ``80.0`` → ``"80"``."""
    dec = float_to_decimal(number)
    if dec == dec.to_integral_value():
        return str(dec.quantize(Decimal(1)))
    return format(dec.normalize(), "f")


# Thousands separators only in groups of three before the point: 1,234.50 (never 1.234,50 or 12,34).
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?\Z")
_PLAIN = re.compile(r"^[+-]?\d+(?:\.\d+)?\Z")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+(?:\.\d{3})*,\d+\Z")
_UNIT_SUFFIX = re.compile(r"^(?P<num>[+-]?[\d,.]+)\s*(?P<unit>亿元|万元|千元|元|万|%)\Z")


def strict_decimal(text: str) -> Decimal:
    """A number typed as text, read only when it can mean one thing.

    Full-width digits and spaces are accepted and ``,`` (or ``，``) only as a thousands
    separator in groups of three (``1,234.50``).  A decimal comma (``1.234,50``), a
    misplaced separator (``12,34``) or a unit typed after the number (``10万元``) raises
    ValueError saying so — never read as some other number.  (:func:`parse_decimal`,
    which strips every comma, stays for the importers' lenient reading.)
    """
    cleaned = normalize_text(text).strip().replace("，", ",").replace(" ", "")
    if _PLAIN.match(cleaned) or _GROUPED.match(cleaned):
        return Decimal(cleaned.replace(",", ""))  # Decimal reads a leading + itself
    if _DECIMAL_COMMA.match(cleaned) or ("," in cleaned and _PLAIN.match(cleaned.replace(",", ""))):
        raise ValueError(
            f"{text!r} has a decimal comma or a misplaced thousands separator; "
            "write the point as '.' and group thousands by three (1,234.50 or 1234.50)"
        )
    suffix = _UNIT_SUFFIX.match(cleaned)
    if suffix and suffix["unit"] != "%":
        raise ValueError(f"{text!r} has a unit after the number; type the number alone in the workbook's 金额单位")
    raise ValueError(f"expected a number, found {text!r}")
