"""Reading a .plx TOML tree into a :class:`BundleBlueprint`, reporting shape problems as diagnostics.

This pass checks what can be seen in one file alone: required and unknown fields, value shapes,
pipe types, type expressions and template syntax. References across files are checked later.
"""

from __future__ import annotations

import re

from pipelex.core.type_expr import TypeExprError, parse_type_expr
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import (
    BundleBlueprint,
    PipeBlueprint,
    TemplateDecl,
    TypeDecl,
)
from pipelex.language.concept_reader import ConceptReader
from pipelex.language.diagnostics import Severity
from pipelex.language.located import span_in_string
from pipelex.language.names import is_snake_case, is_valid_input_name, snake_case_suggestion
from pipelex.language.pipe_readers import PIPE_READERS, PipeFields
from pipelex.language.prompt_template import TemplateSyntaxProblem, parse_template
from pipelex.language.source import Span
from pipelex.language.suggest import did_you_mean
from pipelex.language.toml_tree import TomlScalar, TomlTable, TomlValue

_DOMAIN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_HEADER_KEYS = ("domain", "description", "system_prompt", "main_pipe", "concept", "pipe")
_UNSUPPORTED_PIPE_TYPES: tuple[str, ...] = ()
_RENAMED_PIPE_TYPES = {"PipeOcr": "PipeExtract", "PipeJinja2": "PipeCompose"}


class BundleReader(ConceptReader):
    """Reads one file; collects diagnostics instead of stopping at the first problem."""

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
            bundle.declared_pipes = set(pipes.entries)
            bundle.pipes = [
                pipe
                for code, node in pipes.entries.items()
                if (pipe := self._pipe(domain, code, node, pipes.key_span(code))) is not None
            ]
        return bundle

    # --- pipes ----------------------------------------------------------------------------------

    def _pipe(self, domain: str, code: str, node: TomlValue, span: Span) -> PipeBlueprint | None:
        if not isinstance(node, TomlTable):
            self.report(kinds.INVALID_VALUE, f"pipe `{code}` must be a table", node.span)
            return None
        where = f"pipe `{code}`"
        if not is_snake_case(code):
            suggestion = snake_case_suggestion(code)
            self.report(
                kinds.INVALID_PIPE_CODE_SYNTAX,
                f"pipe code `{code}` is not in snake_case",
                span,
                label="not snake_case",
                help_text=(f"rename it `{suggestion}` wherever it is used; " if suggestion else "")
                + "pipe codes use lowercase letters, digits and underscores, starting with a letter",
            )
        type_node = node.get("type")
        type_name = self._string(node, "type")
        if type_node is None or type_name is None:
            if type_node is None:
                self.report(
                    kinds.MISSING_PIPE_TYPE,
                    f"{where} has no `type`",
                    span,
                    help_text=_type_hint(node),
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
        allowed = ("type", "description", "inputs", "output", *reader.fields, *reader.ignored, *reader.older)
        self._unknown_keys(node, allowed, where)
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
        if reader.finish is not None:
            reader.finish(fields, blueprint)
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
            if not is_valid_input_name(name):
                suggestion = snake_case_suggestion(name) if "." not in name else None
                self.report(
                    kinds.INVALID_INPUT_NAME,
                    f"{where}: input name `{name}` is not "
                    + ("a dotted path of snake_case names" if "." in name else "in snake_case"),
                    inputs.key_span(name),
                    label="not snake_case",
                    help_text=(f"rename it `{suggestion}`; " if suggestion else "")
                    + "input names use lowercase letters, digits and underscores, starting with a letter"
                    + ("; a dotted name reaches a field, e.g. `page.page_view`" if "." in name else ""),
                )
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


_TYPE_BY_FIELD = {
    "prompt": "PipeLLM",
    "template": "PipeCompose",
    "construct": "PipeCompose",
    "steps": "PipeSequence",
    "outcomes": "PipeCondition",
    "expression": "PipeCondition",
    "branches": "PipeParallel",
    "branch_pipe_code": "PipeBatch",
}


def _type_hint(node: TomlTable) -> str:
    """What to write as the missing ``type``, guessed from the pipe's other fields when they tell."""
    for key, type_name in _TYPE_BY_FIELD.items():
        if key in node.entries:
            return f'it has a `{key}`, so it is probably a {type_name}: add `type = "{type_name}"`'
    return f'add `type = "PipeLLM"` or another pipe type: {", ".join(PIPE_READERS)}'
