"""The parts around the document body, as perfxl's and not python-docx's template's.

python-docx starts every document from its own template, which says it was
written by "python-docx" on 2013-12-23 with Word 2010 for the Mac, in Japanese
(``ja-JP`` as the East Asian language), and carries a thumbnail of an unrelated
page, a bibliography store and Word 2010's ``stylesWithEffects`` copy of the
styles — which no longer matches the styles perfxl sets and which a strict
OOXML check reports.  Here the properties say what the document is, who made it
and when, the language is Chinese, and the leftovers are dropped.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

AUTHOR = "perfxl"
LANGUAGE = "zh-CN"
LATIN_LANGUAGE = "en-US"
# Word 2010's extra copy of the styles, the template's thumbnail and bibliography store.
DROPPED_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
)
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
EXTENDED_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
# Only the facts that stay true: no page or word counts (Word recounts them), no
# application version of an application that did not write the file.
APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Application>perfxl</Application>"
    "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def document_time() -> dt.datetime:
    """Now, to the second, in UTC; ``SOURCE_DATE_EPOCH`` (reproducible builds) fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def set_properties(doc: Any, title: str) -> None:
    """Core and extended properties: title, author perfxl, today's dates, Chinese."""
    props = doc.core_properties
    when = document_time()
    props.title = title
    props.subject = title
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = ""
    props.keywords = "预算绩效目标"
    props.language = LANGUAGE
    props.revision = 1
    props.created = when
    props.modified = when
    app = doc.part.package.part_related_by(EXTENDED_PROPERTIES)
    app._blob = APP_XML.encode("utf-8")


def drop_template_leftovers(doc: Any) -> None:
    """Unlink the template's parts that do not belong to this document (unlinked parts are not saved)."""
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype in DROPPED_RELATIONSHIPS:
            del part.rels[rid]
    package_rels = part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == THUMBNAIL:
            del package_rels[rid]


def set_language(doc: Any) -> None:
    """Chinese as the East Asian language of the default text and of the theme fonts."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr is not None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LATIN_LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), LANGUAGE)
