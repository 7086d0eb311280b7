"""Properties of splitting points in fen: shares add up exactly and stay within a fen of the exact share."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from perfxl.year import apportion

parts = st.lists(st.integers(min_value=1, max_value=5000).map(lambda n: D(n) / 100), min_size=1, max_size=30)
totals = st.integers(min_value=0, max_value=100_00).map(lambda n: D(n) / 100)


@given(totals, parts)
def test_shares_add_up_and_stay_close(total: D, weights: list[D]) -> None:
    shares = apportion(total, weights)
    assert sum(shares, D(0)) == total
    whole = sum(weights, D(0))
    for share, weight in zip(shares, weights, strict=True):
        assert share == share.quantize(D("0.01"))
        assert abs(share - total * weight / whole) < D("0.01")


@given(totals, st.integers(min_value=1, max_value=40))
def test_equal_parts_differ_by_at_most_a_fen_earlier_first(total: D, n: int) -> None:
    shares = apportion(total, [D(1)] * n)
    assert max(shares) - min(shares) <= D("0.01")
    assert shares == sorted(shares, reverse=True)
