"""Building runnable pipes from checked blueprints."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from pipelex.core.concept_library import ConceptLibrary
from pipelex.exceptions import PipelexError
from pipelex.language.blueprints import (
    BundleBlueprint,
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
    TypeDecl,
)
from pipelex.language.library import Library
from pipelex.language.prompt_template import PromptTemplate
from pipelex.pipes.controllers.pipe_batch import PipeBatch
from pipelex.pipes.controllers.pipe_condition import PipeCondition
from pipelex.pipes.controllers.pipe_parallel import PipeParallel
from pipelex.pipes.controllers.pipe_sequence import PipeSequence, Step
from pipelex.pipes.operator_builders import build_extract, build_img_gen
from pipelex.pipes.operators.pipe_compose import ConstructField, PipeCompose
from pipelex.pipes.operators.pipe_func import PipeFunc
from pipelex.pipes.operators.pipe_llm import PipeLLM
from pipelex.pipes.pipe_abstract import PipeAbstract, Slot


def build_pipes(library: Library) -> dict[str, PipeAbstract]:
    """Every pipe of a library that passed its checks, ready to run."""
    bundles = {bundle.source.path: bundle for bundle in library.bundles}
    return {
        code: build_pipe(blueprint, library.concepts, bundles[blueprint.file], functions=library.python.functions)
        for code, blueprint in library.pipes.items()
    }


def _slot(decl: TypeDecl | None, concepts: ConceptLibrary, domain: str) -> Slot:
    if decl is None or decl.expr is None:
        raise PipelexError("internal: building a pipe whose types were not checked")
    concept = concepts.resolve(decl.expr.concept_ref, domain)
    if concept is None:
        raise PipelexError(f"internal: unresolved concept `{decl.expr.concept_ref}` survived the checks")
    return Slot(decl.name, concept, decl.expr.is_list, decl.expr.count)


class _CommonFields(TypedDict):
    code: str
    domain: str
    description: str
    inputs: dict[str, Slot]
    output: Slot


def build_pipe(
    blueprint: PipeBlueprint,
    concepts: ConceptLibrary,
    bundle: BundleBlueprint,
    *,
    functions: Mapping[str, Callable[..., Any]] | None = None,
) -> PipeAbstract:
    common: _CommonFields = {
        "code": blueprint.code,
        "domain": blueprint.domain,
        "description": blueprint.description,
        "inputs": {name: _slot(decl, concepts, blueprint.domain) for name, decl in blueprint.inputs.items()},
        "output": _slot(blueprint.output, concepts, blueprint.domain),
    }
    builder = _BUILDERS.get(type(blueprint))
    if builder is None:
        raise PipelexError(f"internal: no runnable pipe for type `{blueprint.type}`")
    return builder(blueprint, common, _Context(concepts, bundle, functions or {}))


@dataclass(frozen=True, slots=True)
class _Context:
    concepts: ConceptLibrary
    bundle: BundleBlueprint
    functions: Mapping[str, Callable[..., Any]]


def _llm(blueprint: PipeLLMBlueprint, common: _CommonFields, context: _Context) -> PipeAbstract:
    if blueprint.prompt is None or blueprint.prompt.template is None:
        raise PipelexError(f"internal: pipe `{blueprint.code}` has no usable prompt")
    system = blueprint.system_prompt.template if blueprint.system_prompt else None
    if system is None and context.bundle.system_prompt:
        system = PromptTemplate.literal(context.bundle.system_prompt)
    return PipeLLM(
        **common,
        prompt=blueprint.prompt.template,
        system_prompt=system,
        model=blueprint.model,
        model_to_structure=blueprint.model_to_structure,
        structuring_method=blueprint.structuring_method,
    )


def _compose(blueprint: PipeComposeBlueprint, common: _CommonFields, context: _Context) -> PipeAbstract:  # noqa: ARG001
    if blueprint.construct is not None:
        construct = tuple(
            ConstructField(decl.name, decl.source, decl.template.template if decl.template else None, decl.value)
            for decl in blueprint.construct
        )
        return PipeCompose(**common, construct=construct)
    if blueprint.template is None or blueprint.template.template is None:
        raise PipelexError(f"internal: pipe `{blueprint.code}` has no usable template")
    return PipeCompose(**common, template=blueprint.template.template, category=blueprint.category)


def _sequence(blueprint: PipeSequenceBlueprint, common: _CommonFields, context: _Context) -> PipeAbstract:  # noqa: ARG001
    steps = tuple(
        Step(step.pipe, step.result or step.pipe, step.batch_over, step.batch_as, step.nb_output)
        for step in blueprint.steps
    )
    return PipeSequence(**common, steps=steps)


def _condition(blueprint: PipeConditionBlueprint, common: _CommonFields, context: _Context) -> PipeAbstract:
    text = context.concepts.get("native.Text")
    if text is None:
        raise PipelexError("internal: native Text is missing")
    return PipeCondition(
        **common,
        text_concept=text,
        expression=blueprint.expression,
        expression_template=blueprint.expression_template.template if blueprint.expression_template else None,
        outcomes={outcome.value: outcome.pipe for outcome in blueprint.outcomes},
        default_outcome=blueprint.default_outcome,
        alias_to=blueprint.alias_to,
    )


def _parallel(blueprint: PipeParallelBlueprint, common: _CommonFields, context: _Context) -> PipeAbstract:
    combined = (
        _slot(blueprint.combined_output, context.concepts, blueprint.domain) if blueprint.combined_output else None
    )
    branches = tuple(Step(branch.pipe, branch.result or branch.pipe) for branch in blueprint.branches)
    return PipeParallel(
        **common,
        branches=branches,
        add_each_output=blueprint.add_each_output,
        combined=combined.concept if combined else None,
    )


def _batch(blueprint: PipeBatchBlueprint, common: _CommonFields, context: _Context) -> PipeAbstract:  # noqa: ARG001
    return PipeBatch(
        **common,
        branch_pipe_code=blueprint.branch_pipe_code or "",
        input_list_name=blueprint.input_list_name or "",
        input_item_name=blueprint.input_item_name or "",
        concurrency=blueprint.concurrency,
    )


def _func(blueprint: PipeFuncBlueprint, common: _CommonFields, context: _Context) -> PipeAbstract:
    name = blueprint.function_name or ""
    return PipeFunc(**common, function_name=name, function=context.functions.get(name))


_Builder = Callable[[Any, _CommonFields, _Context], PipeAbstract]

# One builder per blueprint type; a new pipe type adds its line here.
_BUILDERS: dict[type[PipeBlueprint], _Builder] = {
    PipeLLMBlueprint: _llm,
    PipeComposeBlueprint: _compose,
    PipeSequenceBlueprint: _sequence,
    PipeConditionBlueprint: _condition,
    PipeParallelBlueprint: _parallel,
    PipeBatchBlueprint: _batch,
    PipeExtractBlueprint: build_extract,
    PipeImgGenBlueprint: build_img_gen,
    PipeFuncBlueprint: _func,
}
