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


INFERENCE = "inference"
"""``pipelex validate inference`` checks the inference configuration; a folder named so is ``./inference``."""


def validate(
    paths: Annotated[
        list[str],
        typer.Argument(
            help=".plx files or directories (searched recursively), or `inference` to check the inference "
            "configuration (write ./inference for a folder of that name)",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        DiagnosticFormat,
        typer.Option("--format", "-f", help="full: with source excerpts; concise: one line each; json"),
    ] = DiagnosticFormat.full,
    ping: Annotated[
        bool, typer.Option("--ping", help="with `inference`: also list the models of every enabled backend (network)")
    ] = False,
) -> None:
    """Check .plx files statically and report every problem found, with its location.

    `pipelex validate inference` checks the inference configuration instead (routing, aliases and presets,
    environment variables, plugins); add --ping to ask every enabled backend for its models.
    """
    if paths == [INFERENCE]:
        from pipelex.cli.validate_inference_cmd import validate_inference

        validate_inference(output_format, ping=ping)
        return
    if ping:
        with user_errors():
            from pipelex.exceptions import PipelexError

            raise PipelexError("--ping goes with `pipelex validate inference`")
    validate_files([Path(path) for path in paths], output_format)


def validate_files(paths: list[Path], output_format: DiagnosticFormat) -> None:
    """Check .plx files statically; exit 1 when one has an error."""
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
