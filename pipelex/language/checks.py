"""Static checks across a library: references, template variables, step inputs, models.

Every check reports into the library's diagnostics; none stops at the first problem.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from pipelex.cogt.models.model_deck import ModelNames
from pipelex.core.concepts import NATIVE_DOMAIN, Concept, ContentKind
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import (
    PipeBatchBlueprint,
    PipeBlueprint,
    PipeComposeBlueprint,
    PipeConditionBlueprint,
    PipeExtractBlueprint,
    PipeFuncBlueprint,
    PipeImgGenBlueprint,
    PipeLLMBlueprint,
    PipeParallelBlueprint,
    PipeSequenceBlueprint,
    TemplateDecl,
    TypeDecl,
    called_pipes,
)
from pipelex.language.compose_checks import check_construct
from pipelex.language.controller_checks import check_batch, check_condition, check_parallel
from pipelex.language.diagnostics import Diagnostic, DiagnosticKind, Severity
from pipelex.language.func_checks import check_func
from pipelex.language.library import Library
from pipelex.language.located import span_in_string
from pipelex.language.names import NB_OUTPUT, is_private
from pipelex.language.operator_checks import check_extract, check_img_gen
from pipelex.language.prompt_template import TemplateVariable
from pipelex.language.sequence_checks import SequenceChecker
from pipelex.language.source import Span
from pipelex.language.suggest import did_you_mean

LLM_PRODUCIBLE = (ContentKind.TEXT, ContentKind.STRUCTURED, ContentKind.NUMBER, ContentKind.JSON)
COMPOSE_PRODUCIBLE = (ContentKind.TEXT,)


class LibraryChecker:
    """Runs every cross-file check on a loaded library."""

    def __init__(self, library: Library, model_names: ModelNames | list[str] | None = None) -> None:
        self.library = library
        self.model_names = model_names.llm if isinstance(model_names, ModelNames) else model_names
        self.family_model_names = model_names if isinstance(model_names, ModelNames) else None
        self._warned_fields: set[tuple[str, str]] = set()

    def report(
        self,
        kind: DiagnosticKind,
        message: str,
        file: str,
        span: Span | None,
        *,
        label: str | None = None,
        help_text: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.library.diagnostics.append(
            Diagnostic(kind, message, file, span, label=label, help=help_text, severity_override=severity)
        )

    def run(self) -> None:
        for pipe in self.library.pipes.values():
            self.check_types(pipe)
            if isinstance(pipe, PipeLLMBlueprint):
                self.check_llm(pipe)
            elif isinstance(pipe, PipeComposeBlueprint) and pipe.construct is not None:
                check_construct(self, pipe, pipe.construct)
            elif isinstance(pipe, PipeComposeBlueprint):
                self.check_templates(pipe, [pipe.template], _usable(pipe.template))
                self.check_producible(pipe, COMPOSE_PRODUCIBLE)
            elif isinstance(pipe, PipeSequenceBlueprint):
                self.check_sequence(pipe)
            elif (check_pipe := _PIPE_CHECKS.get(type(pipe))) is not None:
                check_pipe(self, pipe)
        self.check_recursion()
        for bundle in self.library.bundles:
            declared = {code for item in self.library.bundles for code in item.declared_pipes}
            if bundle.main_pipe and bundle.main_pipe not in self.library.pipes and bundle.main_pipe not in declared:
                self.report(
                    kinds.UNRESOLVED_MAIN_PIPE,
                    f"`main_pipe` names `{bundle.main_pipe}`, which is not a pipe of the library",
                    bundle.source.path,
                    bundle.main_pipe_span,
                    help_text=did_you_mean(bundle.main_pipe, self.library.pipes),
                )

    def resolve(self, pipe: PipeBlueprint, decl: TypeDecl | None) -> Concept | None:
        if decl is None or decl.expr is None:
            return None
        return self.library.concepts.resolve(decl.expr.concept_ref, pipe.domain)

    def check_types(self, pipe: PipeBlueprint) -> None:
        for decl in [*pipe.inputs.values(), pipe.output]:
            if decl is None or decl.expr is None or self.resolve(pipe, decl) is not None:
                continue
            written = decl.expr.concept_ref
            where = "`output`" if decl.name == "output" else f"input `{decl.name}`"
            suggestion = did_you_mean(written, self.library.concepts.visible_codes(pipe.domain))
            self.report(
                kinds.UNRESOLVED_CONCEPT,
                f"unknown concept `{written}` in {where} of pipe `{pipe.code}`",
                pipe.file,
                decl.span,
                label=f"not declared in domain `{pipe.domain}` nor native",
                help_text=f"declare it under [concept], or {suggestion}"
                if suggestion
                else "declare it under [concept]",
            )

    def check_producible(self, pipe: PipeBlueprint, allowed: tuple[ContentKind, ...]) -> None:
        concept = self.resolve(pipe, pipe.output)
        if concept is None or pipe.output is None or concept.content_kind in allowed:
            return
        if isinstance(pipe, PipeLLMBlueprint) and concept.content_kind is ContentKind.IMAGE:
            self.report(
                kinds.LLM_OUTPUT_CANNOT_BE_IMAGE,
                f"pipe `{pipe.code}` is a PipeLLM and cannot produce images (`{pipe.output.text}`)",
                pipe.file,
                pipe.output.span,
                label="an image output",
                help_text="a language model writes text and structures: generate images with a PipeImgGen, "
                "or have this PipeLLM write an `ImgGenPrompt` for one",
            )
            return
        self.report(
            kinds.INVALID_VALUE,
            f"a {pipe.type} cannot produce `{concept.code}` ({concept.content_kind.value})",
            pipe.file,
            pipe.output.span,
            help_text=f"a {pipe.type} produces "
            + ("text" if allowed == COMPOSE_PRODUCIBLE else "text, a number or a structured concept"),
        )

    def check_llm(self, pipe: PipeLLMBlueprint) -> None:
        self.check_templates(pipe, [pipe.prompt, pipe.system_prompt], _usable(pipe.prompt))
        self.check_producible(pipe, LLM_PRODUCIBLE)
        self.check_model(pipe, pipe.model, pipe.model_span)
        self.check_model(pipe, pipe.model_to_structure, pipe.model_to_structure_span)

    def check_model(self, pipe: PipeBlueprint, model: str | dict[str, Any] | None, span: Span | None) -> None:
        """A pipe's model (a name with an optional sigil, or a table with `model`) must be in the model deck."""
        written = model.get("model") if isinstance(model, dict) else model
        if self.model_names is None or not isinstance(written, str):
            return
        name = written.lstrip("$@~")
        if name not in self.model_names:
            self.report(
                kinds.UNKNOWN_MODEL,
                f"unknown model `{written}` in pipe `{pipe.code}`",
                pipe.file,
                span,
                label="not a preset, alias or model of the model deck",
                help_text=did_you_mean(name, self.model_names)
                or "define it in .pipelex/inference/deck/overrides.toml (see docs/configuration.md)",
            )

    def check_templates(
        self,
        pipe: PipeBlueprint,
        templates: list[TemplateDecl | None],
        main_ok: bool = True,
        also_used: frozenset[str] = frozenset(),
    ) -> None:
        declared = {name.split(".", 1)[0] for name in pipe.inputs}
        used: set[str] = set(also_used)
        source = self.library.sources[pipe.file]
        for decl in templates:
            if decl is None or decl.template is None:
                continue
            self.check_private_reads(pipe, decl)
            for variable in decl.template.variables:
                used.add(variable.root)
                if variable.root in declared:
                    self.check_field_access(pipe, decl, variable)
                    continue
                if is_private(variable.root) or self.check_nb_output(pipe, decl, variable):
                    continue
                span = span_in_string(source, decl.scalar, variable.offset, len(variable.sigil) + len(variable.path))
                suggestion = did_you_mean(variable.root, declared)
                add = f'add `{variable.root} = "Text"` (or its concept) to `inputs`'
                self.report(
                    kinds.MISSING_INPUT_VARIABLE,
                    f"`{variable.root}` is used in the {decl.key} of pipe `{pipe.code}` but is not one of its inputs",
                    pipe.file,
                    span,
                    label="not declared in `inputs`",
                    help_text=f"{suggestion.rstrip('?')}, or {add}?" if suggestion else add,
                )
        for name in sorted(declared - used) if main_ok else []:
            decl_span = next(
                decl.span for input_name, decl in pipe.inputs.items() if input_name.split(".", 1)[0] == name
            )
            self.report(
                kinds.EXTRANEOUS_INPUT_VARIABLE,
                f"input `{name}` of pipe `{pipe.code}` is not used by its templates",
                pipe.file,
                decl_span,
                help_text=f"use it as `${name}` or `@{name}`, or remove it",
            )

    def check_private_reads(self, pipe: PipeBlueprint, decl: TemplateDecl) -> None:
        """Names and attributes starting with ``_`` are refused by the sandbox when the template renders."""
        if decl.template is None:
            return
        for read in decl.template.private_reads:
            is_attribute = read.path != read.root
            what = f"the private attribute `{read.path}`" if is_attribute else f"the private name `{read.path}`"
            self.report(
                kinds.TEMPLATE_PRIVATE_NAME,
                f"the {decl.key} of pipe `{pipe.code}` reads {what}",
                pipe.file,
                span_in_string(self.library.sources[pipe.file], decl.scalar, read.offset, len(read.path)),
                label="names starting with `_` are not reachable from templates",
                help_text="read a public field instead"
                if is_attribute
                else f"declare and use an input with a public name, e.g. `{read.path.lstrip('_')}`",
            )

    def check_nb_output(self, pipe: PipeBlueprint, decl: TemplateDecl, variable: TemplateVariable) -> bool:
        """Whether ``variable`` is the reserved ``_nb_output``; reports it where it has no value."""
        if variable.root != NB_OUTPUT:
            return False
        if isinstance(pipe, PipeLLMBlueprint) and (has_nb_output(pipe) or pipe.code in self.nb_output_callees):
            return True
        if isinstance(pipe, PipeLLMBlueprint):
            message = (
                f"`{NB_OUTPUT}` is used in the {decl.key} of pipe `{pipe.code}`, but its output "
                f"`{pipe.output.text if pipe.output else '?'}` asks for any number of items, so it has no value"
            )
            help_text = "declare how many items, e.g. `Idea[3]`, or call the pipe from a step with `nb_output = 3`"
        else:
            message = f"`{NB_OUTPUT}` is used in the {decl.key} of pipe `{pipe.code}`, but only PipeLLM prompts have it"
            help_text = "declare the number you need as an input"
        self.report(
            kinds.MISSING_INPUT_VARIABLE,
            message,
            pipe.file,
            span_in_string(self.library.sources[pipe.file], decl.scalar, variable.offset, len(NB_OUTPUT)),
            label="no value here",
            help_text=help_text,
        )
        return True

    @cached_property
    def nb_output_callees(self) -> set[str]:
        """The pipes some sequence step calls with ``nb_output``."""
        return {
            step.pipe
            for pipe in self.library.pipes.values()
            if isinstance(pipe, PipeSequenceBlueprint)
            for step in pipe.steps
            if step.nb_output is not None
        }

    def check_recursion(self) -> None:
        """Report each step that calls a pipe already running above it (a cycle would never end)."""
        pipes = self.library.pipes
        done: set[str] = set()

        def visit(code: str, path: list[str]) -> None:
            pipe = pipes.get(code)
            if code in done or pipe is None:
                return
            for callee, span in called_pipes(pipe):
                if callee in path or callee == code:
                    loop = [*path[path.index(callee) :], code] if callee in path else [code]
                    cycle = " -> ".join([*loop, callee])
                    self.report(
                        kinds.PIPE_RECURSION,
                        f"`{code}` calls `{callee}`, which is already running: the pipes would call each other forever",
                        pipe.file,
                        span,
                        label="recursive call",
                        help_text=f"cycle: {cycle}",
                    )
                else:
                    visit(callee, [*path, code])
            done.add(code)

        for code in pipes:
            visit(code, [])

    def check_field_access(self, pipe: PipeBlueprint, decl: TemplateDecl, variable: TemplateVariable) -> None:
        """``$invoice.total`` must name a field of the input's concept (text inputs have only ``text``)."""
        parts = variable.path.split(".")
        if len(parts) < 2 or variable.root not in pipe.inputs or parts[1].startswith("_"):
            return
        offset = variable.offset + len(variable.sigil) + len(variable.root) + 1
        span = span_in_string(self.library.sources[pipe.file], decl.scalar, offset, len(parts[1]))
        self.check_field(pipe, variable.root, parts[1], span)

    def check_expression_field(self, pipe: PipeConditionBlueprint, path: str) -> None:
        root, field_name = path.split(".")[:2]
        self.check_field(pipe, root, field_name, pipe.expression_span or pipe.span)

    def check_field(self, pipe: PipeBlueprint, root: str, field_name: str, span: Span) -> None:
        input_decl = pipe.inputs.get(root)
        concept = self.resolve(pipe, input_decl)
        if concept is None or input_decl is None:
            return
        if input_decl.expr is not None and input_decl.expr.is_list:
            if (pipe.code, f"{root}.{field_name}") not in self._warned_fields:
                self._warned_fields.add((pipe.code, f"{root}.{field_name}"))
                self.report(
                    kinds.UNKNOWN_CONCEPT_FIELD,
                    f"`{root}` is a list (`{input_decl.text}`): `{root}.{field_name}` reads a field of the list, "
                    "which has none",
                    pipe.file,
                    span,
                    label="a list has no fields",
                    help_text=f"loop over it: `{{% for item in {root} %}}{{{{ item.{field_name} }}}}{{% endfor %}}`, "
                    f"or declare `{root}` as one `{concept.code}`",
                )
            return
        kind = concept.content_kind
        if kind is ContentKind.STRUCTURED:
            fields = [item.name for item in concept.structure_fields()]
        elif kind is ContentKind.TEXT:
            fields = ["text"]
        else:
            return
        if field_name in fields:
            return
        if kind is ContentKind.STRUCTURED:
            self.report(
                kinds.UNKNOWN_CONCEPT_FIELD,
                f"`{root}` is a `{concept.code}`, which has no field `{field_name}` (fields: {', '.join(fields)})",
                pipe.file,
                span,
                label="unknown field",
                help_text=did_you_mean(field_name, fields),
            )
        elif (pipe.code, f"{root}.{field_name}") not in self._warned_fields:
            self._warned_fields.add((pipe.code, f"{root}.{field_name}"))
            self.library.diagnostics.append(
                Diagnostic(
                    kinds.UNKNOWN_CONCEPT_FIELD,
                    f"`{root}` is a `{concept.code}`, a text with no structure: `{root}.{field_name}` will fail",
                    pipe.file,
                    span,
                    label="no such field",
                    help=f"a native `{concept.code}` has only the field `text`"
                    if concept.domain == NATIVE_DOMAIN
                    else f"declare [concept.{concept.code}.structure] with a `{field_name}` field",
                    severity_override=Severity.WARNING,
                )
            )

    def check_sequence(self, pipe: PipeSequenceBlueprint) -> None:
        SequenceChecker(self, pipe).run()


def _usable(decl: TemplateDecl | None) -> bool:
    """Whether a pipe's main template was read and parsed (else "unused input" warnings would be noise)."""
    return decl is not None and decl.template is not None


def has_nb_output(pipe: PipeLLMBlueprint) -> bool:
    """Whether a PipeLLM's own output says how many items it asks for: one, or ``X[N]``."""
    expr = pipe.output.expr if pipe.output is not None else None
    return expr is None or not expr.is_list or expr.count is not None


_PIPE_CHECKS: dict[type[PipeBlueprint], Callable[[LibraryChecker, Any], None]] = {
    PipeConditionBlueprint: check_condition,
    PipeParallelBlueprint: check_parallel,
    PipeBatchBlueprint: check_batch,
    PipeExtractBlueprint: check_extract,
    PipeImgGenBlueprint: check_img_gen,
    PipeFuncBlueprint: check_func,
}
"""The checks of pipe types that live in their own modules, by blueprint type."""
