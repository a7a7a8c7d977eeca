"""Reading the ``--inputs`` file: a JSON (or TOML) object of name → value."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipelex.exceptions import InputError


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
            value = json.loads(data.decode("utf-8-sig"), object_pairs_hook=_refuse_duplicates)
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}") from None
        except InputError as error:
            raise InputError(f"{path}: {error}") from None
        except RecursionError:
            raise InputError(f"{path}: the JSON is nested too deeply") from None
    if not isinstance(value, dict):
        raise InputError(f'{path}: the inputs must be an object of name → value, like {{"text": "..."}}')
    return value


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputError(f"the key `{key}` appears twice in the same object of the inputs file")
        result[key] = value
    return result
