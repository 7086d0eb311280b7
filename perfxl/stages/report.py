"""Plain-text lines for the stage commands (the CLI prints them; the library never does)."""

from __future__ import annotations

from decimal import Decimal

from perfxl.stages.refresh import RefreshReport
from perfxl.stages.score import WorkbookScores

_STAGE_NAMES = {"monitor": "执行监控", "evaluate": "绩效自评"}


def _key(key: tuple[str, int | None]) -> str:
    code, seq = key
    return code if seq is None else f"{code} #{seq}"


def refresh_lines(report: RefreshReport) -> list[str]:
    """What a refresh did, one fact a line; problems worth a look start with "!"."""
    stage = _STAGE_NAMES[report.stage] + (f" 1-{report.month}月" if report.month else "")
    lines: list[str] = []
    if report.created:
        lines.append(f"{report.output}: added {', '.join(report.created)} ({stage})")
    if report.refreshed:
        lines.append(
            f"{report.output}: refreshed {', '.join(report.refreshed)} ({stage}); "
            f"{report.kept} row(s) kept with what was typed"
        )
    for sheet, key in report.added:
        lines.append(f"{sheet}: new row for {_key(key)} (added to the targets since)")
    for sheet, key in report.orphans:
        lines.append(f"! {sheet}: {_key(key)} is no longer in the targets; its row is kept at the end, shaded")
    for sheet, key in report.repeated:
        lines.append(f"! {sheet}: a second row for {_key(key)}; kept at the end, shaded — merge it by hand")
    for c in report.changed:
        lines.append(f"! {c.sheet}: {_key(c.key)} {c.column} was {c.old!r}, the targets now say {c.new!r}")
    if report.month_changed:
        old, new = report.month_changed
        lines.append(f"! the monitoring month changed from {old} to {new}: update the 1-{new}月 figures")
    if report.backup is not None:
        lines.append(f"the original is kept as {report.backup}")
    return lines


def _num(value: Decimal | None) -> str:
    return "—" if value is None else str(value)


def score_lines(scores: WorkbookScores, lang: str = "zh") -> list[str]:
    """Per project: execution, total and grade; then every indicator that did not get a score, and why."""
    names = {p.code: p.name or "" for p in scores.dataset.projects}
    lines = [f"{scores.path}"]
    for project in scores.projects:
        e = project.execution
        total = f"{project.total} {project.grade}" if project.total is not None else "— (incomplete)"
        rate = f"{e.rate}%" if e.rate is not None else "—"
        lines.append(
            f"  {project.code} {names[project.code]}: 执行率 {rate} → {_num(e.score)}/{e.weight}; 总分 {total}"
        )
        if e.reason is not None:
            lines.append(f"    ! 执行率: {e.reason.message(lang)}")
        if e.over_budget:
            lines.append("    ! 全年执行数 above the budget: scored as 100 %")
        for item in project.indicators:
            if item.status in ("unscorable", "needs-judgement") and item.reason is not None:
                lines.append(f"    ! #{item.seq} {item.status}: {item.reason.message(lang)}")
            if item.over_target:
                lines.append(f"    ! #{item.seq} far above its target: was the target set too low?")
    scored = [p for p in scores.projects if p.total is not None]
    lines.append(f"  {len(scored)} of {len(scores.projects)} project(s) scored")
    return lines


def incomplete(scores: WorkbookScores) -> bool:
    """Whether any project lacks a total or spent more than its budget (exit code 1)."""
    return any(p.total is None or p.execution.over_budget for p in scores.projects)
