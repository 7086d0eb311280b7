"""Points (分值) per indicator: an indicator's own, or the level's default split to the fen.

Splits and rescalings are made in whole fen with the largest-remainder method, so
the points printed on a form always add up to the level's (or the project's)
total: 50 among three indicators is 16.67 + 16.67 + 16.66, never 3 × 16.67 = 50.01.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from perfxl.year.settings import ScoringSettings

FEN = Decimal("0.01")


def apportion(total: Decimal, parts: Sequence[Decimal]) -> list[Decimal]:
    """Divide ``total`` in proportion to ``parts``, in fen, adding up to ``total`` exactly.

    Each share is first cut down to the fen; the fen left over go one each to the
    shares that lost most in the cut (earlier ones first on a tie).

    >>> apportion(Decimal(50), [Decimal(1)] * 3)
    [Decimal('16.67'), Decimal('16.67'), Decimal('16.66')]
    """
    whole = sum(parts, Decimal(0))
    if not parts or whole <= 0:
        return [Decimal("0.00") for _ in parts]
    exact = [total * p / whole for p in parts]
    shares = [e.quantize(FEN, rounding=ROUND_DOWN) for e in exact]
    left = int((total.quantize(FEN) - sum(shares, Decimal(0))) / FEN)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += FEN
    return shares


def indicator_weights(
    levels: Sequence[str | None], own: Sequence[Decimal | None], settings: ScoringSettings
) -> list[Decimal | None]:
    """Each indicator's points: its own 分值, else an equal share of what its level has left.

    A level's default points (产出指标 50 …, 成本指标 sharing 产出指标's) minus the
    own 分值 given within that level are split equally among the level's
    indicators without one.  None: no own 分值 and a 一级指标 without default points.
    """
    result: list[Decimal | None] = list(own)
    groups: dict[str, list[int]] = {}
    if len(levels) != len(own):
        raise ValueError("one level per indicator weight")
    for i, level1 in enumerate(levels):
        level = settings.level_of(level1)
        if level is not None:
            groups.setdefault(level, []).append(i)
    for level, members in groups.items():
        given = sum((w for i in members if (w := own[i]) is not None), Decimal(0))
        missing = [i for i in members if own[i] is None]
        rest = max(Decimal(0), settings.level_weights[level] - given)
        for i, share in zip(missing, apportion(rest, [Decimal(1)] * len(missing)), strict=True):
            result[i] = share
    return result
