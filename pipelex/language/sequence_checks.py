"""Checks of a PipeSequence: each step's pipe exists, finds its inputs, and gets them with the right type.

The checker walks the steps in order, knowing the type of every name in working memory at that point:
the sequence's inputs, then each step's result. A step whose pipe is unknown stops the walk (what it
would add is unknown). Text concepts are compatible with each other, so a short-form concept can feed
a pipe that expects `Text`; other concepts must be the expected one or refine it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipelex.core.concepts import Concept, ContentKind
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import (
    PipeBlueprint,
    PipeComposeBlueprint,
    PipeLLMBlueprint,
    PipeParallelBlueprint,
    PipeSequenceBlueprint,
    StepDecl,
)
from pipelex.language.diagnostics import Diagnostic, Severity
from pipelex.language.prompt_template import PromptTemplate, optional_roots
from pipelex.language.suggest import did_you_mean

if TYPE_CHECKING:
    from pipelex.language.checks import LibraryChecker


@dataclass(frozen=True, slots=True)
class Known:
    """What working memory holds under a name: its concept (when known) and whether it is a list."""

    concept: Concept | None
    is_list: bool

    @property
    def label(self) -> str:
        code = self.concept.code if self.concept is not None else "?"
        return f"{code}[]" if self.is_list else code


def compatible(given: Concept, expected: Concept) -> bool:
    if given.is_a(expected):
        return True
    both_text = given.content_kind is ContentKind.TEXT and expected.content_kind is ContentKind.TEXT
    return both_text or given.content_kind is ContentKind.ANYTHING


def _templates(pipe: PipeBlueprint) -> list[PromptTemplate | None]:
    if isinstance(pipe, PipeLLMBlueprint):
        decls = [pipe.prompt, pipe.system_prompt]
    elif isinstance(pipe, PipeComposeBlueprint):
        decls = [pipe.template]
    else:
        return []
    return [decl.template if decl is not None else None for decl in decls]


def optional_inputs(pipe: PipeBlueprint) -> set[str]:
    """Inputs a pipe's templates use only as ``@?name``."""
    return optional_roots(_templates(pipe))


def field_readers(pipe: PipeBlueprint) -> set[str]:
    """Inputs whose fields a pipe's templates read (``$x.field``)."""
    return {
        variable.root
        for template in _templates(pipe)
        if template is not None
        for variable in template.variables
        if "." in variable.path
    }


class SequenceChecker:
    """Walks one sequence's steps, reporting through the library checker."""

    def __init__(self, checker: LibraryChecker, pipe: PipeSequenceBlueprint) -> None:
        self.checker = checker
        self.pipe = pipe
        self.known: dict[str, Known] = {}
        for name, decl in pipe.inputs.items():
            if "." not in name:
                concept = checker.resolve(pipe, decl)
                self.known[name] = Known(concept, bool(decl.expr and decl.expr.is_list))

    def run(self) -> None:
        last: Known | None = None
        lost = False  # after an unknown pipe, what working memory holds is unknown
        for step in self.pipe.steps:
            target = self.checker.library.pipes.get(step.pipe)
            if target is None:
                self.checker.report(
                    kinds.UNRESOLVED_PIPE_DEPENDENCY,
                    f"step of `{self.pipe.code}` calls `{step.pipe}`, which is not a pipe of the library",
                    self.pipe.file,
                    step.pipe_span,
                    label="unknown pipe",
                    help_text=did_you_mean(step.pipe, self.checker.library.pipes) or "define it under [pipe]",
                )
                lost = True
            if target is None or lost:
                continue
            visible = self.check_batch(step)
            self.check_inputs(step, target, visible)
            self.check_nb_output(step, target)
            output = self.checker.resolve(target, target.output)
            is_list = (
                step.batch_over is not None
                or (step.nb_output is not None and isinstance(target, PipeLLMBlueprint))
                or bool(target.output and target.output.expr and target.output.expr.is_list)
            )
            last = Known(output, is_list)
            self.known[step.result or step.pipe] = last
            if isinstance(target, PipeParallelBlueprint) and target.add_each_output:
                self.add_branch_results(target)
        if last is not None and not lost:
            self.check_output(last)

    def add_branch_results(self, parallel: PipeParallelBlueprint) -> None:
        """A parallel with ``add_each_output`` leaves each branch's result in working memory too."""
        for branch in parallel.branches:
            target = self.checker.library.pipes.get(branch.pipe)
            if target is None:
                continue
            concept = self.checker.resolve(target, target.output)
            is_list = bool(target.output and target.output.expr and target.output.expr.is_list)
            self.known[branch.result or branch.pipe] = Known(concept, is_list)

    def check_nb_output(self, step: StepDecl, target: PipeBlueprint) -> None:
        if step.nb_output is None or isinstance(target, PipeLLMBlueprint):
            return
        self.checker.report(
            kinds.INVALID_VALUE,
            f"step `{step.pipe}` of `{self.pipe.code}` asks for `nb_output = {step.nb_output}`, "
            f"but `{step.pipe}` is a {target.type}: only a PipeLLM can be asked for a number of outputs",
            self.pipe.file,
            step.span,
            help_text="remove `nb_output`, or declare the number of items in the output of the pipe it calls",
        )

    def check_batch(self, step: StepDecl) -> dict[str, Known]:
        visible = dict(self.known)
        if step.batch_over is None or step.batch_as is None:
            return visible
        self.check_item_name(step)
        source = self.known.get(step.batch_over)
        if source is None:
            self.unavailable(step.pipe, step.span, step.batch_over)
        elif not source.is_list:
            self.checker.report(
                kinds.INVALID_VALUE,
                f"step `{step.pipe}` of `{self.pipe.code}` batches over `{step.batch_over}`, which is not a list",
                self.pipe.file,
                step.span,
                help_text=f"declare `{step.batch_over}` as a list, e.g. `Text[]`",
            )
        if source is not None:
            # Even over a non-list (reported above), the item is known: no second error for it.
            visible[step.batch_as] = Known(source.concept, False)
        return visible

    def check_item_name(self, step: StepDecl) -> None:
        """``batch_as`` names each item: it must not hide the list itself or another name in working memory."""
        item, over = step.batch_as, step.batch_over
        if item == over:
            taken = "the list it batches over"
        elif item in self.known:
            is_input = any(name.split(".", 1)[0] == item for name in self.pipe.inputs)
            taken = f"an input of `{self.pipe.code}`" if is_input else "the result of an earlier step"
        else:
            return
        suggestion = item_name_for(over or item or "items", taken=set(self.known))
        self.checker.report(
            kinds.BATCH_ITEM_NAME_COLLISION,
            f"step `{step.pipe}` of `{self.pipe.code}` calls each item `{item}`, which is already {taken}",
            self.pipe.file,
            step.batch_as_span or step.span,
            label="name already taken",
            help_text=f'give the item its own name, e.g. `batch_as = "{suggestion}"`',
        )

    def check_inputs(self, step: StepDecl, target: PipeBlueprint, visible: dict[str, Known]) -> None:
        optional = optional_inputs(target)
        for name, decl in target.inputs.items():
            root = name.split(".", 1)[0]
            given = visible.get(root)
            if given is None:
                if root not in optional:
                    self.unavailable(step.pipe, step.pipe_span, root, visible)
                continue
            expected = self.checker.resolve(target, decl)
            if "." in name or expected is None or given.concept is None or decl.expr is None:
                continue
            if not compatible(given.concept, expected):
                self.mismatch(
                    kinds.INPUT_STUFF_SPEC_MISMATCH,
                    step,
                    f"step `{step.pipe}` of `{self.pipe.code}` expects `{root}` to be a `{expected.code}`, "
                    f"but here it is a `{given.concept.code}`",
                )
            elif given.is_list != decl.expr.is_list:
                # A whole list rendered where one item is expected reads oddly but works, unless the
                # template reads the item's fields; one item where a list is expected never works.
                fatal = not given.is_list or root in field_readers(target)
                self.mismatch(
                    kinds.INPUT_STUFF_SPEC_MISMATCH,
                    step,
                    f"step `{step.pipe}` of `{self.pipe.code}` expects `{root}` as `{decl.text}`, "
                    f"but here it is `{given.label}`",
                    "use batch_over/batch_as to run a step once per item" if given.is_list else None,
                    severity=None if fatal else Severity.WARNING,
                )

    def check_output(self, last: Known) -> None:
        declared = self.pipe.output
        expected = self.checker.resolve(self.pipe, declared)
        if declared is None or declared.expr is None or expected is None or last.concept is None:
            return
        fits = compatible(last.concept, expected) or compatible(expected, last.concept)
        if not fits or last.is_list != declared.expr.is_list:
            self.checker.report(
                kinds.INADEQUATE_OUTPUT_CONCEPT if not fits else kinds.INADEQUATE_OUTPUT_MULTIPLICITY,
                f'sequence `{self.pipe.code}` declares `output = "{declared.text}"`, '
                f"but its last step produces `{last.label}`",
                self.pipe.file,
                declared.span,
                help_text="a sequence's output is its last step's output",
            )

    def mismatch(
        self,
        kind: kinds.DiagnosticKind,
        step: StepDecl,
        message: str,
        help_text: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.checker.library.diagnostics.append(
            Diagnostic(
                kind,
                message,
                self.pipe.file,
                step.pipe_span,
                label="type mismatch",
                help=help_text,
                severity_override=severity,
            )
        )

    def unavailable(self, step_code: str, span: object, root: str, visible: dict[str, Known] | None = None) -> None:
        names = visible if visible is not None else self.known
        self.checker.report(
            kinds.MISSING_STEP_INPUT,
            f"step `{step_code}` of `{self.pipe.code}` needs `{root}`, which is not available at that point",
            self.pipe.file,
            span,  # type: ignore[arg-type]
            label=f"`{root}` is neither an input of `{self.pipe.code}` nor the result of an earlier step",
            help_text=did_you_mean(root, names)
            or f"add `{root}` to the inputs of `{self.pipe.code}` or name an earlier step's result `{root}`",
        )


def item_name_for(list_name: str, taken: set[str]) -> str:
    """A name for one item of ``list_name``: its singular when it looks plural and is free, else ``<name>_item``."""
    singular = f"{list_name}_item"
    if list_name.endswith("ies") and len(list_name) > 3:
        singular = list_name[:-3] + "y"
    elif list_name.endswith("s") and not list_name.endswith("ss") and len(list_name) > 1:
        singular = list_name[:-1]
    return singular if singular not in taken and singular != list_name else f"{list_name}_item"
