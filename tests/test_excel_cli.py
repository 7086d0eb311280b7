"""perfxl works without xlwings, and `perfxl excel …` says what to do when live Excel is out of reach."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfxl.cli import app
from perfxl.core.findings import Finding
from perfxl.excel.entry import describe_clear, describe_fix, describe_validate
from perfxl.excel.live import LiveReport

# Makes `import xlwings` fail in a fresh interpreter, as on a machine without the extra.
BLOCK_XLWINGS = textwrap.dedent(
    """
    import sys
    class _NoXlwings:
        def find_spec(self, name, path=None, target=None):
            if name == "xlwings" or name.startswith("xlwings."):
                raise ModuleNotFoundError("No module named 'xlwings'", name=name)
            return None
    sys.meta_path.insert(0, _NoXlwings())
    """
)


def run_without_xlwings(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_XLWINGS + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )


def test_perfxl_imports_and_runs_without_xlwings(tmp_path: Path) -> None:
    proc = run_without_xlwings(
        """
        import sys
        import perfxl, perfxl.cli, perfxl.excel, perfxl.excel.backend, perfxl.excel.memory
        import perfxl.excel.live, perfxl.excel.paint, perfxl.excel.annotate, perfxl.cli.excel
        import perfxl.excel.template, perfxl.excel.entry, perfxl.excel.xlwings_backend
        from typer.testing import CliRunner
        from perfxl.cli import app
        r = CliRunner().invoke(app, ["--help"])
        assert r.exit_code == 0 and "excel" in r.output, r.output
        r = CliRunner().invoke(app, ["new", "-o", "b.xlsx", "--year", "2022"])
        assert r.exit_code == 0, r.output
        import typer.main
        if "validate" in typer.main.get_command(app).commands:  # registered by the validation module
            r = CliRunner().invoke(app, ["validate", "b.xlsx"])
            assert r.exit_code in (0, 1), r.output
        assert "xlwings" not in sys.modules
        try:
            perfxl.excel.xlwings_backend.XlwingsBook.find()  # xlwings is imported only here
        except ModuleNotFoundError as exc:
            assert exc.name == "xlwings"
        else:
            raise AssertionError("the blocker did not block")
        print("ok")
        """,
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


@pytest.mark.parametrize("command", ["validate", "fix", "clear"])
def test_excel_without_xlwings_says_how_to_install(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "xlwings", None)  # `import xlwings` now raises ImportError
    result = CliRunner().invoke(app, ["excel", command, "--book", "2022.xlsx"])
    assert result.exit_code == 2
    assert 'pip install "perfxl[excel]"' in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    if sys.platform not in ("win32", "darwin"):  # here it also says where live Excel runs, and what to use instead
        assert "Windows or macOS" in result.output and "perfxl validate BOOK.xlsx --annotate" in result.output


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="checks the message on systems without Excel")
def test_excel_on_linux_points_to_annotate(monkeypatch: pytest.MonkeyPatch) -> None:
    # xlwings installed (even a stand-in module will do): the platform is what stops it.
    monkeypatch.setitem(sys.modules, "xlwings", types.ModuleType("xlwings"))
    result = CliRunner().invoke(app, ["excel", "validate"])
    assert result.exit_code == 2
    assert "Windows or macOS" in result.output
    assert "perfxl validate BOOK.xlsx --annotate" in result.output
    assert "pip install" not in result.output


def test_excel_help_lists_the_commands() -> None:
    result = CliRunner().invoke(app, ["excel", "--help"])
    assert result.exit_code == 0
    assert "Example: perfxl excel validate" in result.output
    for command in ("validate", "fix", "clear"):
        assert command in result.output
    for command in ("validate", "fix", "clear"):
        sub = CliRunner().invoke(app, ["excel", command, "--help"])
        assert "Example: perfxl excel" in sub.output


def test_message_box_texts() -> None:
    finding = Finding(code="budget-sum", severity="error", sheet="项目", cell="D2")
    report = LiveReport(book="2022.xlsx", findings=[finding], painted=1)
    text = describe_validate(report)
    assert "错误 1 个" in text and "校验结果" in text and "1 errors" in text
    assert "没有发现问题" in describe_validate(LiveReport(book="2022.xlsx"))
    report.changes = [("绩效指标", "G2", "＝", "=")]
    assert "绩效指标!G2: ＝ → =" in describe_fix(report)
    lost = describe_clear(LiveReport(book="b.xlsx", cleared=3, lost=1))
    assert "3" in lost and "1 marks could not be found" in lost


def test_an_error_raised_by_excel_becomes_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    import typer

    from perfxl.cli.excel import _run
    from perfxl.excel.memory import MemoryBook

    def busy(_book: object) -> LiveReport:
        raise OSError("Call was rejected by callee.")  # what COM says while a cell is being edited

    with pytest.raises(typer.Exit) as exc:
        _run(busy, MemoryBook())
    assert exc.value.exit_code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Call was rejected by callee" in err[0] and "finish editing the cell" in err[0]
