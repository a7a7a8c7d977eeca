"""One reader per pipe type: which fields it takes and how its blueprint is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipelex.cogt.llm.llm_setting import settings_from_table
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import (
    PipeBlueprint,
    PipeComposeBlueprint,
    PipeLLMBlueprint,
    PipeSequenceBlueprint,
    StepDecl,
)
from pipelex.language.controller_readers import build_batch, build_condition, build_parallel
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
    fields.reader._unknown_keys(item, ("pipe", "result", "batch_over", "batch_as"), where)
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
    return step


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
        renamed={"prompt_template": "prompt", "llm": "model", "llm_handle": "model"},
    ),
    "PipeCompose": PipeReader(
        fields=("template", "category"),
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
}
