"""The ``pipelex`` command."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from pipelex import __version__
from pipelex.cli.graph_cmd import graph
from pipelex.cli.init_cmd import init
from pipelex.cli.plugins_cmd import plugins_app
from pipelex.cli.run_cmd import run
from pipelex.cli.show_cmd import show_app
from pipelex.cli.validate_cmd import validate

app = typer.Typer(
    name="pipelex",
    help="Run declarative AI pipelines written in .plx files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pipelex {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="print the version and exit")
    ] = False,
) -> None:
    """Run declarative AI pipelines written in .plx files."""


app.command("init")(init)
app.add_typer(plugins_app, name="plugins")
app.command("validate")(validate)
app.command("run")(run)
app.command("graph")(graph)
app.add_typer(show_app, name="show")


class _WarningFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


def _configure_logging() -> None:
    """Warnings of pipelex's loggers reach the user as ``warning: ...`` lines on stderr."""
    handler = logging.StreamHandler()
    handler.setFormatter(_WarningFormatter())
    logger = logging.getLogger("pipelex")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False


def main() -> None:
    """Entry point of the ``pipelex`` script."""
    _configure_logging()
    app()
