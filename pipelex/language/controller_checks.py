"""Checks of PipeCondition and PipeParallel: the pipes they run exist, get their inputs, and fit the output."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelex.core.concepts import ContentKind
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import PipeBatchBlueprint, PipeBlueprint, PipeConditionBlueprint, PipeParallelBlueprint
from pipelex.language.located import span_in_string
from pipelex.language.names import is_private
from pipelex.language.prompt_template import TemplateSyntaxProblem, expression_paths, expression_private_reads
from pipelex.language.sequence_checks import compatible, item_name_for
from pipelex.language.source import Span
from pipelex.language.suggest import did_you_mean
from pipelex.language.toml_tree import TomlScalar

if TYPE_CHECKING:
    from pipelex.language.checks import LibraryChecker

SPECIAL_OUTCOMES = ("fail", "continue")


def check_condition(checker: LibraryChecker, pipe: PipeConditionBlueprint) -> None:
    declared = {name.split(".", 1)[0] for name in pipe.inputs}
    if pipe.expression is not None:
        try:
            variables = expression_paths(pipe.expression)
            private = expression_private_reads(pipe.expression)
        except TemplateSyntaxProblem as problem:
            checker.report(
                kinds.TEMPLATE_SYNTAX,
                f"invalid `expression` in pipe `{pipe.code}`: {problem}",
                pipe.file,
                pipe.expression_span,
            )
            variables, private = set(), ()
        for read in private:
            span = pipe.expression_span
            if span is not None:
                scalar = TomlScalar("string", pipe.expression, span)
                span = span_in_string(checker.library.sources[pipe.file], scalar, read.offset, len(read.path))
            checker.report(
                kinds.TEMPLATE_PRIVATE_NAME,
                f"the expression of pipe `{pipe.code}` reads the private "
                + ("attribute" if read.path != read.root else "name")
                + f" `{read.path}`",
                pipe.file,
                span,
                label="names starting with `_` are not reachable from expressions",
                help_text="read a public field instead",
            )
        variables = {path for path in variables if not any(is_private(part) for part in path.split("."))}
        for path in sorted(path for path in variables if "." in path and path.split(".", 1)[0] in declared):
            checker.check_expression_field(pipe, path)
        variables = {path.split(".", 1)[0] for path in variables}
        for name in sorted(variables - declared):
            checker.report(
                kinds.MISSING_INPUT_VARIABLE,
                f"`{name}` is used in the expression of pipe `{pipe.code}` but is not one of its inputs",
                pipe.file,
                pipe.expression_span,
                help_text=did_you_mean(name, declared) or f'add `{name} = "Text"` (or its concept) to `inputs`',
            )
    if pipe.expression_template is not None:
        checker.check_templates(pipe, [pipe.expression_template], main_ok=False)
    available = declared | ({pipe.alias_to} if pipe.alias_to else set())
    targets = [(outcome.pipe, outcome.span) for outcome in pipe.outcomes]
    if pipe.default_outcome is not None and pipe.default_outcome not in SPECIAL_OUTCOMES and pipe.default_span:
        targets.append((pipe.default_outcome, pipe.default_span))
    for code, span in targets:
        _check_target(checker, pipe, code, span, available, role="outcome")


def check_parallel(checker: LibraryChecker, pipe: PipeParallelBlueprint) -> None:
    available = {name.split(".", 1)[0] for name in pipe.inputs}
    for branch in pipe.branches:
        _check_target(checker, pipe, branch.pipe, branch.pipe_span, available, role="branch", check_output=False)
    combined = checker.resolve(pipe, pipe.combined_output)
    output = checker.resolve(pipe, pipe.output)
    if pipe.combined_output is not None and combined is not None:
        fields = {item.name for item in combined.structure_fields()}
        results = {branch.result or branch.pipe for branch in pipe.branches}
        if combined.content_kind not in (ContentKind.STRUCTURED, ContentKind.TEXT):
            checker.report(
                kinds.INVALID_VALUE,
                f"`combined_output` of `{pipe.code}` must be a text concept "
                "or a concept with one field per branch result",
                pipe.file,
                pipe.combined_output.span,
            )
        elif combined.content_kind is ContentKind.STRUCTURED and fields != results:
            checker.report(
                kinds.INVALID_VALUE,
                f"`combined_output` `{combined.code}` has the fields {', '.join(sorted(fields))}, "
                f"but the branches of `{pipe.code}` produce {', '.join(sorted(results))}",
                pipe.file,
                pipe.combined_output.span,
                help_text="name each branch's `result` after a field of the combined concept",
            )
        if output is not None and pipe.output is not None and not compatible(combined, output):
            checker.report(
                kinds.INADEQUATE_OUTPUT_CONCEPT,
                f"`{pipe.code}` outputs `{output.code}` but combines its branches into `{combined.code}`",
                pipe.file,
                pipe.output.span,
            )
    elif output is not None and pipe.output is not None and output.content_kind is not ContentKind.TEXT:
        checker.report(
            kinds.INVALID_VALUE,
            f"`{pipe.code}` outputs `{output.code}` without a `combined_output`: without one, a parallel's "
            "output is the text of its branch results",
            pipe.file,
            pipe.output.span,
            help_text='add `combined_output = "Concept"` with one field per branch result, or output Text',
        )


def _check_target(
    checker: LibraryChecker,
    pipe: PipeBlueprint,
    code: str,
    span: Span,
    available: set[str],
    *,
    role: str,
    check_output: bool = True,
) -> None:
    target = checker.library.pipes.get(code)
    if target is None:
        checker.report(
            kinds.UNRESOLVED_PIPE_DEPENDENCY,
            f"{role} of `{pipe.code}` calls `{code}`, which is not a pipe of the library",
            pipe.file,
            span,
            label="unknown pipe",
            help_text=did_you_mean(code, checker.library.pipes) or "define it under [pipe]",
        )
        return
    for name in target.inputs:
        root = name.split(".", 1)[0]
        if root not in available:
            checker.report(
                kinds.MISSING_STEP_INPUT,
                f"{role} `{code}` of `{pipe.code}` needs `{root}`, which is not one of the inputs of `{pipe.code}`",
                pipe.file,
                span,
                help_text=did_you_mean(root, available) or f"add `{root}` to the inputs of `{pipe.code}`",
            )
    produced = checker.resolve(target, target.output)
    expected = checker.resolve(pipe, pipe.output)
    if not check_output or produced is None or expected is None:
        return
    if not compatible(produced, expected):
        checker.report(
            kinds.INADEQUATE_OUTPUT_CONCEPT,
            f"{role} `{code}` of `{pipe.code}` produces `{produced.code}`, but `{pipe.code}` outputs `{expected.code}`",
            pipe.file,
            span,
            help_text="every outcome must produce the condition's output concept"
            if role == "outcome"
            else f"the branch's output is collected into the list that `{pipe.code}` outputs",
        )
    elif role == "outcome" and _is_list(target) != _is_list(pipe):
        checker.report(
            kinds.INADEQUATE_OUTPUT_MULTIPLICITY,
            f"outcome `{code}` of `{pipe.code}` produces `{_written(target)}`, but `{pipe.code}` outputs "
            f"`{_written(pipe)}`",
            pipe.file,
            span,
            help_text="every outcome must produce one item, or every outcome a list, as the condition declares",
        )


def _is_list(pipe: PipeBlueprint) -> bool:
    return bool(pipe.output and pipe.output.expr and pipe.output.expr.is_list)


def _written(pipe: PipeBlueprint) -> str:
    return pipe.output.text if pipe.output is not None else "?"


def check_batch(checker: LibraryChecker, pipe: PipeBatchBlueprint) -> None:
    inputs = {name.split(".", 1)[0]: decl for name, decl in pipe.inputs.items()}
    list_name, item_name = pipe.input_list_name, pipe.input_item_name
    if list_name is not None:
        decl = inputs.get(list_name)
        if decl is None:
            checker.report(
                kinds.MISSING_STEP_INPUT,
                f"`input_list_name` of `{pipe.code}` is `{list_name}`, which is not one of its inputs",
                pipe.file,
                pipe.span,
                help_text=did_you_mean(list_name, inputs) or f'add `{list_name} = "Concept[]"` to `inputs`',
            )
        elif decl.expr is not None and not decl.expr.is_list:
            checker.report(
                kinds.INVALID_VALUE,
                f"`{pipe.code}` batches over `{list_name}`, which is not a list",
                pipe.file,
                decl.span,
                help_text=f"declare it as a list: `{decl.text}[]`",
            )
    if item_name is not None and (item_name == list_name or item_name in inputs):
        taken = "the name of its `input_list_name`" if item_name == list_name else "one of its inputs"
        suggestion = item_name_for(list_name or item_name, taken=set(inputs))
        checker.report(
            kinds.BATCH_ITEM_NAME_COLLISION,
            f"`input_item_name` of `{pipe.code}` is `{item_name}`, which is already {taken}",
            pipe.file,
            pipe.item_span or pipe.span,
            label="name already taken",
            help_text=f'give each item its own name, e.g. `input_item_name = "{suggestion}"`',
        )
    if pipe.output is not None and pipe.output.expr is not None and not pipe.output.expr.is_list:
        checker.report(
            kinds.INADEQUATE_OUTPUT_MULTIPLICITY,
            f'a PipeBatch outputs a list: declare `output = "{pipe.output.text}[]"`',
            pipe.file,
            pipe.output.span,
        )
    if pipe.branch_pipe_code is None or pipe.branch_span is None:
        return
    available = set(inputs) | ({item_name} if item_name else set())
    _check_target(checker, pipe, pipe.branch_pipe_code, pipe.branch_span, available, role="branch")
