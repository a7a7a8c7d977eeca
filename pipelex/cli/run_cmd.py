"""``pipelex run``: run a pipe of a .plx file, print its result and save it with the working memory."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipelex.cli.console import fail, stderr, stdout, user_errors
from pipelex.cli.validate_cmd import DiagnosticFormat, print_diagnostics

if TYPE_CHECKING:
    from pipelex.engine.pipe_output import PipeOutput

DEFAULT_RESULTS_DIR = "results"
_INPUTS_HELP = 'a JSON or .toml file of name → value, or inline JSON such as \'{"topic": "tea"}\''


class ResultFormat(StrEnum):
    pretty = "pretty"
    json = "json"


def run(  # noqa: PLR0917 (typer maps parameters to options)
    target: Annotated[
        str,
        typer.Argument(
            help="a .plx file, a directory of them, or the code of a pipe of the libraries (-L)", show_default=False
        ),
    ],
    pipe: Annotated[
        str | None, typer.Option("--pipe", "-p", help="the pipe to run (default: the file's main_pipe)")
    ] = None,
    library_dirs: Annotated[
        list[Path] | None,
        typer.Option(
            "--library",
            "-L",
            help="a directory of .plx files loaded with the target (repeatable; default for a pipe code: .)",
        ),
    ] = None,
    inputs: Annotated[
        str | None,
        typer.Option("--inputs", "-i", help=_INPUTS_HELP),
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
    graph: Annotated[
        bool, typer.Option("--graph/--no-graph", help="save the graph of the run (graph.mmd, graph.html)")
    ] = True,
    max_concurrency: Annotated[
        int | None,
        typer.Option(
            "--max-concurrency",
            min=1,
            help="model calls at once in the run (default: [run] max_concurrency of .pipelex/pipelex.toml, or 16)",
        ),
    ] = None,
) -> None:
    """Run a pipe and print its result; results are saved with the working memory and the run report."""
    from pipelex.cli.inputs_file import read_inputs
    from pipelex.cli.run_display import report_table
    from pipelex.cli.run_execution import execute_run
    from pipelex.engine.output_writer import check_output_dir, default_output_dir, save_output
    from pipelex.exceptions import SourceError
    from pipelex.pipelex import Pipelex

    def show_source_errors(error: SourceError) -> None:
        errors = [item for item in error.diagnostics if item.is_error]
        print_diagnostics(error.sources, errors, DiagnosticFormat.full, console=stderr)
        stderr.print(f"{target}: fix the errors above, then run again", style="bold red")

    px: Pipelex | None = None
    target_path = Path(target)
    is_pipe_code = not target_path.exists() and _PIPE_CODE.fullmatch(target) is not None
    libraries = [*(library_dirs or ([Path()] if is_pipe_code else []))]
    with user_errors(show_source_errors):
        for path in [*([] if is_pipe_code else [target_path]), *libraries]:
            if not path.exists():
                fail(f"`{path}`: no such file or directory")
        given_inputs = read_inputs(inputs) if inputs is not None else {}
        sources = [*libraries] if is_pipe_code else [target_path, *libraries]
        px = Pipelex.load(*_distinct(sources))
    if px is None:  # user_errors exits on every failure; this only narrows the type
        raise typer.Exit(1)
    code = pipe or (target if is_pipe_code else px.main_pipe_of(target_path))
    if code is None:
        names = ", ".join(sorted(px.pipes))
        if not names:
            fail(f"`{target}` defines no pipe to run")
        fail(f"`{target}` has no main_pipe: choose one with --pipe ({names})")
    if code not in px.pipes:
        from pipelex.language.suggest import did_you_mean

        where = ", ".join(str(path) for path in libraries) if is_pipe_code else target
        hint = did_you_mean(code, px.pipes) or f"the pipes: {', '.join(sorted(px.pipes)) or 'none'}"
        fail(f"no pipe `{code}` in {where} ({hint})")
    target_dir = output_dir or default_output_dir(Path(DEFAULT_RESULTS_DIR), code)
    pretty = result_format is ResultFormat.pretty
    with user_errors():
        check_output_dir(target_dir)
        output = execute_run(
            px,
            code,
            given_inputs,
            dry_run=dry_run,
            max_concurrency=max_concurrency,
            target_dir=target_dir,
            pretty=pretty,
        )
    with user_errors():
        saved = save_output(output, target_dir, graph=graph)
    _print_result(saved, result_format)
    if pretty and output.report.calls:
        stderr.print(report_table(output.report, dry_run=output.dry_run))
    _print_summary(output)
    stderr.print(f"saved to {saved}", style="dim")


_PIPE_CODE = re.compile(r"[a-z][a-z0-9_]*")


def _print_result(saved: Path, result_format: ResultFormat) -> None:
    """The main result as saved, so that generated media show as the paths of their files."""
    from pipelex.cli.result_printer import print_json, print_pretty, saved_main_result
    from pipelex.engine.output_writer import MAIN_RESULT_JSON

    result = saved_main_result(saved, MAIN_RESULT_JSON)
    if result_format is ResultFormat.json:
        print_json(stdout, result)
    else:
        print_pretty(stdout, result)


def _distinct(paths: list[Path]) -> list[Path]:
    """The paths in order, each once, and no file already inside a directory given."""
    resolved = [path.resolve() for path in paths]
    kept: list[Path] = []
    for path, full in zip(paths, resolved, strict=True):
        inside = any(other != full and other.is_dir() and full.is_relative_to(other) for other in resolved)
        if not inside and full not in {item.resolve() for item in kept}:
            kept.append(path)
    return kept


def _print_summary(output: PipeOutput) -> None:
    calls = output.report.calls
    parts = [f"{len(calls)} model call" + ("" if len(calls) == 1 else "s")]
    if output.dry_run:
        parts.append("dry run: models mocked")
        if output.mocked_inputs:
            parts.append("mocked inputs: " + ", ".join(output.mocked_inputs))
    elif calls:
        if any(call.input_tokens is None or call.output_tokens is None for call in calls):
            parts.append("tokens not reported by the provider")
        else:
            input_tokens, output_tokens = output.report.total_tokens
            parts.append(f"{input_tokens} tokens in, {output_tokens} out")
        if any(call.cost is None for call in calls):
            parts.append("cost unknown")
        else:
            parts.append(f"${output.report.total_cost:.4g}")
    stderr.print(" · ".join(parts), style="dim")
