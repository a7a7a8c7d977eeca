"""A pydantic model's JSON schema as Mistral's ``json_schema`` response format wants it in strict mode.

Strict mode closes every object (``additionalProperties: false``); titles are noise and are dropped. Nested
models stay as ``$defs`` references, which Mistral accepts.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

_NAME_LIMIT = 64


def response_format_for(schema: type[BaseModel]) -> dict[str, Any]:
    """The ``response_format`` asking for an instance of ``schema``."""
    return {
        "type": "json_schema",
        "json_schema": {
            "name": schema.__name__[:_NAME_LIMIT],
            "schema": closed_schema(schema.model_json_schema()),
            "strict": True,
        },
    }


def closed_schema(node: Any) -> Any:
    """A copy of ``node`` with every object schema closed and every ``title`` removed."""
    if isinstance(node, list):
        return [closed_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key in ("properties", "$defs") and isinstance(value, dict):
            result[key] = {name: closed_schema(item) for name, item in value.items()}
        else:
            result[key] = closed_schema(value)
    if result.get("type") == "object" and "properties" in result:
        result.setdefault("additionalProperties", False)
    return result
