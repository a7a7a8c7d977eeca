"""The public entry point: load pipelines once, run them many times."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipelex.engine.inference_setup import InferenceSetup, load_inference_setup
from pipelex.engine.pipe_output import PipeOutput
from pipelex.engine.runner import run_pipe
from pipelex.exceptions import InputError, PipelexError, SourceError
from pipelex.language.diagnostic_render import render_concise
from pipelex.language.library import Library
from pipelex.language.library_loader import load_library
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.pipe_factory import build_pipes


class Pipelex:
    """Pipelines loaded from .plx files, with the inference configuration, ready to run.

    Example:
        >>> px = Pipelex.load("examples/hello_world")
        >>> output = px.run_sync("write_haiku", inputs={"topic": "tea"}, dry_run=True)
        >>> print(output.main_text)
    """

    def __init__(self, library: Library, setup: InferenceSetup) -> None:
        self.library = library
        self.setup = setup
        self.pipes: dict[str, PipeAbstract] = build_pipes(library)

    @classmethod
    def load(cls, *paths: str | Path, project_dir: str | Path | None = None) -> Pipelex:
        """Load, parse and check the .plx files and directories in ``paths``.

        The Python modules of the library (``.py`` files beside the .plx files that import pydantic or
        pipelex) are imported now, for their structure classes and ``@pipe_func`` functions.

        Args:
            paths: .plx files or directories searched recursively.
            project_dir: where ``.pipelex/`` and ``.env`` are looked for (default: the current directory).

        Raises:
            SourceError: the files have errors; ``error.diagnostics`` lists them all.
            ConfigurationError: the inference configuration is wrong.
        """
        if not paths:
            raise PipelexError("Pipelex.load() needs at least one .plx file or directory")
        setup = load_inference_setup(Path(project_dir) if project_dir is not None else None)
        library = load_library([str(path) for path in paths], model_names=setup.deck.model_names())
        if not library.ok:
            errors = [diagnostic for diagnostic in library.sorted_diagnostics() if diagnostic.is_error]
            summary = "\n".join(render_concise(diagnostic) for diagnostic in errors)
            raise SourceError(
                f"{len(errors)} error(s) in the pipelines:\n{summary}", library.sorted_diagnostics(), library.sources
            )
        return cls(library, setup)

    def main_pipe_of(self, path: str | Path) -> str | None:
        """The main pipe of the file ``path`` as loaded (or of the only file, when ``path`` is a directory)."""
        wanted = Path(path).resolve()
        bundle = next((item for item in self.library.bundles if Path(item.source.path).resolve() == wanted), None)
        if bundle is None:
            return self.main_pipe
        return self.library.main_pipe_code(bundle)

    @property
    def main_pipe(self) -> str | None:
        """The main pipe, when exactly one file was loaded and it names or implies one."""
        if len(self.library.bundles) != 1:
            return None
        return self.library.main_pipe_code(self.library.bundles[0])

    async def run(
        self, pipe_code: str | None = None, *, inputs: Mapping[str, Any] | None = None, dry_run: bool = False
    ) -> PipeOutput:
        """Run a pipe.

        Args:
            pipe_code: the pipe to run; ``None`` runs :attr:`main_pipe`.
            inputs: name → value (a string, an object, a list, or ``{"concept", "content"}``).
            dry_run: mock every model call (no keys, no network); missing inputs are mocked too.

        Raises:
            InputError: inputs missing, unknown or misshapen.
            PipeRunError, InferenceError: the run failed.
        """
        if pipe_code is not None and not isinstance(pipe_code, str):
            raise PipelexError(f"pipe_code must be a string, not {type(pipe_code).__name__}")
        if not isinstance(dry_run, bool):
            raise PipelexError(f"dry_run must be True or False, not {dry_run!r}")
        code = pipe_code or self.main_pipe
        if code is None:
            raise PipelexError("name the pipe to run: the library has no single main pipe")
        if inputs is not None and not isinstance(inputs, Mapping):
            raise InputError(f"inputs must be a mapping of name → value, not {type(inputs).__name__}")
        if inputs is not None and not all(isinstance(name, str) for name in inputs):
            raise InputError("the names of the inputs must be strings")
        return await run_pipe(self.pipes, self.library.concepts, self.setup, code, inputs, dry_run=dry_run)

    def run_sync(
        self, pipe_code: str | None = None, *, inputs: Mapping[str, Any] | None = None, dry_run: bool = False
    ) -> PipeOutput:
        """:meth:`run`, for code without an event loop.

        Raises:
            PipelexError: when called from a running event loop (use ``await px.run(...)`` there).
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(self.run(pipe_code, inputs=inputs, dry_run=dry_run))
        raise PipelexError("run_sync() cannot be called from a running event loop: use `await px.run(...)`")
