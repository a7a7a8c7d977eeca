"""Turning what a PipeFunc's function returned into the stuff its output declares (or mocking it).

A ``str`` becomes a text concept, an ``int``/``float`` a Number, a pydantic model or a mapping a structured
concept (validated against its model, so ISO strings become dates), anything JSON-ready a JSON concept,
and a list (or tuple) an ``X[]`` output, item by item.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from pipelex.core.concepts import Concept, ContentKind
from pipelex.core.mock_values import mock_instance, mock_sentence
from pipelex.core.stuff import Content, Stuff
from pipelex.core.validation_problems import validation_problems
from pipelex.exceptions import PipeRunError
from pipelex.pipes.pipe_abstract import Slot


class FuncResultError(ValueError):
    """A returned value that does not fit the output; the message says what was expected."""


def result_stuff(name: str, value: Any, slot: Slot) -> Stuff:
    """The stuff for ``value`` as ``slot`` declares it.

    Raises:
        FuncResultError: the value does not fit.
    """
    if not slot.is_list:
        return Stuff(name, slot.concept, _content(value, slot.concept))
    if isinstance(value, str | bytes | Mapping | BaseModel) or not isinstance(value, list | tuple):
        raise FuncResultError(f"expected a list of {slot.concept.code} ({slot.label}), got {_kind(value)}")
    if slot.count is not None and len(value) != slot.count:
        raise FuncResultError(f"expected exactly {slot.count} items ({slot.label}), got {len(value)}")
    items: list[Content] = []
    for index, item in enumerate(value):
        try:
            items.append(_content(item, slot.concept))
        except FuncResultError as error:
            raise FuncResultError(f"item {index}: {error}") from None
    return Stuff(name, slot.concept, items, is_list=True)


def _content(value: Any, concept: Concept) -> Content:
    kind = concept.content_kind
    if kind is ContentKind.TEXT:
        if not isinstance(value, str):
            raise FuncResultError(f"`{concept.code}` is text, so return a str (got {_kind(value)})")
        return str(value)
    if kind is ContentKind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FuncResultError(f"`{concept.code}` is a number, so return an int or a float (got {_kind(value)})")
        return value
    if kind is ContentKind.STRUCTURED:
        return _structured(value, concept)
    if kind in (ContentKind.JSON, ContentKind.ANYTHING):
        plain = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
        try:
            json.dumps(plain)
        except (TypeError, ValueError):
            raise FuncResultError(f"`{concept.code}` holds JSON data, and {_kind(value)} is not") from None
        return plain
    raise FuncResultError(f"a PipeFunc cannot produce `{concept.code}` ({kind.value}) values yet")


def _structured(value: Any, concept: Concept) -> Content:
    model = concept.content_model()
    if isinstance(value, model):
        return value
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if not isinstance(value, Mapping):
        fields = ", ".join(item.name for item in concept.structure_fields())
        raise FuncResultError(
            f"`{concept.code}` is structured: return a `{model.__name__}`, another pydantic model or a dict "
            f"with the fields {fields} (got {_kind(value)})"
        )
    try:
        return model.model_validate(dict(value))
    except ValidationError as error:
        details = validation_problems(error)
        raise FuncResultError(f"it does not fit `{concept.code}`: {details}") from None


def mock_result(name: str, slot: Slot, seed: str) -> Stuff:
    """A dry-run stand-in for the output of a function that is not registered."""
    count = slot.count or (2 if slot.is_list else 1)
    items = [_mock(slot.concept, f"{seed}:{index}") for index in range(count)]
    if slot.is_list:
        return Stuff(name, slot.concept, list(items), is_list=True)
    return Stuff(name, slot.concept, items[0])


def _mock(concept: Concept, seed: str) -> Content:
    kind = concept.content_kind
    if kind is ContentKind.STRUCTURED:
        return mock_instance(concept.content_model(), seed)
    if kind is ContentKind.NUMBER:
        return random.Random(seed).randint(1, 100)
    if kind in (ContentKind.TEXT, ContentKind.JSON, ContentKind.ANYTHING):
        return f"[dry run: mock {concept.code}] {mock_sentence(random.Random(seed))}"
    raise PipeRunError(f"cannot mock a `{concept.code}` ({kind.value}) in a dry run yet")


def _kind(value: Any) -> str:
    if value is None:
        return "None"
    return f"a {type(value).__name__}"
