"""Structured-output schemas stay acceptable to OpenAI's strict mode, whatever the concept's fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelex.core.concepts import Concept
from pipelex.language.library_loader import load_library
from pipelex.pipes.output_schema import output_schema
from pipelex.pipes.pipe_abstract import Slot
from pipelex.plugins.openai.openai_schema import strict_json_schema

FIELD_TYPES = Path(__file__).resolve().parent.parent / "data" / "plx" / "valid" / "field_types.plx"


def _concept(code: str) -> Concept:
    library = load_library([str(FIELD_TYPES)])
    concept = library.concepts.get(f"field_types.{code}")
    assert concept is not None
    return concept


def _nodes(node: Any) -> list[dict[str, Any]]:
    """Every schema object in ``node``, property maps and ``$defs`` included."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(_nodes(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_nodes(item))
    return found


def assert_strict(schema: dict[str, Any]) -> None:
    assert schema["type"] == "object"
    for node in _nodes(schema):
        if node.get("type") == "object":
            assert node["additionalProperties"] is False, node
            assert sorted(node["required"]) == sorted(node["properties"]), node
        if "$ref" in node:
            assert set(node) == {"$ref"}, node
        assert "default" not in node
        assert "oneOf" not in node


def test_every_field_type_gives_a_strict_schema() -> None:
    for code in ("Meeting", "Person"):
        schema = strict_json_schema(_concept(code).content_model().model_json_schema())
        assert_strict(schema)


def test_field_names_that_are_json_schema_keywords_survive() -> None:
    schema = strict_json_schema(_concept("Meeting").content_model().model_json_schema())
    assert "title" in schema["properties"]
    assert "title" in schema["required"]


def test_optional_fields_are_nullable_and_dicts_are_pair_lists() -> None:
    schema = strict_json_schema(_concept("Meeting").content_model().model_json_schema())
    duration = schema["properties"]["duration_minutes"]
    assert {"type": "null"} in duration["anyOf"]
    rooms = next(item for item in schema["properties"]["room_by_floor"]["anyOf"] if item.get("type") == "array")
    assert rooms["items"]["properties"]["key"] == {"type": "integer"}


def test_a_recursive_root_is_inlined_and_a_list_wrapper_is_strict() -> None:
    person = _concept("Person")
    schema = strict_json_schema(person.content_model().model_json_schema())
    assert "$ref" not in schema
    assert "manager" in schema["properties"]
    wrapper = output_schema(Slot("output", person, is_list=True, count=2)).model
    assert_strict(strict_json_schema(wrapper.model_json_schema()))
