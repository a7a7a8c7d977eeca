from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelex.cogt.exceptions import LLMHandleNotFoundError, LLMPresetNotFoundError, ModelsManagerError
from pipelex.cogt.models.model_deck import ModelDeck
from pipelex.cogt.models.model_manager import load_model_deck
from pipelex.engine.inference_setup import kit_inference_dir
from pipelex.exceptions import ConfigurationError
from pipelex.language.toml_files import read_toml_file


@pytest.fixture
def config(tmp_path: Path) -> Path:
    target = tmp_path / "inference"
    shutil.copytree(kit_inference_dir(), target)
    return target


def deck_of(config: Path, env: dict[str, str] | None = None) -> ModelDeck:
    return load_model_deck(config, read_toml_file, env or {})


def test_kit_deck_loads_and_resolves_defaults(config: Path) -> None:
    deck = deck_of(config)
    text = deck.resolve_llm(None, for_object=False)
    assert (text.spec.name, text.settings.temperature) == ("gpt-4o-mini", 0.5)
    assert deck.resolve_llm(None, for_object=True).requested == "cheap_llm_for_object"


def test_inline_settings_win_over_the_preset(config: Path) -> None:
    deck = deck_of(config)
    resolved = deck.resolve_llm({"model": "llm_to_reason", "temperature": 0.1}, for_object=False)
    assert resolved.spec.name == "gpt-5"
    assert [spec.name for spec in resolved.fallbacks] == ["gpt-4.1", "gpt-4o"]
    assert resolved.settings.temperature == 0.1


def test_sigils_restrict_the_lookup(config: Path) -> None:
    deck = deck_of(config)
    assert deck.resolve_llm("$cheap_llm_for_text", for_object=False).spec.name == "gpt-4o-mini"
    assert deck.resolve_llm("@base-gpt", for_object=False).spec.name == "gpt-4o"
    with pytest.raises(LLMPresetNotFoundError):
        deck.resolve_llm("$base-gpt", for_object=False)
    with pytest.raises(LLMHandleNotFoundError, match="not an alias"):
        deck.resolve_llm("@gpt-4o", for_object=False)


def test_overrides_replace_whole_entries(config: Path) -> None:
    (config / "deck" / "overrides.toml").write_text('[llm.presets]\ncheap_llm_for_text = { model = "gpt-5-nano" }\n')
    resolved = deck_of(config).resolve_llm(None, for_object=False)
    assert resolved.spec.name == "gpt-5-nano"
    assert resolved.settings.temperature is None


def test_disabled_backend_makes_its_models_unavailable(config: Path) -> None:
    backends = config / "backends.toml"
    backends.write_text(backends.read_text().replace("enabled = true", "enabled = false"))
    (config / "backends.toml").write_text(backends.read_text() + "\n[other]\nenabled = true\n")
    (config / "routing_profiles.toml").write_text('active = "p"\n[profiles.p]\ndefault = "openai"\n')
    deck = deck_of(config)
    assert deck.inference_models == {}


def test_route_to_undefined_backend(config: Path) -> None:
    (config / "routing_profiles.toml").write_text('active = "p"\n[profiles.p]\ndefault = "nowhere"\n')
    with pytest.raises(ModelsManagerError, match=r"backend `nowhere` is not defined in backends\.toml"):
        deck_of(config)


def test_syntax_error_in_config_is_located(config: Path) -> None:
    (config / "backends.toml").write_text("[openai\nenabled = true\n")
    with pytest.raises(ConfigurationError, match=r"backends.toml:1:8: "):
        deck_of(config)


def test_env_expansion_records_missing_variables(config: Path) -> None:
    deck = deck_of(config, {"OPENAI_API_KEY": "sk-1"})
    backend = deck.backends["openai"]
    assert backend.api_key == "sk-1"
    assert backend.endpoint is None
    assert backend.missing_env_vars == {"endpoint": ("OPENAI_BASE_URL",)}
    assert "sk-1" not in repr(backend)


def disable_openai(config: Path) -> None:
    backends = config / "backends.toml"
    backends.write_text(backends.read_text().replace("enabled = true", "enabled = false"))


def test_models_of_a_disabled_backend_are_known_but_unavailable(config: Path) -> None:
    disable_openai(config)
    deck = deck_of(config)
    assert deck.inference_models == {}
    assert {"gpt-4o-mini", "smart_llm", "cheap_llm_for_text"} <= set(deck.known_llm_names())
    expected = (
        "model `gpt-4o-mini` cannot be used: it is routed to backend `openai`, which is disabled in backends.toml"
    )
    with pytest.raises(LLMHandleNotFoundError) as caught:
        deck.resolve_llm("gpt-4o-mini", for_object=False)
    assert str(caught.value) == expected


def test_a_preset_whose_model_is_unavailable_names_the_model(config: Path) -> None:
    disable_openai(config)
    with pytest.raises(LLMHandleNotFoundError) as caught:
        deck_of(config).resolve_llm(None, for_object=False)
    assert str(caught.value) == (
        "model `cheap_llm_for_text` cannot be used: `gpt-4o-mini`: it is routed to backend `openai`, "
        "which is disabled in backends.toml"
    )


def test_a_chain_whose_models_are_all_unavailable_lists_each_reason(config: Path) -> None:
    disable_openai(config)
    with pytest.raises(
        LLMHandleNotFoundError, match=r"model `~smart_llm` cannot be used: none of its models"
    ) as caught:
        deck_of(config).resolve_llm("~smart_llm", for_object=False)
    for name in ("gpt-5", "gpt-4.1", "gpt-4o"):
        assert f"`{name}`: it is routed to backend `openai`, which is disabled" in str(caught.value)


def test_a_chain_skips_unavailable_models(config: Path) -> None:
    (config / "routing_profiles.toml").write_text(
        'active = "p"\n[profiles.p]\ndefault = "openai"\n[profiles.p.routes]\n"gpt-5" = "off"\n'
    )
    (config / "backends.toml").write_text((config / "backends.toml").read_text() + "\n[off]\nenabled = false\n")
    resolved = deck_of(config).resolve_llm("smart_llm", for_object=False)
    assert [resolved.spec.name, *(spec.name for spec in resolved.fallbacks)] == ["gpt-4.1", "gpt-4o"]
