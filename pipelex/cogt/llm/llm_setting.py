"""LLM settings: which model, and the parameters of a call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from pipelex.cogt.model_backends.model_spec import InferenceModelSpec

_SETTING_KEYS = ("temperature", "max_tokens", "reasoning_effort")


@dataclass(frozen=True, slots=True)
class LLMSettings:
    """Call parameters; ``None`` leaves the provider's default."""

    temperature: float | None = None
    max_tokens: int | None = None
    reasoning_effort: str | None = None

    def fill_from(self, other: LLMSettings) -> LLMSettings:
        """These settings, with unset values taken from ``other``."""
        return replace(
            self,
            temperature=self.temperature if self.temperature is not None else other.temperature,
            max_tokens=self.max_tokens if self.max_tokens is not None else other.max_tokens,
            reasoning_effort=self.reasoning_effort if self.reasoning_effort is not None else other.reasoning_effort,
        )

    def as_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in _SETTING_KEYS if getattr(self, key) is not None}


def settings_from_table(table: Mapping[str, Any], where: str) -> LLMSettings:
    """Read ``temperature``, ``max_tokens`` (an int or ``"auto"``) and ``reasoning_effort``.

    Raises:
        ValueError: with a message naming the bad key.
    """
    temperature = table.get("temperature")
    if temperature is not None and (
        isinstance(temperature, bool) or not isinstance(temperature, int | float) or not 0 <= temperature <= 2
    ):
        raise ValueError(f"{where}: `temperature` must be a number from 0 to 2")
    max_tokens = table.get("max_tokens")
    if max_tokens == "auto":
        max_tokens = None
    elif max_tokens is not None and (isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1):
        raise ValueError(f'{where}: `max_tokens` must be a positive integer or "auto"')
    effort = table.get("reasoning_effort")
    if effort is not None and not isinstance(effort, str):
        raise ValueError(f"{where}: `reasoning_effort` must be a string")
    return LLMSettings(
        temperature=float(temperature) if temperature is not None else None,
        max_tokens=max_tokens,
        reasoning_effort=effort,
    )


@dataclass(frozen=True, slots=True)
class ResolvedLLM:
    """The outcome of resolving a pipe's ``model``: the model to call, its fallbacks, the settings.

    Attributes:
        requested: what the pipe asked for, as written (or the default preset's name).
        spec: the model chosen.
        fallbacks: the other models of its fallback chain, in order.
        settings: the call parameters.
        rule: the routing rule that picked the backend.
    """

    requested: str
    spec: InferenceModelSpec
    fallbacks: tuple[InferenceModelSpec, ...]
    settings: LLMSettings
    rule: str
