"""Booting the inference side: configuration files, environment, plugins and the model deck."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelex.cogt.models.model_deck import ModelDeck
from pipelex.cogt.models.model_manager import load_model_deck
from pipelex.engine.config_location import ConfigSource, find_config, kit_inference_dir
from pipelex.exceptions import ConfigurationError
from pipelex.language.toml_files import read_toml_file
from pipelex.plugins.discovery import PluginReport, build_inference_backend_registry, build_registrar
from pipelex.plugins.inference_backend_registry import InferenceBackendRegistry
from pipelex.plugins.model_lister_registry import ModelListerRegistry

__all__ = [
    "InferenceSetup",
    "inference_dir_for",
    "kit_inference_dir",
    "load_env",
    "load_inference_setup",
    "mark_unserved_sdks",
    "read_config_file",
    "read_disabled_plugins",
]


@dataclass
class InferenceSetup:
    """What a run needs from the inference side, loaded once."""

    deck: ModelDeck
    registry: InferenceBackendRegistry
    config_dir: Path
    plugins: PluginReport
    source: ConfigSource | None = None
    listers: ModelListerRegistry | None = None


def inference_dir_for(project_dir: Path) -> Path:
    """The inference configuration used from ``project_dir`` (see :mod:`pipelex.engine.config_location`).

    Raises:
        ConfigurationError: a ``.pipelex`` or ``.pipelex/inference`` found is not a directory, or the
            latter has no ``backends.toml`` file.
    """
    return find_config(project_dir).inference_dir


def load_env(dotenv_path: Path) -> dict[str, str]:
    """The environment, with values from ``dotenv_path`` (a ``.env`` file) where the environment has none."""
    merged: dict[str, str] = {}
    if dotenv_path.is_file():
        from dotenv import dotenv_values

        merged.update({key: value for key, value in dotenv_values(dotenv_path).items() if value is not None})
    merged.update(os.environ)
    return merged


def read_config_file(path: Path) -> dict[str, Any]:
    """The plain contents of a configuration file; its errors are located at the file.

    Valid files are read with ``tomllib`` (several times faster); an invalid one is read again with our own
    parser, so the error is the same located one as for a .plx file.

    Raises:
        ConfigurationError: the file is missing, unreadable or not valid TOML.
    """
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        pass  # read it again with our parser, whose errors say where (line, column) and what was expected
    try:
        return read_toml_file(path)
    except ConfigurationError as error:
        raise error.at(path) from None


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
    source = find_config(project)
    config_dir = source.inference_dir
    deck = load_model_deck(config_dir, read_config_file, load_env(source.dotenv_path))
    registrar, report = build_registrar(read_disabled_plugins(source.pipelex_dir))
    registry = build_inference_backend_registry(registrar)
    mark_unserved_sdks(deck, registry)
    listers = ModelListerRegistry(registrar.model_listers)
    return InferenceSetup(deck, registry, config_dir, report, source, listers)


def read_disabled_plugins(pipelex_dir: Path | None) -> list[str]:
    """The ``[plugins] disabled`` denylist of ``pipelex_dir/pipelex.toml`` (empty without one)."""
    if pipelex_dir is None:
        return []
    path = pipelex_dir / "pipelex.toml"
    if not path.is_file():
        return []
    plugins = read_toml_file(path).get("plugins", {})
    disabled = plugins.get("disabled", []) if isinstance(plugins, dict) else None
    if not isinstance(disabled, list) or not all(isinstance(name, str) for name in disabled):
        raise ConfigurationError(f'{path}: [plugins] disabled must be a list of plugin names, like ["acme"]')
    return list(disabled)


def mark_unserved_sdks(deck: ModelDeck, registry: InferenceBackendRegistry) -> None:
    """Models whose ``sdk`` no plugin serves cannot be used: mark them unavailable, with the reason.

    Loading stays lenient (a run that needs none of them works); ``pipelex validate inference`` reports
    them as errors, and a run that needs one fails with the reason.
    """
    served = {sdk for _family, sdk in registry.registered()}
    for name, spec in list(deck.inference_models.items()):
        if spec.sdk not in served:
            deck.mark_unavailable(
                name,
                f"its sdk `{spec.sdk}` (backend `{spec.backend_name}`) is served by no plugin. "
                "Is its plugin installed and enabled?",
            )
