"""Reading configuration TOML files with our parser, so their errors are located like .plx errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelex.exceptions import ConfigurationError, TomlSyntaxError
from pipelex.language.toml_parser import parse_toml, read_source
from pipelex.language.toml_tree import to_python


def read_toml_file(path: Path) -> dict[str, Any]:
    """The plain contents of a TOML file.

    Raises:
        ConfigurationError: the file is missing, unreadable or not valid TOML (with line and column).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigurationError(f"{path}: file not found") from None
    except OSError as error:
        raise ConfigurationError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        document = to_python(parse_toml(read_source(str(path), data)))
    except TomlSyntaxError as error:
        where = f"{path}:{error.span.line}:{error.span.column}" if error.span else str(path)
        raise ConfigurationError(f"{where}: {error.message}") from None
    if not isinstance(document, dict):
        raise ConfigurationError(f"{path}: expected a TOML document")
    return document
