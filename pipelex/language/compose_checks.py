"""Checks of a PipeCompose `[construct]`: it builds a structured output field by field, without a model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelex.core.concepts import ContentKind
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import ConstructFieldDecl, PipeComposeBlueprint, TemplateDecl
from pipelex.language.suggest import did_you_mean

if TYPE_CHECKING:
    from pipelex.language.checks import LibraryChecker


def check_construct(checker: LibraryChecker, pipe: PipeComposeBlueprint, construct: list[ConstructFieldDecl]) -> None:
    """Every field is one of the output's, every required field is built, every `from` reads a declared input."""
    sources = {decl.source.split(".", 1)[0] for decl in construct if decl.source}
    templates: list[TemplateDecl | None] = [decl.template for decl in construct if decl.template is not None]
    checker.check_templates(pipe, templates, also_used=frozenset(sources))
    for decl in construct:
        if decl.source is not None:
            _check_source(checker, pipe, decl, decl.source)
    concept = checker.resolve(pipe, pipe.output)
    if concept is None or pipe.output is None:
        return
    if concept.content_kind is not ContentKind.STRUCTURED or (pipe.output.expr and pipe.output.expr.is_list):
        checker.report(
            kinds.INADEQUATE_OUTPUT_CONCEPT,
            f"`construct` of pipe `{pipe.code}` builds one structured concept, but its output is `{pipe.output.text}`",
            pipe.file,
            pipe.output.span,
            help_text="declare an output concept with a structure, or use `template` to write text",
        )
        return
    fields = {item.name: item for item in concept.structure_fields()}
    built = {decl.name for decl in construct}
    for decl in construct:
        if decl.name not in fields:
            checker.report(
                kinds.UNKNOWN_CONCEPT_FIELD,
                f"`construct` of pipe `{pipe.code}` sets `{decl.name}`, which is not a field of `{concept.code}`",
                pipe.file,
                decl.span,
                help_text=did_you_mean(decl.name, fields) or f"the fields of `{concept.code}`: {', '.join(fields)}",
            )
    missing = [name for name, item in fields.items() if item.required and item.default is None and name not in built]
    if missing:
        checker.report(
            kinds.MISSING_FIELD,
            f"`construct` of pipe `{pipe.code}` does not set the required field"
            f"{'s' if len(missing) > 1 else ''} {', '.join(f'`{name}`' for name in missing)} of `{concept.code}`",
            pipe.file,
            pipe.construct_span,
            help_text=f'add `{missing[0]} = {{ from = "..." }}`, a template or a value',
        )


def _check_source(checker: LibraryChecker, pipe: PipeComposeBlueprint, decl: ConstructFieldDecl, source: str) -> None:
    root, _, rest = source.partition(".")
    declared = {name.split(".", 1)[0] for name in pipe.inputs}
    if root not in declared:
        checker.report(
            kinds.MISSING_INPUT_VARIABLE,
            f"`construct` field `{decl.name}` of pipe `{pipe.code}` reads `{root}`, which is not one of its inputs",
            pipe.file,
            decl.span,
            help_text=did_you_mean(root, declared) or f'add `{root} = "Text"` (or its concept) to `inputs`',
        )
    elif rest:
        checker.check_field(pipe, root, rest.split(".", 1)[0], decl.span)
