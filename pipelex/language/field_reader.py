"""Reading the fields of an inline structure: ``name = "description"`` or ``name = { type = ..., ... }``.

The type may be left out when the other keys say it: ``concept_ref`` means ``concept``, ``item_type`` or
``item_concept_ref`` mean ``list``, ``key_type`` or ``value_type`` mean ``dict``; otherwise it is ``text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pipelex.core.concepts import SCALAR_FIELD_TYPES, FieldType
from pipelex.core.type_expr import TypeExprError, parse_type_expr
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import FieldBlueprint
from pipelex.language.reader_base import ReaderBase
from pipelex.language.source import Span
from pipelex.language.suggest import did_you_mean
from pipelex.language.toml_tree import TomlArray, TomlScalar, TomlTable, TomlValue, to_python

_FIELD_KEYS = (
    *("type", "description", "required", "default_value", "choices"),
    *("item_type", "key_type", "value_type", "concept_ref", "item_concept_ref"),
)
_FIELD_NAME = re.compile(r"^[a-z][A-Za-z0-9_]*$")
_RESERVED_FIELD_NAMES = frozenset(
    {"model_config", "model_fields", "model_computed_fields", "schema", "json", "copy", "dict", "validate", "construct"}
    | {"parse_obj", "parse_raw", "parse_file", "from_orm", "update_forward_refs", "schema_json"}
)
_ITEM_TYPES = (*SCALAR_FIELD_TYPES, FieldType.CONCEPT)
_KEY_TYPES = (FieldType.TEXT, FieldType.INTEGER)
_KEY_OWNERS = {
    "item_type": FieldType.LIST,
    "item_concept_ref": FieldType.LIST,
    "key_type": FieldType.DICT,
    "value_type": FieldType.DICT,
    "concept_ref": FieldType.CONCEPT,
    "choices": FieldType.TEXT,
}


class FieldReader(ReaderBase):
    """Reads the fields of ``[concept.X.structure]``."""

    def _field(self, concept: str, name: str, node: TomlValue, span: Span) -> FieldBlueprint | None:
        if not _FIELD_NAME.match(name) or name in _RESERVED_FIELD_NAMES:
            self.report(
                kinds.INVALID_VALUE,
                f"`{name}` cannot be a field name of concept `{concept}`",
                span,
                help_text="use a snake_case name that starts with a letter"
                + (" and is not reserved" if name in _RESERVED_FIELD_NAMES else ""),
            )
            return None
        if isinstance(node, TomlScalar) and node.kind == "string":
            return FieldBlueprint(name, span, description=str(node.value))
        if not isinstance(node, TomlTable):
            self.report(
                kinds.INVALID_VALUE,
                f"field `{name}` of concept `{concept}` must be a description string or a table",
                node.span,
            )
            return None
        where = f"field `{name}` of concept `{concept}`"
        self._rename_deprecated(node, where)
        self._unknown_keys(node, _FIELD_KEYS, where)
        blueprint = FieldBlueprint(name, span, description=self._string(node, "description") or "")
        blueprint.choices = self._choices(node, where)
        declared = self._field_type(node, "type", where, tuple(FieldType))
        blueprint.type = declared or _implied_type(node)
        self._read_type_details(node, blueprint, where)
        self._read_required_and_default(node, blueprint, where)
        return blueprint

    def _field_type(self, node: TomlTable, key: str, where: str, allowed: tuple[FieldType, ...]) -> FieldType | None:
        written = self._string(node, key)
        value_node = node.get(key)
        if written is None or value_node is None:
            return None
        names = [item.value for item in allowed]
        if written in names:
            return FieldType(written)
        known = written in [item.value for item in FieldType]
        self.report(
            kinds.INVALID_VALUE,
            f"{where}: `{written}` cannot be the `{key}`" if known else f"{where}: unsupported field type `{written}`",
            value_node.span,
            help_text=(None if known else did_you_mean(written, names)) or f"`{key}` is one of: {', '.join(names)}",
        )
        return None

    def _choices(self, node: TomlTable, where: str) -> tuple[str, ...]:
        choices = node.get("choices")
        if choices is None:
            return ()
        if not isinstance(choices, TomlArray) or not all(
            isinstance(item, TomlScalar) and item.kind == "string" for item in choices.items
        ):
            self.report(kinds.INVALID_VALUE, f"{where}: `choices` must be a list of strings", choices.span)
            return ()
        if not choices.items:
            self.report(kinds.INVALID_VALUE, f"{where}: `choices` is empty", node.key_span("choices"))
        return tuple(str(item.value) for item in choices.items if isinstance(item, TomlScalar))

    def _read_type_details(self, node: TomlTable, blueprint: FieldBlueprint, where: str) -> None:
        """Check that each type-specific key belongs to the field's type, and read them."""
        for key, owner in _KEY_OWNERS.items():
            if key in node.entries and blueprint.type is not owner:
                self.report(
                    kinds.INVALID_VALUE,
                    f"{where}: `{key}` only applies to a `{owner.value}` field, "
                    f"and this one is `{blueprint.type.value}`",
                    node.key_span(key),
                    help_text=f'write `type = "{owner.value}"`, or remove `{key}`',
                )
        if blueprint.type is FieldType.LIST:
            item_type = self._field_type(node, "item_type", where, _ITEM_TYPES)
            has_item_ref = "item_concept_ref" in node.entries
            blueprint.item_type = item_type or (FieldType.CONCEPT if has_item_ref else FieldType.TEXT)
            if blueprint.item_type is FieldType.CONCEPT:
                self._read_concept_ref(node, blueprint, "item_concept_ref", where)
            elif has_item_ref and item_type is not None:
                self.report(
                    kinds.INVALID_VALUE,
                    f'{where}: `item_concept_ref` needs `item_type = "concept"` (not `{item_type.value}`)',
                    node.key_span("item_concept_ref"),
                )
        elif blueprint.type is FieldType.DICT:
            blueprint.key_type = self._field_type(node, "key_type", where, _KEY_TYPES) or FieldType.TEXT
            blueprint.value_type = self._field_type(node, "value_type", where, SCALAR_FIELD_TYPES) or FieldType.TEXT
        elif blueprint.type is FieldType.CONCEPT:
            self._read_concept_ref(node, blueprint, "concept_ref", where)

    def _read_concept_ref(self, node: TomlTable, blueprint: FieldBlueprint, key: str, where: str) -> None:
        value = node.get(key)
        if value is None:
            self.report(
                kinds.MISSING_FIELD,
                f"{where} has no `{key}`",
                blueprint.span,
                help_text=f'name the concept it holds: `{key} = "OtherConcept"` (or `domain.OtherConcept`)',
            )
            return
        written = self._string(node, key)
        if written is None:
            return
        try:
            expr = parse_type_expr(written)
        except TypeExprError:
            expr = None
        if expr is None or expr.is_list:
            self.report(
                kinds.INVALID_VALUE,
                f"{where}: `{key}` must name one concept (`Concept` or `domain.Concept`), not `{written}`",
                value.span,
                help_text='for several items, use `type = "list"` with `item_concept_ref`' if expr else None,
            )
            return
        blueprint.concept_ref = expr.concept_ref
        blueprint.concept_ref_span = value.span

    def _read_required_and_default(self, node: TomlTable, blueprint: FieldBlueprint, where: str) -> None:
        required = node.get("required")
        if required is not None:
            if isinstance(required, TomlScalar) and required.kind == "bool":
                blueprint.required = bool(required.value)
            else:
                self.report(kinds.INVALID_VALUE, f"{where}: `required` must be true or false", required.span)
        default = node.get("default_value")
        if default is None:
            return
        if blueprint.required and required is not None:
            self.report(
                kinds.INVALID_VALUE,
                f"{where} is `required = true` and also has a `default_value`",
                default.span,
                help_text="a field with a default is optional: drop `required = true`",
            )
        blueprint.required = False
        if blueprint.type is FieldType.CONCEPT:
            self.report(
                kinds.INVALID_VALUE,
                f"{where}: a `concept` field cannot have a `default_value`",
                default.span,
                help_text="make it optional with `required = false` instead",
            )
            return
        fits, value = _fit_default(to_python(default), blueprint)
        if not fits:
            self.report(
                kinds.INVALID_VALUE,
                f"{where}: the default value does not fit the field type `{_type_label(blueprint)}`",
                default.span,
            )
            return
        if blueprint.choices and value not in blueprint.choices:
            self.report(
                kinds.INVALID_VALUE,
                f"{where}: the default value `{value}` is not one of the choices",
                default.span,
                help_text=did_you_mean(str(value), blueprint.choices) or f"choices: {', '.join(blueprint.choices)}",
            )
            return
        blueprint.default = value


def _implied_type(node: TomlTable) -> FieldType:
    if "concept_ref" in node.entries:
        return FieldType.CONCEPT
    if "item_type" in node.entries or "item_concept_ref" in node.entries:
        return FieldType.LIST
    if "key_type" in node.entries or "value_type" in node.entries:
        return FieldType.DICT
    return FieldType.TEXT


def _type_label(blueprint: FieldBlueprint) -> str:
    if blueprint.type is FieldType.LIST and blueprint.item_type is not None:
        return f"list of {blueprint.item_type.value}"
    if blueprint.type is FieldType.DICT and blueprint.key_type and blueprint.value_type:
        return f"dict of {blueprint.key_type.value} to {blueprint.value_type.value}"
    return blueprint.type.value


def _fit_default(value: Any, blueprint: FieldBlueprint) -> tuple[bool, Any]:
    """Whether a default fits the field, and the value to keep (ISO dates parsed, integer keys converted)."""
    if blueprint.type is FieldType.LIST:
        if not isinstance(value, list):
            return False, value
        item_type = blueprint.item_type or FieldType.TEXT
        if item_type is FieldType.CONCEPT:
            return value == [], value
        fitted = [_fit_scalar(item, item_type) for item in value]
        return all(ok for ok, _ in fitted), [item for _, item in fitted]
    if blueprint.type is FieldType.DICT:
        if not isinstance(value, dict):
            return False, value
        keys = [_fit_key(key, blueprint.key_type or FieldType.TEXT) for key in value]
        values = [_fit_scalar(item, blueprint.value_type or FieldType.TEXT) for item in value.values()]
        ok = all(fits for fits, _ in keys) and all(fits for fits, _ in values)
        return ok, {key: item for (_, key), (_, item) in zip(keys, values, strict=True)}
    return _fit_scalar(value, blueprint.type)


def _fit_key(key: str, key_type: FieldType) -> tuple[bool, Any]:
    """TOML keys are text: an integer key is written as digits."""
    if key_type is FieldType.INTEGER:
        return (True, int(key)) if re.fullmatch(r"-?[0-9]+", key) else (False, key)
    return True, key


_SCALAR_CHECKS: dict[FieldType, Callable[[Any], bool]] = {
    FieldType.TEXT: lambda value: isinstance(value, str),
    FieldType.BOOLEAN: lambda value: isinstance(value, bool),
    FieldType.INTEGER: lambda value: isinstance(value, int) and not isinstance(value, bool),
    FieldType.NUMBER: lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    FieldType.DATE: lambda value: isinstance(value, date) and not isinstance(value, datetime),
    FieldType.DATETIME: lambda value: isinstance(value, datetime),
}
_ISO_PARSERS: dict[FieldType, Callable[[str], Any]] = {
    FieldType.DATE: date.fromisoformat,
    FieldType.DATETIME: datetime.fromisoformat,
}


def _fit_scalar(value: Any, field_type: FieldType) -> tuple[bool, Any]:
    """TOML dates and times fit date fields as they are; ISO 8601 strings are parsed."""
    parse = _ISO_PARSERS.get(field_type)
    if parse is not None and isinstance(value, str):
        try:
            return True, parse(value)
        except ValueError:
            return False, value
    check = _SCALAR_CHECKS.get(field_type)
    return (check is not None and check(value)), value
