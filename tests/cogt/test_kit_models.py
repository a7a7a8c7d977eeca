"""The shipped kit covers every model the seeds name, with a price, and the deck and profiles are coherent."""

from __future__ import annotations

import pytest

from pipelex.cogt.models.family_deck import ModelFamily, family_of
from pipelex.cogt.models.model_manager import load_model_deck
from pipelex.engine.config_location import kit_inference_dir
from pipelex.engine.inference_setup import read_config_file

SEED_MODELS = {
    "gpt-4o-mini": ModelFamily.LLM,
    "gpt-4o": ModelFamily.LLM,
    "gpt-4-turbo": ModelFamily.LLM,
    "gpt-4.1": ModelFamily.LLM,
    "gpt-5": ModelFamily.LLM,
    "o4-mini": ModelFamily.LLM,
    "claude-4-sonnet": ModelFamily.LLM,
    "claude-4.5-sonnet": ModelFamily.LLM,
    "claude-4.1-opus": ModelFamily.LLM,
    "gemini-2.5-pro": ModelFamily.LLM,
    "gemini-2.5-flash": ModelFamily.LLM,
    "mistral-large": ModelFamily.LLM,
    "mistral-medium": ModelFamily.LLM,
    "mistral-ocr": ModelFamily.EXTRACT,
    "pypdfium2-extract-text": ModelFamily.EXTRACT,
    "gpt-image-1": ModelFamily.IMG_GEN,
    "flux-dev": ModelFamily.IMG_GEN,
}


@pytest.mark.parametrize(("name", "family"), SEED_MODELS.items())
def test_every_seed_model_is_in_the_kit_with_a_price(name: str, family: ModelFamily) -> None:
    deck = load_model_deck(kit_inference_dir(), read_config_file, {})
    spec = deck.catalog[name]
    assert family_of(spec) is family
    if family is ModelFamily.IMG_GEN:
        assert spec.image_costs
    elif family is ModelFamily.EXTRACT:
        assert "per_page" in spec.costs
    else:
        assert set(spec.costs) == {"input", "output"}


def test_every_profile_routes_every_gateway_model_somewhere_known() -> None:
    deck = load_model_deck(kit_inference_dir(), read_config_file, {})
    assert deck.routing is not None
    assert set(deck.routing.profiles) == {"native", "gateway_first", "hybrid"}
    for profile in deck.routing.profiles.values():
        for name in deck.catalog:
            backend, _rule = profile.route(name)
            assert backend in deck.backends, (profile.name, name)


def test_native_sends_each_model_to_the_backend_of_its_file() -> None:
    deck = load_model_deck(kit_inference_dir(), read_config_file, {})
    assert deck.routing is not None
    native = deck.routing.profiles["native"]
    for backend, specs in deck.backend_specs.items():
        if backend in ("gateway", "azure_openai"):
            continue
        for name in specs:
            assert native.route(name)[0] == backend, name


def test_only_openai_and_internal_are_enabled_by_default() -> None:
    deck = load_model_deck(kit_inference_dir(), read_config_file, {})
    assert sorted(name for name, backend in deck.backends.items() if backend.enabled) == ["internal", "openai"]
