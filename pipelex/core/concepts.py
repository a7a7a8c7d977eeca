"""Concepts: the typed data that flows between pipes.

A concept is native (``native.Text``, ``native.Image``, …) or declared in a domain. A declared concept
either has a ``structure`` (fields, turned into a pydantic model), ``refines`` another concept, or is
plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

NATIVE_DOMAIN = "native"


class ContentKind(StrEnum):
    """How a concept's content is held and produced."""

    TEXT = "text"
    STRUCTURED = "structured"
    NUMBER = "number"
    JSON = "json"
    IMAGE = "image"
    DOCUMENT = "document"
    PAGE = "page"
    TEXT_AND_IMAGES = "text_and_images"
    ANYTHING = "anything"


class FieldType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"


_PYTHON_TYPES: dict[FieldType, type] = {
    FieldType.TEXT: str,
    FieldType.INTEGER: int,
    FieldType.NUMBER: float,
    FieldType.BOOLEAN: bool,
}


@dataclass(frozen=True, slots=True)
class ConceptField:
    """One field of a concept's structure."""

    name: str
    type: FieldType = FieldType.TEXT
    description: str = ""
    required: bool = True
    default: str | int | float | bool | None = None
    choices: tuple[str, ...] = ()


@dataclass(eq=False)
class Concept:
    """A concept, native or declared.

    Attributes:
        domain: the domain that declares it (``native`` for natives).
        code: its PascalCase name.
        description: what it means.
        refines: the concept it refines, if any.
        fields: its structure's fields; empty when it has none.
    """

    domain: str
    code: str
    description: str = ""
    refines: Concept | None = None
    fields: tuple[ConceptField, ...] = ()
    native_kind: ContentKind | None = None
    _model: type[BaseModel] | None = field(default=None, repr=False)

    @property
    def ref(self) -> str:
        return f"{self.domain}.{self.code}"

    @property
    def content_kind(self) -> ContentKind:
        if self.native_kind is not None:
            return self.native_kind
        if self.fields:
            return ContentKind.STRUCTURED
        if self.refines is not None:
            return self.refines.content_kind
        return ContentKind.TEXT

    def is_a(self, other: Concept) -> bool:
        """``True`` if this concept is ``other`` or refines it, directly or not."""
        current: Concept | None = self
        while current is not None:
            if current is other or (other.domain == NATIVE_DOMAIN and other.code == "Anything"):
                return True
            current = current.refines
        return False

    def structure_fields(self) -> tuple[ConceptField, ...]:
        """The fields of this concept's structure, inherited through ``refines``."""
        if self.fields:
            return self.fields
        return self.refines.structure_fields() if self.refines is not None else ()

    def content_model(self) -> type[BaseModel]:
        """The pydantic model of a structured concept (built once)."""
        if self._model is None:
            self._model = _build_model(self.code, self.structure_fields())
        return self._model


def _build_model(name: str, fields: tuple[ConceptField, ...]) -> type[BaseModel]:
    definitions: dict[str, Any] = {}
    for concept_field in fields:
        python_type: Any = _PYTHON_TYPES[concept_field.type]
        if concept_field.choices:
            from typing import Literal

            python_type = Literal[concept_field.choices]
        description = concept_field.description or None
        if concept_field.required:
            definitions[concept_field.name] = (python_type, Field(description=description))
        else:
            definitions[concept_field.name] = (
                python_type | None,
                Field(default=concept_field.default, description=description),
            )
    config = ConfigDict(extra="forbid")
    model: type[BaseModel] = create_model(name, __config__=config, **definitions)
    return model


_NATIVES: tuple[tuple[str, ContentKind, str], ...] = (
    ("Text", ContentKind.TEXT, "A text"),
    ("Number", ContentKind.NUMBER, "A number"),
    ("JSON", ContentKind.JSON, "A JSON value"),
    ("Html", ContentKind.TEXT, "An HTML document"),
    ("ImgGenPrompt", ContentKind.TEXT, "A prompt to generate an image"),
    ("Image", ContentKind.IMAGE, "An image"),
    ("Document", ContentKind.DOCUMENT, "A document (PDF, …)"),
    ("PDF", ContentKind.DOCUMENT, "A PDF document"),
    ("Page", ContentKind.PAGE, "A page of a document: its text and images"),
    ("TextAndImages", ContentKind.TEXT_AND_IMAGES, "A text with images"),
    ("Anything", ContentKind.ANYTHING, "Any content"),
    ("Dynamic", ContentKind.ANYTHING, "A content whose concept is decided at run time"),
)


def native_concepts() -> dict[str, Concept]:
    """A fresh set of native concepts, keyed by code."""
    natives = {
        code: Concept(NATIVE_DOMAIN, code, description, native_kind=kind) for code, kind, description in _NATIVES
    }
    natives["PDF"].refines = natives["Document"]
    return natives
