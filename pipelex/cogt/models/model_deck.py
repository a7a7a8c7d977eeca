"""The model deck: routed models, aliases, presets and default choices, and how a pipe's ``model`` resolves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipelex.cogt.exceptions import LLMHandleNotFoundError, LLMPresetNotFoundError
from pipelex.cogt.llm.llm_setting import LLMSettings, ResolvedLLM, settings_from_table
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.cogt.model_routing.routing_profile import RoutingProfileLibrary
from pipelex.cogt.models.family_deck import FamilyDeck, ModelFamily, ResolvedModel, family_of

_MAX_DEPTH = 12


@dataclass(frozen=True, slots=True)
class DeckEntry:
    """A preset or an alias: the name(s) it points at and the settings it adds."""

    targets: tuple[str, ...]
    settings: LLMSettings = field(default_factory=LLMSettings)


@dataclass(frozen=True)
class ModelNames:
    """The names a pipe may write in ``model``, by family, for the static checks."""

    llm: list[str]
    extract: list[str] = field(default_factory=list)
    img_gen: list[str] = field(default_factory=list)


@dataclass
class ModelDeck:
    """Everything needed to turn a pipe's ``model`` into a model spec and call settings."""

    inference_models: dict[str, InferenceModelSpec]
    routing_rules: dict[str, str]
    unavailable: dict[str, str]
    backends: dict[str, InferenceBackend]
    aliases: dict[str, DeckEntry]
    llm_presets: dict[str, DeckEntry]
    llm_choice_defaults: dict[str, str]
    extract: FamilyDeck = field(default_factory=lambda: FamilyDeck(ModelFamily.EXTRACT))
    img_gen: FamilyDeck = field(default_factory=lambda: FamilyDeck(ModelFamily.IMG_GEN))
    catalog: dict[str, InferenceModelSpec] = field(default_factory=dict)
    """Every model named in a backend's model file, served or not (the first backend declaring it)."""
    backend_specs: dict[str, dict[str, InferenceModelSpec]] = field(default_factory=dict)
    """The model specs of each backend of backends.toml (a disabled backend's too)."""
    routing: RoutingProfileLibrary | None = None
    """The routing profiles the models were routed with (``routing.active_profile``)."""

    def unavailable_of(self, family: ModelFamily) -> list[str]:
        """The known but unusable models of ``family`` (those of unknown family included)."""
        return [
            name for name in self.unavailable if name not in self.catalog or family_of(self.catalog[name]) is family
        ]

    def known_llm_names(self) -> list[str]:
        """Every name a PipeLLM may write: presets, aliases, and LLMs, served or not.

        A model known from a backend's model file but not served (its backend is disabled, no route reaches
        it) is included: naming it is not a mistake in the pipe, and running it says why it cannot be used.
        """
        llms = [name for name, spec in self.inference_models.items() if family_of(spec) is ModelFamily.LLM]
        return list(dict.fromkeys([*self.llm_presets, *self.aliases, *llms, *self.unavailable_of(ModelFamily.LLM)]))

    def mark_unavailable(self, name: str, reason: str) -> None:
        """Take ``name`` out of the served models; resolving it then fails with ``reason``."""
        self.inference_models.pop(name, None)
        self.routing_rules.pop(name, None)
        self.unavailable[name] = reason

    def model_names(self) -> ModelNames:
        """The names each family's pipes may write, for the static checks."""
        return ModelNames(
            llm=self.known_llm_names(),
            extract=self.extract.known_names(self),
            img_gen=self.img_gen.known_names(self),
        )

    def resolve_extract(self, choice: str | None) -> ResolvedModel:
        """Resolve a PipeExtract's ``model`` (``None``: ``[extract] choice_default``).

        Raises:
            LLMHandleNotFoundError: it names no usable extraction model.
        """
        return self.extract.resolve(self, choice)

    def resolve_img_gen(self, choice: str | None) -> ResolvedModel:
        """Resolve a PipeImgGen's ``model`` (``None``: ``[img_gen] choice_default``).

        Raises:
            LLMHandleNotFoundError: it names no usable image model.
        """
        return self.img_gen.resolve(self, choice)

    def reference_problem(self, written: str) -> str | None:
        """What is wrong with ``written`` as a reference (``name``, ``$preset``, ``@alias``), or ``None``."""
        sigil, name = split_sigil(written)
        if sigil == "$":
            return None if name in self.llm_presets else "is not an LLM preset"
        if sigil in ("@", "~"):
            return None if name in self.aliases else "is not an alias"
        known = (self.llm_presets, self.aliases, self.inference_models, self.unavailable)
        if any(name in table for table in known) or name in self.extract.presets or name in self.img_gen.presets:
            return None
        return "is not a preset, alias or model"

    def expand_names(self, written: str) -> list[str]:
        """The model names ``written`` leads to, in fallback order, served or not.

        Raises:
            LLMHandleNotFoundError: it names nothing, or aliases and presets refer to each other in a loop.
        """
        return self._expand(written, LLMSettings(), depth=0)[0]

    def expand_llm(self, written: str) -> tuple[list[str], LLMSettings]:
        """The model names ``written`` leads to (served or not, in fallback order) and the settings on the way.

        Raises:
            LLMHandleNotFoundError: it names nothing, or aliases and presets refer to each other in a loop.
        """
        return self._expand(written, LLMSettings(), depth=0)

    def resolve_llm(self, choice: str | Mapping[str, Any] | None, *, for_object: bool) -> ResolvedLLM:
        """Resolve a pipe's ``model`` (a name, an inline table, or nothing for the default).

        Raises:
            LLMHandleNotFoundError: the name is not a preset, alias or model of the deck.
            ValueError: an inline table has a bad setting.
        """
        explicit = LLMSettings()
        if choice is None:
            key = "for_object" if for_object else "for_text"
            name = self.llm_choice_defaults.get(key)
            if name is None:
                raise LLMHandleNotFoundError(f"the model deck sets no default `{key}` in [llm.choice_defaults]")
        elif isinstance(choice, str):
            name = choice
        else:
            model = choice.get("model")
            if not isinstance(model, str):
                raise LLMHandleNotFoundError('an inline `model` table needs `model = "<name>"`')
            name = model
            explicit = settings_from_table(choice, "model")
        names, settings = self._expand(name, explicit, depth=0)
        specs = [self.inference_models[handle] for handle in names if handle in self.inference_models]
        if not specs:
            raise LLMHandleNotFoundError(f"model `{name}` cannot be used: {self._why_unavailable(name, names)}")
        return ResolvedLLM(
            requested=name,
            spec=specs[0],
            fallbacks=tuple(specs[1:]),
            settings=settings,
            rule=self.routing_rules.get(specs[0].name, "default"),
        )

    def _why_unavailable(self, requested: str, names: list[str]) -> str:
        reasons = {handle: self.unavailable.get(handle, "no enabled backend serves it") for handle in names}
        listed = "; ".join(f"`{handle}`: {reason}" for handle, reason in reasons.items())
        if len(reasons) > 1:
            return f"none of its models can be used ({listed})"
        return next(iter(reasons.values())) if list(reasons) == [split_sigil(requested)[1]] else listed

    def _expand(self, written: str, settings: LLMSettings, depth: int) -> tuple[list[str], LLMSettings]:
        if depth > _MAX_DEPTH:
            raise LLMHandleNotFoundError(f"model `{written}`: aliases and presets refer to each other in a loop")
        sigil, name = split_sigil(written)
        if sigil in ("", "$") and name in self.llm_presets:
            return self._expand_entry(self.llm_presets[name], settings, depth)
        if sigil == "$":
            raise LLMPresetNotFoundError(f"`{name}` is not an LLM preset of the model deck")
        if name in self.aliases:
            return self._expand_entry(self.aliases[name], settings, depth)
        if sigil in ("@", "~"):
            raise LLMHandleNotFoundError(f"`{name}` is not an alias of the model deck")
        if name in self.inference_models or name in self.unavailable:
            return [name], settings
        raise LLMHandleNotFoundError(f"`{name}` is not a preset, alias or model of the model deck")

    def _expand_entry(self, entry: DeckEntry, settings: LLMSettings, depth: int) -> tuple[list[str], LLMSettings]:
        merged = settings.fill_from(entry.settings)
        names: list[str] = []
        for target in entry.targets:
            expanded, merged = self._expand(target, merged, depth + 1)
            names.extend(handle for handle in expanded if handle not in names)
        return names, merged


def split_sigil(written: str) -> tuple[str, str]:
    """``("$", "name")`` for ``$name``; ``("", "name")`` without a sigil."""
    return (written[0], written[1:]) if written[:1] in ("$", "@", "~") else ("", written)


_ENTRY_KEYS = frozenset({"model", "llm_handle", "temperature", "max_tokens", "reasoning_effort"})


def read_deck_entry(value: Any, where: str) -> DeckEntry:
    """An alias or preset value: a name, a list of names (a fallback chain) or ``{ model, ...settings }``."""
    if isinstance(value, str):
        return DeckEntry((value,))
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return DeckEntry(tuple(value))
    if isinstance(value, dict):
        unknown = sorted(set(value) - _ENTRY_KEYS)
        if unknown:
            raise ValueError(f"{where}: unknown key `{unknown[0]}` (expected: {', '.join(sorted(_ENTRY_KEYS))})")
        model = value.get("model", value.get("llm_handle"))
        if isinstance(model, str):
            return DeckEntry((model,), settings_from_table(value, where))
    raise ValueError(f"{where}: expected a model name, a list of names, or a table with `model`")
