"""The model deck of the non-LLM families (extraction, image generation): presets and the default choice.

A pipe's ``model`` resolves like an LLM's — ``$preset``, ``@alias``, or a name looked up among the
family's presets, then the aliases, then the models — but only models of the family qualify: an
extraction model produces ``pages``, an image model produces ``image``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pipelex.cogt.exceptions import LLMHandleNotFoundError
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec

if TYPE_CHECKING:
    from pipelex.cogt.models.model_deck import ModelDeck

_MAX_DEPTH = 12


class ModelFamily(StrEnum):
    """The kinds of models a pipe may name, as the model deck's sections call them."""

    LLM = "llm"
    EXTRACT = "extract"
    IMG_GEN = "img_gen"


_FAMILY_OUTPUTS = {ModelFamily.EXTRACT: "pages", ModelFamily.IMG_GEN: "image"}
# Options a preset may set (the keys of the seed's deck). Built-in workers use `quality`; the others are
# kept in ``ResolvedModel.options`` for the workers that support them.
FAMILY_OPTIONS: dict[ModelFamily, tuple[str, ...]] = {
    ModelFamily.EXTRACT: ("max_nb_images", "image_min_size"),
    ModelFamily.IMG_GEN: ("quality", "guidance_scale", "nb_steps", "is_moderated", "safety_tolerance"),
}
_MODEL_KEYS = ("model", "ocr_handle")
_WHAT = {ModelFamily.LLM: "an LLM", ModelFamily.EXTRACT: "an extraction model", ModelFamily.IMG_GEN: "an image model"}


def family_of(spec: InferenceModelSpec) -> ModelFamily:
    """Which family a model serves, from what it produces."""
    for family, output in _FAMILY_OUTPUTS.items():
        if output in spec.outputs:
            return family
    return ModelFamily.LLM


@dataclass(frozen=True, slots=True)
class FamilyPreset:
    """A preset of a family: the name(s) it points at, and the options it sets (``quality``, …)."""

    targets: tuple[str, ...]
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ResolvedModel:
    """A family model chosen for a pipe: the spec, its fallbacks, and the preset options.

    Attributes:
        requested: what the pipe asked for, as written (or the deck's default).
        spec: the model chosen.
        fallbacks: the other usable models of its chain, in order.
        options: the options of the presets it went through.
        rule: the routing rule that picked the backend.
    """

    requested: str
    spec: InferenceModelSpec
    fallbacks: tuple[InferenceModelSpec, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    rule: str = "default"


@dataclass
class FamilyDeck:
    """The presets and default choice of one family (``[extract]`` or ``[img_gen]`` in the deck)."""

    family: ModelFamily
    presets: dict[str, FamilyPreset] = field(default_factory=dict)
    choice_default: str | None = None

    def known_names(self, deck: ModelDeck) -> list[str]:
        """Every name a pipe of this family may write: its presets, aliases leading to its models, its models.

        Models of a disabled backend count (their family is unknown, and naming them is not a mistake).
        """
        models = [name for name, spec in deck.inference_models.items() if family_of(spec) is self.family]
        unavailable = deck.unavailable_of(self.family)
        usable = {*models, *unavailable}
        aliases = [name for name, entry in deck.aliases.items() if usable.intersection(entry.targets)]
        return list(dict.fromkeys([*self.presets, *aliases, *models, *unavailable]))

    def resolve(self, deck: ModelDeck, choice: str | None) -> ResolvedModel:
        """Resolve a pipe's ``model`` (``None``: the deck's default).

        Raises:
            LLMHandleNotFoundError: it names nothing of this family, or nothing usable.
        """
        section = f"[{self.family.value}] choice_default"
        name = choice if choice is not None else self.choice_default
        if name is None:
            raise LLMHandleNotFoundError(f"the model deck sets no {section}: name a model in the pipe's `model`")
        names, options = self.expand(deck, name, {}, depth=0)
        specs = [deck.inference_models[handle] for handle in names if handle in deck.inference_models]
        wrong = [spec.name for spec in specs if family_of(spec) is not self.family]
        if wrong:
            raise LLMHandleNotFoundError(f"model `{wrong[0]}` is not {_WHAT[self.family]} (`{name}` leads to it)")
        if not specs:
            reasons = "; ".join(f"`{handle}`: {deck.unavailable.get(handle, 'not served')}" for handle in names)
            raise LLMHandleNotFoundError(f"model `{name}` cannot be used: {reasons}")
        rule = deck.routing_rules.get(specs[0].name, "default")
        return ResolvedModel(name, specs[0], tuple(specs[1:]), options, rule)

    def expand(
        self, deck: ModelDeck, written: str, options: Mapping[str, Any], depth: int
    ) -> tuple[list[str], dict[str, Any]]:
        """The model names ``written`` leads to, in fallback order, with the options gathered on the way.

        Raises:
            LLMHandleNotFoundError: it names nothing, or presets and aliases refer to each other in a loop.
        """
        if depth > _MAX_DEPTH:
            raise LLMHandleNotFoundError(f"model `{written}`: aliases and presets refer to each other in a loop")
        sigil, name = (written[0], written[1:]) if written[:1] in ("$", "@", "~") else ("", written)
        if sigil in ("", "$") and name in self.presets:
            preset = self.presets[name]
            return self._expand_targets(deck, preset.targets, {**preset.options, **options}, depth)
        if sigil == "$":
            raise LLMHandleNotFoundError(f"`{name}` is not a preset of [{self.family.value}.presets]")
        if name in deck.aliases:
            return self._expand_targets(deck, deck.aliases[name].targets, dict(options), depth)
        if sigil in ("@", "~"):
            raise LLMHandleNotFoundError(f"`{name}` is not an alias of the model deck")
        if name in deck.inference_models or name in deck.unavailable:
            return [name], dict(options)
        sections: dict[str, Mapping[str, object]] = {
            "llm": deck.llm_presets,
            "extract": deck.extract.presets,
            "img_gen": deck.img_gen.presets,
        }
        elsewhere = next((section for section, presets in sections.items() if name in presets), None)
        if elsewhere is not None:
            raise LLMHandleNotFoundError(
                f"`{name}` is a preset of [{elsewhere}.presets], not of [{self.family.value}.presets]"
            )
        raise LLMHandleNotFoundError(f"`{name}` is not a preset, alias or model of the model deck")

    def _expand_targets(
        self, deck: ModelDeck, targets: tuple[str, ...], options: dict[str, Any], depth: int
    ) -> tuple[list[str], dict[str, Any]]:
        names: list[str] = []
        for target in targets:
            expanded, options = self.expand(deck, target, options, depth + 1)
            names.extend(handle for handle in expanded if handle not in names)
        return names, options


def read_family_preset(family: ModelFamily, value: Any, where: str) -> FamilyPreset:
    """A preset value: a name, a list of names (a fallback chain) or ``{ model, ...options }``.

    Raises:
        ValueError: with a message naming ``where``.
    """
    if isinstance(value, str):
        return FamilyPreset((value,))
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return FamilyPreset(tuple(value))
    if isinstance(value, dict):
        allowed = (*_MODEL_KEYS, *FAMILY_OPTIONS[family])
        unknown = sorted(set(value) - set(allowed))
        if unknown:
            raise ValueError(f"{where}: unknown key `{unknown[0]}` (expected: {', '.join(allowed)})")
        model = value.get("model", value.get("ocr_handle"))
        if isinstance(model, str):
            options = {key: item for key, item in value.items() if key not in _MODEL_KEYS}
            return FamilyPreset((model,), options)
    raise ValueError(f"{where}: expected a model name, a list of names, or a table with `model`")
