"""Printing for the CLI: results on stdout, problems on stderr, never a traceback for a user's mistake."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.text import Text

from pipelex.exceptions import ConfigurationError, PipelexError, SourceError

DEBUG_ENV = "PIPELEX_DEBUG"

stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    line = Text()
    line.append("error", style="bold red")
    line.append(f": {message}")
    stderr.print(line)
    raise typer.Exit(code)


def _fail_located(error: ConfigurationError) -> NoReturn:
    """A configuration error, as a located diagnostic when it names its file and key."""
    from pipelex.engine.config_diagnostic import config_diagnostic
    from pipelex.language.diagnostic_render import render_full

    located = config_diagnostic(error)
    if located is None:
        fail(str(error))
    diagnostic, source = located
    stderr.print(render_full(diagnostic, {source.path: source}), end="")
    raise typer.Exit(1)


@contextmanager
def user_errors(render_source_error: Callable[[SourceError], None] | None = None) -> Iterator[None]:
    """Turn pipelex errors into a message and exit code 1; internal bugs into a short report."""
    try:
        yield
    except typer.Exit:
        raise
    except SourceError as error:
        if render_source_error is None:
            fail(str(error))
        render_source_error(error)
        raise typer.Exit(1) from None
    except ConfigurationError as error:
        _fail_located(error)
    except PipelexError as error:
        fail(str(error))
    except KeyboardInterrupt:
        fail("interrupted", code=130)
    except Exception as error:
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc(file=sys.stderr)
        fail(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in pipelex, not in your files. "
            f"Set {DEBUG_ENV}=1 to see the traceback, and please report it.",
            code=2,
        )
