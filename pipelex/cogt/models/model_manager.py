"""Assembling the model deck, in the order the seeds give.

1. backends (``backends.toml``), 2. model specs of every backend (``backends/<name>.toml``),
3. the active routing profile (``routing_profiles.toml``), 4. routing every model to its backend,
5. aliases, presets and choice defaults (``deck/base_deck.toml`` then ``deck/overrides.toml``),
6. checking that every choice default and every preset or alias target names something known.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipelex.cogt.exceptions import LLMHandleNotFoundError, ModelDeckNotFoundError, ModelsManagerError
from pipelex.cogt.model_backends.backend_library import InferenceBackendLibrary, TomlReader
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.cogt.model_routing.routing_profile import RoutingProfile, load_routing_profiles
from pipelex.cogt.models.deck_upgrade import upgrade_deck_document
from pipelex.cogt.models.family_deck import FamilyDeck, FamilyPreset, ModelFamily, family_of, read_family_preset
from pipelex.cogt.models.model_deck import DeckEntry, ModelDeck, read_deck_entry

DECK_FILES = ("base_deck.toml", "overrides.toml")
ALIASES = ("aliases",)
PRESETS = ("llm", "presets")
CHOICE_DEFAULTS = ("llm", "choice_defaults")


def load_model_deck(inference_dir: Path, read_toml: TomlReader, env: Mapping[str, str]) -> ModelDeck:
    """Load and assemble the whole inference configuration found in ``inference_dir``."""
    library = InferenceBackendLibrary.load(inference_dir, read_toml, env)
    routing_path = inference_dir / "routing_profiles.toml"
    routing = load_routing_profiles(read_toml(routing_path), routing_path)
    profile = routing.active_profile
    _check_profile_backends(profile, library, routing_path)
    models, rules, unavailable = _route_models(profile, library)
    deck_files = _read_deck(inference_dir, read_toml)
    deck_document = _merged(deck_files)
    where = " and ".join(str(path) for path, _ in deck_files)
    llm = _section(deck_document, "llm", where)
    aliases = _read_entries(_section(deck_document, "aliases", where), ALIASES, deck_files)
    presets = _read_entries(_section(llm, "presets", f"{where} [llm]"), PRESETS, deck_files)
    deck = ModelDeck(
        inference_models=models,
        routing_rules=rules,
        unavailable=unavailable,
        backends=library.backends,
        aliases=aliases,
        llm_presets=presets,
        llm_choice_defaults=_choice_defaults(llm, deck_files),
        extract=_read_family(deck_document, ModelFamily.EXTRACT, deck_files),
        img_gen=_read_family(deck_document, ModelFamily.IMG_GEN, deck_files),
        catalog=_catalog(library),
        backend_specs=library.specs,
        routing=routing,
    )
    _check_references(deck, deck_files)
    for family_deck in (deck.extract, deck.img_gen):
        _check_family_references(deck, family_deck, deck_files)
    return deck


def _check_profile_backends(profile: RoutingProfile, library: InferenceBackendLibrary, path: Path) -> None:
    for key, backend in _named_backends(profile):
        if backend not in library.backends:
            known = ", ".join(f"`{name}`" for name in library.backends)
            raise ModelsManagerError(
                f"{path} [profiles.{profile.name}]: backend `{backend}` is not defined in backends.toml "
                f"(defined: {known})"
            ).at(path, *key)


def _named_backends(profile: RoutingProfile) -> list[tuple[tuple[str, ...], str]]:
    """Each backend the profile names, with the key path that names it."""
    named: list[tuple[tuple[str, ...], str]] = []
    if profile.default:
        named.append((("profiles", profile.name, "default"), profile.default))
    named.extend((("profiles", profile.name, "routes", route.pattern), route.backend) for route in profile.routes)
    return named


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


def _catalog(library: InferenceBackendLibrary) -> dict[str, InferenceModelSpec]:
    catalog: dict[str, InferenceModelSpec] = {}
    for specs in library.specs.values():
        for name, spec in specs.items():
            catalog.setdefault(name, spec)
    return catalog


DeckFiles = list[tuple[Path, dict[str, Any]]]
"""The deck files read, in order (base first, overrides last), with their contents."""


def _read_deck(inference_dir: Path, read_toml: TomlReader) -> DeckFiles:
    deck_dir = inference_dir / "deck"
    paths = [deck_dir / name for name in DECK_FILES if (deck_dir / name).exists()]
    if deck_dir / DECK_FILES[0] not in paths:
        raise ModelDeckNotFoundError(
            f"no model deck in {deck_dir}: {DECK_FILES[0]} is missing ({DECK_FILES[1]} is optional)"
        )
    for path in paths:
        if not path.is_file():
            raise ModelDeckNotFoundError(f"{path}: a deck file must be a file, not a directory")
    return [(path, upgrade_deck_document(read_toml(path), path)) for path in paths]


def _merged(deck_files: DeckFiles) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for _, document in deck_files:
        _merge(merged, document)
    return merged


def _defining_file(deck_files: DeckFiles, section: tuple[str, ...], key: str) -> str:
    """The deck file whose entry ``[section] key`` is in effect (the last one that sets it)."""
    for path, document in reversed(deck_files):
        table: Any = document
        for part in section:
            table = table.get(part) if isinstance(table, dict) else None
        if isinstance(table, dict) and key in table:
            return str(path)
    return " and ".join(str(path) for path, _ in deck_files)


def _choice_defaults(llm: Mapping[str, Any], deck_files: DeckFiles) -> dict[str, str]:
    defaults = _section(llm, "choice_defaults", " and ".join(str(path) for path, _ in deck_files) + " [llm]")
    for key, value in defaults.items():
        if not isinstance(value, str):
            where = _entry_where(deck_files, CHOICE_DEFAULTS, key)
            raise ModelsManagerError(f"{where}: must be the name of a preset, alias or model").at(
                _defining_file(deck_files, CHOICE_DEFAULTS, key), *CHOICE_DEFAULTS, key
            )
    return dict(defaults)


def _read_entries(table: Mapping[str, Any], section: tuple[str, ...], deck_files: DeckFiles) -> dict[str, DeckEntry]:
    entries: dict[str, DeckEntry] = {}
    for name, value in table.items():
        try:
            entries[name] = read_deck_entry(value, _entry_where(deck_files, section, name))
        except ValueError as error:
            raise ModelsManagerError(str(error)).at(_defining_file(deck_files, section, name), *section, name) from None
    return entries


def _entry_where(deck_files: DeckFiles, section: tuple[str, ...], key: str) -> str:
    """``<file>: [section] key``, naming the deck file whose entry is in effect."""
    return f"{_defining_file(deck_files, section, key)}: [{'.'.join(section)}] {key}"


def _check_references(deck: ModelDeck, deck_files: DeckFiles) -> None:
    """Every choice default and every preset or alias target names a known preset, alias or model; no loops.

    Raises:
        ModelsManagerError: naming the deck file and the key.
    """
    for key, written in deck.llm_choice_defaults.items():
        location = (_defining_file(deck_files, CHOICE_DEFAULTS, key), *CHOICE_DEFAULTS, key)
        _check_reference(deck, written, f"{_entry_where(deck_files, CHOICE_DEFAULTS, key)} =", location)
    tables = ((ALIASES, "@", deck.aliases), (PRESETS, "$", deck.llm_presets))
    for section, _, table in tables:
        for name, entry in table.items():
            location = (_defining_file(deck_files, section, name), *section, name)
            for target in entry.targets:
                _check_reference(deck, target, f"{_entry_where(deck_files, section, name)}:", location)
    for section, sigil, table in tables:
        for name in table:
            try:
                deck.expand_names(f"{sigil}{name}")
            except LLMHandleNotFoundError:
                where = _entry_where(deck_files, section, name)
                raise ModelsManagerError(f"{where}: aliases and presets refer to each other in a loop").at(
                    _defining_file(deck_files, section, name), *section, name
                ) from None


_FAMILY_KEYS = ("presets", "choice_default")


def _read_family(document: Mapping[str, Any], family: ModelFamily, deck_files: DeckFiles) -> FamilyDeck:
    """``[extract]`` or ``[img_gen]``: ``presets`` and ``choice_default``."""
    where = " and ".join(str(path) for path, _ in deck_files) + f" [{family.value}]"
    section = _section(document, family.value, where)
    unknown = sorted(set(section) - set(_FAMILY_KEYS))
    if unknown:
        where_key = _entry_where(deck_files, (family.value,), unknown[0])
        raise ModelsManagerError(f"{where_key}: unknown key (expected: {', '.join(_FAMILY_KEYS)})").at(
            _defining_file(deck_files, (family.value,), unknown[0]), family.value, unknown[0]
        )
    presets_section = (family.value, "presets")
    presets: dict[str, FamilyPreset] = {}
    for name, value in _section(section, "presets", where).items():
        try:
            presets[name] = read_family_preset(family, value, _entry_where(deck_files, presets_section, name))
        except ValueError as error:
            file = _defining_file(deck_files, presets_section, name)
            raise ModelsManagerError(str(error)).at(file, *presets_section, name) from None
    choice_default = section.get("choice_default")
    if choice_default is not None and not isinstance(choice_default, str):
        where_default = _entry_where(deck_files, (family.value,), "choice_default")
        raise ModelsManagerError(f"{where_default}: must be the name of a preset, alias or model").at(
            _defining_file(deck_files, (family.value,), "choice_default"), family.value, "choice_default"
        )
    return FamilyDeck(family, presets, choice_default)


def _check_family_references(deck: ModelDeck, family_deck: FamilyDeck, deck_files: DeckFiles) -> None:
    """The family's choice default and preset targets lead to models of that family.

    Raises:
        ModelsManagerError: naming the deck file and the key.
    """
    section = family_deck.family.value
    named: list[tuple[str, str, tuple[str, ...]]] = []
    if family_deck.choice_default is not None:
        keys: tuple[str, ...] = (section, "choice_default")
        where = f"{_entry_where(deck_files, (section,), 'choice_default')} ="
        named.append(
            (family_deck.choice_default, where, (_defining_file(deck_files, (section,), "choice_default"), *keys))
        )
    for name, preset in family_deck.presets.items():
        keys = (section, "presets", name)
        where = f"{_entry_where(deck_files, (section, 'presets'), name)}:"
        preset_location: tuple[str, ...] = (_defining_file(deck_files, (section, "presets"), name), *keys)
        named.extend((target, where, preset_location) for target in preset.targets)
    for written, where, location in named:
        try:
            names, _options = family_deck.expand(deck, written, {}, depth=0)
        except LLMHandleNotFoundError as error:
            close = difflib.get_close_matches(written.lstrip("$@~"), family_deck.known_names(deck), n=3, cutoff=0.6)
            hint = f" (did you mean {_one_of(close)}?)" if close else ""
            raise ModelsManagerError(f"{where} `{written}`: {error}{hint}").at(*location) from None
        for handle in names:
            spec = deck.inference_models.get(handle)
            if spec is not None and family_of(spec) is not family_deck.family:
                raise ModelsManagerError(
                    f"{where} `{written}` leads to `{handle}`, which is not a model of [{section}] "
                    f"(it produces {', '.join(spec.outputs)})"
                ).at(*location)


def _check_reference(deck: ModelDeck, written: str, where: str, location: tuple[str, ...]) -> None:
    problem = deck.reference_problem(written)
    if problem is None:
        return
    name = written.lstrip("$@~")
    close = difflib.get_close_matches(name, deck.known_llm_names(), n=3, cutoff=0.6)
    hint = f" (did you mean {_one_of(close)}?)" if close else ""
    raise ModelsManagerError(f"{where} `{written}` {problem}{hint}").at(*location)


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


def _section(document: Mapping[str, Any], key: str, where: str = "model deck") -> dict[str, Any]:
    value = document.get(key, {})
    if not isinstance(value, dict):
        raise ModelsManagerError(f"{where}: `{key}` must be a table")
    return value


def _one_of(names: list[str]) -> str:
    quoted = [f"`{name}`" for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


__all__ = ["DeckEntry", "load_model_deck"]
