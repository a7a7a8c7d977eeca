"""Where the configuration comes from: the nearest project .pipelex/, else ~/.pipelex/, else the kit."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pipelex.engine.config_location import ConfigOrigin, find_config, kit_inference_dir
from pipelex.engine.inference_setup import load_inference_setup
from pipelex.exceptions import ConfigurationError


def write_config(root: Path, alias_target: str) -> Path:
    """A full `.pipelex/inference/` in ``root`` whose overrides add the alias `marker`."""
    inference = root / ".pipelex" / "inference"
    shutil.copytree(kit_inference_dir(), inference)
    (inference / "deck" / "overrides.toml").write_text(f'[aliases]\nmarker = "{alias_target}"\n')
    return inference


@pytest.fixture
def home() -> Path:
    return Path(os.environ["HOME"])


def test_nothing_found_uses_the_kit(tmp_path: Path) -> None:
    source = find_config(tmp_path)
    assert (source.origin, source.inference_dir, source.pipelex_dir) == (ConfigOrigin.KIT, kit_inference_dir(), None)
    assert source.dotenv_path == tmp_path / ".env"


def test_the_nearest_parent_wins(tmp_path: Path) -> None:
    write_config(tmp_path, "gpt-4o")
    inner = write_config(tmp_path / "a", "gpt-5")
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    source = find_config(deep)
    assert (source.origin, source.inference_dir) == (ConfigOrigin.PROJECT, inner)
    assert source.dotenv_path == tmp_path / "a" / ".env"
    assert load_inference_setup(deep).deck.aliases["marker"].targets == ("gpt-5",)


def test_global_config_is_used_without_a_project(tmp_path: Path, home: Path) -> None:
    write_config(home, "gpt-4.1")
    project = tmp_path / "project"
    project.mkdir()
    source = find_config(project)
    assert source.origin is ConfigOrigin.GLOBAL
    assert source.dotenv_path == home / ".env"
    assert load_inference_setup(project).deck.aliases["marker"].targets == ("gpt-4.1",)


def test_a_project_is_never_changed_by_the_global_config(tmp_path: Path, home: Path) -> None:
    write_config(home, "gpt-4.1")
    inference = write_config(tmp_path, "gpt-4o")
    (inference / "deck" / "overrides.toml").unlink()
    deck = load_inference_setup(tmp_path).deck
    assert "marker" not in deck.aliases


def test_a_project_pipelex_without_inference_uses_the_kit_not_the_global(tmp_path: Path, home: Path) -> None:
    write_config(home, "gpt-4.1")
    (tmp_path / ".pipelex").mkdir()
    source = find_config(tmp_path)
    assert (source.origin, source.inference_dir) == (ConfigOrigin.PROJECT, kit_inference_dir())


def test_env_file_next_to_the_project_pipelex_dir(tmp_path: Path) -> None:
    write_config(tmp_path, "gpt-4o")
    (tmp_path / ".env").write_text("OPENAI_API_KEY=sk-from-dotenv\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / ".env").write_text("OPENAI_API_KEY=sk-ignored\n")
    backend = load_inference_setup(sub).deck.backends["openai"]
    assert backend.api_key == "sk-from-dotenv"


def test_the_environment_wins_over_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("OPENAI_API_KEY=sk-from-dotenv\n")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    assert load_inference_setup(tmp_path).deck.backends["openai"].api_key == "sk-from-env"


def test_a_broken_global_config_is_reported(home: Path, tmp_path: Path) -> None:
    (home / ".pipelex").write_text("")
    with pytest.raises(ConfigurationError, match=r"\.pipelex` must be a directory, but it is a file"):
        find_config(tmp_path)


def test_overrides_merge_tables_and_replace_values(tmp_path: Path) -> None:
    inference = write_config(tmp_path, "gpt-4o")
    (inference / "deck" / "overrides.toml").write_text(
        '[llm.presets]\ncheap_llm_for_text = { model = "gpt-5-nano" }\n[aliases]\nbase-gpt = "gpt-4.1"\n'
    )
    deck = load_inference_setup(tmp_path).deck
    assert deck.llm_presets["cheap_llm_for_text"].targets == ("gpt-5-nano",)
    assert deck.llm_presets["cheap_llm_for_text"].settings.temperature is None
    assert deck.aliases["base-gpt"].targets == ("gpt-4.1",)
    assert deck.aliases["best-gpt"].targets == ("gpt-5",)
    assert "llm_to_extract" in deck.llm_presets
