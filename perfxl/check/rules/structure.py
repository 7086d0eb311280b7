"""Structure: sheets and header rows (found by the reader, reported through these rules)."""

from __future__ import annotations

from perfxl.check.rules.base import Rule


class MissingSheet(Rule):
    """A standard sheet (基本信息, 单位, 部门目标, 项目, 支出计划, 绩效指标) is missing.

    PASS: the workbook has all six sheets written by `perfxl new`.
    FAIL: sheet 支出计划 was deleted (a renamed sheet that keeps its columns is renamed-sheet).
    """

    code = "missing-sheet"
    severity = "error"
    zh = "缺少工作表“{sheet}”"
    en = "sheet '{sheet}' is missing"
    from_reader = True


class RenamedSheet(Rule):
    """A standard sheet is missing and another sheet has its columns (renamed?); that sheet is not read.

    PASS: the projects are on a sheet named 项目.
    FAIL: sheet 项目 was renamed to 项目表 (its header still has 项目编码, 项目名称, 预算数 …).
    """

    code = "renamed-sheet"
    severity = "error"
    zh = "缺少工作表“{sheet}”；工作表“{value}”有它的列，是否改了名？"
    en = "sheet '{sheet}' is missing; sheet '{value}' has its columns — renamed?"
    from_reader = True


class HeaderRow(Rule):
    """A sheet's header row is not row 1 (a title row above it, say); the sheet is not read.

    PASS: 项目 has its column names on row 1 and data from row 2.
    FAIL: a title 2021年项目表 on row 1 and the column names on row 2.
    """

    code = "header-row"
    severity = "error"
    zh = "表头在第 {value} 行，应在第 1 行：删去其上方的行"
    en = "the header is on row {value}, not row 1: delete the rows above it"
    from_reader = True


class MissingColumn(Rule):
    """A required column is missing from a sheet's header row (row 1).

    PASS: 项目 has the header 预算数.
    FAIL: 项目 has 预算金额 instead of 预算数.
    """

    code = "missing-column"
    severity = "error"
    zh = "工作表“{sheet}”缺少列“{column}”"
    en = "sheet '{sheet}' lacks the column '{column}'"
    from_reader = True


class DuplicateHeader(Rule):
    """The same column name appears twice in a header row; only the first is read.

    PASS: 绩效指标 has one column 指标值.
    FAIL: 绩效指标 has 指标值 in both I1 and L1.
    """

    code = "duplicate-header"
    severity = "error"
    zh = "列名“{column}”重复出现（{cell}），只读取第一列"
    en = "column '{column}' appears twice ({cell}); only the first is read"
    from_reader = True


class UnknownColumn(Rule):
    """A header the standard does not know whose contents are not read: a renamed standard column, or no values.

    PASS: only the standard columns, in any order (a note column such as 备注 with values is extra-column).
    FAIL: 项目 has 预算金额 (holding the budgets) instead of 预算数: missing-column, and this column is not read.
    FAIL: a column with values but no header, or an extra header 备注 with no values under it.
    """

    code = "unknown-column"
    severity = "warning"
    zh = "未知列“{value}”，其内容不会被读取"
    en = "unknown column '{value}': its contents are not read"
    from_reader = True


class ExtraColumn(Rule):
    """A column a person added beside the standard ones (备注, 责任科室 …); its values are kept as they are.

    Kept through export, build, merge and rollover (written after the standard columns), unless the sheet
    lacks one of its standard columns: then the column is taken for that one renamed (unknown-column).
    PASS: only the standard columns.
    FAIL: 项目 has a column 备注 with notes in it (reported once, as information).
    """

    code = "extra-column"
    severity = "info"
    zh = "列“{value}”不属于标准，其内容会原样保留"
    en = "column '{value}' is not part of the standard; its values are kept as they are"
    from_reader = True


class UnknownInfoKey(Rule):
    """A row or cell on 基本信息 outside its key/value pairs (columns A/B); it is not read.

    PASS: 基本信息 holds only 预算年度, 行政区划代码, 行政区划名称, 金额单位, 指标体系版本, 模板版本.
    FAIL: a row 联系人 | 张三, or a note typed into C2.
    """

    code = "unknown-info-key"
    severity = "warning"
    zh = "“{value}”不是基本信息的项目（A、B 两列的键值对），其内容不会被读取"
    en = "'{value}' is not one of the 基本信息 key/value pairs (columns A/B): it is not read"
    from_reader = True
