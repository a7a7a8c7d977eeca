"""Reading the ``--inputs`` file: a JSON (or TOML) object of name → value."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipelex.exceptions import InputError, TomlSyntaxError


def read_inputs_file(path: Path) -> dict[str, Any]:
    """The inputs in ``path``.

    Raises:
        InputError: the file is missing, unreadable, not valid JSON/TOML (with line and column), or not an object.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"inputs file `{path}` not found") from None
    except OSError as error:
        raise InputError(f"cannot read the inputs file `{path}`: {error.strerror}") from None
    if path.suffix == ".toml":
        from pipelex.language.toml_parser import parse_toml, read_source
        from pipelex.language.toml_tree import to_python

        try:
            value: Any = to_python(parse_toml(read_source(str(path), data)))
        except TomlSyntaxError as error:
            where = f"{path}:{error.span.line}:{error.span.column}" if error.span else str(path)
            raise InputError(f"{where}: {error.message}") from None
    else:
        try:
            value = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}") from None
    if not isinstance(value, dict):
        raise InputError(f'{path}: the inputs must be an object of name → value, like {{"text": "..."}}')
    return value
