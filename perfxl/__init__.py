"""perfxl: budget performance targets (预算绩效目标) in one standard Excel workbook."""

__version__ = "0.1.0"
