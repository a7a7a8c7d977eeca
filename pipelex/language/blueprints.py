"""Blueprints: what a .plx file declares, as read from its TOML tree, with locations kept.

Blueprints are checked (``pipelex.language.checks``) before anything is built from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipelex.core.concepts import FieldDefault, FieldType
from pipelex.core.type_expr import TypeExpr
from pipelex.language.prompt_template import PromptTemplate
from pipelex.language.source import SourceFile, Span
from pipelex.language.toml_tree import TomlScalar


@dataclass
class FieldBlueprint:
    """A field of an inline structure; ``concept_ref`` is the ``concept_ref`` or ``item_concept_ref`` written."""

    name: str
    span: Span
    type: FieldType = FieldType.TEXT
    description: str = ""
    required: bool = True
    default: FieldDefault = None
    choices: tuple[str, ...] = ()
    item_type: FieldType | None = None
    key_type: FieldType | None = None
    value_type: FieldType | None = None
    concept_ref: str | None = None
    concept_ref_span: Span | None = None


@dataclass
class ConceptBlueprint:
    domain: str
    code: str
    span: Span
    file: str
    description: str = ""
    refines: str | None = None
    refines_span: Span | None = None
    fields: list[FieldBlueprint] = field(default_factory=list)
    structure_class: str | None = None
    structure_class_span: Span | None = None

    @property
    def ref(self) -> str:
        return f"{self.domain}.{self.code}"


@dataclass
class TypeDecl:
    """A type expression as written (``inputs`` entry or ``output``); ``expr`` is ``None`` when unreadable."""

    name: str
    text: str
    span: Span
    expr: TypeExpr | None


@dataclass
class TemplateDecl:
    """A template field: its text, the scalar that holds it (to locate variables), and its parse."""

    key: str
    scalar: TomlScalar
    template: PromptTemplate | None

    @property
    def text(self) -> str:
        return str(self.scalar.value)


@dataclass
class StepDecl:
    pipe: str
    pipe_span: Span
    result: str | None
    span: Span
    batch_over: str | None = None
    batch_as: str | None = None
    batch_as_span: Span | None = None
    nb_output: int | None = None


@dataclass
class PipeBlueprint:
    """What every pipe has."""

    code: str
    type: str
    domain: str
    file: str
    span: Span
    description: str = ""
    inputs: dict[str, TypeDecl] = field(default_factory=dict)
    output: TypeDecl | None = None


@dataclass
class PipeLLMBlueprint(PipeBlueprint):
    prompt: TemplateDecl | None = None
    system_prompt: TemplateDecl | None = None
    model: str | dict[str, Any] | None = None
    model_span: Span | None = None
    model_to_structure: str | dict[str, Any] | None = None
    model_to_structure_span: Span | None = None
    structuring_method: str = "direct"


@dataclass
class ConstructFieldDecl:
    """A field of a PipeCompose `[construct]`: taken `from` an input path, rendered from a `template`, or a literal."""

    name: str
    span: Span
    source: str | None = None
    template: TemplateDecl | None = None
    value: Any = None


@dataclass
class PipeComposeBlueprint(PipeBlueprint):
    template: TemplateDecl | None = None
    category: str = "basic"
    construct: list[ConstructFieldDecl] | None = None
    construct_span: Span | None = None


@dataclass
class PipeFuncBlueprint(PipeBlueprint):
    function_name: str | None = None
    function_span: Span | None = None


@dataclass
class PipeSequenceBlueprint(PipeBlueprint):
    steps: list[StepDecl] = field(default_factory=list)


@dataclass
class BundleBlueprint:
    """One .plx file."""

    source: SourceFile
    domain: str
    domain_span: Span
    description: str = ""
    system_prompt: str | None = None
    main_pipe: str | None = None
    main_pipe_span: Span | None = None
    concepts: list[ConceptBlueprint] = field(default_factory=list)
    pipes: list[PipeBlueprint] = field(default_factory=list)
    declared_pipes: set[str] = field(default_factory=set)
    """Every pipe code under [pipe], including those too broken to read (already reported)."""


@dataclass
class OutcomeDecl:
    """One outcome of a PipeCondition: the value that selects it and the pipe it runs."""

    value: str
    pipe: str
    span: Span


@dataclass
class PipeConditionBlueprint(PipeBlueprint):
    expression: str | None = None
    expression_span: Span | None = None
    expression_template: TemplateDecl | None = None
    outcomes: list[OutcomeDecl] = field(default_factory=list)
    default_outcome: str | None = None
    default_span: Span | None = None
    alias_to: str | None = None


@dataclass
class PipeParallelBlueprint(PipeBlueprint):
    branches: list[StepDecl] = field(default_factory=list)
    add_each_output: bool = True
    combined_output: TypeDecl | None = None


def called_pipes(pipe: PipeBlueprint) -> list[tuple[str, Span]]:
    """The pipes a controller runs, with where each is named."""
    if isinstance(pipe, PipeSequenceBlueprint):
        return [(step.pipe, step.pipe_span) for step in pipe.steps]
    if isinstance(pipe, PipeParallelBlueprint):
        return [(branch.pipe, branch.pipe_span) for branch in pipe.branches]
    if isinstance(pipe, PipeBatchBlueprint) and pipe.branch_pipe_code and pipe.branch_span:
        return [(pipe.branch_pipe_code, pipe.branch_span)]
    if isinstance(pipe, PipeConditionBlueprint):
        named = [(outcome.pipe, outcome.span) for outcome in pipe.outcomes]
        if pipe.default_outcome not in (None, "fail", "continue") and pipe.default_span is not None:
            named.append((str(pipe.default_outcome), pipe.default_span))
        return named
    return []


@dataclass
class PipeBatchBlueprint(PipeBlueprint):
    branch_pipe_code: str | None = None
    branch_span: Span | None = None
    input_list_name: str | None = None
    input_item_name: str | None = None
    item_span: Span | None = None
    concurrency: int | None = None


@dataclass
class PipeExtractBlueprint(PipeBlueprint):
    model: str | None = None
    model_span: Span | None = None
    max_page_images: int | None = None
    page_views: bool = False
    page_views_dpi: int | None = None
    page_image_captions: bool = False


@dataclass
class PipeImgGenBlueprint(PipeBlueprint):
    prompt: TemplateDecl | None = None
    negative_prompt: TemplateDecl | None = None
    model: str | None = None
    model_span: Span | None = None
    aspect_ratio: str | None = None
    size: str | None = None
    seed: int | None = None
    background: str | None = None
    output_format: str | None = None
    is_raw: bool = False
