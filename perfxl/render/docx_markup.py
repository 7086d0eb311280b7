"""WordprocessingML written in the form Word itself writes, so that a strict OOXML check passes.

- Table rows: ``<w:cantSplit/>`` keeps a row on one page; ``<w:tblHeader/>``
  repeats a header row on every page.  Both are on/off properties whose
  presence means on: Word writes them without ``w:val`` (the Open XML SDK's
  schema allows only ``on``/``off`` there, not ``true``).  In ``w:trPr``
  Word writes cantSplit before trHeight before tblHeader.
- Settings: ``w:settings`` is a sequence; ``w:updateFields`` has its own
  place in it (before ``w:compat`` and the rest), not at the end.
"""

from __future__ import annotations

from typing import Any

# The row properties perfxl writes, in Word's order inside w:trPr.
ROW_PROPERTY_ORDER = ("cantSplit", "trHeight", "tblHeader")
# CT_Settings children that come after w:updateFields (ECMA-376 Part 1, 17.15.1.78).
AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)  # fmt: skip
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _set_row_flag(tr: Any, name: str) -> None:
    from docx.oxml import OxmlElement

    tr_pr = tr.get_or_add_trPr()
    if tr_pr.find(f"{{{W_NS}}}{name}") is not None:
        return
    rank = ROW_PROPERTY_ORDER.index(name)
    later = [c for c in tr_pr if _local(c.tag) in ROW_PROPERTY_ORDER[rank + 1 :]]
    flag = OxmlElement(f"w:{name}")
    if later:
        later[0].addprevious(flag)
    else:
        tr_pr.append(flag)


def keep_rows_whole(table: Any, *, header_rows: int = 0, keep_with_next: int = 0) -> None:
    """No row of ``table`` splits across pages; the first ``header_rows`` repeat on each page.

    The first ``keep_with_next`` rows stay on the page of the row after them — Word's
    way (and LibreOffice's reading of it) to keep a table, or a header and its first
    row, together: "keep with next" on every paragraph of those rows.
    """
    for i, tr in enumerate(table._tbl.tr_lst):
        _set_row_flag(tr, "cantSplit")
        if i < header_rows:
            _set_row_flag(tr, "tblHeader")
        if i < keep_with_next:
            for p in tr.iter(f"{{{W_NS}}}p"):
                p.get_or_add_pPr().keepNext_val = True


def update_fields_on_open(doc: Any) -> None:
    """Ask Word to refresh fields (the TOC's page numbers) on opening: ``w:updateFields`` in its place."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = doc.settings.element
    existing = settings.find(qn("w:updateFields"))
    if existing is not None:
        settings.remove(existing)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # Before the first later sibling; extension elements (w14:, w15:) come last of all.
    for child in settings:
        if _local(child.tag) in AFTER_UPDATE_FIELDS or not child.tag.startswith(f"{{{W_NS}}}"):
            child.addprevious(update)
            return
    settings.append(update)


def gap_paragraph(doc: Any) -> Any:
    """A paragraph only 1 pt high: keeps two tables apart (Word and LibreOffice would join
    adjacent tables into one) without opening a visible gap between them."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    para = doc.add_paragraph()
    fmt = para.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    fmt.keep_with_next = True
    # The paragraph mark's own size, else an empty paragraph is as tall as Normal's 14 pt.
    mark = para._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    rpr.append(size)
    mark.append(rpr)
    return para
