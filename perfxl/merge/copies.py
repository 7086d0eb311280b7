"""Copy-paste between units: the same 绩效目标 text or indicator table in different units' files (info)."""

from __future__ import annotations

from perfxl.core.copies import IndicatorTableKey, indicator_table_key
from perfxl.core.findings import Finding
from perfxl.core.model import Project
from perfxl.merge.compatibility import Loaded
from perfxl.merge.conflicts import UnitKey, UnitPart
from perfxl.merge.messages import merge_finding


def cross_unit_findings(chosen: dict[UnitKey, UnitPart], loaded: list[Loaded]) -> list[Finding]:
    """Info: the same 绩效目标 text or indicator table in different units' files."""
    names = [x.source.name for x in loaded]
    goals: dict[str, list[tuple[int, str, Project]]] = {}
    tables: dict[IndicatorTableKey, list[tuple[int, str, Project]]] = {}
    for key, part in chosen.items():
        for p in part.projects:
            place = (part.file_index, key[0], p)
            if p.goals and p.goals.strip():
                goals.setdefault("".join(p.goals.split()), []).append(place)
            table = indicator_table_key(p)  # the duplicate-indicator-table rule's definition
            if table is not None:
                tables.setdefault(table, []).append(place)
    out: list[Finding] = []
    for code, groups in (("merge-same-goals", goals), ("merge-same-indicators", tables)):
        for places in groups.values():
            if len({(f, u) for f, u, _ in places}) < 2 or len({f for f, _, _ in places}) < 2:
                continue
            text = "；".join(f"{names[f]} {u or '-'} {p.code}" for f, u, p in places[:5])
            if len(places) > 5:
                text += f" …(+{len(places) - 5})"
            out.append(
                merge_finding(
                    code,
                    "info",
                    project_code=places[0][2].code,
                    value=places[0][2].code,
                    ctx={"places": text},
                )
            )
    return out
