"""Assembling the model deck, in the order the seeds give.

1. backends (``backends.toml``), 2. model specs of the enabled backends (``backends/<name>.toml``),
3. the active routing profile (``routing_profiles.toml``), 4. routing every model to its backend,
5. aliases, presets and choice defaults (``deck/base_deck.toml`` then ``deck/overrides.toml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipelex.cogt.exceptions import ModelDeckNotFoundError, ModelsManagerError
from pipelex.cogt.model_backends.backend_library import InferenceBackendLibrary, TomlReader
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.cogt.model_routing.routing_profile import RoutingProfile, load_routing_profile
from pipelex.cogt.models.model_deck import DeckEntry, ModelDeck, read_deck_entry

DECK_FILES = ("base_deck.toml", "overrides.toml")


def load_model_deck(inference_dir: Path, read_toml: TomlReader, env: Mapping[str, str]) -> ModelDeck:
    """Load and assemble the whole inference configuration found in ``inference_dir``."""
    library = InferenceBackendLibrary.load(inference_dir, read_toml, env)
    routing_path = inference_dir / "routing_profiles.toml"
    profile = load_routing_profile(read_toml(routing_path), routing_path)
    _check_profile_backends(profile, library, routing_path)
    models, rules, unavailable = _route_models(profile, library)
    deck_document = _read_deck(inference_dir, read_toml)
    where = str(inference_dir / "deck")
    try:
        aliases = {
            name: read_deck_entry(value, f"{where} [aliases] {name}")
            for name, value in _section(deck_document, "aliases").items()
        }
        llm = _section(deck_document, "llm")
        presets = {
            name: read_deck_entry(value, f"{where} [llm.presets] {name}")
            for name, value in _section(llm, "presets").items()
        }
    except ValueError as error:
        raise ModelsManagerError(str(error)) from None
    defaults = {key: value for key, value in _section(llm, "choice_defaults").items() if isinstance(value, str)}
    return ModelDeck(
        inference_models=models,
        routing_rules=rules,
        unavailable=unavailable,
        backends=library.backends,
        aliases=aliases,
        llm_presets=presets,
        llm_choice_defaults=defaults,
    )


def _check_profile_backends(profile: RoutingProfile, library: InferenceBackendLibrary, path: Path) -> None:
    named = [profile.default] if profile.default else []
    named.extend(route.backend for route in profile.routes)
    for backend in named:
        if backend not in library.backends:
            known = ", ".join(f"`{name}`" for name in library.backends)
            raise ModelsManagerError(
                f"{path} [profiles.{profile.name}]: backend `{backend}` is not defined in backends.toml "
                f"(defined: {known})"
            )


def _route_models(
    profile: RoutingProfile, library: InferenceBackendLibrary
) -> tuple[dict[str, InferenceModelSpec], dict[str, str], dict[str, str]]:
    models: dict[str, InferenceModelSpec] = {}
    rules: dict[str, str] = {}
    unavailable: dict[str, str] = {}
    names = dict.fromkeys(name for specs in library.specs.values() for name in specs)
    for name in names:
        backend_name, rule = profile.route(name)
        backend = library.get_backend(backend_name) if backend_name else None
        if backend_name is None or backend is None:
            unavailable[name] = f"no route in profile `{profile.name}` matches it and the profile has no default"
        elif not backend.enabled:
            unavailable[name] = f"it is routed to backend `{backend_name}`, which is disabled in backends.toml"
        elif name not in library.specs.get(backend_name, {}):
            unavailable[name] = f"it is routed to backend `{backend_name}` (rule `{rule}`), which does not serve it"
        else:
            models[name] = library.specs[backend_name][name]
            rules[name] = rule
    return models, rules, unavailable


def _read_deck(inference_dir: Path, read_toml: TomlReader) -> dict[str, Any]:
    deck_dir = inference_dir / "deck"
    paths = [deck_dir / name for name in DECK_FILES if (deck_dir / name).is_file()]
    if not paths:
        raise ModelDeckNotFoundError(f"no model deck in {deck_dir}: expected {' and '.join(DECK_FILES)}")
    merged: dict[str, Any] = {}
    for path in paths:
        _merge(merged, read_toml(path))
    return merged


_MERGED_SECTIONS = {
    ("aliases",),
    ("llm",),
    ("llm", "presets"),
    ("llm", "choice_defaults"),
    ("extract",),
    ("extract", "presets"),
    ("img_gen",),
    ("img_gen", "presets"),
}


def _merge(target: dict[str, Any], update: Mapping[str, Any], path: tuple[str, ...] = ()) -> None:
    """Overrides replace whole entries (an alias, a preset) but merge the sections that hold them."""
    for key, value in update.items():
        current = target.get(key)
        if isinstance(current, dict) and isinstance(value, dict) and (*path, key) in _MERGED_SECTIONS:
            _merge(current, value, (*path, key))
        else:
            target[key] = value


def _section(document: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = document.get(key, {})
    if not isinstance(value, dict):
        raise ModelsManagerError(f"model deck: `{key}` must be a table")
    return value


__all__ = ["DeckEntry", "load_model_deck"]
