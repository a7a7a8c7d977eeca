"""Turning a pydantic model's JSON schema into one OpenAI's strict structured output accepts.

Strict mode wants every object closed (``additionalProperties: false``) with every property listed in
``required``; optional fields stay optional by being nullable (``anyOf [..., {"type": "null"}]``). It
rejects ``default``, ``oneOf``, a ``$ref`` with sibling keywords and a root that is not an object; and
``title`` is noise. Dict fields of concepts are already described as lists of key/value pairs (see
``pipelex.core.concept_models``), since an open mapping cannot be strict.
"""

from __future__ import annotations

from typing import Any

_DROPPED_KEYWORDS = ("default", "title")
_SUBSCHEMA_KEYWORDS = ("items", "additionalProperties", "not", "contains")
_SCHEMA_LIST_KEYWORDS = ("anyOf", "allOf", "prefixItems")
_SCHEMA_MAP_KEYWORDS = ("properties", "$defs", "definitions", "patternProperties")


def strict_json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``schema`` made acceptable to strict structured outputs."""
    if not isinstance(schema, dict):
        raise TypeError("a JSON schema must be an object")
    definitions: dict[str, Any] = schema.get("$defs", {})
    # a recursive root model is `{"$defs": ..., "$ref": ...}`: inlining the `$ref` makes the root the object
    return _StrictSchema(definitions).convert(schema)


def _resolve(definitions: dict[str, Any], ref: str) -> dict[str, Any]:
    prefix = "#/$defs/"
    target = definitions.get(ref[len(prefix) :]) if ref.startswith(prefix) else None
    if not isinstance(target, dict):
        raise ValueError(f"cannot resolve the schema reference `{ref}`")
    return target


class _StrictSchema:
    def __init__(self, definitions: dict[str, Any]) -> None:
        self.definitions = definitions

    def convert(self, node: dict[str, Any]) -> dict[str, Any]:
        ref = node.get("$ref")
        if isinstance(ref, str) and len(node) > 1:
            # a `$ref` cannot have siblings (a field's description): inline the definition one level
            siblings = {key: value for key, value in node.items() if key != "$ref"}
            return self.convert({**_resolve(self.definitions, ref), **siblings})
        result: dict[str, Any] = {}
        for written, value in node.items():
            if written in _DROPPED_KEYWORDS:
                continue
            key = "anyOf" if written == "oneOf" else written
            if key in _SCHEMA_MAP_KEYWORDS and isinstance(value, dict):
                result[key] = {name: self._sub(item) for name, item in value.items()}
            elif key in _SUBSCHEMA_KEYWORDS and isinstance(value, dict):
                result[key] = self.convert(value)
            elif key in _SCHEMA_LIST_KEYWORDS and isinstance(value, list):
                result[key] = [self._sub(item) for item in value]
            else:
                result[key] = value
        if result.get("type") == "object" and "properties" in result:
            result["additionalProperties"] = False
            result["required"] = list(result["properties"])
        return result

    def _sub(self, item: Any) -> Any:
        return self.convert(item) if isinstance(item, dict) else item
