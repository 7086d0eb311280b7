"""README's rule reference is generated from the rule docstrings and must stay in sync."""

from __future__ import annotations

import re
from pathlib import Path

from perfxl.check.rules import reference_markdown

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", re.S)


def test_readme_rule_reference_matches_the_docstrings() -> None:
    text = README.read_text(encoding="utf-8")
    match = BLOCK.search(text)
    assert match, "README.md lacks the <!-- rules:start --> / <!-- rules:end --> markers"
    expected = reference_markdown()
    assert match.group(1).strip() == expected.strip(), (
        "README's rule reference is out of date: paste the output of `perfxl rules --format markdown` "
        "between <!-- rules:start --> and <!-- rules:end -->"
    )
