"""Reading ``--inputs``: a JSON (or TOML) file of name → value, or the same object written inline as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipelex.exceptions import InputError


def read_inputs(given: str) -> dict[str, Any]:
    """The inputs of ``--inputs``: inline JSON when the text starts with ``{``, else the file it names.

    Raises:
        InputError: invalid inline JSON (with its column), or any problem of :func:`read_inputs_file`.
    """
    if given.lstrip().startswith("{"):
        return _parse_json(given, "--inputs")
    return read_inputs_file(Path(given))


def read_inputs_file(path: Path) -> dict[str, Any]:
    """The inputs in ``path``.

    Raises:
        InputError: the file is missing, unreadable, not valid JSON/TOML (with line and column), or not an object.
    """
    from pipelex.language.toml_files import decode_toml, read_file_bytes

    data = read_file_bytes(path, InputError, "inputs file")
    if path.suffix == ".toml":
        value: Any = decode_toml(path, data, InputError)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None
        return _parse_json(text, str(path))
    return _checked_object(value, str(path))


def _parse_json(text: str, where: str) -> dict[str, Any]:
    try:
        value = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}") from None
    except InputError as error:
        raise InputError(f"{where}: {error}") from None
    except RecursionError:
        raise InputError(f"{where}: the JSON is nested too deeply") from None
    return _checked_object(value, where)


def _checked_object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f'{where}: the inputs must be an object of name → value, like {{"text": "..."}}')
    return value


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputError(f"the key `{key}` appears twice in the same object of the inputs file")
        result[key] = value
    return result
