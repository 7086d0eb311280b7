"""Start next year's workbook from this year's: ``perfxl rollover``.

Units, department goals and projects are carried over with their codes; every
indicator is kept, with this year's printed value as 上年指标值 so that next
year's target can be set against it.  Money and the spending plan are cleared
(next year's budget is not known yet) unless asked to keep them.  Columns people
added to a sheet (备注, 责任科室 …, a row's ``extra``) are carried over with their rows.  The
indicator taxonomy switches to the new year's version; pairs the new version
maps (e.g. v2015 产出指标/成本指标 → v2021 成本指标/经济成本指标) are renamed, and
every indicator whose 一级/二级 the new version does not know is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from perfxl.core.errors import PerfxlError
from perfxl.core.model import Budget, Dataset, Indicator, Project, Schedule
from perfxl.core.taxonomy import Taxonomy, default_version, load_taxonomy

Status = Literal["remapped", "unmappable", "deprecated"]


@dataclass(frozen=True)
class Remap:
    """What rollover did to (or found about) one indicator's category."""

    status: Status
    project_code: str
    number: int  # 序号 within the project, from 1
    level3: str | None
    old: tuple[str | None, str | None]
    new: tuple[str | None, str | None]

    def line(self) -> str:
        where = f"{self.project_code} #{self.number} {self.level3 or ''}".rstrip()
        old = "/".join(n or "" for n in self.old)
        if self.status == "remapped":
            return f"remapped    {where}: {old} → {'/'.join(n or '' for n in self.new)}"
        if self.status == "deprecated":
            return f"deprecated  {where}: {old} is deprecated in the new taxonomy (kept)"
        return f"unmappable  {where}: {old} is not in the new taxonomy (kept as is; fix it by hand)"


@dataclass(frozen=True)
class RolloverResult:
    dataset: Dataset
    old_taxonomy: str
    new_taxonomy: str
    remaps: tuple[Remap, ...]


def _known(tax: Taxonomy, level1: str | None, level2: str | None) -> bool:
    """Whether (一级, 二级) exists in ``tax`` after aliases, with the 二级 under that 一级."""
    l1, l2 = tax.canonical1(level1), tax.canonical2(level2)
    return l1 is not None and l2 is not None and tax.parent_of(l2) == l1


def _roll_indicator(
    ind: Indicator, old_tax: Taxonomy, new_tax: Taxonomy, mapping: dict[tuple[str, str], tuple[str, str]]
) -> tuple[Indicator, Status | None]:
    printed = ind.printed
    # A new year starts without this year's monitoring and self-evaluation.
    ind = ind.model_copy(update={"previous_value": printed or None, "monitor": None, "evaluation": None})
    old_pair = (old_tax.canonical1(ind.level1) or ind.level1, old_tax.canonical2(ind.level2) or ind.level2)
    if old_pair[0] is not None and old_pair[1] is not None:
        target = mapping.get((old_pair[0], old_pair[1]))
        if target is not None:
            return ind.model_copy(update={"level1": target[0], "level2": target[1]}), "remapped"
    if not _known(new_tax, ind.level1, ind.level2):
        return ind, "unmappable"
    canonical2 = new_tax.canonical2(ind.level2)
    if canonical2 is not None and new_tax.is_deprecated(canonical2):
        return ind, "deprecated"
    return ind, None


def rollover(dataset: Dataset, *, year: int, keep_amounts: bool = False, taxonomy: str | None = None) -> RolloverResult:
    """Next year's dataset from ``dataset``, and a report of indicator categories touched."""
    if dataset.year is not None and year <= dataset.year:
        raise PerfxlError(f"--year {year} must be after the workbook's budget year {dataset.year}")
    old_version = dataset.taxonomy or default_version(dataset.year)
    new_version = taxonomy or default_version(year)
    try:
        old_tax, new_tax = load_taxonomy(old_version), load_taxonomy(new_version)
    except KeyError as exc:
        raise PerfxlError(str(exc.args[0])) from None
    mapping = new_tax.mappings.get(old_version, {}) if old_version != new_version else {}
    remaps: list[Remap] = []
    projects: list[Project] = []
    for project in dataset.projects:
        indicators = []
        for number, ind in enumerate(project.indicators, start=1):
            rolled, status = _roll_indicator(ind, old_tax, new_tax, mapping)
            indicators.append(rolled)
            if status is not None:
                remaps.append(
                    Remap(
                        status,
                        project.code,
                        number,
                        ind.level3,
                        (ind.level1, ind.level2),
                        (rolled.level1, rolled.level2),
                    )
                )
        update: dict[str, object] = {"indicators": tuple(indicators), "monitor": None, "evaluation": None}
        if not keep_amounts:
            # The plan row stays (empty), with the columns people added to it.
            update |= {"budget": Budget(), "schedule": Schedule(extra=project.schedule.extra)}
        projects.append(project.model_copy(update=update))
    rolled_dataset = dataset.model_copy(update={"year": year, "taxonomy": new_version, "projects": tuple(projects)})
    return RolloverResult(rolled_dataset, old_version, new_version, tuple(remaps))
