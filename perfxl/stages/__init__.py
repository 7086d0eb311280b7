"""Stage sheets in a user's workbook: adding and refreshing them from the targets (openpyxl).

Sits above :mod:`perfxl.workbook` (it reads the targets through it) and
:mod:`perfxl.year` (the layout and the weights).
"""

from perfxl.stages.refresh import RefreshReport, TargetChange, refresh

__all__ = ["RefreshReport", "TargetChange", "refresh"]
