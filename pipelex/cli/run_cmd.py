"""``pipelex run``: run a pipe of a .plx file, print its result and save it with the working memory."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pipelex.cli.console import fail, stderr, stdout, user_errors
from pipelex.cli.validate_cmd import DiagnosticFormat, print_diagnostics

DEFAULT_RESULTS_DIR = "results"


class ResultFormat(StrEnum):
    pretty = "pretty"
    json = "json"


def run(  # noqa: PLR0917 (typer maps parameters to options)
    target: Annotated[Path, typer.Argument(help="a .plx file (or a directory of them)", show_default=False)],
    pipe: Annotated[
        str | None, typer.Option("--pipe", "-p", help="the pipe to run (default: the file's main_pipe)")
    ] = None,
    inputs: Annotated[
        Path | None, typer.Option("--inputs", "-i", help="a JSON (or .toml) file of name → value")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="mock every model call: no keys, no network")] = False,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir", "-o", help=f"where to save results (default: {DEFAULT_RESULTS_DIR}/<pipe>-<time>)"
        ),
    ] = None,
    result_format: Annotated[
        ResultFormat, typer.Option("--format", "-f", help="how to print the result")
    ] = ResultFormat.pretty,
) -> None:
    """Run a pipe and print its result; results are saved with the working memory and the run report."""
    from pipelex.cli.inputs_file import read_inputs_file
    from pipelex.engine.output_writer import default_output_dir, save_output
    from pipelex.exceptions import SourceError
    from pipelex.pipelex import Pipelex

    holder: dict[str, Pipelex] = {}

    def show_source_errors(error: SourceError) -> None:
        from pipelex.language.library_loader import load_library

        library = load_library([str(target)])
        print_diagnostics(library, [item for item in error.diagnostics if item.is_error], DiagnosticFormat.full)
        stderr.print(f"{target}: fix the errors above, then run again", style="bold red")

    with user_errors(show_source_errors):
        if not target.exists():
            fail(f"`{target}`: no such file or directory")
        given_inputs = read_inputs_file(inputs) if inputs is not None else {}
        holder["px"] = Pipelex.load(target)
    px = holder["px"]
    code = pipe or px.main_pipe
    if code is None:
        names = ", ".join(sorted(px.pipes))
        fail(f"`{target}` has no main_pipe: choose one with --pipe ({names})")
    with user_errors():
        output = px.run_sync(code, inputs=given_inputs, dry_run=dry_run)
        saved = save_output(output, output_dir or default_output_dir(Path(DEFAULT_RESULTS_DIR), code))
    if result_format is ResultFormat.json:
        stdout.out(json.dumps(output.main_stuff.to_json(), indent=2, ensure_ascii=False), highlight=False)
    else:
        stdout.out(output.main_text, highlight=False)
    _print_summary(output.dry_run, output.mocked_inputs, output.report.to_json()["totals"], saved)


def _print_summary(dry_run: bool, mocked: list[str], totals: dict[str, float], saved: Path) -> None:
    calls = int(totals["calls"])
    parts = [f"{calls} model call" + ("" if calls == 1 else "s")]
    if dry_run:
        parts.append("dry run: models mocked")
        if mocked:
            parts.append("mocked inputs: " + ", ".join(mocked))
    else:
        parts.append(f"{int(totals['input_tokens'])} tokens in, {int(totals['output_tokens'])} out")
        parts.append(f"${totals['cost']:.4f}")
    stderr.print(" · ".join(parts), style="dim")
    stderr.print(f"saved to {saved}", style="dim")
