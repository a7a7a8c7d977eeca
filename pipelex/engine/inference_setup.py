"""Booting the inference side: configuration files, environment, plugins and the model deck."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from pipelex.cogt.models.model_deck import ModelDeck
from pipelex.cogt.models.model_manager import load_model_deck
from pipelex.exceptions import ConfigurationError
from pipelex.language.toml_files import read_toml_file
from pipelex.plugins.discovery import PluginReport, build_inference_backend_registry, build_registrar
from pipelex.plugins.exceptions import InferenceBackendNotFoundError
from pipelex.plugins.inference_backend_registry import InferenceBackendRegistry

PROJECT_CONFIG_DIR = ".pipelex"


@dataclass
class InferenceSetup:
    """What a run needs from the inference side, loaded once."""

    deck: ModelDeck
    registry: InferenceBackendRegistry
    config_dir: Path
    plugins: PluginReport


def kit_inference_dir() -> Path:
    """The default configuration shipped in the package."""
    return Path(str(files("pipelex") / "kit" / "inference"))


def inference_dir_for(project_dir: Path) -> Path:
    """The project's ``.pipelex/inference`` when it has one, else the package defaults.

    Raises:
        ConfigurationError: ``.pipelex`` or ``.pipelex/inference`` exists but is not a directory, or the
            latter has no ``backends.toml`` file.
    """
    config_dir = project_dir / PROJECT_CONFIG_DIR
    candidate = config_dir / "inference"
    for path in (config_dir, candidate):
        if not _exists(path):
            return kit_inference_dir()
        if not path.is_dir():
            raise ConfigurationError(f"`{path}` must be a directory, but {_what_it_is(path)}")
    backends = candidate / "backends.toml"
    if not _exists(backends):
        raise ConfigurationError(
            f"`{candidate}` has no `backends.toml`: copy the defaults into it (see docs/configuration.md), "
            "or remove the directory to use the defaults"
        )
    if not backends.is_file():
        raise ConfigurationError(f"`{backends}` must be a file, but {_what_it_is(backends)}")
    return candidate


def _exists(path: Path) -> bool:
    """Whether something is at ``path``, a broken link included."""
    return path.exists() or path.is_symlink()


def _what_it_is(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return "it is a broken link"
    return "it is a directory" if path.is_dir() else "it is a file"


def load_env(project_dir: Path) -> dict[str, str]:
    """The environment, with values from the project's ``.env`` where the environment has none."""
    merged: dict[str, str] = {}
    dotenv_path = project_dir / ".env"
    if dotenv_path.is_file():
        from dotenv import dotenv_values

        merged.update({key: value for key, value in dotenv_values(dotenv_path).items() if value is not None})
    merged.update(os.environ)
    return merged


def _checked_project_dir(project_dir: Path) -> Path:
    if not project_dir.exists():
        raise ConfigurationError(f"the project directory `{project_dir}` does not exist")
    if not project_dir.is_dir():
        raise ConfigurationError(f"the project directory `{project_dir}` is not a directory")
    return project_dir


def load_inference_setup(project_dir: Path | None = None) -> InferenceSetup:
    """Load configuration, model deck and plugins for the project in ``project_dir`` (default: cwd).

    Raises:
        ConfigurationError: ``project_dir`` is not a directory, or a configuration file is missing or wrong.
        PluginError: a plugin could not be loaded.
    """
    project = _checked_project_dir(project_dir) if project_dir is not None else Path.cwd()
    config_dir = inference_dir_for(project)
    deck = load_model_deck(config_dir, read_toml_file, load_env(project))
    registrar, report = build_registrar(read_disabled_plugins(project))
    registry = build_inference_backend_registry(registrar)
    _check_sdks(deck, registry, config_dir)
    return InferenceSetup(deck, registry, config_dir, report)


def read_disabled_plugins(project: Path) -> list[str]:
    """The ``[plugins] disabled`` denylist of the project's ``.pipelex/pipelex.toml`` (empty without one)."""
    path = project / PROJECT_CONFIG_DIR / "pipelex.toml"
    if not path.is_file():
        return []
    plugins = read_toml_file(path).get("plugins", {})
    disabled = plugins.get("disabled", []) if isinstance(plugins, dict) else None
    if not isinstance(disabled, list) or not all(isinstance(name, str) for name in disabled):
        raise ConfigurationError(f'{path}: [plugins] disabled must be a list of plugin names, like ["acme"]')
    return list(disabled)


def _check_sdks(deck: ModelDeck, registry: InferenceBackendRegistry, config_dir: Path) -> None:
    """Every usable model's ``sdk`` must be served by a plugin; say so at load, not at the first live call."""
    served = {sdk for _family, sdk in registry.registered()}
    for spec in deck.inference_models.values():
        if spec.sdk not in served:
            path = config_dir / "backends" / f"{spec.backend_name}.toml"
            raise InferenceBackendNotFoundError(
                f"{path}: model `{spec.name}` uses the sdk `{spec.sdk}`, which no plugin serves "
                f"(served: {', '.join(sorted(served))}). Is its plugin installed and enabled?"
            )
