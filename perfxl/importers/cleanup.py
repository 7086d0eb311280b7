"""Text clean-up every reader and the parser share: Word field codes, cell paragraphs."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Word table-of-contents entries: ` TC "text" \f A \l 1 ` (quotes and braces optional).
_TC_FIELD = re.compile(r"\s*\{?\s*\bTC\s+(?:\"[^\"]*\"|[^\\{}\n]*?)\s*(?:\\[a-zA-Z](?:\s+[^\s\\{}]+)?\s*)+\}?")


def strip_field_codes(text: str) -> str:
    return _TC_FIELD.sub("", text)


def clean_cell_text(lines: Sequence[str]) -> str:
    """Join a cell's paragraphs, trimming each and dropping empty ones."""
    kept = [strip_field_codes(line).strip() for line in lines]
    return "\n".join(line for line in kept if line)
