"""``pipelex validate``: static checks of .plx files, all problems in one run."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipelex.cli.console import stdout, user_errors
from pipelex.language.diagnostic_render import render_concise, render_full, render_json, summary_line

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console

    from pipelex.language.diagnostics import Diagnostic
    from pipelex.language.source import SourceFile


class DiagnosticFormat(StrEnum):
    full = "full"
    concise = "concise"
    json = "json"


def print_diagnostics(
    sources: Mapping[str, SourceFile],
    diagnostics: list[Diagnostic],
    output_format: DiagnosticFormat,
    console: Console = stdout,
    file_count: int | None = None,
) -> None:
    """Print diagnostics in the chosen form."""
    if output_format is DiagnosticFormat.json:
        console.out(render_json(diagnostics, file_count), highlight=False)
        return
    for diagnostic in diagnostics:
        if output_format is DiagnosticFormat.concise:
            console.out(render_concise(diagnostic), highlight=False)
        else:
            console.print(render_full(diagnostic, sources))


def validate(
    paths: Annotated[
        list[Path], typer.Argument(help=".plx files or directories (searched recursively)", show_default=False)
    ],
    output_format: Annotated[
        DiagnosticFormat,
        typer.Option("--format", "-f", help="full: with source excerpts; concise: one line each; json"),
    ] = DiagnosticFormat.full,
) -> None:
    """Check .plx files statically and report every problem found, with its location."""
    from pipelex.engine.inference_setup import load_inference_setup
    from pipelex.language.library_loader import load_library

    with user_errors():
        setup = load_inference_setup()
        library = load_library([str(path) for path in paths], model_names=setup.deck.model_names())
    diagnostics = library.sorted_diagnostics()
    print_diagnostics(library.sources, diagnostics, output_format, file_count=len(library.files))
    if output_format is not DiagnosticFormat.json:
        style = "bold red" if not library.ok else ("bold yellow" if diagnostics else "bold green")
        stdout.print(summary_line(diagnostics, len(library.files)), style=style)
    if not library.ok:
        raise typer.Exit(1)
