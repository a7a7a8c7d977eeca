"""Where the configuration comes from: the project's ``.pipelex/``, else ``~/.pipelex/``, else the package kit.

The nearest ``.pipelex/`` directory in the starting directory or one of its parents (up to the filesystem
root) is the project's configuration, and it is used whole: a global file never changes a project. Without
one, ``~/.pipelex/`` (``$HOME`` is respected) is used the same way; without that, the defaults shipped in
``pipelex/kit``. Inside the ``.pipelex/`` found, ``inference/`` holds the inference configuration; a
``.pipelex/`` without ``inference/`` (one holding only ``pipelex.toml``, say) uses the kit's.

The ``.env`` file read is the one next to the ``.pipelex/`` in use (in the starting directory with the kit).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files
from pathlib import Path

from pipelex.exceptions import ConfigurationError

PROJECT_CONFIG_DIR = ".pipelex"
INFERENCE_DIR = "inference"
DOTENV = ".env"


class ConfigOrigin(StrEnum):
    """Which of the three places the configuration was found in."""

    PROJECT = "project"
    GLOBAL = "global"
    KIT = "kit"


@dataclass(frozen=True)
class ConfigSource:
    """The configuration in use.

    Attributes:
        origin: project, global or kit.
        inference_dir: the folder holding ``backends.toml``, ``routing_profiles.toml``, ``backends/`` and ``deck/``.
        pipelex_dir: the ``.pipelex/`` in use (``None`` with the kit).
        dotenv_path: the ``.env`` file to read (it may not exist).
    """

    origin: ConfigOrigin
    inference_dir: Path
    pipelex_dir: Path | None
    dotenv_path: Path

    @property
    def uses_kit_inference(self) -> bool:
        return self.inference_dir == kit_inference_dir()


def kit_inference_dir() -> Path:
    """The default inference configuration shipped in the package."""
    return Path(str(files("pipelex") / "kit" / INFERENCE_DIR))


def find_config(start: Path, home: Path | None = None) -> ConfigSource:
    """The configuration for a run started in ``start``.

    Args:
        start: the directory to search from (usually the current directory).
        home: the user's home directory (default: ``Path.home()``, which follows ``$HOME``).

    Raises:
        ConfigurationError: a ``.pipelex`` or ``.pipelex/inference`` found is not a directory, or the latter
            has no ``backends.toml``.
    """
    start = start.absolute()
    for directory in (start, *start.parents):
        candidate = directory / PROJECT_CONFIG_DIR
        if _exists(candidate):
            return _source_in(candidate, ConfigOrigin.PROJECT)
    global_dir = _home(home) / PROJECT_CONFIG_DIR
    if _exists(global_dir):
        return _source_in(global_dir, ConfigOrigin.GLOBAL)
    return ConfigSource(ConfigOrigin.KIT, kit_inference_dir(), None, start / DOTENV)


def _home(home: Path | None) -> Path:
    if home is not None:
        return home
    try:
        return Path.home()
    except RuntimeError:  # no $HOME and no passwd entry: there is no global configuration
        return Path("/nonexistent-home")


def _source_in(pipelex_dir: Path, origin: ConfigOrigin) -> ConfigSource:
    _require_dir(pipelex_dir)
    inference_dir = pipelex_dir / INFERENCE_DIR
    dotenv_path = pipelex_dir.parent / DOTENV
    if not _exists(inference_dir):
        return ConfigSource(origin, kit_inference_dir(), pipelex_dir, dotenv_path)
    _require_dir(inference_dir)
    backends = inference_dir / "backends.toml"
    if not _exists(backends):
        raise ConfigurationError(
            f"`{inference_dir}` has no `backends.toml`: run `pipelex init` in `{pipelex_dir.parent}` to write the "
            "defaults, or remove the directory to use them"
        )
    if not backends.is_file():
        raise ConfigurationError(f"`{backends}` must be a file, but {_what_it_is(backends)}")
    return ConfigSource(origin, inference_dir, pipelex_dir, dotenv_path)


def _require_dir(path: Path) -> None:
    if not path.is_dir():
        raise ConfigurationError(f"`{path}` must be a directory, but {_what_it_is(path)}")


def _exists(path: Path) -> bool:
    """Whether something is at ``path``, a broken link included."""
    return path.exists() or path.is_symlink()


def _what_it_is(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return "it is a broken link"
    return "it is a directory" if path.is_dir() else "it is a file"
