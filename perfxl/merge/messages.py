"""The merge's finding codes and their zh/en message templates.

Merge findings are not rules (they compare files, not cells): their templates
live here, and :func:`merge_finding` attaches them to each finding it makes.
"""

from __future__ import annotations

from typing import Any

from perfxl.core.findings import Finding, MessageTemplates, Severity

TEMPLATES: dict[str, MessageTemplates] = {}


def _templates(code: str, *, zh: str, en: str) -> None:
    TEMPLATES[code] = MessageTemplates(zh=zh, en=en)


_templates("merge-bad-input", zh="{file}：{reason}", en="{file}: {reason}")
_templates(
    "merge-year",
    zh="{file}：预算年度为 {year}，与 {ref_file} 的 {ref_year} 不同",
    en="{file}: budget year {year} differs from {ref_year} in {ref_file}",
)
_templates(
    "merge-taxonomy",
    zh="{file}：指标体系版本 {value}，与 {ref_file} 的 {ref_value} 不同",
    en="{file}: taxonomy {value} differs from {ref_value} in {ref_file}",
)
_templates(
    "merge-amount-unit",
    zh="{file}：金额单位“{value}”，与 {ref_file} 的“{ref_value}”不同",
    en="{file}: amount unit '{value}' differs from '{ref_value}' in {ref_file}",
)
_templates(
    "merge-division",
    zh="{file}：行政区划“{value}”，与 {ref_file} 的“{ref_value}”不同；合并结果采用后者",
    en="{file}: division '{value}' differs from '{ref_value}' in {ref_file}; the merge uses the latter",
)
_templates(
    "merge-unit-conflict",
    zh="单位 {value} 同时出现在 {files} 中且内容不同{outcome_zh}",
    en="unit {value} appears with different data in {files}{outcome_en}",
)
_templates(
    "merge-unit-duplicate",
    zh="单位 {value} 在 {files} 中内容完全相同，只保留一份（{kept}）",
    en="unit {value} is identical in {files}; kept once (from {kept})",
)
_templates(
    "merge-project-conflict",
    zh="项目编码 {value} 同时出现在 {files} 中且内容不同{outcome_zh}",
    en="project code {value} appears with different data in {files}{outcome_en}",
)
_templates(
    "merge-project-duplicate",
    zh="项目编码 {value} 在 {files} 中内容完全相同，只保留一份（{kept}）",
    en="project code {value} is identical in {files}; kept once (from {kept})",
)
_templates(
    "merge-same-goals",
    zh="不同单位的项目绩效目标文字完全相同：{places}",
    en="identical 绩效目标 text in different units' files: {places}",
)
_templates(
    "merge-same-indicators",
    zh="不同单位的项目绩效指标表完全相同：{places}",
    en="identical indicator tables in different units' files: {places}",
)


def outcome(on_conflict: str, kept: str) -> dict[str, str]:
    """The end of a conflict message: how to resolve it, or which file --on-conflict kept."""
    if on_conflict == "error":
        return {
            "outcome_zh": "；请改正，或用 --on-conflict first|last 指定保留哪个文件",
            "outcome_en": "; fix it, or choose a file with --on-conflict first|last",
        }
    return {
        "outcome_zh": f"；按 --on-conflict {on_conflict} 保留 {kept}",
        "outcome_en": f"; kept {kept} (--on-conflict {on_conflict})",
    }


def merge_finding(code: str, severity: Severity, **fields: Any) -> Finding:
    """A merge finding with its message templates attached."""
    return Finding(code=code, severity=severity, templates=TEMPLATES[code], **fields)
