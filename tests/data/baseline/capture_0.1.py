"""(Run once, on the 0.1 build; kept to show how the files were made.) Capture `perfxl export` and `perfxl validate --format json` of the 0.1 build (issue 10 baseline)."""

import json
import shutil
import subprocess
from pathlib import Path

from openpyxl import load_workbook

root = Path("/work/main")
out = root / "tests/data/baseline"
inputs = out / "inputs"
expected = out / "expected"
for d in (inputs, expected):
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
px = str(root / ".venv/bin/perfxl")


def run(*a):
    return subprocess.run([px, *map(str, a)], capture_output=True, text=True)


run("import", root / "templates/examples/weixian-2021.txt", "-o", inputs / "example.xlsx")
# demo units (seeded, deterministic)
tmp = Path("/tmp/b/units")
shutil.rmtree(tmp, ignore_errors=True)
run("demo", "-o", tmp, "--units", "4", "--seed", "3")
for i, f in enumerate(sorted(tmp.glob("*.xlsx"))):
    shutil.copy(f, inputs / f"demo-unit-{i + 1}.xlsx")
run("merge", tmp, "-o", inputs / "merged.xlsx")
run("rollover", inputs / "example.xlsx", "--year", "2022", "-o", inputs / "rollover-2022.xlsx")
subprocess.run(
    [str(root / ".venv/bin/python"), str(root / "bench/make_workbooks.py"), "/tmp/b/bench", "--sizes", "1000,10000"],
    check=True,
    capture_output=True,
)
for f in sorted(Path("/tmp/b/bench").glob("*.xlsx")):
    shutil.copy(f, inputs / f"bench-{f.name}")
# a perturbed copy of the example: findings of many rules
wb = load_workbook(inputs / "example.xlsx")
ind, prj, sch, unit = wb["绩效指标"], wb["项目"], wb["支出计划"], wb["单位"]
hdr = lambda ws: {c.value: c.column for c in ws[1]}
hi, hp, hs = hdr(ind), hdr(prj), hdr(sch)


def setc(ws, r, h, col, v):
    c = ws.cell(row=r, column=h[col], value=v)
    if isinstance(v, str) and v[:1] in "=+-@":
        c.data_type = "s"


setc(ind, 2, hi, "计算符号", "≧")
setc(ind, 3, hi, "指标值", "≥80%")
setc(ind, 3, hi, "计算符号", None)
setc(ind, 4, hi, "一级指标", "产出目标")
setc(ind, 5, hi, "二级指标", "社会效果指标")
setc(ind, 6, hi, "计量单位", "次数")
setc(ind, 7, hi, "指标值", "较高")
setc(ind, 8, hi, "计算符号", "定性")
setc(ind, 9, hi, "指标值确定依据", None)
setc(ind, 10, hi, "项目编码", "130434211Y0DO65S99Z99")
setc(ind, 11, hi, "指标值", "120")
setc(ind, 11, hi, "计量单位", "%")
setc(ind, 11, hi, "计算符号", "=")
setc(ind, 12, hi, "三级指标", "=群众满意度")
setc(prj, 2, hp, "预算数", 10.123)
setc(prj, 3, hp, "财政资金", -5)
setc(prj, 4, hp, "项目编码", "BADCODE")
setc(prj, 5, hp, "绩效目标", "提高服务质量。提高服务质量。安排资金99999万元")
setc(sch, 2, hs, "6月底", 0.1)
setc(sch, 3, hs, "12月底", 0.9)
setc(sch, 4, hs, "3月底", 1.5)
setc(sch, 5, hs, "6月底", None)
unit.cell(row=2, column=1, value="31600X")
wb.save(inputs / "perturbed.xlsx")

for f in sorted(inputs.glob("*.xlsx")):
    e = run("export", f, "-o", expected / f"{f.stem}.json")
    v = run("validate", f, "--format", "json", "--max-rows", "0")
    data = json.loads(v.stdout)
    for item in data["files"]:
        item["path"] = item["path"].rsplit("/", 1)[-1]
    (expected / f"{f.stem}.validate.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (expected / f"{f.stem}.codes").write_text(
        f"export {e.returncode}\nvalidate {v.returncode}\n"
        + (e.stderr.strip().replace(str(inputs) + "/", "").splitlines() or [""])[-1]
        + "\n",
        encoding="utf-8",
    )
    print(f.name, e.returncode, v.returncode, len(data["files"][0]["findings"]), e.stderr.strip()[:150])
