"""One reader per pipe type: which fields it takes and how its blueprint is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipelex.cogt.llm.llm_setting import settings_from_table
from pipelex.core.type_expr import MAX_COUNT, TypeExpr
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import (
    PipeBlueprint,
    PipeComposeBlueprint,
    PipeLLMBlueprint,
    PipeSequenceBlueprint,
    StepDecl,
)
from pipelex.language.construct_reader import read_construct
from pipelex.language.controller_readers import build_batch, build_condition, build_parallel
from pipelex.language.func_reader import build_func
from pipelex.language.operator_readers import (
    EXTRACT_FIELDS,
    EXTRACT_RENAMED,
    IMG_GEN_FIELDS,
    IMG_GEN_RENAMED,
    build_extract,
    build_img_gen,
)
from pipelex.language.source import Span
from pipelex.language.toml_tree import TomlScalar, TomlTable, to_python

if TYPE_CHECKING:
    from pipelex.language.blueprints import TemplateDecl
    from pipelex.language.bundle_reader import BundleReader

TEMPLATE_CATEGORIES = ("basic", "markdown", "html", "mermaid", "llm_prompt")


@dataclass
class PipeFields:
    """Typed access to a pipe table's fields, reporting bad shapes to the reader."""

    reader: BundleReader
    table: TomlTable
    where: str

    def template(self, key: str) -> TemplateDecl | None:
        return self.reader.template(self.table, key, self.where)

    def require(self, key: str, hint: str) -> None:
        if key not in self.table.entries:
            self.reader.report(kinds.MISSING_FIELD, f"{self.where} has no `{key}`", self.table.span, help_text=hint)


@dataclass(frozen=True)
class PipeReader:
    fields: tuple[str, ...]
    build: Callable[..., PipeBlueprint]
    ignored: tuple[str, ...] = ()
    renamed: dict[str, str] = field(default_factory=dict)
    older: tuple[str, ...] = ()
    """Older keys read by ``finish`` (each with its own deprecation warning)."""
    finish: Callable[[PipeFields, Any], None] | None = None
    """Called once ``inputs`` and ``output`` are read."""


def _build_llm(fields: PipeFields, **common: Any) -> PipeBlueprint:
    fields.require("prompt", 'add `prompt = """..."""`, using the inputs as `$name` or `@name`')
    blueprint = PipeLLMBlueprint(**common)
    blueprint.prompt = fields.template("prompt")
    blueprint.system_prompt = fields.template("system_prompt")
    blueprint.model, blueprint.model_span = _read_model(fields, "model")
    blueprint.model_to_structure, blueprint.model_to_structure_span = _read_model(fields, "model_to_structure")
    method = fields.table.get("structuring_method")
    if method is not None:
        if isinstance(method, TomlScalar) and method.value in STRUCTURING_METHODS:
            blueprint.structuring_method = str(method.value)
        else:
            fields.reader.report(
                kinds.INVALID_VALUE,
                f"{fields.where}: unknown structuring_method `{to_python(method)}`",
                method.span,
                help_text=f"one of: {', '.join(STRUCTURING_METHODS)}",
            )
    return blueprint


STRUCTURING_METHODS = ("direct", "preliminary_text")


def _read_older_multiplicity(fields: PipeFields, blueprint: PipeLLMBlueprint) -> None:
    """``nb_output = N`` and ``multiple_output = true`` (older spellings) become ``output = "X[N]"`` / ``"X[]"``."""
    for key in ("nb_output", "multiple_output"):
        node = fields.table.get(key)
        if node is None:
            continue
        value = to_python(node)
        output = blueprint.output
        expr = output.expr if output is not None else None
        valid = (
            key == "nb_output" and isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_COUNT
        ) or (key == "multiple_output" and isinstance(value, bool))
        if not valid:
            shape = f"a whole number from 1 to {MAX_COUNT}" if key == "nb_output" else "true or false"
            fields.reader.report(kinds.INVALID_VALUE, f"{fields.where}: `{key}` must be {shape}", node.span)
            continue
        if output is None or expr is None or value is False:
            continue
        if expr.is_list:
            fields.reader.report(
                kinds.DUPLICATE_DEFINITION,
                f"{fields.where} has both `{key}` and the list output `{output.text}`",
                node.span,
                help_text=f'keep only `output = "{output.text}"`',
            )
            continue
        count = value if key == "nb_output" and isinstance(value, int) else None
        written = f"{expr.concept_ref}[{count or ''}]"
        fields.reader.report(
            kinds.DEPRECATED_SPELLING,
            f"`{key}` in {fields.where} is now written in the output type: `{written}`",
            node.span,
            help_text=f'write `output = "{written}"` and remove `{key}`',
        )
        output.expr = TypeExpr(expr.concept_ref, is_list=True, count=count)
        output.text = written


def _read_model(fields: PipeFields, key: str) -> tuple[str | dict[str, Any] | None, Span | None]:
    """A ``model``-like field: a name (with an optional sigil) or an inline table of settings."""
    model = fields.table.get(key)
    if model is None:
        return None, None
    if isinstance(model, TomlScalar) and model.kind == "string":
        return str(model.value), model.span
    if isinstance(model, TomlTable):
        return _read_model_table(fields, model, key), model.span
    fields.reader.report(
        kinds.INVALID_VALUE,
        f"{fields.where}: `{key}` must be a model name or an inline table",
        model.span,
        help_text=f'e.g. `{key} = "gpt-4o-mini"` or `{key} = {{ model = "gpt-4o-mini", temperature = 0.2 }}`',
    )
    return None, model.span


_MODEL_TABLE_KEYS = ("model", "temperature", "max_tokens", "reasoning_effort")


def _read_model_table(fields: PipeFields, model: TomlTable, key: str) -> dict[str, Any] | None:
    where = f"{fields.where}: `{key}`"
    fields.reader._unknown_keys(model, _MODEL_TABLE_KEYS, where)
    plain = to_python(model)
    if not isinstance(plain, dict):
        return None
    if not isinstance(plain.get("model"), str):
        fields.reader.report(
            kinds.MISSING_FIELD,
            f'{where} needs `model = "<name>"`',
            model.span,
            help_text='e.g. `model = { model = "gpt-4o-mini", temperature = 0.2 }`',
        )
        return None
    try:
        settings_from_table(plain, where)
    except ValueError as error:
        fields.reader.report(kinds.INVALID_VALUE, str(error), model.span)
        return None
    return plain


def _build_compose(fields: PipeFields, **common: Any) -> PipeBlueprint:
    blueprint = PipeComposeBlueprint(**common)
    node = fields.table.get("template")
    construct = fields.table.get("construct")
    if construct is not None:
        if node is not None:
            fields.reader.report(
                kinds.INVALID_VALUE,
                f"{fields.where} has both `template` and `construct`",
                construct.span,
                help_text="a PipeCompose renders a `template` (text) or builds a `construct` (a structure): keep one",
            )
        blueprint.construct_span = construct.span
        blueprint.construct = read_construct(fields, construct)
        return blueprint
    if node is None:
        fields.require("template", 'add `template = """..."""`')
        return blueprint
    if isinstance(node, TomlTable):
        sub_fields = PipeFields(fields.reader, node, f"{fields.where} template")
        fields.reader._unknown_keys(node, ("template", "category", "templating_style"), f"{fields.where} template")
        blueprint.template = sub_fields.template("template")
        if blueprint.template is None:
            sub_fields.require("template", 'add `template = """..."""` to the template table')
        blueprint.category = _read_category(fields, node)
        return blueprint
    blueprint.template = fields.template("template")
    blueprint.category = _read_category(fields, fields.table)
    return blueprint


def _read_category(fields: PipeFields, table: TomlTable) -> str:
    category = table.get("category")
    if isinstance(category, TomlScalar) and category.value in TEMPLATE_CATEGORIES:
        return str(category.value)
    if category is not None:
        fields.reader.report(
            kinds.INVALID_VALUE,
            f"{fields.where}: unknown template category `{to_python(category)}`",
            category.span,
            help_text=f"one of: {', '.join(TEMPLATE_CATEGORIES)}",
        )
    return "basic"


def _build_sequence(fields: PipeFields, **common: Any) -> PipeBlueprint:
    blueprint = PipeSequenceBlueprint(**common)
    steps = fields.table.get("steps")
    if steps is None:
        fields.require("steps", 'add `steps = [{ pipe = "first_pipe", result = "name" }, ...]`')
        return blueprint
    items = getattr(steps, "items", None)
    if not isinstance(items, list) or isinstance(steps, TomlTable) or not items:
        fields.reader.report(
            kinds.INVALID_VALUE, f"{fields.where}: `steps` must be a non-empty list of tables", steps.span
        )
        return blueprint
    for item in items:
        step = read_step(fields, item)
        if step is not None:
            blueprint.steps.append(step)
    return blueprint


def read_step(fields: PipeFields, item: Any) -> StepDecl | None:
    where = f"a step of {fields.where}"
    if not isinstance(item, TomlTable):
        fields.reader.report(kinds.INVALID_VALUE, f'{where} must be a table `{{ pipe = "..." }}`', item.span)
        return None
    fields.reader._unknown_keys(item, ("pipe", "result", "batch_over", "batch_as", "nb_output"), where)
    pipe = item.get("pipe")
    if not (isinstance(pipe, TomlScalar) and pipe.kind == "string"):
        span: Span = pipe.span if pipe is not None else item.span
        fields.reader.report(kinds.MISSING_FIELD, f'{where} needs `pipe = "<pipe code>"`', span)
        return None
    names = {key: _step_name(fields, item, key, where) for key in ("result", "batch_over", "batch_as")}
    step = StepDecl(str(pipe.value), pipe.span, names["result"], item.span, names["batch_over"], names["batch_as"])
    if (step.batch_over is None) != (step.batch_as is None):
        fields.reader.report(
            kinds.MISSING_FIELD,
            f"{where}: `batch_over` and `batch_as` go together",
            item.span,
            help_text='e.g. `batch_over = "documents", batch_as = "document"`: run the step once per item',
        )
        step.batch_over = step.batch_as = None
    batch_as = item.get("batch_as")
    step.batch_as_span = batch_as.span if batch_as is not None else None
    step.nb_output = _step_nb_output(fields, item, where)
    if step.nb_output is not None and step.batch_over is not None:
        fields.reader.report(
            kinds.INVALID_VALUE,
            f"{where}: a step cannot both batch and ask for `nb_output`",
            item.key_span("nb_output"),
            help_text="ask for a number of items in the output of the called pipe instead, e.g. `Idea[3]`",
        )
        step.nb_output = None
    return step


def _step_nb_output(fields: PipeFields, item: TomlTable, where: str) -> int | None:
    node = item.get("nb_output")
    if node is None:
        return None
    if isinstance(node, TomlScalar) and node.kind == "integer" and 1 <= int(node.value) <= MAX_COUNT:  # type: ignore[arg-type]
        return int(node.value)  # type: ignore[arg-type]
    fields.reader.report(
        kinds.INVALID_VALUE,
        f"{where}: `nb_output` must be a whole number from 1 to {MAX_COUNT}",
        node.span,
        help_text="the number of items the step's PipeLLM is asked for",
    )
    return None


def _step_name(fields: PipeFields, item: TomlTable, key: str, where: str) -> str | None:
    node = item.get(key)
    if node is None:
        return None
    if isinstance(node, TomlScalar) and node.kind == "string":
        return str(node.value)
    fields.reader.report(kinds.INVALID_VALUE, f"{where}: `{key}` must be a name in quotes", node.span)
    return None


PIPE_READERS: dict[str, PipeReader] = {
    "PipeLLM": PipeReader(
        fields=("prompt", "system_prompt", "model", "model_to_structure", "structuring_method"),
        build=_build_llm,
        ignored=("prompting_target",),
        older=("nb_output", "multiple_output"),
        finish=_read_older_multiplicity,
        renamed={"prompt_template": "prompt", "llm": "model", "llm_handle": "model"},
    ),
    "PipeCompose": PipeReader(
        fields=("template", "category", "construct"),
        build=_build_compose,
        renamed={"jinja2": "template", "template_category": "category"},
    ),
    "PipeSequence": PipeReader(fields=("steps",), build=_build_sequence),
    "PipeCondition": PipeReader(
        fields=("expression", "expression_template", "outcomes", "default_outcome", "add_alias_from_expression_to"),
        build=build_condition,
        renamed={"pipe_map": "outcomes", "default_pipe_code": "default_outcome"},
    ),
    "PipeBatch": PipeReader(
        fields=("branch_pipe_code", "input_list_name", "input_item_name", "concurrency"),
        build=build_batch,
    ),
    "PipeParallel": PipeReader(
        fields=("branches", "add_each_output", "combined_output"),
        build=build_parallel,
        renamed={"parallels": "branches"},
    ),
    "PipeExtract": PipeReader(fields=EXTRACT_FIELDS, build=build_extract, renamed=EXTRACT_RENAMED),
    "PipeImgGen": PipeReader(fields=IMG_GEN_FIELDS, build=build_img_gen, renamed=IMG_GEN_RENAMED),
    "PipeFunc": PipeReader(fields=("function_name",), build=build_func),
}
