"""The pydantic models of structured concepts.

Each declared structure becomes one model; a ``concept`` field nests the model of the concept it names.
Concepts that refer to each other through optional fields or lists (a tree of ``Node``) become recursive
models, linked by forward references resolved once the whole group is built.

Two field types need care beyond the plain Python type:

- ``date`` and ``datetime`` accept ISO 8601 strings even under strict validation (as JSON inputs and
  model answers give them).
- ``dict`` cannot be described to strict structured outputs (OpenAI's strict mode closes every object),
  so its JSON schema is a list of ``{key, value}`` pairs; the model accepts that list as well as a plain
  object, and always holds a dict.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, WithJsonSchema, create_model

from pipelex.core.concepts import ConceptField, ContentKind, FieldType

if TYPE_CHECKING:
    from pipelex.core.concepts import Concept

ModelT = TypeVar("ModelT", bound=BaseModel)


def _iso_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return value  # let pydantic report it
    return value


def _iso_datetime(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


def _pairs_to_dict(value: Any) -> Any:
    """A list of ``{key, value}`` pairs (as the strict schema asks models for) becomes a dict."""
    if isinstance(value, list) and all(isinstance(item, dict) and set(item) == {"key", "value"} for item in value):
        return {item["key"]: item["value"] for item in value}
    return value


_SCALARS: dict[FieldType, Any] = {
    FieldType.TEXT: str,
    FieldType.INTEGER: int,
    FieldType.NUMBER: float,
    FieldType.BOOLEAN: bool,
    FieldType.DATE: Annotated[date, BeforeValidator(_iso_date)],
    FieldType.DATETIME: Annotated[datetime, BeforeValidator(_iso_datetime)],
}


def dict_type(key_type: FieldType, value_type: FieldType) -> Any:
    """The annotated type of a ``dict`` field: a dict, described to models as a list of pairs."""
    key: Any = _SCALARS[key_type]
    value: Any = _SCALARS[value_type]
    pair_schema = {
        "type": "object",
        "properties": {
            "key": TypeAdapter(key).json_schema(),
            "value": TypeAdapter(value).json_schema(),
        },
        "required": ["key", "value"],
        "additionalProperties": False,
    }
    schema = {"type": "array", "items": pair_schema, "description": "entries of a mapping, as key/value pairs"}
    return Annotated[dict[key, value], BeforeValidator(_pairs_to_dict), WithJsonSchema(schema)]


def _ref_name(concept: Concept) -> str:
    return "Model__" + concept.ref.replace(".", "__")


class _ModelBuilder:
    """Builds a concept's model and those of the concepts it nests, linking recursive ones at the end."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {}
        self.in_progress: set[str] = set()
        self.built: list[type[BaseModel]] = []
        self.has_forward_refs = False

    def build(self, concept: Concept) -> type[BaseModel]:
        key = _ref_name(concept)
        self.in_progress.add(key)
        definitions: dict[str, Any] = {item.name: self._definition(item) for item in concept.structure_fields()}
        model: type[BaseModel] = create_model(concept.code, __config__=ConfigDict(extra="forbid"), **definitions)
        if concept.description:
            model.__doc__ = concept.description
        self.in_progress.discard(key)
        self.namespace[key] = model
        self.built.append(model)
        concept._model = model
        return model

    def finish(self) -> None:
        if not self.has_forward_refs:
            return
        for model in self.built:
            model.model_rebuild(force=True, _types_namespace=self.namespace)

    def _definition(self, item: ConceptField) -> tuple[Any, Any]:
        python_type = self._python_type(item)
        description = item.description or None
        if item.required:
            return (python_type, Field(description=description))
        return (Optional[python_type], Field(default=item.default, description=description))  # noqa: UP045 (may be a forward reference)

    def _python_type(self, item: ConceptField) -> Any:
        if item.type is FieldType.TEXT and item.choices:
            return Literal[item.choices]
        if item.type is FieldType.LIST:
            item_type = item.item_type or FieldType.TEXT
            inner = self._nested(item.concept) if item_type is FieldType.CONCEPT else _SCALARS[item_type]
            return list[inner]  # type: ignore[valid-type]
        if item.type is FieldType.DICT:
            return dict_type(item.key_type or FieldType.TEXT, item.value_type or FieldType.TEXT)
        if item.type is FieldType.CONCEPT:
            return self._nested(item.concept)
        return _SCALARS[item.type]

    def _nested(self, concept: Concept | None) -> Any:
        if concept is None:
            return str  # an unresolved reference: reported by the checks, never run
        if concept.content_kind is not ContentKind.STRUCTURED:
            return _NESTED_PLAIN.get(concept.content_kind, str)
        key = _ref_name(concept)
        if key in self.in_progress:
            self.has_forward_refs = True
            return key
        if concept._model is not None or concept.structure_class is not None or not concept.fields:
            return concept.content_model()
        return self.build(concept)


_NESTED_PLAIN: dict[ContentKind, Any] = {ContentKind.NUMBER: float, ContentKind.JSON: Any, ContentKind.ANYTHING: Any}
"""What a field holding a concept without structure holds (text otherwise)."""


def build_content_model(concept: Concept) -> type[BaseModel]:
    """Build (and keep on the concept) the model of a structured concept and of those it nests."""
    builder = _ModelBuilder()
    model = builder.build(concept)
    builder.finish()
    return model


def fields_of_model(model: type[BaseModel]) -> tuple[ConceptField, ...]:
    """The fields of a Python structure class, as the static checks see them (names and descriptions)."""
    return tuple(
        ConceptField(name, description=info.description or "", required=info.is_required())
        for name, info in model.model_fields.items()
    )


def validate_strictly(model: type[ModelT], value: Any) -> ModelT:
    """Validate plain data (an input) as JSON, strictly: no ``"3"`` for an integer, but ISO strings for dates.

    Raises:
        ValidationError: the value does not fit ``model``.
    """
    return model.model_validate_json(json.dumps(value, default=_json_default), strict=True)


def _json_default(value: Any) -> Any:
    isoformat = getattr(value, "isoformat", None)  # TOML inputs hold real dates
    return isoformat() if callable(isoformat) else str(value)
