"""The schema a model must fill to produce an output slot, and how to read the answer back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, create_model

from pipelex.core.concepts import ContentKind
from pipelex.core.stuff import Content
from pipelex.pipes.pipe_abstract import Slot


@dataclass(frozen=True)
class OutputSchema:
    """``model`` is what the LLM fills; ``unwrap`` turns an instance into the stuff's content."""

    model: type[BaseModel]
    wrapper_field: str | None = None

    def unwrap(self, instance: BaseModel) -> Content:
        if self.wrapper_field is None:
            return instance
        value: Any = getattr(instance, self.wrapper_field)
        return list(value) if isinstance(value, list) else value


def needs_object(slot: Slot) -> bool:
    """Whether producing ``slot`` takes structured output rather than plain text."""
    return slot.is_list or slot.concept.content_kind is not ContentKind.TEXT


def output_schema(slot: Slot) -> OutputSchema:
    """The schema for a slot that :func:`needs_object`."""
    kind = slot.concept.content_kind
    item_type: Any
    if kind is ContentKind.STRUCTURED:
        item_type = slot.concept.content_model()
    elif kind is ContentKind.NUMBER:
        item_type = float
    else:
        item_type = str
    name = slot.concept.code
    if slot.is_list:
        items_field = Field(
            description=f"the {name} items" + (f", exactly {slot.count}" if slot.count else ""),
            min_length=slot.count,
            max_length=slot.count,
        )
        wrapper: type[BaseModel] = create_model(f"{name}List", items=(list[item_type], items_field))
        return OutputSchema(wrapper, "items")
    if kind is ContentKind.STRUCTURED:
        return OutputSchema(item_type)
    single: type[BaseModel] = create_model(name, value=(item_type, Field(description=f"the {name}")))
    return OutputSchema(single, "value")
