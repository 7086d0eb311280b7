"""Option value types shared by several commands."""

from __future__ import annotations

from enum import StrEnum


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
