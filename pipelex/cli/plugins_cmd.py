"""``pipelex plugins list``: what plugins were discovered, what they contribute, and whether they are disabled."""

from __future__ import annotations

import typer

from pipelex.cli.console import stdout, user_errors

plugins_app = typer.Typer(help="Inspect plugins.", no_args_is_help=True)


@plugins_app.command("list")
def list_plugins() -> None:
    """List every discovered plugin (built-in or installed), what it contributes, and its denylist state."""
    from pathlib import Path

    from pipelex.engine.config_location import find_config
    from pipelex.engine.inference_setup import read_disabled_plugins
    from pipelex.plugins.discovery import build_registrar

    with user_errors():
        _registrar, report = build_registrar(read_disabled_plugins(find_config(Path.cwd()).pipelex_dir))
    for entry in report.entries:
        state = "enabled" if entry.enabled else "disabled ([plugins] disabled)"
        contributed = ", ".join(entry.contributions) or "-"
        stdout.out(f"{entry.name:<16} {state:<30} {contributed:<40} {entry.source}", highlight=False)
