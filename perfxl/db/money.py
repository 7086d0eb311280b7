"""Amounts in the database: whole hundredths of the amount unit, exactly."""

from __future__ import annotations

from decimal import Decimal

CENTS = Decimal(100)


def to_cents(amount: Decimal | None) -> int | None:
    """万元 → whole hundredths of 万元; ValueError if that would round."""
    if amount is None:
        return None
    cents = amount * CENTS
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} has more than two decimals")
    return int(cents)


def from_cents(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents) / CENTS
