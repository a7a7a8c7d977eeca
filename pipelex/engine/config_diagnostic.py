"""Configuration errors shown as located diagnostics: ``file:line:col``, the source line and a caret.

A :class:`~pipelex.exceptions.ConfigurationError` that names its file and key (``error.at(file, *keys)``)
is turned into a :class:`~pipelex.language.diagnostics.Diagnostic` whose code is the error's class name
(``error[ModelsManagerError]``). The key is found in the file with the located TOML parser; a file that is
not valid TOML is located at its syntax error.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipelex.exceptions import ConfigurationError, TomlSyntaxError
from pipelex.language.diagnostics import Diagnostic, DiagnosticKind
from pipelex.language.source import SourceFile, Span
from pipelex.language.toml_parser import parse_toml, read_source
from pipelex.language.toml_tree import TomlTable


def config_diagnostic(error: ConfigurationError) -> tuple[Diagnostic, SourceFile] | None:
    """The located diagnostic of ``error`` and the source to show it in (``None``: not in a readable file)."""
    if error.file is None:
        return None
    try:
        source = read_source(error.file, Path(error.file).read_bytes())
    except (OSError, TomlSyntaxError):
        return None
    kind = DiagnosticKind(type(error).__name__, _snake(type(error).__name__))
    try:
        tree = parse_toml(source)
    except TomlSyntaxError as syntax:
        message = f"not valid TOML: {syntax.message}"
        return Diagnostic(kind, message, error.file, syntax.span, help=syntax.help_text), source
    return Diagnostic(kind, error.detail, error.file, locate_key(tree, error.key_path)), source


def locate_key(tree: TomlTable, key_path: tuple[str, ...]) -> Span | None:
    """The span of the deepest key of ``key_path`` found in ``tree`` (``None`` when the first is absent)."""
    span: Span | None = None
    node: object = tree
    for key in key_path:
        if not isinstance(node, TomlTable) or key not in node.entries:
            break
        span = node.key_span(key)
        node = node.entries[key]
    return span


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name.removesuffix("Error")).lower() or "configuration"


class SourceCache:
    """Configuration files read and parsed once each, to locate many findings in them."""

    def __init__(self) -> None:
        self.sources: dict[str, SourceFile] = {}
        self._trees: dict[str, TomlTable | None] = {}

    def locate(self, file: Path, key_path: tuple[str, ...]) -> Span | None:
        """The span of ``key_path`` in ``file`` (``None`` when the file or the key cannot be found)."""
        path = str(file)
        if path not in self._trees:
            try:
                source = read_source(path, file.read_bytes())
                self._trees[path] = parse_toml(source)
                self.sources[path] = source
            except (OSError, TomlSyntaxError):
                self._trees[path] = None
        tree = self._trees[path]
        return locate_key(tree, key_path) if tree is not None else None
