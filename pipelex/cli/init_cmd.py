"""``pipelex init``: write the default configuration into the current project."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipelex.cli.console import stdout, user_errors


def init(
    force: Annotated[bool, typer.Option("--force", help="replace existing files")] = False,
) -> None:
    """Write .pipelex/inference/ (backends, routing, model deck) and .env.example into the current directory."""
    from pipelex.kit.project_init import init_project

    with user_errors():
        result = init_project(Path.cwd(), force=force)
    for path in result.written:
        stdout.out(f"wrote {path.relative_to(Path.cwd())}", highlight=False)
    stdout.out("next: copy .env.example to .env and set the keys of the backends you use", highlight=False)
