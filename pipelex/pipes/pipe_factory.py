"""Building runnable pipes from checked blueprints."""

from __future__ import annotations

from typing import TypedDict

from pipelex.core.concept_library import ConceptLibrary
from pipelex.exceptions import PipelexError
from pipelex.language.blueprints import (
    BundleBlueprint,
    PipeBatchBlueprint,
    PipeBlueprint,
    PipeComposeBlueprint,
    PipeConditionBlueprint,
    PipeLLMBlueprint,
    PipeParallelBlueprint,
    PipeSequenceBlueprint,
    TypeDecl,
)
from pipelex.language.library import Library
from pipelex.language.prompt_template import PromptTemplate
from pipelex.pipes.controllers.batching import BATCH_CONCURRENCY
from pipelex.pipes.controllers.pipe_batch import PipeBatch
from pipelex.pipes.controllers.pipe_condition import PipeCondition
from pipelex.pipes.controllers.pipe_parallel import PipeParallel
from pipelex.pipes.controllers.pipe_sequence import PipeSequence, Step
from pipelex.pipes.operators.pipe_compose import PipeCompose
from pipelex.pipes.operators.pipe_llm import PipeLLM
from pipelex.pipes.pipe_abstract import PipeAbstract, Slot


def build_pipes(library: Library) -> dict[str, PipeAbstract]:
    """Every pipe of a library that passed its checks, ready to run."""
    bundles = {bundle.source.path: bundle for bundle in library.bundles}
    return {
        code: build_pipe(blueprint, library.concepts, bundles[blueprint.file])
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


def build_pipe(blueprint: PipeBlueprint, concepts: ConceptLibrary, bundle: BundleBlueprint) -> PipeAbstract:
    common: _CommonFields = {
        "code": blueprint.code,
        "domain": blueprint.domain,
        "description": blueprint.description,
        "inputs": {name: _slot(decl, concepts, blueprint.domain) for name, decl in blueprint.inputs.items()},
        "output": _slot(blueprint.output, concepts, blueprint.domain),
    }
    if isinstance(blueprint, PipeLLMBlueprint):
        if blueprint.prompt is None or blueprint.prompt.template is None:
            raise PipelexError(f"internal: pipe `{blueprint.code}` has no usable prompt")
        system = blueprint.system_prompt.template if blueprint.system_prompt else None
        if system is None and bundle.system_prompt:
            system = PromptTemplate.literal(bundle.system_prompt)
        return PipeLLM(
            **common,
            prompt=blueprint.prompt.template,
            system_prompt=system,
            model=blueprint.model,
            model_to_structure=blueprint.model_to_structure,
            structuring_method=blueprint.structuring_method,
        )
    if isinstance(blueprint, PipeComposeBlueprint):
        if blueprint.template is None or blueprint.template.template is None:
            raise PipelexError(f"internal: pipe `{blueprint.code}` has no usable template")
        return PipeCompose(**common, template=blueprint.template.template, category=blueprint.category)
    if isinstance(blueprint, PipeSequenceBlueprint):
        steps = tuple(
            Step(step.pipe, step.result or step.pipe, step.batch_over, step.batch_as) for step in blueprint.steps
        )
        return PipeSequence(**common, steps=steps)
    if isinstance(blueprint, PipeConditionBlueprint):
        text = concepts.get("native.Text")
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
    if isinstance(blueprint, PipeParallelBlueprint):
        combined = _slot(blueprint.combined_output, concepts, blueprint.domain) if blueprint.combined_output else None
        branches = tuple(Step(branch.pipe, branch.result or branch.pipe) for branch in blueprint.branches)
        return PipeParallel(
            **common,
            branches=branches,
            add_each_output=blueprint.add_each_output,
            combined=combined.concept if combined else None,
        )
    if isinstance(blueprint, PipeBatchBlueprint):
        return PipeBatch(
            **common,
            branch_pipe_code=blueprint.branch_pipe_code or "",
            input_list_name=blueprint.input_list_name or "",
            input_item_name=blueprint.input_item_name or "",
            concurrency=blueprint.concurrency or BATCH_CONCURRENCY,
        )
    raise PipelexError(f"internal: no runnable pipe for type `{blueprint.type}`")
