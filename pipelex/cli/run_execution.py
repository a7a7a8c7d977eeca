"""Executing a prepared run from the CLI: progress while it runs, and Ctrl-C that still saves what finished."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from pipelex.cli.console import stderr
from pipelex.cli.run_display import progress_on, report_table

if TYPE_CHECKING:
    from pipelex.engine.pipe_output import PipeOutput
    from pipelex.pipelex import Pipelex

INTERRUPTED_EXIT_CODE = 130
"""What shells report for a program stopped by SIGINT (128 + 2)."""


def execute_run(
    px: Pipelex,
    code: str,
    inputs: Mapping[str, Any],
    *,
    dry_run: bool,
    max_concurrency: int | None,
    target_dir: Path,
    pretty: bool,
) -> PipeOutput:
    """Run ``code``; on Ctrl-C save the working memory and the report (marked interrupted), exit 130.

    Raises:
        PipelexError: the run failed (the caller prints it).
        typer.Exit: the run was interrupted.
    """
    from pipelex.engine.output_writer import save_interrupted

    with progress_on(stderr, enabled=pretty) as progress:
        run = px.prepare_run(code, inputs=inputs, dry_run=dry_run, max_concurrency=max_concurrency, progress=progress)
        try:
            return asyncio.run(run.execute())
        except KeyboardInterrupt:
            pass
    run.report.interrupted = True
    report_json = {"pipe": run.pipe.code, "dry_run": run.dry_run, "mocked_inputs": run.mocked_inputs}
    saved = save_interrupted(run.memory, {**report_json, **run.report.to_json()}, target_dir)
    if pretty:
        stderr.print(report_table(run.report, dry_run=run.dry_run))
    finished = len(run.report.calls)
    stderr.print(
        f"interrupted: {finished} model call{'' if finished == 1 else 's'} finished; "
        f"working memory and run report saved to {saved}",
        style="bold yellow",
    )
    raise typer.Exit(INTERRUPTED_EXIT_CODE)
