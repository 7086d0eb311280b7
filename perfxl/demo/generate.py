"""Realistic test data: units' workbooks made by varying a base dataset (``perfxl demo``).

Each generated unit gets its own unit code and name, fresh 21-character
project codes, amounts scaled in Decimal (财政资金 + 其他资金 = 预算数 kept
exactly), numbers in texts and indicator values varied, and the base unit's
name replaced by the new one.  A small share of projects keeps the base goal
text verbatim, as copy-paste between units does in real submissions.
Everything is driven by ``random.Random`` seeded per unit, so the same seed
gives the same files.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from perfxl.core.model import Budget, Dataset, Indicator, Project, Unit
from perfxl.files.resources import example_document
from perfxl.formats.registry import format_of, load_dataset, save_dataset
from perfxl.importers import import_document

CENT = Decimal("0.01")
CODE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
BUREAUS: tuple[str, ...] = (
    "教育局",
    "卫生健康局",
    "农业农村局",
    "民政局",
    "财政局",
    "交通运输局",
    "水利局",
    "住房和城乡建设局",
    "自然资源和规划局",
    "文化广电和旅游局",
    "市场监督管理局",
    "应急管理局",
    "司法局",
    "公安局",
    "退役军人事务局",
    "医疗保障局",
    "林业局",
    "审计局",
    "统计局",
    "商务局",
    "发展和改革局",
    "科学技术局",
    "工业和信息化局",
    "生态环境分局",
    "行政审批局",
    "城市管理综合行政执法局",
    "体育局",
    "档案馆",
    "图书馆",
    "妇幼保健院",
    "疾病预防控制中心",
    "人民医院",
    "中医院",
    "第一中学",
    "职业技术教育中心",
    "融媒体中心",
    "供销合作社",
    "机关事务服务中心",
    "信访局",
    "乡村振兴局",
)
CLOSERS = (
    "负责组织实施，按进度拨付资金。",
    "牵头实施，年底前完成绩效自评。",
    "组织实施，接受财政和审计监督。",
    "统筹实施，确保资金专款专用。",
)
ORDINALS = ("", "（二期）", "（三期）", "（四期）", "（五期）")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")

ProgressFn = Callable[[int, int, Path], None]


def default_base() -> Dataset:
    """The bundled example document (a real published one), imported."""
    return import_document(example_document()).dataset


def load_base(path: Path | None) -> Dataset:
    """A base dataset from a workbook, an interchange file or a document; None → :func:`default_base`."""
    if path is None:
        return default_base()
    if format_of(path) is not None:
        return load_dataset(path)
    return import_document(path).dataset


# --- variation ------------------------------------------------------------------------


def _scale(rng: random.Random, low: int, high: int) -> Decimal:
    """A factor between low% and high% as a Decimal (never a float)."""
    return Decimal(rng.randint(low, high)) / 100


def _vary_number(text: str, factor: Decimal, *, cap: Decimal | None = None) -> str:
    """Scale a number written as text, keeping its decimal places (and a cap such as 100 %)."""
    number = Decimal(text)
    exponent = number.as_tuple().exponent
    places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    varied = (number * factor).quantize(places)
    if cap is not None and number <= cap < varied:
        varied = cap
    if number > 0 >= varied:
        varied = places
    return str(varied)


def _vary_text(text: str | None, rng: random.Random, names: dict[str, str]) -> str | None:
    if not text:
        return text
    for old, new in names.items():
        text = text.replace(old, new)
    factor = _scale(rng, 70, 140)
    # Percentages and years stay put; other numbers scale like the unit's size.
    return _NUMBER.sub(lambda m: m[0] if _keep_number(text, m) else _vary_number(m[0], factor), text)


def _keep_number(text: str, m: re.Match[str]) -> bool:
    after = text[m.end() : m.end() + 1]
    is_year = m[0].isdigit() and 1990 <= int(m[0]) <= 2100
    return is_year or after in ("%", "％", "年", "月", "日", "号", "〕", ".", "、")


def _own_goals(text: str | None, rng: random.Random, names: dict[str, str], signer: str) -> str | None:
    """Goal text varied and signed (project + unit), so that only deliberate copies are identical."""
    varied = _vary_text(text, rng, names)
    if not varied:
        return varied
    return f"{varied.rstrip()}\n{signer}{rng.choice(CLOSERS)}"


def _vary_indicator(ind: Indicator, rng: random.Random, factor: Decimal) -> Indicator:
    if ind.sign in (None, "定性") or ind.value is None or not _NUMBER.fullmatch(ind.value):
        return ind
    if ind.unit in ("%", "％"):
        value = _vary_number(ind.value, _scale(rng, 95, 105), cap=Decimal(100))
    else:
        value = _vary_number(ind.value, factor)
    return ind.model_copy(update={"value": value})


def _budget(base: Budget, rng: random.Random, factor: Decimal) -> Budget:
    total = ((base.total or Decimal(rng.randint(5, 500))) * factor).quantize(CENT)
    total = max(total, CENT)
    fiscal = (total * _scale(rng, 50, 95)).quantize(CENT) if base.other else total
    return Budget(total=total, fiscal=fiscal, other=total - fiscal)


def _project_code(rng: random.Random, division: str, year: int | None) -> str:
    yy = f"{(year or 2021) % 100:02d}"
    return f"{division[:6]:0<6}{yy}1" + "".join(rng.choice(CODE_CHARS) for _ in range(12))


def _indicator_plan(base: Dataset, count: int, total: int | None) -> list[int]:
    """How many indicators each of ``count`` projects gets."""
    if total is None:
        return [len(base.projects[k % len(base.projects)].indicators) for k in range(count)]
    share, extra = divmod(total, count)
    return [share + (1 if k < extra else 0) for k in range(count)]


def _pick_indicators(own: list[Indicator], pool: list[Indicator], count: int, k: int) -> list[Indicator]:
    """``count`` indicators for a project: its own first; when trimming, keep one of each 一级 before the rest."""
    if count > len(own):
        return own + [pool[(k + j) % len(pool)] for j in range(count - len(own))]
    seen: set[str | None] = set()
    firsts: list[int] = []
    for j, ind in enumerate(own):
        if ind.level1 not in seen:
            seen.add(ind.level1)
            firsts.append(j)
    rest = [j for j in range(len(own)) if j not in firsts]
    return [own[j] for j in sorted((firsts + rest)[:count])]


def _unit_name(base_name: str, division: str, i: int) -> str:
    bureau = BUREAUS[i % len(BUREAUS)]
    rounds = i // len(BUREAUS)
    prefix = division if division and base_name.startswith(division) else ""
    return f"{prefix}{bureau}" + (f"第{rounds + 1}分局" if rounds else "")


def _unit_code(code: str, i: int) -> str:
    return str(int(code) + 1000 * i) if code.isdigit() else f"{code}-{i:03d}"


def generate_unit(
    base: Dataset,
    index: int,
    *,
    seed: int = 1,
    projects: int | None = None,
    indicators: int | None = None,
    copy_rate: Decimal = Decimal("0.05"),
) -> Dataset:
    """The ``index``-th generated unit's dataset (deterministic in ``seed`` and ``index``)."""
    if not base.projects:
        raise ValueError("the base dataset has no projects to vary")
    rng = random.Random(f"perfxl-demo:{seed}:{index}")
    division = base.division.code or (base.projects[0].code[:6])
    units = base.units or (Unit(code=base.projects[0].unit_code or "100001"),)
    codes = {u.code: _unit_code(u.code, index + 1) for u in units}
    names = {u.name: _unit_name(u.name, base.division.name or "", index) for u in units if u.name}
    # Longest first, so a unit's full name is replaced before a name contained in it.
    names = dict(sorted(names.items(), key=lambda kv: -len(kv[0])))
    new_units = tuple(
        Unit(
            code=codes[u.code],
            name=names.get(u.name or "", u.name),
            parent_code=codes.get(u.parent_code or "", u.parent_code),
        )
        for u in units
    )
    goals = tuple(
        g.model_copy(
            update={"unit_code": codes.get(g.unit_code or "", g.unit_code), "text": _vary_text(g.text, rng, names)}
        )
        for g in base.department_goals
    )
    count = projects or len(base.projects)
    plan = _indicator_plan(base, count, indicators)
    pool = [i for p in base.projects for i in p.indicators] or [Indicator(level1="产出指标", level2="数量指标")]
    size = _scale(rng, 40, 250)
    made: list[Project] = []
    seen_codes: set[str] = set()
    for k in range(count):
        src = base.projects[k % len(base.projects)]
        factor = size * _scale(rng, 80, 120)
        code = _project_code(rng, division, base.year)
        while code in seen_codes:
            code = _project_code(rng, division, base.year)
        seen_codes.add(code)
        inds = _pick_indicators(list(src.indicators), pool, plan[k], k)
        copied = Decimal(rng.randint(0, 9999)) / 10000 < copy_rate
        round_ = k // len(base.projects)
        name = (src.name or "项目") + (ORDINALS[round_] if round_ < len(ORDINALS) else f"（{round_ + 1}）")
        signer = f"{name}由{new_units[0].name or '本单位'}"
        made.append(
            Project(
                unit_code=codes.get(src.unit_code or "", src.unit_code),
                code=code,
                name=name,
                budget=_budget(src.budget, rng, factor),
                purpose=_vary_text(src.purpose, rng, names),
                goals=src.goals if copied else _own_goals(src.goals, rng, names, signer),
                schedule=src.schedule,
                indicators=tuple(_vary_indicator(i, rng, factor) for i in inds),
            )
        )
    return base.model_copy(update={"units": new_units, "department_goals": goals, "projects": tuple(made)})


def generate(
    base: Dataset, count: int, *, seed: int = 1, projects: int | None = None, indicators: int | None = None
) -> Iterator[Dataset]:
    """``count`` units' datasets varied from ``base``."""
    for index in range(count):
        yield generate_unit(base, index, seed=seed, projects=projects, indicators=indicators)


def write_demo(
    base: Dataset,
    folder: str | Path,
    *,
    units: int,
    seed: int = 1,
    projects: int | None = None,
    indicators: int | None = None,
    progress: ProgressFn | None = None,
) -> list[Path]:
    """Write ``units`` generated workbooks into ``folder`` (each atomically); returns their paths."""
    folder = Path(folder)
    written: list[Path] = []
    for index, dataset in enumerate(generate(base, units, seed=seed, projects=projects, indicators=indicators)):
        code = dataset.units[0].code if dataset.units else f"{index + 1:03d}"
        path = save_dataset(dataset, folder / f"unit-{index + 1:03d}-{code}.xlsx", force=True)  # generated: replace
        written.append(path)
        if progress is not None:
            progress(index + 1, units, path)
    return written
