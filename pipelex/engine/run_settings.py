"""The ``[run]`` table of ``.pipelex/pipelex.toml``: defaults for running pipes.

```toml
[run]
max_concurrency = 16   # model calls at once, across the whole run (`pipelex run --max-concurrency` overrides)
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelex.engine.inference_setup import read_config_file
from pipelex.engine.scheduler import DEFAULT_MAX_CONCURRENCY
from pipelex.exceptions import ConfigurationError

PIPELEX_TOML = "pipelex.toml"
_RUN_KEYS = {"max_concurrency"}


@dataclass(frozen=True)
class RunSettings:
    """Attributes:
    max_concurrency: the default bound on concurrent model calls of a run.
    """

    max_concurrency: int = DEFAULT_MAX_CONCURRENCY


def read_run_settings(pipelex_dir: Path | None) -> RunSettings:
    """The ``[run]`` settings of ``pipelex_dir/pipelex.toml`` (the defaults without one).

    Raises:
        ConfigurationError: the file is not valid TOML, or ``[run]`` holds an unknown key or a wrong value.
    """
    if pipelex_dir is None or not (pipelex_dir / PIPELEX_TOML).is_file():
        return RunSettings()
    path = pipelex_dir / PIPELEX_TOML
    table = read_config_file(path).get("run", {})
    if not isinstance(table, dict):
        raise ConfigurationError(f"{path}: `run` must be a table ([run])").at(path, "run")
    for key in table:
        if key not in _RUN_KEYS:
            raise ConfigurationError(
                f"{path}: unknown key `{key}` in [run] (known: {', '.join(sorted(_RUN_KEYS))})"
            ).at(path, "run", key)
    value = table.get("max_concurrency", DEFAULT_MAX_CONCURRENCY)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"{path}: [run] max_concurrency must be a whole number, 1 or more").at(
            path, "run", "max_concurrency"
        )
    return RunSettings(max_concurrency=value)
