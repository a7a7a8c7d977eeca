"""Turning user inputs (plain JSON values) into typed stuffs, before any model is called.

A value is shaped to the concept the pipe declares: a string for a text concept, an object for a
structured one, a number for ``Number``, a list for ``X[]``. The explicit form
``{"concept": "domain.X", "content": ...}`` names the concept; it must be the declared one or refine it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from pipelex.core.concept_library import ConceptLibrary
from pipelex.core.concept_models import validate_strictly
from pipelex.core.concepts import Concept, ContentKind
from pipelex.core.mock_values import mock_instance, mock_sentence
from pipelex.core.stuff import Content, Stuff
from pipelex.core.validation_problems import validation_problems
from pipelex.core.working_memory import WorkingMemory
from pipelex.engine.media_inputs import MEDIA_KINDS, mock_media, shape_media
from pipelex.exceptions import InputError
from pipelex.language.suggest import did_you_mean
from pipelex.pipes.pipe_abstract import PipeAbstract, Slot


def shape_inputs(
    pipe: PipeAbstract,
    inputs: Mapping[str, Any],
    concepts: ConceptLibrary,
    *,
    mock_missing: bool,
) -> tuple[WorkingMemory, list[str]]:
    """Working memory holding the pipe's inputs, and the names of inputs that were mocked.

    Raises:
        InputError: unknown names, missing inputs (unless ``mock_missing``), wrong shapes; all listed at once.
    """
    slots = {name.split(".", 1)[0]: slot for name, slot in pipe.inputs.items()}
    problems: list[str] = []
    for name in inputs:
        if name not in slots:
            hint = did_you_mean(name, slots)
            expected = ", ".join(f"`{slot}`" for slot in slots) or "none"
            problems.append(f"`{name}` is not an input of `{pipe.code}` ({hint or f'its inputs: {expected}'})")
    memory = WorkingMemory()
    mocked: list[str] = []
    optional = pipe.optional_inputs()
    for name, slot in slots.items():
        if name in optional and inputs.get(name) is None:
            continue
        if name not in inputs:
            if mock_missing:
                memory.set(mock_stuff(name, slot))
                mocked.append(name)
            else:
                problems.append(f"missing input `{name}` ({slot.label})")
            continue
        try:
            memory.set(shape_stuff(name, inputs[name], slot, concepts, pipe.domain))
        except InputError as error:
            problems.append(str(error))
    if problems:
        raise InputError(
            f"the inputs of `{pipe.code}` do not fit:\n" + "\n".join(f"  - {problem}" for problem in problems)
        )
    return memory, mocked


def _check_unicode(name: str, value: Any) -> None:
    """Texts must be valid Unicode: JSON allows lone surrogates, which nothing downstream can encode."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"input `{name}` contains text that is not valid Unicode (a lone surrogate)") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_unicode(f"{name}.{key}", item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_unicode(f"{name}[{index}]", item)


def shape_stuff(name: str, value: Any, slot: Slot, concepts: ConceptLibrary, domain: str) -> Stuff:
    _check_unicode(name, value)
    concept = slot.concept
    if isinstance(value, dict) and set(value) == {"concept", "content"}:
        written = value["concept"]
        named = concepts.resolve(written, domain) if isinstance(written, str) else None
        if named is None:
            raise InputError(f"input `{name}`: unknown concept `{written}`")
        if not named.is_a(concept):
            raise InputError(f"input `{name}`: `{named.ref}` is not a `{concept.ref}` (expected {slot.label})")
        concept, value = named, value["content"]
    if slot.is_list:
        if not isinstance(value, list):
            raise InputError(f"input `{name}`: expected a list of {concept.code} ({slot.label}), got {_kind(value)}")
        if slot.count is not None and len(value) != slot.count:
            raise InputError(f"input `{name}`: expected exactly {slot.count} items, got {len(value)}")
        items = [_shape_content(f"{name}[{index}]", item, concept) for index, item in enumerate(value)]
        return Stuff(name, concept, list(items), is_list=True)
    return Stuff(name, concept, _shape_content(name, value, concept))


def _shape_content(name: str, value: Any, concept: Concept) -> Content:
    kind = concept.content_kind
    if kind is ContentKind.TEXT:
        if not isinstance(value, str):
            raise InputError(f"input `{name}`: `{concept.code}` is text, so give a string (got {_kind(value)})")
        return value
    if kind is ContentKind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError(f"input `{name}`: `{concept.code}` is a number (got {_kind(value)})")
        return value
    if kind is ContentKind.STRUCTURED:
        if not isinstance(value, dict):
            fields = ", ".join(field.name for field in concept.structure_fields())
            raise InputError(f"input `{name}`: `{concept.code}` is an object with fields {fields} (got {_kind(value)})")
        try:
            return validate_strictly(concept.content_model(), value)
        except ValidationError as error:
            details = validation_problems(error)
            raise InputError(f"input `{name}` does not fit `{concept.code}`: {details}") from None
    if kind in (ContentKind.JSON, ContentKind.ANYTHING):
        return value  # type: ignore[no-any-return]
    if kind in MEDIA_KINDS:
        return shape_media(name, value, concept)
    raise InputError(f"input `{name}`: inputs of concept `{concept.code}` ({kind.value}) are not supported yet")


def mock_stuff(name: str, slot: Slot) -> Stuff:
    """A dry-run stand-in for a missing input."""
    count = slot.count or (2 if slot.is_list else 1)
    items = [_mock_content(f"{name}:{index}", slot.concept) for index in range(count)]
    if slot.is_list:
        return Stuff(name, slot.concept, list(items), is_list=True)
    return Stuff(name, slot.concept, items[0])


def _mock_content(seed: str, concept: Concept) -> Content:
    kind = concept.content_kind
    if kind is ContentKind.STRUCTURED:
        return mock_instance(concept.content_model(), seed)
    if kind is ContentKind.NUMBER:
        return random.Random(seed).randint(1, 100)
    if kind is ContentKind.TEXT or kind in (ContentKind.JSON, ContentKind.ANYTHING):
        return f"[dry run: mock {concept.code}] {mock_sentence(random.Random(seed))}"
    if kind in MEDIA_KINDS:
        return mock_media(seed, concept)
    raise InputError(f"cannot mock an input of concept `{concept.code}` ({kind.value}) yet; give it in --inputs")


def _kind(value: Any) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(value), "null" if value is None else type(value).__name__)
