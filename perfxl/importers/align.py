"""Match a row's cells to header columns by what they look like (text dumps lose the positions).

A text dump drops merged and empty cells, so ``数量指标 | 主体班培训人次 | 280人次``
under a six-column header must be placed by content: a known 二级 name fits the
二级 column, a ``≥`` the 指标性质 column, ``3,309,840.00`` an amount column.  Cells
keep their order; a small dynamic programme finds the placement that fits best.
A cell that fits nowhere is left out and reported by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence

from perfxl.importers.sheet import Kind, Kinds

NO = None  # a cell of these kinds never goes in this column
SKIP = -6.0  # leaving a cell out costs more than any poor fit


def fit(role: str, k: Kinds) -> float | None:
    """How well a cell of kinds ``k`` fits a column of ``role`` (higher is better; None: never)."""
    text_like = Kind.TEXT in k
    label = Kind.LEVEL1 in k or Kind.LEVEL2 in k
    match role:
        case "level1":
            if Kind.LEVEL1 in k:
                return 6.0 if Kind.LEVEL2 not in k else 3.0
            return -3.0 if Kind.LEVEL2 in k else (-1.0 if text_like else NO)
        case "level2":
            if Kind.LEVEL2 in k:
                return 5.0
            return -4.0 if Kind.LEVEL1 in k else (0.0 if text_like else NO)
        case "level3":
            if label:
                return -1.0
            return 2.0 if text_like else (-1.0 if Kind.VALUE in k or Kind.NUMBER in k else NO)
        case "description" | "basis" | "goals" | "purpose":
            return 1.0 if text_like and not label else (-1.0 if not (Kind.SIGN in k or Kind.DIRECTION in k) else NO)
        case "value":
            if Kind.MONEY in k and Kind.NUMBER not in k:
                return 1.0  # 3,309,840.00 is an amount, not a target
            if Kind.VALUE in k or Kind.NUMBER in k:
                return 4.0
            if Kind.SIGN in k or Kind.DIRECTION in k or label:
                return NO
            return 0.0 if k.length <= 16 else -2.0  # a qualitative value is short
        case "value_other":
            return 1.0 if Kind.VALUE in k or Kind.NUMBER in k else (-1.0 if text_like and not label else NO)
        case "sign":
            return 6.0 if Kind.SIGN in k else NO
        case "direction":
            return 6.0 if Kind.DIRECTION in k else NO
        case "unit":
            return 2.0 if Kind.SHORT in k else NO
        case "weight":
            return 2.0 if Kind.NUMBER in k else NO
        case "unit_name":
            return 4.0 if Kind.UNIT_LINE in k else (0.0 if text_like and not label else NO)
        case "name":
            return 1.0 if text_like and not label else NO
        case "total" | "fiscal" | "other":
            return 5.0 if Kind.MONEY in k else (3.0 if Kind.NUMBER in k else NO)
        case "code":
            return 3.0 if Kind.CODE in k else NO
        case _:
            return -2.0


def align(kinds: Sequence[Kinds], roles: Sequence[str]) -> tuple[list[int | None], float]:
    """For each cell, the index of its column (None: fits nowhere), and the placement's score.

    Order is kept: cell i+1 goes in a later column than cell i.  Among equal
    scores the placement nearer the right wins (a dump drops the leading, merged cells).
    """
    n, m = len(kinds), len(roles)
    neg = float("-inf")
    # best[i][j]: best score with the first i cells placed within the first j columns.
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    move: list[list[str]] = [[""] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0.0
    for i in range(1, n + 1):
        for j in range(m + 1):
            options: list[tuple[float, str]] = []
            if best[i - 1][j] > neg:
                options.append((best[i - 1][j] + SKIP, "skip"))
            if j > 0:
                if best[i][j - 1] > neg:
                    options.append((best[i][j - 1], "left"))
                score = fit(roles[j - 1], kinds[i - 1])
                if score is not None and best[i - 1][j - 1] > neg:
                    options.append((best[i - 1][j - 1] + score, "place"))
            if options:
                # Ties: placing here beats leaving the column empty (keeps cells to the right).
                rank = {"place": 2, "skip": 0, "left": 1}
                best[i][j], move[i][j] = max(options, key=lambda o: (o[0], rank[o[1]]))
    out: list[int | None] = [None] * n
    i, j = n, m
    while i > 0:
        step = move[i][j]
        if step == "place":
            out[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif step == "left":
            j -= 1
        else:
            i -= 1
    return out, best[n][m]


def positional_score(kinds: Sequence[Kinds | None], roles: Sequence[str]) -> float | None:
    """The score of taking cells where they stand (None for an empty position); None if impossible."""
    total = 0.0
    for k, role in zip(kinds, roles, strict=False):
        if k is None:
            continue
        score = fit(role, k)
        if score is None:
            return None
        total += score
    return total
