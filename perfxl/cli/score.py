"""``perfxl score``: score the self-evaluation of workbooks (execution rate, indicators, total, grade)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli.common import EXIT_FINDINGS, EXIT_OK, command_app, handle_errors, say
from perfxl.cli.options import Lang, OutputFormat
from perfxl.stages.report import incomplete, score_lines
from perfxl.stages.score import score_workbook, scores_json
from perfxl.stages.write import write_scores

app = command_app()


@app.command("score")
@handle_errors
def score(
    books: Annotated[list[Path], typer.Argument(help="Workbooks with 绩效自评 sheets.")],
    write: Annotated[
        bool, typer.Option("--write", help="Write 得分/总分/等级 into each workbook (a backup is kept).")
    ] = False,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = OutputFormat.text,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the reasons.")] = Lang.zh,
) -> None:
    """Score the self-evaluation: 执行率, each indicator's 得分, 总分 and 等级 (优/良/中/差).

    Exit code 0 when every project has a total, 1 when some need a person's 得分,
    cannot be scored, or spent above the budget.

    Example: perfxl score 2021.xlsx --write
    """
    results = [score_workbook(book) for book in books]
    written: list[str] = []
    for result in results if write else []:
        backup = write_scores(result)
        written.append(f"wrote the scores into {result.path}; the original is kept as {backup}")
    if output_format is OutputFormat.json:
        print(json.dumps(scores_json(results), ensure_ascii=False, indent=2))
    else:
        for result in results:
            say(False, score_lines(result, lang.value))
        say(False, written)
    raise typer.Exit(EXIT_FINDINGS if any(incomplete(r) for r in results) else EXIT_OK)
