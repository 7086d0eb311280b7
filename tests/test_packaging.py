"""A non-editable install carries the templates inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_templates_and_works_outside_the_checkout(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="hatchling (in [dev]) builds the wheel offline")
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = wheels.glob("perfxl-*.whl")
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    shipped = site / "perfxl" / "templates"
    assert (shipped / "taxonomy" / "v2021.yaml").is_file()
    assert (shipped / "examples" / "weixian-2021.txt").is_file()  # perfxl demo's base
    assert list((shipped / "excel").glob("*.bin"))  # the .xlsm template's VBA project
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import perfxl, perfxl.files.resources as r; print(perfxl.__file__); print(r.templates_dir())",
        ],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    module_file, templates = probe.stdout.split()
    assert module_file.startswith(str(site)) and templates.startswith(str(site))
    out = workdir / "t.xlsx"
    subprocess.run(
        [sys.executable, "-m", "perfxl", "new", "-o", str(out), "--year", "2023"],
        cwd=workdir,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert out.stat().st_size > 5_000
    demo = subprocess.run(
        [sys.executable, "-m", "perfxl", "demo", "-o", str(workdir / "units"), "--units", "2"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert demo.returncode == 0, demo.stderr
    assert len(list((workdir / "units").glob("*.xlsx"))) == 2
