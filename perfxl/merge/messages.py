"""The merge's finding codes and their zh/en message templates.

Merge findings are not rules (they compare files, not cells), so their
templates are registered here, in the one module every merge step imports.
"""

from __future__ import annotations

from perfxl.core.findings import register_messages

register_messages("merge-bad-input", zh="{file}：{reason}", en="{file}: {reason}")
register_messages(
    "merge-year",
    zh="{file}：预算年度为 {year}，与 {ref_file} 的 {ref_year} 不同",
    en="{file}: budget year {year} differs from {ref_year} in {ref_file}",
)
register_messages(
    "merge-taxonomy",
    zh="{file}：指标体系版本 {value}，与 {ref_file} 的 {ref_value} 不同",
    en="{file}: taxonomy {value} differs from {ref_value} in {ref_file}",
)
register_messages(
    "merge-amount-unit",
    zh="{file}：金额单位“{value}”，与 {ref_file} 的“{ref_value}”不同",
    en="{file}: amount unit '{value}' differs from '{ref_value}' in {ref_file}",
)
register_messages(
    "merge-division",
    zh="{file}：行政区划“{value}”，与 {ref_file} 的“{ref_value}”不同；合并结果采用后者",
    en="{file}: division '{value}' differs from '{ref_value}' in {ref_file}; the merge uses the latter",
)
register_messages(
    "merge-unit-conflict",
    zh="单位 {value} 同时出现在 {files} 中且内容不同{outcome_zh}",
    en="unit {value} appears with different data in {files}{outcome_en}",
)
register_messages(
    "merge-unit-duplicate",
    zh="单位 {value} 在 {files} 中内容完全相同，只保留一份（{kept}）",
    en="unit {value} is identical in {files}; kept once (from {kept})",
)
register_messages(
    "merge-project-conflict",
    zh="项目编码 {value} 同时出现在 {files} 中且内容不同{outcome_zh}",
    en="project code {value} appears with different data in {files}{outcome_en}",
)
register_messages(
    "merge-project-duplicate",
    zh="项目编码 {value} 在 {files} 中内容完全相同，只保留一份（{kept}）",
    en="project code {value} is identical in {files}; kept once (from {kept})",
)
register_messages(
    "merge-same-goals",
    zh="不同单位的项目绩效目标文字完全相同：{places}",
    en="identical 绩效目标 text in different units' files: {places}",
)
register_messages(
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
