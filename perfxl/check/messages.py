"""A finding's message in zh or en, from the templates of the rule class that owns its code.

The registry is the explicit list :data:`perfxl.check.rules.RULES`; nothing is
registered by importing a module.  Findings of other parts (merge) carry or
register their own templates and fall back to :meth:`Finding.message`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfxl.check.rules import RULES
from perfxl.core.findings import Finding, fill

if TYPE_CHECKING:
    from perfxl.check.rules.base import Rule

RULE_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}


def message(finding: Finding, lang: str = "zh") -> str:
    """The message of ``finding`` in ``lang`` ("zh" or "en")."""
    rule = RULE_BY_CODE.get(finding.code)
    if rule is not None and rule.templates is not None:
        return fill(rule.templates.get(lang), finding)
    return finding.message(lang)
