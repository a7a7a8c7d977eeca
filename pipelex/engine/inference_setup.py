"""Booting the inference side: configuration files, environment, plugins and the model deck."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from pipelex.cogt.models.model_deck import ModelDeck
from pipelex.cogt.models.model_manager import load_model_deck
from pipelex.language.toml_files import read_toml_file
from pipelex.plugins.discovery import PluginReport, build_inference_backend_registry, build_registrar
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
    """The project's ``.pipelex/inference`` when it has one, else the package defaults."""
    candidate = project_dir / PROJECT_CONFIG_DIR / "inference"
    return candidate if (candidate / "backends.toml").is_file() else kit_inference_dir()


def load_env(project_dir: Path) -> dict[str, str]:
    """The environment, with values from the project's ``.env`` where the environment has none."""
    merged: dict[str, str] = {}
    dotenv_path = project_dir / ".env"
    if dotenv_path.is_file():
        from dotenv import dotenv_values

        merged.update({key: value for key, value in dotenv_values(dotenv_path).items() if value is not None})
    merged.update(os.environ)
    return merged


def load_inference_setup(project_dir: Path | None = None) -> InferenceSetup:
    """Load configuration, model deck and plugins for the project in ``project_dir`` (default: cwd).

    Raises:
        ConfigurationError: a configuration file is missing or wrong.
        PluginError: a plugin could not be loaded.
    """
    project = project_dir or Path.cwd()
    config_dir = inference_dir_for(project)
    deck = load_model_deck(config_dir, read_toml_file, load_env(project))
    registrar, report = build_registrar()
    return InferenceSetup(deck, build_inference_backend_registry(registrar), config_dir, report)
