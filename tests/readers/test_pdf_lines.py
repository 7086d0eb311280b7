"""Joining a PDF's wrapped lines (perfxl.importers.readers.pdf_lines), on hand-made line geometry."""

from __future__ import annotations

from perfxl.importers.readers.pdf_lines import Line, body_edges, join_lines, joined, reaches


def _line(text: str, x0: float, x1: float, lead: float = 14.0) -> Line:
    # 14-point CJK characters: each 14 wide; no hanging mark.
    return Line(text, x0, x1, 14.0, x1, lead)


def test_a_line_is_wrapped_when_the_next_character_would_not_fit() -> None:
    # Text area ends at 519: 515.4 + 14 = 529.4 > 519.5, wrapped; 505 + 14 = 519 fits, a real break.
    assert reaches(_line("全", 71, 515.4), 519, _line("会", 71, 100))
    assert not reaches(_line("求。", 71, 505), 519, _line("会", 71, 100))


def test_a_character_and_the_mark_after_it_go_down_together() -> None:
    # "位，" cannot be parted: lead 28 wide; 491 + 28 = 519 > 505.5, so "…到" wrapped one short.
    assert reaches(_line("发放到", 71, 491), 505, _line("位，以", 71, 113, lead=28))


def test_contents_lines_are_never_joined() -> None:
    toc = _line("1.小额贷款担保基金绩效目标表.......", 95, 524)
    assert not reaches(toc, 519, _line("2.", 95, 200))


def test_cjk_joins_without_space_latin_words_with_one() -> None:
    assert joined("社会主义思想和党的十九届五次全", "会精神") == "社会主义思想和党的十九届五次全会精神"
    assert joined("the budget", "year") == "the budget year"
    # A number broken inside a narrow cell fills its line: no space.
    assert joined("8,82", "7,62") == "8,827,62"


def test_cell_lines_joined_into_paragraphs() -> None:
    lines = [_line("一二三", 10, 52), _line("四五", 10, 38), _line("六", 10, 24)]
    # Area ends at 52: 52 + 14 > 52.5 joins "四五"; 38 + 14 = 52 fits, so "六" starts a new line.
    assert join_lines(lines, 52) == "一二三四五\n六"


def test_body_edges_are_the_commonest_ends() -> None:
    lines = [_line("a", 99, 519), _line("b", 71, 519), _line("c", 71, 533.4), _line("d", 71, 300)]
    assert body_edges(lines) == (71.0, 519.0)
    # No two lines end at the same place: no full lines, so nothing counts as wrapped.
    assert body_edges([_line("a", 71, 300), _line("b", 71, 200)])[1] == float("inf")
