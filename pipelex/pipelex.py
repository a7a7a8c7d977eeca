"""The public entry point: load pipelines once, run them many times."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelex.engine.inference_setup import InferenceSetup, load_inference_setup
from pipelex.engine.pipe_output import PipeOutput
from pipelex.engine.run_settings import RunSettings, read_run_settings
from pipelex.engine.runner import PipeRun, prepare_run
from pipelex.exceptions import InputError, PipelexError, SourceError
from pipelex.language.diagnostic_render import render_concise
from pipelex.language.library import Library
from pipelex.language.library_loader import load_library
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.pipe_factory import build_pipes

if TYPE_CHECKING:
    from pipelex.reporting.progress_protocol import ProgressProtocol


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
        self._run_settings: RunSettings | None = None

    @property
    def run_settings(self) -> RunSettings:
        """The ``[run]`` defaults of ``.pipelex/pipelex.toml`` (read once).

        Raises:
            ConfigurationError: the ``[run]`` table is wrong.
        """
        if self._run_settings is None:
            pipelex_dir = self.setup.source.pipelex_dir if self.setup.source is not None else None
            self._run_settings = read_run_settings(pipelex_dir)
        return self._run_settings

    @classmethod
    def load(cls, *paths: str | Path, project_dir: str | Path | None = None) -> Pipelex:
        """Load, parse and check the .plx files and directories in ``paths``.

        The Python modules of the library (``.py`` files beside the .plx files that import pydantic or
        pipelex) are imported now, for their structure classes and ``@pipe_func`` functions.

        Args:
            paths: .plx files or directories searched recursively.
            project_dir: where the search for ``.pipelex/`` (then its parents, then ``~/.pipelex/``) starts
                (default: the current directory); ``.env`` is read next to the ``.pipelex/`` found.

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
        self,
        pipe_code: str | None = None,
        *,
        inputs: Mapping[str, Any] | None = None,
        dry_run: bool = False,
        max_concurrency: int | None = None,
        progress: ProgressProtocol | None = None,
    ) -> PipeOutput:
        """Run a pipe.

        Args:
            pipe_code: the pipe to run; ``None`` runs :attr:`main_pipe`.
            inputs: name → value (a string, an object, a list, or ``{"concept", "content"}``).
            dry_run: mock every model call (no keys, no network); missing inputs are mocked too.
            max_concurrency: at most this many model calls at once (default: ``[run] max_concurrency`` of
                ``.pipelex/pipelex.toml``, else 16); backends may set a lower bound of their own.
            progress: told as batch items and model calls start and finish (a progress bar, say).

        Raises:
            InputError: inputs missing, unknown or misshapen.
            PipeRunError, InferenceError: the run failed.
        """
        run = self.prepare_run(
            pipe_code, inputs=inputs, dry_run=dry_run, max_concurrency=max_concurrency, progress=progress
        )
        return await run.execute()

    def prepare_run(
        self,
        pipe_code: str | None = None,
        *,
        inputs: Mapping[str, Any] | None = None,
        dry_run: bool = False,
        max_concurrency: int | None = None,
        progress: ProgressProtocol | None = None,
    ) -> PipeRun:
        """Check the pipe and shape the inputs (no model is called); ``await run.execute()`` runs it.

        A run cancelled while executing keeps what finished in ``run.memory`` and ``run.report``
        (marked interrupted): this is how ``pipelex run`` saves a run stopped with Ctrl-C.

        Raises:
            InputError: inputs missing, unknown or misshapen.
            PipelexError: no such pipe, or a wrong ``max_concurrency``.
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
        return prepare_run(
            self.pipes,
            self.library.concepts,
            self.setup,
            code,
            inputs,
            dry_run=dry_run,
            max_concurrency=self.run_settings.max_concurrency if max_concurrency is None else max_concurrency,
            progress=progress,
        )

    def run_sync(
        self,
        pipe_code: str | None = None,
        *,
        inputs: Mapping[str, Any] | None = None,
        dry_run: bool = False,
        max_concurrency: int | None = None,
    ) -> PipeOutput:
        """:meth:`run`, for code without an event loop.

        Raises:
            PipelexError: when called from a running event loop (use ``await px.run(...)`` there).
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(self.run(pipe_code, inputs=inputs, dry_run=dry_run, max_concurrency=max_concurrency))
        raise PipelexError("run_sync() cannot be called from a running event loop: use `await px.run(...)`")
