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
