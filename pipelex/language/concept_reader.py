"""Reading the `[concept]` section: short and table forms, refines, inline structures."""

from __future__ import annotations

import re

from pipelex.core.concepts import FieldType
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import ConceptBlueprint, FieldBlueprint
from pipelex.language.reader_base import ReaderBase
from pipelex.language.source import Span
from pipelex.language.suggest import did_you_mean
from pipelex.language.toml_tree import TomlArray, TomlScalar, TomlTable, TomlValue

_CONCEPT_KEYS = ("description", "refines", "structure")
_FIELD_KEYS = ("type", "description", "required", "default_value", "choices")
_FIELD_NAME = re.compile(r"^[a-z][A-Za-z0-9_]*$")
_RESERVED_FIELD_NAMES = frozenset(
    {"model_config", "model_fields", "model_computed_fields", "schema", "json", "copy", "dict", "validate", "construct"}
    | {"parse_obj", "parse_raw", "parse_file", "from_orm", "update_forward_refs", "schema_json"}
)
_DEFAULT_TYPES: dict[FieldType, type | tuple[type, ...]] = {
    FieldType.TEXT: str,
    FieldType.INTEGER: int,
    FieldType.NUMBER: (int, float),
    FieldType.BOOLEAN: bool,
}
_CONCEPT_CODE = re.compile(r"^[A-Z][A-Za-z0-9]*$")


class ConceptReader(ReaderBase):
    """Reads concepts and their fields."""

    def _concept(self, domain: str, code: str, node: TomlValue, span: Span) -> ConceptBlueprint | None:
        if not _CONCEPT_CODE.match(code):
            self.report(
                kinds.INVALID_VALUE,
                f"concept name `{code}` is not in PascalCase",
                span,
                help_text="concept names start with a capital letter and contain only letters and digits",
            )
            return None
        concept = ConceptBlueprint(domain, code, span, self.source.path)
        if isinstance(node, TomlScalar) and node.kind == "string":
            concept.description = str(node.value)
            return concept
        if not isinstance(node, TomlTable):
            self.report(kinds.INVALID_VALUE, f"concept `{code}` must be a description string or a table", node.span)
            return None
        where = f"concept `{code}`"
        self._rename_deprecated(node, where)
        self._unknown_keys(node, _CONCEPT_KEYS, where)
        concept.description = self._string(node, "description") or ""
        refines = node.get("refines")
        concept.refines = self._string(node, "refines")
        concept.refines_span = refines.span if refines is not None else None
        structure = node.get("structure")
        if structure is not None and refines is not None:
            self.report(
                kinds.INVALID_VALUE,
                f"{where} has both `refines` and `structure`",
                node.key_span("structure"),
                help_text="a concept either refines another one or declares its own structure",
            )
        if isinstance(structure, TomlTable):
            concept.fields = [
                blueprint
                for name, field_node in structure.entries.items()
                if (blueprint := self._field(code, name, field_node, structure.key_span(name))) is not None
            ]
        elif isinstance(structure, TomlScalar):
            self.report(
                kinds.INVALID_VALUE,
                f"{where}: a structure given as a Python class name (`{structure.value}`) is not supported yet",
                structure.span,
                help_text=f"declare the fields inline under [concept.{code}.structure]",
            )
        elif structure is not None:
            self.report(kinds.INVALID_VALUE, f"{where}: `structure` must be a table of fields", structure.span)
        return concept

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
        blueprint = self._field_body(concept, name, node, span)
        if blueprint is not None:
            self._check_default(blueprint, f"field `{name}` of concept `{concept}`", node)
        return blueprint

    def _check_default(self, blueprint: FieldBlueprint, where: str, node: TomlValue) -> None:
        default_node = node.get("default_value") if isinstance(node, TomlTable) else None
        span = default_node.span if default_node is not None else None
        default = blueprint.default
        if isinstance(node, TomlTable) and isinstance(node.get("choices"), TomlArray) and not blueprint.choices:
            self.report(kinds.INVALID_VALUE, f"{where}: `choices` is empty", node.key_span("choices"))
        if default is None or span is None:
            return
        expected = _DEFAULT_TYPES[blueprint.type]
        if isinstance(default, bool) != (blueprint.type is FieldType.BOOLEAN) or not isinstance(default, expected):
            self.report(
                kinds.INVALID_VALUE,
                f"{where}: the default value does not fit the field type `{blueprint.type.value}`",
                span,
            )
        elif blueprint.choices and default not in blueprint.choices:
            self.report(
                kinds.INVALID_VALUE,
                f"{where}: the default value `{default}` is not one of the choices",
                span,
                help_text=did_you_mean(str(default), blueprint.choices) or f"choices: {', '.join(blueprint.choices)}",
            )

    def _field_body(self, concept: str, name: str, node: TomlValue, span: Span) -> FieldBlueprint | None:
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
        type_name = self._string(node, "type")
        choices = node.get("choices")
        if isinstance(choices, TomlTable | TomlScalar) or (
            choices is not None
            and not all(isinstance(item, TomlScalar) and item.kind == "string" for item in choices.items)
        ):
            self.report(kinds.INVALID_VALUE, f"{where}: `choices` must be a list of strings", choices.span)
        elif choices is not None:
            blueprint.choices = tuple(str(item.value) for item in choices.items if isinstance(item, TomlScalar))
        type_node = node.get("type")
        if type_name is not None and type_node is not None:
            try:
                blueprint.type = FieldType(type_name)
            except ValueError:
                self.report(
                    kinds.INVALID_VALUE,
                    f"{where}: unsupported field type `{type_name}`",
                    type_node.span,
                    help_text=did_you_mean(type_name, [item.value for item in FieldType])
                    or f"supported types: {', '.join(item.value for item in FieldType)}",
                )
        required = node.get("required")
        if required is not None:
            if isinstance(required, TomlScalar) and required.kind == "bool":
                blueprint.required = bool(required.value)
            else:
                self.report(kinds.INVALID_VALUE, f"{where}: `required` must be true or false", required.span)
        default = node.get("default_value")
        if isinstance(default, TomlScalar) and default.kind in ("string", "integer", "float", "bool"):
            blueprint.default = default.value  # type: ignore[assignment]
            if blueprint.required and required is not None:
                self.report(
                    kinds.INVALID_VALUE,
                    f"{where} is `required = true` and also has a `default_value`",
                    default.span,
                    help_text="a field with a default is optional: drop `required = true`",
                )
            blueprint.required = False
        return blueprint
