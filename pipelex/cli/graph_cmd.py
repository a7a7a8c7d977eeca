"""``pipelex graph``: the graph of a pipeline as declared, as Mermaid text or an HTML page that works offline."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pipelex.cli.console import fail, stderr, stdout, user_errors
from pipelex.cli.validate_cmd import DiagnosticFormat, print_diagnostics


class GraphFormat(StrEnum):
    mermaid = "mermaid"
    html = "html"


_HTML_SUFFIXES = {".html", ".htm"}


def graph(
    target: Annotated[Path, typer.Argument(help="a .plx file or a directory of them", show_default=False)],
    pipe: Annotated[
        str | None,
        typer.Option("--pipe", "-p", help="the pipe to draw (default: the file's main pipe, else every root pipe)"),
    ] = None,
    graph_format: Annotated[
        GraphFormat | None,
        typer.Option("--format", "-f", help="mermaid (text) or html (a page with the graph drawn, no network)"),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="write to this file (default: print); .html implies html")
    ] = None,
) -> None:
    """Draw the graph of a pipeline: its pipes, controllers and the stuffs that flow between them."""
    from pipelex.engine.flow_graph import root_pipes, static_graphs
    from pipelex.engine.graph_files import graph_texts
    from pipelex.language.library_loader import load_library
    from pipelex.pipes.pipe_factory import build_pipes

    if not target.exists():
        fail(f"`{target}`: no such file or directory")
    with user_errors():
        library = load_library([str(target)])
    if not library.ok:
        print_diagnostics(library.sources, library.errors, DiagnosticFormat.full, console=stderr)
        fail(f"{target}: fix the errors above to draw its graph")
    pipes = build_pipes(library)
    if pipe is not None:
        if pipe not in pipes:
            from pipelex.language.suggest import did_you_mean

            fail(f"no pipe `{pipe}` in {target} ({did_you_mean(pipe, pipes) or 'pipes: ' + ', '.join(pipes)})")
        codes = [pipe]
    else:
        bundle = library.bundle_of(str(target)) if target.is_file() else None
        main = library.main_pipe_code(bundle) if bundle is not None else None
        if main is None and len(library.bundles) == 1:
            main = library.main_pipe_code(library.bundles[0])
        codes = [main] if main is not None else root_pipes(pipes)
    if not codes:
        fail(f"`{target}` defines no pipe to draw")
    chosen = graph_format or (
        GraphFormat.html if output is not None and output.suffix.lower() in _HTML_SUFFIXES else GraphFormat.mermaid
    )
    texts = graph_texts(static_graphs(pipes, codes, title=str(target)))
    text = texts["graph.html" if chosen is GraphFormat.html else "graph.mmd"]
    if output is None:
        stdout.out(text, end="", highlight=False)
        return
    with user_errors():
        _write_atomically(output, text)
    stderr.print(f"graph written to {output}", style="dim")


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it: never a half-written graph."""
    import os
    import tempfile

    from pipelex.engine.output_writer import current_umask
    from pipelex.exceptions import OutputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.chmod(temporary, 0o666 & ~current_umask())
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError as error:
        raise OutputError(f"cannot write `{path}`: {error.strerror}") from None
