"""The located TOML tree: every table, array and scalar keeps the span it came from.

The parser (``pipelex.language.toml_parser``) builds this tree; everything downstream reads it.
``to_python`` drops the locations and returns plain values, as ``tomllib`` would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal, TypeAlias

from pipelex.language.source import Span

TomlScalarKind: TypeAlias = Literal[
    "string", "integer", "float", "bool", "datetime", "datetime-local", "date-local", "time-local"
]
StringStyle: TypeAlias = Literal["basic", "literal", "multiline_basic", "multiline_literal"]
TableOrigin: TypeAlias = Literal["root", "header", "implicit", "dotted", "inline", "array_element"]
ScalarValue: TypeAlias = str | int | float | bool | datetime | date | time
PlainValue: TypeAlias = "ScalarValue | list[PlainValue] | dict[str, PlainValue]"


@dataclass(slots=True)
class TomlScalar:
    """A string, number, boolean or date/time, with the span of its whole token (quotes included)."""

    kind: TomlScalarKind
    value: ScalarValue
    span: Span
    string_style: StringStyle | None = None


@dataclass(slots=True)
class TomlArray:
    """An inline array, or an array of tables (``[[name]]``) when ``is_array_of_tables``."""

    items: list[TomlValue]
    span: Span
    is_array_of_tables: bool = False


@dataclass(slots=True)
class TomlTable:
    """A table; ``span`` is its header, its first key, or its braces, depending on ``origin``."""

    span: Span
    origin: TableOrigin
    entries: dict[str, TomlValue] = field(default_factory=dict)
    key_spans: dict[str, Span] = field(default_factory=dict)

    def get(self, key: str) -> TomlValue | None:
        return self.entries.get(key)

    def key_span(self, key: str) -> Span:
        """The span of the key that introduced ``key`` (falls back to the table's own span)."""
        return self.key_spans.get(key, self.span)


TomlValue: TypeAlias = TomlScalar | TomlArray | TomlTable


def to_python(node: TomlValue) -> PlainValue:
    """Drop the locations: tables become dicts, arrays lists, scalars their Python values."""
    if isinstance(node, TomlScalar):
        return node.value
    if isinstance(node, TomlArray):
        return [to_python(item) for item in node.items]
    return {key: to_python(value) for key, value in node.entries.items()}
