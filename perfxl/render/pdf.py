"""The publishable document as PDF: the Word file converted by LibreOffice headless.

LibreOffice runs with a profile folder of its own (``-env:UserInstallation``)
so that it neither clashes with a LibreOffice the user has open nor depends on
their settings.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from perfxl.atomic import atomic_path
from perfxl.errors import PerfxlError
from perfxl.model import Dataset

TIMEOUT_SECONDS = 300
INSTALL_HINT = (
    "rendering PDF needs LibreOffice: install it (Debian/Ubuntu: apt-get install libreoffice-writer "
    "fonts-noto-cjk; Windows/macOS: https://www.libreoffice.org) or render .docx and print that from Word"
)


def find_soffice() -> str:
    """The LibreOffice executable, or a PerfxlError saying what to install."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise PerfxlError(INSTALL_HINT)
    return exe


def docx_to_pdf(docx_path: Path, out_dir: Path, *, soffice: str | None = None) -> Path:
    """Convert a .docx to PDF in ``out_dir``; returns the PDF's path."""
    exe = soffice or find_soffice()
    with tempfile.TemporaryDirectory(prefix="perfxl-lo-") as profile:
        cmd = [
            exe,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out_dir),
            str(docx_path),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PerfxlError(f"LibreOffice did not finish converting {docx_path.name} in {TIMEOUT_SECONDS} s") from exc
        except OSError as exc:
            raise PerfxlError(f"cannot run LibreOffice ({exe}): {exc.strerror}; {INSTALL_HINT}") from exc
    pdf = out_dir / (docx_path.stem + ".pdf")
    if proc.returncode != 0 or not pdf.is_file():
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        reason = detail[-1] if detail else f"exit code {proc.returncode}"
        raise PerfxlError(f"LibreOffice could not convert {docx_path.name} to PDF: {reason}")
    return pdf


def write_pdf(dataset: Dataset, out_path: str | Path, *, unit: str | None = None) -> None:
    """Write the document as PDF, atomically (the .docx is an intermediate, deleted after)."""
    from perfxl.render.docx import write_docx

    exe = find_soffice()  # fail before doing any work
    with tempfile.TemporaryDirectory(prefix="perfxl-render-") as work:
        source = Path(work) / "document.docx"
        write_docx(dataset, source, unit=unit)
        pdf = docx_to_pdf(source, Path(work), soffice=exe)
        with atomic_path(out_path) as tmp:
            shutil.copyfile(pdf, tmp)
