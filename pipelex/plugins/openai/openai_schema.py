"""Turning a pydantic model's JSON schema into one OpenAI's strict structured output accepts.

Strict mode wants every object closed (``additionalProperties: false``) with every property listed in
``required``; optional fields stay optional by being nullable. It rejects ``default``, and ``title`` is noise.
"""

from __future__ import annotations

from typing import Any

_DROPPED_KEYS = ("default", "title")


def strict_json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``schema`` made acceptable to strict structured outputs."""
    result = _strict(schema)
    if not isinstance(result, dict):
        raise TypeError("a JSON schema must be an object")
    return result


def _strict(node: Any) -> Any:
    if isinstance(node, list):
        return [_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _strict(value) for key, value in node.items() if key not in _DROPPED_KEYS}
    if result.get("type") == "object" and "properties" in result:
        result["additionalProperties"] = False
        result["required"] = list(result["properties"])
    return result
