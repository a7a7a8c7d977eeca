"""Every error pipelex raises on purpose derives from :class:`PipelexError`.

The tree::

    PipelexError
    ├── SourceError                  a user file is wrong; carries diagnostics, never a traceback
    │   └── TomlSyntaxError          a .plx or config file is not valid TOML 1.0
    ├── ConfigurationError           the inference configuration (.pipelex/) is wrong
    ├── InputError                   the inputs of a run are missing or misshapen
    ├── OutputError                  results cannot be saved where asked
    ├── PipeRunError                 a pipe failed while running
    │   └── OutputValidationError    a model answered with something that does not fit the output concept
    ├── InferenceError               a model call failed (see pipelex.cogt.exceptions)
    └── MissingDependencyError       an optional SDK is not installed
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pipelex.language.diagnostics import Diagnostic
    from pipelex.language.source import SourceFile, Span


class PipelexError(Exception):
    """Root of every error pipelex raises on purpose; its message is meant for the user."""


class SourceError(PipelexError):
    """A user file has problems; ``diagnostics`` says where, ``sources`` holds the texts to show them in."""

    def __init__(
        self, message: str, diagnostics: list[Diagnostic], sources: Mapping[str, SourceFile] | None = None
    ) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics
        self.sources: Mapping[str, SourceFile] = sources or {}


class TomlSyntaxError(PipelexError):
    """Text that is not valid TOML 1.0, located by ``span`` (``None`` when it cannot be placed)."""

    def __init__(self, message: str, span: Span | None = None, help_text: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.help_text = help_text


class ConfigurationError(PipelexError):
    """The inference configuration is missing, unreadable or inconsistent.

    When the fault is in a configuration file, ``file`` names it and ``key_path`` the offending key (``("llm",
    "presets", "cheap")``), so the CLI can show it as a located diagnostic; ``detail`` is the message without
    the file prefix.
    """

    file: str | None = None
    key_path: tuple[str, ...] = ()

    @property
    def detail(self) -> str:
        message = str(self)
        if self.file and message.startswith(self.file):
            return message[len(self.file) :].lstrip(": ") or message
        return message

    def at(self, file: object, *key_path: str) -> Self:
        """Locate this error at ``key_path`` of ``file`` (kept if already located); returns ``self``."""
        if self.file is None:
            self.file = str(file)
            self.key_path = tuple(key_path)
        return self


class InputError(PipelexError):
    """The inputs given to a run are missing, unknown or of the wrong shape."""


class OutputError(PipelexError):
    """The output directory cannot hold the results (it is a file, not writable, …)."""


class PipeRunError(PipelexError):
    """A pipe failed while running; ``pipe_code`` names it."""

    def __init__(self, message: str, pipe_code: str | None = None) -> None:
        super().__init__(message)
        self.pipe_code = pipe_code


class OutputValidationError(PipeRunError):
    """A model's answer does not fit the pipe's output concept."""


class InferenceError(PipelexError):
    """A model call failed. Carries provider, model and status; never a key."""

    def __init__(
        self,
        message: str,
        *,
        provider: str | None = None,
        model: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.provider = provider
        self.model = model
        self.status = status


class MissingDependencyError(PipelexError):
    """An optional SDK is needed but not installed.

    Args:
        package: the distribution to install.
        extra: the pipelex extra that brings it, as in ``pipelex[extra]``.
        message: what needed it.
    """

    def __init__(self, package: str, extra: str | None, message: str) -> None:
        hint = f"pip install 'pipelex[{extra}]'" if extra else f"pip install {package}"
        super().__init__(f"{message} The package `{package}` is not installed: {hint}")
        self.package = package
        self.extra = extra
