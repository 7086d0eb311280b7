"""Fidelity on the real published document: import → render → compare with the original.

- text: the rendered .txt matches the original (Word TC field codes, whitespace
  and the trailing page number aside) at a difflib ratio ≥ 0.99, and every value
  string of the original appears in it;
- Word: render .docx → import that .docx → the same Dataset (a full round trip).
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from perfxl.core.model import Dataset
from perfxl.importers import import_document
from perfxl.render import render
from perfxl.render.text import render_text
from tests.conftest import SHARED_DOC

_TC = re.compile(r"\s*TC\s[^\n]*?\\f\s+\w\s+\\l\s+\d+")
# Cells of the original that hold a value: numbers, percentages, targets such as ≥80% or ≤8万元.
_VALUE_CELL = re.compile(r"^\t([≥≤><]?\d[\d.,]*\S*)\s*$")


def _normalized(text: str) -> str:
    return re.sub(r"\s+", "", _TC.sub("", text))


@cache
def _shared() -> Dataset:
    result = import_document(SHARED_DOC)
    assert result.problems == []
    return result.dataset


def test_rendered_text_matches_the_published_document() -> None:
    original = SHARED_DOC.read_text(encoding="utf-8")
    rendered = render_text(_shared())
    # autojunk off: on texts this long difflib's heuristic would junk the commonest characters.
    ratio = difflib.SequenceMatcher(None, _normalized(original), _normalized(rendered), autojunk=False).ratio()
    assert ratio >= 0.99, ratio


def test_every_value_string_of_the_original_appears() -> None:
    original = SHARED_DOC.read_text(encoding="utf-8").splitlines()
    rendered = set(render_text(_shared()).splitlines())
    values = [m.group(1) for line in original if (m := _VALUE_CELL.match(line))]
    assert len(values) > 300  # codes, amounts, the plan and 179 indicator values
    missing = []
    for value in values:
        if "\t" + value in rendered:
            continue
        try:
            # An amount printed with its two places (0 → 0.00) is the same value.
            if "\t" + str(Decimal(value).quantize(Decimal("0.01"))) in rendered:
                continue
        except InvalidOperation:
            pass
        missing.append(value)
    assert missing == []
    # Qualitative and all other indicator values, as the importer read them (exactly as written).
    printed = {"\t" + ind.printed for p in _shared().projects for ind in p.indicators if ind.printed}
    assert printed <= rendered


def test_rendered_text_imports_back_to_the_same_dataset(tmp_path: Path) -> None:
    out = render(_shared(), tmp_path / "weixian.txt")
    result = import_document(out)
    assert result.problems == []
    assert result.dataset == _shared()


def test_word_round_trip_gives_the_same_dataset(tmp_path: Path) -> None:
    out = render(_shared(), tmp_path / "weixian.docx")
    result = import_document(out)
    assert result.problems == []
    assert result.dataset == _shared()
    assert len(result.dataset.projects) == 24 and result.dataset.indicator_count() == 179
