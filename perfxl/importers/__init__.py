"""Import published performance-target documents (.docx, .html, .pdf, .xlsx/.xls, text).

``import_document(path)`` reads the file into blocks (:mod:`perfxl.importers.readers`)
and parses them with the one document parser (:mod:`perfxl.importers.document`),
which knows wording only through the label dictionary (``templates/labels.yaml``
plus a profile's and a user's additions) and regional conventions only through a
profile (``templates/profiles/``).
"""

from __future__ import annotations

from pathlib import Path

from perfxl.core.profile import load_profile
from perfxl.importers.document import ImportResult, parse_document
from perfxl.importers.labels import lexicon, read_labels_file
from perfxl.importers.readers import detect_format, read_document
from perfxl.importers.report import ImportProblem

__all__ = ["ImportProblem", "ImportResult", "detect_format", "import_document"]


def import_document(
    path: str | Path, *, labels: str | Path | None = None, profile: str | Path | None = None
) -> ImportResult:
    """Read a published document into a Dataset plus the import report.

    ``labels``: a YAML file of label additions (the format of templates/labels.yaml);
    ``profile``: a bundled profile's name (``hebei``, ``generic``) or a profile file —
    by default the bundled profile whose project-code pattern the document's codes
    match, else ``generic``.  Raises InputError (one line) when the file cannot be
    read or nothing in it can be imported.
    """
    chosen = load_profile(profile) if profile is not None else None
    additions = [chosen.labels] if chosen is not None and chosen.labels else []
    if labels is not None:
        additions.append(read_labels_file(labels))
    lex = lexicon(*additions, source=str(labels) if labels is not None else None)
    document = read_document(path)
    return parse_document(document, path=str(path), lex=lex, profile=chosen)
