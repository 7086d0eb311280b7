"""The JSON/YAML interchange format (``format: perfxl``, schema_version 2).

Version 2 (this one) adds the profile (配置方案), an indicator's ``weight`` (权重/分值,
written only when there is one) and writes the spending plan by month —
``"schedule": {"3": "25.00", "12": "100.00"}``, filled checkpoints only.  Version-1
documents (plans as ``mar``/``jun``/``oct``/``dec``, no profile, no weights) still build.
The later stages of the year add ``monitor`` and ``evaluation`` to a project or an
indicator only when it has them, so a file without stage data is unchanged.  Likewise a
row's columns outside the standard (备注, 责任科室 …): ``"extra": {"备注": "…"}`` on a unit,
goal, project or indicator, and ``"schedule_extra"`` on a project for its 支出计划 row,
only when there are some.

Deterministic by construction: keys in a fixed order, no timestamps, decimals
and percentages as strings (``"10.00"``), blanks as ``null``.  YAML carries the
same document as JSON does.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from perfxl.core.errors import InputError
from perfxl.core.model import (
    Budget,
    Dataset,
    DepartmentGoal,
    Division,
    Indicator,
    Project,
    Schedule,
    Unit,
)
from perfxl.core.stages import (
    IndicatorEvaluation,
    IndicatorMonitor,
    ProjectEvaluation,
    ProjectMonitor,
    RecordError,
    record_from,
)
from perfxl.core.terms import DEFAULT_AMOUNT_UNIT

FORMAT = "perfxl"
SCHEMA_VERSION = 2
SUPPORTED_VERSIONS = (1, 2)
R = TypeVar("R")


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _indicator(ind: Indicator) -> dict[str, Any]:
    data: dict[str, Any] = {
        "level1": ind.level1,
        "level2": ind.level2,
        "level3": ind.level3,
        "description": ind.description,
        "sign": ind.sign,
        "value": ind.value,
        "unit": ind.unit,
        "basis": ind.basis,
    }
    if ind.previous_value is not None:
        data["previous_value"] = ind.previous_value
    if ind.weight is not None:
        data["weight"] = str(ind.weight)
    _extra(data, "extra", ind.extra)
    _stages(data, ind.monitor, ind.evaluation)
    return data


def _extra(data: dict[str, Any], key: str, extra: dict[str, str]) -> dict[str, Any]:
    """A row's kept columns (header → text), only when it has some (a file without them is unchanged)."""
    if extra:
        data[key] = dict(extra)
    return data


def _stages(
    data: dict[str, Any],
    monitor: ProjectMonitor | IndicatorMonitor | None,
    evaluation: ProjectEvaluation | IndicatorEvaluation | None,
) -> None:
    """The later stages' records, only when there are some (a file without them is unchanged)."""
    # Decimals as strings and blanks as null, fields in the records' order.
    if monitor is not None:
        data["monitor"] = monitor.as_json()
    if evaluation is not None:
        data["evaluation"] = evaluation.as_json()


def _project_dict(p: Project) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit_code": p.unit_code,
        "code": p.code,
        "name": p.name,
        "budget": {
            "total": _dec(p.budget.total),
            "fiscal": _dec(p.budget.fiscal),
            "other": _dec(p.budget.other),
        },
        "purpose": p.purpose,
        "goals": p.goals,
        "schedule": {str(month): str(value) for month, value in p.schedule.months},
    }
    _extra(data, "schedule_extra", p.schedule.extra)
    _extra(data, "extra", p.extra)
    _stages(data, p.monitor, p.evaluation)
    data["indicators"] = [_indicator(i) for i in p.indicators]
    return data


def to_dict(dataset: Dataset) -> dict[str, Any]:
    """The interchange document for ``dataset`` (plain JSON types only)."""
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "year": dataset.year,
        "division": {"code": dataset.division.code, "name": dataset.division.name},
        "amount_unit": dataset.amount_unit,
        "taxonomy": dataset.taxonomy,
        "profile": dataset.profile,
        "units": [
            _extra({"code": u.code, "name": u.name, "parent_code": u.parent_code}, "extra", u.extra)
            for u in dataset.units
        ],
        "department_goals": [
            _extra(
                {"unit_code": g.unit_code, "part": g.part, "number": g.number, "title": g.title, "text": g.text},
                "extra",
                g.extra,
            )
            for g in dataset.department_goals
        ],
        "projects": [_project_dict(p) for p in dataset.projects],
    }


def dumps_json(dataset: Dataset) -> str:
    return json.dumps(to_dict(dataset), ensure_ascii=False, indent=2) + "\n"


def dumps_yaml(dataset: Dataset) -> str:
    import yaml  # lazy

    return str(yaml.safe_dump(to_dict(dataset), allow_unicode=True, sort_keys=False, width=1_000_000))


def from_dict(data: Any, *, source: str = "<input>") -> Dataset:
    """Build a Dataset from an interchange document; InputError names the bad field."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError('not a perfxl document (expected "format": "perfxl")', path=source)
    version = data.get("schema_version")
    if version not in SUPPORTED_VERSIONS:
        raise InputError(
            f"schema_version {version!r} is not supported (expected {' or '.join(map(str, SUPPORTED_VERSIONS))})",
            path=source,
        )
    try:
        for field in ("year",):
            if isinstance(data.get(field), float):
                raise TypeError(f"{field} must be a whole number")
        projects = []
        for i, p in enumerate(data.get("projects") or []):
            _reject_floats(p.get("budget") or {}, f"projects[{i}].budget")
            _reject_floats(p.get("schedule") or {}, f"projects[{i}].schedule")
            projects.append(_project(p, f"projects[{i}]"))
        return Dataset(
            year=data.get("year"),
            division=Division(**(data.get("division") or {})),
            amount_unit=data.get("amount_unit") or DEFAULT_AMOUNT_UNIT,
            taxonomy=data.get("taxonomy"),
            profile=data.get("profile"),
            units=tuple(Unit(**u) for u in data.get("units") or []),
            department_goals=tuple(DepartmentGoal(**g) for g in data.get("department_goals") or []),
            projects=tuple(projects),
        )
    except InputError as exc:
        raise InputError(exc.reason, path=source) from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise InputError(f"{where}: {err['msg']}", path=source) from None
    except (KeyError, TypeError, AttributeError, ArithmeticError) as exc:
        raise InputError(f"malformed document: {exc}", path=source) from None


def _project(p: dict[str, Any], where: str) -> Project:
    def record(name: str, build: type[R], value: Any) -> R | None:
        """A stage record: its own checks name the field."""
        try:
            return record_from(build, value)
        except RecordError as exc:
            field = f".{exc.field}" if exc.field else ""
            raise InputError(f"{where}.{name}{field}: {exc.reason}") from None

    def part(name: str, build: Any, value: Any) -> Any:
        try:
            return build(**value)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(x) for x in err["loc"])
            raise InputError(f"{where}.{name}.{loc}: {err['msg']}") from None

    def indicator(name: str, ind: dict[str, Any]) -> Indicator:
        # The stage records first, by their own checks (pydantic would turn a float into a Decimal).
        stages = {
            "monitor": record(f"{name}.monitor", IndicatorMonitor, ind.get("monitor")),
            "evaluation": record(f"{name}.evaluation", IndicatorEvaluation, ind.get("evaluation")),
        }
        built: Indicator = part(name, Indicator, {**ind, **stages})
        return built

    return Project(
        unit_code=p.get("unit_code"),
        code=p["code"],
        name=p.get("name"),
        budget=part("budget", Budget, p.get("budget") or {}),
        purpose=p.get("purpose"),
        goals=p.get("goals"),
        schedule=part(
            "schedule", Schedule, {**_schedule(p.get("schedule") or {}), "extra": p.get("schedule_extra") or {}}
        ),
        extra=p.get("extra") or {},
        monitor=record("monitor", ProjectMonitor, p.get("monitor")),
        evaluation=record("evaluation", ProjectEvaluation, p.get("evaluation")),
        indicators=tuple(indicator(f"indicators[{j}]", ind) for j, ind in enumerate(p.get("indicators") or [])),
    )


def _schedule(data: Any) -> dict[str, Any]:
    """Version 2 keys plans by month number ("3"); version 1 by mar/jun/oct/dec (Schedule reads both)."""
    if isinstance(data, dict) and all(isinstance(k, str) and k.isdigit() for k in data):
        return {"months": {int(k): v for k, v in data.items()}}
    return dict(data) if isinstance(data, dict) else data


def _reject_floats(block: dict[str, Any], where: str) -> None:
    for key, value in block.items():
        if isinstance(value, float):
            raise TypeError(f'{where}.{key} must be a string such as "10.00" (got the number {value})')


def load(path: str | Path) -> Dataset:
    """Read a ``.json`` or ``.yaml``/``.yml`` interchange file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=path) from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(text)
        elif suffix in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            raise InputError("expected a .json, .yaml or .yml file", path=path)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", path=path) from None
    except Exception as exc:  # yaml.YAMLError and friends
        if isinstance(exc, InputError):
            raise
        raise InputError(f"invalid YAML: {str(exc).splitlines()[0]}", path=path) from None
    return from_dict(data, source=str(path))
