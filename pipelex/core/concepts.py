"""Concepts: the typed data that flows between pipes.

A concept is native (``native.Text``, ``native.Image``, …) or declared in a domain. A declared concept
either has a ``structure`` (fields, turned into a pydantic model), ``refines`` another concept, or is
plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeAlias

from pydantic import BaseModel

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
    """The type of a field of an inline structure."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    LIST = "list"
    DICT = "dict"
    CONCEPT = "concept"


SCALAR_FIELD_TYPES = (
    FieldType.TEXT,
    FieldType.INTEGER,
    FieldType.NUMBER,
    FieldType.BOOLEAN,
    FieldType.DATE,
    FieldType.DATETIME,
)
"""The types a list item (besides ``concept``), a dict value or a plain field can have."""

FieldDefault: TypeAlias = "str | int | float | bool | date | datetime | list[Any] | dict[Any, Any] | None"


@dataclass(frozen=True, slots=True)
class ConceptField:
    """One field of a concept's structure.

    Attributes:
        item_type: the type of the items of a ``list`` field.
        key_type: the type of the keys of a ``dict`` field (``text`` or ``integer``).
        value_type: the type of the values of a ``dict`` field.
        concept: the concept of a ``concept`` field, or of the items of a list of concepts
            (``None`` until the reference is resolved).
    """

    name: str
    type: FieldType = FieldType.TEXT
    description: str = ""
    required: bool = True
    default: FieldDefault = None
    choices: tuple[str, ...] = ()
    item_type: FieldType | None = None
    key_type: FieldType | None = None
    value_type: FieldType | None = None
    concept: Concept | None = None


@dataclass(eq=False)
class Concept:
    """A concept, native or declared.

    Attributes:
        domain: the domain that declares it (``native`` for natives).
        code: its PascalCase name.
        description: what it means.
        refines: the concept it refines, if any.
        fields: its structure's fields; empty when it has none.
        structure_class_name: the class named by ``structure = "ClassName"``, as written.
        structure_class: that pydantic model, once found in the library's Python modules; while it is
            missing, the concept behaves like text.
    """

    domain: str
    code: str
    description: str = ""
    refines: Concept | None = None
    fields: tuple[ConceptField, ...] = ()
    native_kind: ContentKind | None = None
    structure_class_name: str | None = None
    structure_class: type[BaseModel] | None = field(default=None, repr=False)
    _model: type[BaseModel] | None = field(default=None, repr=False)

    @property
    def ref(self) -> str:
        return f"{self.domain}.{self.code}"

    @property
    def content_kind(self) -> ContentKind:
        if self.native_kind is not None:
            return self.native_kind
        if self.fields or self.structure_class is not None:
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
        if self.structure_class is not None:
            from pipelex.core.concept_models import fields_of_model

            return fields_of_model(self.structure_class)
        return self.refines.structure_fields() if self.refines is not None else ()

    def _structure_class_in_use(self) -> type[BaseModel] | None:
        current: Concept | None = self
        while current is not None and not current.fields:
            if current.structure_class is not None:
                return current.structure_class
            current = current.refines
        return None

    @property
    def missing_structure_class(self) -> str | None:
        """The class named by ``structure = "ClassName"`` when it was not found, else ``None``."""
        return self.structure_class_name if self.structure_class is None else None

    def content_model(self) -> type[BaseModel]:
        """The pydantic model of a structured concept (built once; nested for ``concept`` fields)."""
        inherited_class = self._structure_class_in_use()
        if inherited_class is not None:
            return inherited_class
        if self._model is None:
            from pipelex.core.concept_models import build_content_model

            build_content_model(self)
        if self._model is None:
            raise RuntimeError(f"internal: no model was built for concept `{self.ref}`")
        return self._model


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
