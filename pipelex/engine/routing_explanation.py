"""Explaining one routing decision: from the name a pipe writes to the backend, sdk and model id called.

``pipelex show routing NAME`` prints it; its JSON form has exactly the keys ``requested``, ``model`` (the
resolved model handle), ``backend``, ``rule`` (the matching route, or ``default``), ``sdk``, ``model_id`` and
``settings`` (the preset's call settings, such as ``temperature``; ``{}`` for a bare model).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipelex.cogt.exceptions import LLMHandleNotFoundError
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.cogt.models.model_deck import ModelDeck


@dataclass(frozen=True)
class RoutingDecision:
    """What the deck and the active routing profile do with one name.

    Attributes:
        requested: the name as asked.
        model: the model handle it resolves to (the first usable one of a fallback chain).
        backend: the backend the active profile sends it to (``None``: no route and no default).
        rule: the route pattern that matched, or ``default``.
        sdk: the sdk of the model's spec at that backend (``None`` when the backend has no spec for it).
        model_id: the id sent to the provider.
        settings: the call settings gathered from presets and aliases.
        fallbacks: the other models of its chain, in order.
        reason: why the model cannot be used, when it cannot.
    """

    requested: str
    model: str
    backend: str | None
    rule: str
    sdk: str | None
    model_id: str | None
    settings: Mapping[str, Any] = field(default_factory=dict)
    fallbacks: tuple[str, ...] = ()
    reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The machine form: exactly the keys documented in the module docstring."""
        return {
            "requested": self.requested,
            "model": self.model,
            "backend": self.backend,
            "rule": self.rule,
            "sdk": self.sdk,
            "model_id": self.model_id,
            "settings": dict(self.settings),
        }


def explain_routing(deck: ModelDeck, requested: str) -> RoutingDecision:
    """How ``requested`` (a preset, alias or model, with or without sigil) is routed.

    Raises:
        LLMHandleNotFoundError: it names nothing the deck knows (with a "did you mean").
    """
    names, settings = _expand(deck, requested)
    usable = [name for name in names if name in deck.inference_models]
    model = usable[0] if usable else names[0]
    backend, rule = _route(deck, model)
    spec = _spec(deck, model, backend)
    fallbacks = tuple(name for name in (usable or names) if name != model)
    return RoutingDecision(
        requested=requested,
        model=model,
        backend=backend,
        rule=rule,
        sdk=spec.sdk if spec is not None else None,
        model_id=spec.model_id if spec is not None else None,
        settings=settings,
        fallbacks=fallbacks,
        reason=None if usable else deck.unavailable.get(model, "no enabled backend serves it"),
    )


def _expand(deck: ModelDeck, requested: str) -> tuple[list[str], dict[str, Any]]:
    try:
        names, llm_settings = deck.expand_llm(requested)
        return names, llm_settings.as_dict()
    except LLMHandleNotFoundError as llm_error:
        for family_deck in (deck.extract, deck.img_gen):
            try:
                return family_deck.expand(deck, requested, {}, depth=0)
            except LLMHandleNotFoundError:
                continue
        known = [*deck.known_llm_names(), *deck.extract.known_names(deck), *deck.img_gen.known_names(deck)]
        close = difflib.get_close_matches(requested.lstrip("$@~"), list(dict.fromkeys(known)), n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(f'`{name}`' for name in close)}?)" if close else ""
        raise LLMHandleNotFoundError(f"{llm_error}{hint}") from None


def _route(deck: ModelDeck, model: str) -> tuple[str | None, str]:
    if deck.routing is not None:
        return deck.routing.active_profile.route(model)
    spec = deck.inference_models.get(model)
    return (spec.backend_name if spec else None), deck.routing_rules.get(model, "default")


def _spec(deck: ModelDeck, model: str, backend: str | None) -> InferenceModelSpec | None:
    if backend is not None and model in deck.backend_specs.get(backend, {}):
        return deck.backend_specs[backend][model]
    return deck.inference_models.get(model)
