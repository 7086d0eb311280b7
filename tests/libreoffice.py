"""Run LibreOffice headless on files we write (a real spreadsheet client)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def convert(soffice: str, source: Path, target_format: str, outdir: Path) -> Path:
    """``soffice --headless --convert-to FORMAT`` with a private profile; returns the output path."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    proc = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target_format,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    produced = outdir / f"{source.stem}.{target_format.split(':')[0]}"
    assert produced.exists(), f"LibreOffice did not convert {source}: {proc.stdout}\n{proc.stderr}"
    return produced
