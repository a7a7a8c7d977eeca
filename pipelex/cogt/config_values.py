"""Reading values of configuration tables: ``${VAR}`` expansion and typed getters with clear errors."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pipelex.exceptions import ConfigurationError

_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def expand_env(value: str, env: Mapping[str, str]) -> tuple[str | None, list[str]]:
    """Replace every ``${VAR}`` in ``value``.

    Returns:
        The expanded text (``None`` when a referenced variable is unset or empty) and the unset names.
    """
    missing = [name for name in _ENV_REF.findall(value) if not env.get(name)]
    if missing:
        return None, missing
    return _ENV_REF.sub(lambda match: env[match.group(1)], value), []


def get_str(table: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str | None:
    value = table.get(key, default)
    if value is not None and not isinstance(value, str):
        raise ConfigurationError(f"{where}: `{key}` must be a string, not {type(value).__name__}")
    return value


def get_bool(table: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigurationError(f"{where}: `{key}` must be true or false")
    return value


def get_table(table: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise ConfigurationError(f"{where}: `{key}` must be a table")
    return value


def get_non_negative_int(
    table: Mapping[str, Any], key: str, where: str, written: Mapping[str, Any] | None = None
) -> int | None:
    """An optional whole number ``>= 0``; a digit string (as ``${VAR}`` expansion gives) is accepted.

    ``written`` is the table as written in the file (before ``${VAR}`` expansion): messages quote it, so a
    value taken from the environment is never shown.
    """
    value = _numeric_text(table.get(key))
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        shown = _shown((written or table).get(key))
        raise ConfigurationError(f"{where}: `{key}` must be a whole number, 0 or more (it is {shown})")
    return value


def get_positive_number(
    table: Mapping[str, Any], key: str, where: str, written: Mapping[str, Any] | None = None
) -> float | None:
    """An optional number ``> 0``; a numeric string (as ``${VAR}`` expansion gives) is accepted.

    ``written``: as for :func:`get_non_negative_int`.
    """
    value = _numeric_text(table.get(key))
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < float("inf"):
        shown = _shown((written or table).get(key))
        raise ConfigurationError(f"{where}: `{key}` must be a number greater than 0 (it is {shown})")
    return float(value)


def _numeric_text(value: Any) -> Any:
    """``value``, with a string holding a number turned into that number (other strings are kept)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            continue
    return value


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 40 else f'"{value[:40]}…"'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return "a table"
    return "a list" if isinstance(value, list) else f"a {type(value).__name__}"
