"""Reading a .plx TOML tree into a :class:`BundleBlueprint`, reporting shape problems as diagnostics.

This pass checks what can be seen in one file alone: required and unknown fields, value shapes,
pipe types, type expressions and template syntax. References across files are checked later.
"""

from __future__ import annotations

import re

from pipelex.core.concepts import FieldType
from pipelex.core.type_expr import TypeExprError, parse_type_expr
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import (
    BundleBlueprint,
    ConceptBlueprint,
    FieldBlueprint,
    PipeBlueprint,
    TemplateDecl,
    TypeDecl,
)
from pipelex.language.diagnostics import Diagnostic, DiagnosticKind, Severity
from pipelex.language.located import span_in_string
from pipelex.language.pipe_readers import PIPE_READERS, PipeFields
from pipelex.language.prompt_template import TemplateSyntaxProblem, parse_template
from pipelex.language.source import SourceFile, Span
from pipelex.language.suggest import did_you_mean
from pipelex.language.toml_tree import TomlArray, TomlScalar, TomlTable, TomlValue

_HEADER_KEYS = ("domain", "description", "system_prompt", "main_pipe", "concept", "pipe")
_CONCEPT_KEYS = ("description", "refines", "structure")
_FIELD_KEYS = ("type", "description", "required", "default_value", "choices")
_DEPRECATED = {"definition": "description"}
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
_DOMAIN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_CONCEPT_CODE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_UNSUPPORTED_PIPE_TYPES = ("PipeExtract", "PipeImgGen", "PipeFunc", "PipeBatch")
_RENAMED_PIPE_TYPES = {"PipeOcr": "PipeExtract", "PipeJinja2": "PipeCompose"}


class BundleReader:
    """Reads one file; collects diagnostics instead of stopping at the first problem."""

    def __init__(self, source: SourceFile, root: TomlTable) -> None:
        self.source = source
        self.root = root
        self.diagnostics: list[Diagnostic] = []

    def report(
        self,
        kind: DiagnosticKind,
        message: str,
        span: Span | None,
        *,
        label: str | None = None,
        help_text: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.diagnostics.append(
            Diagnostic(kind, message, self.source.path, span, label=label, help=help_text, severity_override=severity)
        )

    def read(self) -> BundleBlueprint | None:
        root = self.root
        self._rename_deprecated(root, "the header")
        self._unknown_keys(root, _HEADER_KEYS, "the header")
        domain_node = root.get("domain")
        domain = self._string(root, "domain")
        if domain_node is None or domain is None:
            if domain_node is None:
                self.report(
                    kinds.MISSING_FIELD,
                    "missing `domain` in the header",
                    self.source.span(0, 0),
                    help_text='start the file with `domain = "my_domain"` (snake_case)',
                )
            return None
        if not _DOMAIN.match(domain):
            self.report(
                kinds.INVALID_VALUE,
                f"`{domain}` is not a valid domain name",
                domain_node.span,
                help_text="use snake_case, optionally dotted: `finance` or `finance.invoices`",
            )
        bundle = BundleBlueprint(
            source=self.source,
            domain=domain,
            domain_span=domain_node.span,
            description=self._string(root, "description") or "",
            system_prompt=self._string(root, "system_prompt"),
            main_pipe=self._string(root, "main_pipe"),
        )
        main_node = root.get("main_pipe")
        bundle.main_pipe_span = main_node.span if main_node is not None else None
        concepts = self._table(root, "concept")
        if concepts is not None:
            bundle.concepts = [
                concept
                for code, node in concepts.entries.items()
                if (concept := self._concept(domain, code, node, concepts.key_span(code))) is not None
            ]
        pipes = self._table(root, "pipe")
        if pipes is not None:
            bundle.pipes = [
                pipe
                for code, node in pipes.entries.items()
                if (pipe := self._pipe(domain, code, node, pipes.key_span(code))) is not None
            ]
        return bundle

    # --- concepts -------------------------------------------------------------------------------

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

    # --- pipes ----------------------------------------------------------------------------------

    def _pipe(self, domain: str, code: str, node: TomlValue, span: Span) -> PipeBlueprint | None:
        if not isinstance(node, TomlTable):
            self.report(kinds.INVALID_VALUE, f"pipe `{code}` must be a table", node.span)
            return None
        where = f"pipe `{code}`"
        type_node = node.get("type")
        type_name = self._string(node, "type")
        if type_node is None or type_name is None:
            if type_node is None:
                self.report(
                    kinds.MISSING_FIELD,
                    f"{where} has no `type`",
                    span,
                    help_text=f'add `type = "PipeLLM"` (or one of {", ".join(PIPE_READERS)})',
                )
            return None
        if type_name in _RENAMED_PIPE_TYPES:
            new_name = _RENAMED_PIPE_TYPES[type_name]
            self.report(
                kinds.DEPRECATED_SPELLING,
                f"pipe type `{type_name}` is now called `{new_name}`",
                type_node.span,
                help_text=f'write `type = "{new_name}"`',
            )
            type_name = new_name
        reader = PIPE_READERS.get(type_name)
        if reader is None:
            if type_name in _UNSUPPORTED_PIPE_TYPES:
                self.report(
                    kinds.UNSUPPORTED_PIPE_TYPE,
                    f"pipe type `{type_name}` is not supported by this version of pipelex yet",
                    type_node.span,
                    help_text=f"supported pipe types: {', '.join(PIPE_READERS)}",
                )
            else:
                self.report(
                    kinds.UNKNOWN_PIPE_TYPE,
                    f"unknown pipe type `{type_name}`",
                    type_node.span,
                    label="not a pipe type",
                    help_text=did_you_mean(type_name, [*PIPE_READERS, *_UNSUPPORTED_PIPE_TYPES])
                    or f"pipe types: {', '.join([*PIPE_READERS, *_UNSUPPORTED_PIPE_TYPES])}",
                )
            return None
        self._rename_deprecated(node, where, reader.renamed)
        self._unknown_keys(node, ("type", "description", "inputs", "output", *reader.fields, *reader.ignored), where)
        for ignored in reader.ignored:
            if ignored in node.entries:
                self.report(
                    kinds.UNKNOWN_FIELD,
                    f"{where}: `{ignored}` is not supported by this version of pipelex yet and is ignored",
                    node.key_span(ignored),
                    severity=Severity.WARNING,
                )
        fields = PipeFields(self, node, where)
        blueprint = reader.build(fields, code=code, type=type_name, domain=domain, file=self.source.path, span=span)
        blueprint.description = self._string(node, "description") or ""
        blueprint.inputs = self._inputs(node, where)
        blueprint.output = self._output(node, where, span)
        return blueprint

    def _inputs(self, node: TomlTable, where: str) -> dict[str, TypeDecl]:
        inputs = node.get("inputs")
        if inputs is None:
            return {}
        if not isinstance(inputs, TomlTable):
            self.report(kinds.INVALID_VALUE, f'{where}: `inputs` must be a table of name = "Concept"', inputs.span)
            return {}
        declared: dict[str, TypeDecl] = {}
        for name, value in inputs.entries.items():
            decl = self.type_decl(name, value, where)
            if decl is not None:
                declared[name] = decl
        return declared

    def _output(self, node: TomlTable, where: str, span: Span) -> TypeDecl | None:
        output = node.get("output")
        if output is None:
            self.report(
                kinds.MISSING_FIELD,
                f"{where} has no `output`",
                span,
                help_text='say what it produces, e.g. `output = "Text"`',
            )
            return None
        return self.type_decl("output", output, where)

    def type_decl(self, name: str, node: TomlValue, where: str) -> TypeDecl | None:
        if not (isinstance(node, TomlScalar) and node.kind == "string"):
            self.report(kinds.INVALID_VALUE, f"{where}: `{name}` must be a concept name in quotes", node.span)
            return None
        text = str(node.value)
        try:
            expr = parse_type_expr(text)
        except TypeExprError as error:
            self.report(kinds.INVALID_TYPE_EXPRESSION, f"{where}: {error}", node.span)
            expr = None
        return TypeDecl(name, text, node.span, expr)

    def template(self, node: TomlTable, key: str, where: str) -> TemplateDecl | None:
        value = node.get(key)
        if value is None:
            return None
        if not (isinstance(value, TomlScalar) and value.kind == "string"):
            self.report(kinds.INVALID_VALUE, f"{where}: `{key}` must be a string", value.span)
            return None
        try:
            template = parse_template(str(value.value))
        except TemplateSyntaxProblem as problem:
            span = value.span
            if problem.offset is not None:
                span = span_in_string(self.source, value, problem.offset, 1)
            self.report(kinds.TEMPLATE_SYNTAX, f"{where}: invalid template in `{key}`: {problem}", span)
            template = None
        return TemplateDecl(key, value, template)

    # --- small readers --------------------------------------------------------------------------

    def _string(self, table: TomlTable, key: str) -> str | None:
        node = table.get(key)
        if node is None:
            return None
        if isinstance(node, TomlScalar) and node.kind == "string":
            return str(node.value)
        self.report(kinds.INVALID_VALUE, f"`{key}` must be a string", node.span)
        return None

    def _table(self, table: TomlTable, key: str) -> TomlTable | None:
        node = table.get(key)
        if node is None or isinstance(node, TomlTable):
            return node
        self.report(kinds.INVALID_VALUE, f"`{key}` must be a table", node.span)
        return None

    def _unknown_keys(self, table: TomlTable, allowed: tuple[str, ...], where: str) -> None:
        for key in table.entries:
            if key not in allowed:
                self.report(
                    kinds.UNKNOWN_FIELD,
                    f"unknown field `{key}` in {where}",
                    table.key_span(key),
                    help_text=did_you_mean(key, allowed) or f"expected one of: {', '.join(allowed)}",
                )

    def _rename_deprecated(self, table: TomlTable, where: str, extra: dict[str, str] | None = None) -> None:
        """Accept older key names with a warning, moving their values under the new name."""
        renames = {**_DEPRECATED, **(extra or {})}
        for old, new in renames.items():
            if old not in table.entries:
                continue
            if new in table.entries:
                self.report(
                    kinds.DUPLICATE_DEFINITION,
                    f"{where} has both `{old}` (the older name) and `{new}`",
                    table.key_span(old),
                    help_text=f"keep only `{new}`",
                )
                del table.entries[old]
                continue
            self.report(
                kinds.DEPRECATED_SPELLING,
                f"`{old}` in {where} is now called `{new}`",
                table.key_span(old),
                help_text="the old name still works for now",
            )
            table.entries[new] = table.entries.pop(old)
            table.key_spans[new] = table.key_spans.pop(old, table.span)
