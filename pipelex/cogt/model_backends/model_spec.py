"""The resolved record of one model served by one backend."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class InferenceModelSpec(BaseModel):
    """A model as a backend serves it.

    Attributes:
        backend_name: the backend that serves it.
        name: the model handle users write (``gpt-4o-mini``).
        model_id: the identifier sent to the provider's API.
        sdk: which plugin-registered SDK talks to it.
        inputs: what it accepts (``text``, ``images``, ``pdf``).
        outputs: what it produces (``text``, ``structured``, ``image``, ``pages``).
        costs: price per million tokens, by ``input`` / ``output``; ``per_page`` is the price of one
            extracted page (extraction models).
        image_costs: price of one generated image, by size (``1024x1024``) then quality (``medium``).
        max_tokens: its output token limit, if known.
        max_prompt_images: how many images a prompt may carry, if limited.
        constraints: what the provider refuses for this model: ``fixed_temperature`` (only its default
            temperature is accepted, so none is sent; reasoning models such as gpt-5 and the o-series).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    backend_name: str
    name: str
    model_id: str
    sdk: str
    inputs: tuple[str, ...] = ("text",)
    outputs: tuple[str, ...] = ("text",)
    costs: dict[Literal["input", "output", "per_page"], Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    image_costs: dict[str, dict[str, Annotated[float, Field(ge=0)]]] = Field(default_factory=dict)
    max_tokens: Annotated[int, Field(ge=1)] | None = None
    max_prompt_images: Annotated[int, Field(ge=0)] | None = None
    prompting_target: str | None = None
    constraints: tuple[Literal["fixed_temperature"], ...] = ()

    @property
    def tag(self) -> str:
        return f"{self.name} via {self.backend_name} ({self.sdk})"
