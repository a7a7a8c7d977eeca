"""Reading TOML (and other) files from disk with our parser, so their errors are located like .plx errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelex.exceptions import ConfigurationError, PipelexError, TomlSyntaxError
from pipelex.language.toml_parser import parse_toml, read_source
from pipelex.language.toml_tree import to_python


def read_file_bytes(path: Path, error_type: type[PipelexError], what: str = "file") -> bytes:
    """The bytes of ``path``; a missing or unreadable file raises ``error_type`` with a plain message."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error_type(f"{what} `{path}` not found") from None
    except OSError as error:
        raise error_type(f"cannot read the {what} `{path}`: {error.strerror}") from None


def decode_toml(path: Path, data: bytes, error_type: type[PipelexError]) -> dict[str, Any]:
    """The plain contents of TOML ``data`` read from ``path``; invalid TOML raises ``error_type``, located."""
    try:
        document = to_python(parse_toml(read_source(str(path), data)))
    except TomlSyntaxError as error:
        where = f"{path}:{error.span.line}:{error.span.column}" if error.span else str(path)
        raise error_type(f"{where}: {error.message}") from None
    if not isinstance(document, dict):
        raise error_type(f"{path}: expected a TOML document")
    return document


def read_toml_file(path: Path) -> dict[str, Any]:
    """The plain contents of a configuration file.

    Raises:
        ConfigurationError: the file is missing, unreadable or not valid TOML (with line and column).
    """
    return decode_toml(path, read_file_bytes(path, ConfigurationError, "configuration file"), ConfigurationError)
