"""The publishable document as PDF: the Word file converted by LibreOffice headless.

LibreOffice runs with a profile folder of its own (``-env:UserInstallation``)
so that it neither clashes with a LibreOffice the user has open nor depends on
their settings.  A plain ``--convert-to pdf`` prints the table of contents as
cached in the .docx, without page numbers, so the conversion goes through a
small Basic macro put into that private profile: open the document, update its
indexes (the TOC gets its page numbers), export.  Should the macro not run,
the plain conversion is the fallback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from perfxl.core.errors import PerfxlError
from perfxl.core.model import Dataset
from perfxl.files.atomic import atomic_path
from perfxl.render.docx import ALT_FONTS, write_docx

TIMEOUT_SECONDS = 300
INSTALL_HINT = (
    "rendering PDF needs LibreOffice: install it (Debian/Ubuntu: apt-get install libreoffice-writer "
    "fonts-noto-cjk; Windows/macOS: https://www.libreoffice.org) or render .docx and print that from Word"
)

# Errors jump to the end instead of raising a dialog nobody can close in headless mode.
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ToPdf(inUrl As String, outUrl As String)
  On Error GoTo Done
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, "_blank", 0, load())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName"
  store(0).Value = "writer_pdf_Export"
  doc.storeToURL(outUrl, store())
  doc.close(True)
Done:
End Sub
</script:module>
"""


def find_soffice() -> str:
    """The LibreOffice executable, or a PerfxlError saying what to install."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise PerfxlError(INSTALL_HINT)
    return exe


def _fontconfig(folder: Path) -> Path:
    """A fontconfig file mapping the Chinese fonts the document names to Noto CJK.

    Without it fontconfig picks any CJK face for 宋体/仿宋/黑体 (often a sans
    one); the system configuration is included first, so installed Windows
    fonts still win where present.
    """
    base = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    # A strong binding: a weak alias loses to fontconfig's language match.
    aliases = "".join(
        f'<match target="pattern"><test name="family"><string>{escape(name)}</string></test>'
        f'<edit name="family" mode="prepend" binding="strong"><string>{escape(alt)}</string></edit></match>'
        for name, alt in ALT_FONTS.items()
    )
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">{escape(base)}</include>{aliases}</fontconfig>',
        encoding="utf-8",
    )
    return conf


class _Office:
    """One private LibreOffice profile and the environment to run soffice in."""

    def __init__(self, exe: str, folder: Path) -> None:
        self.exe = exe
        self.profile = folder / "profile"
        self.env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig(folder))}

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [self.exe, f"-env:UserInstallation={self.profile.as_uri()}", "--headless", "--norestore", *args]
        try:
            return subprocess.run(
                cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False, env=self.env
            )
        except subprocess.TimeoutExpired as exc:
            raise PerfxlError(f"LibreOffice did not finish within {TIMEOUT_SECONDS} s") from exc
        except OSError as exc:
            raise PerfxlError(f"cannot run LibreOffice ({self.exe}): {exc.strerror}; {INSTALL_HINT}") from exc

    def install_macro(self) -> bool:
        # The first start creates the profile (and its default Standard library),
        # which would overwrite a module written before it.
        self.run("--terminate_after_init")
        module = self.profile / "user" / "basic" / "Standard" / "Module1.xba"
        if not module.parent.is_dir():
            return False
        module.write_text(_MACRO, encoding="utf-8")
        return True


def docx_to_pdf(docx_path: Path, out_dir: Path, *, soffice: str | None = None) -> Path:
    """Convert a .docx to PDF in ``out_dir`` with its TOC updated; returns the PDF's path."""
    exe = soffice or find_soffice()
    pdf = out_dir / (docx_path.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="perfxl-lo-") as folder:
        office = _Office(exe, Path(folder))
        if office.install_macro():
            macro = f'macro:///Standard.Module1.ToPdf("{docx_path.resolve().as_uri()}","{pdf.resolve().as_uri()}")'
            office.run(macro)
        if pdf.is_file():
            return pdf
        proc = office.run("--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir), str(docx_path))
    if proc.returncode != 0 or not pdf.is_file():
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        reason = detail[-1] if detail else f"exit code {proc.returncode}"
        raise PerfxlError(f"LibreOffice could not convert {docx_path.name} to PDF: {reason}")
    return pdf


def write_pdf(dataset: Dataset, out_path: str | Path, *, unit: str | None = None) -> None:
    """Write the document as PDF, atomically (the .docx is an intermediate, deleted after)."""
    exe = find_soffice()  # fail before doing any work
    with tempfile.TemporaryDirectory(prefix="perfxl-render-") as work:
        source = Path(work) / "document.docx"
        write_docx(dataset, source, unit=unit)
        pdf = docx_to_pdf(source, Path(work), soffice=exe)
        with atomic_path(out_path) as tmp:
            shutil.copyfile(pdf, tmp)
