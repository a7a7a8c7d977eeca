"""Readers of the PipeCondition and PipeParallel tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import (
    OutcomeDecl,
    PipeBatchBlueprint,
    PipeBlueprint,
    PipeConditionBlueprint,
    PipeParallelBlueprint,
)
from pipelex.language.toml_tree import TomlArray, TomlScalar, TomlTable

if TYPE_CHECKING:
    from pipelex.language.pipe_readers import PipeFields

CONTINUE = "continue"
FAIL = "fail"


def build_condition(fields: PipeFields, **common: Any) -> PipeBlueprint:
    blueprint = PipeConditionBlueprint(**common)
    table = fields.table
    expression = table.get("expression")
    if isinstance(expression, TomlScalar) and expression.kind == "string":
        blueprint.expression = str(expression.value)
        blueprint.expression_span = expression.span
    elif expression is not None:
        fields.reader.report(kinds.INVALID_VALUE, f"{fields.where}: `expression` must be a string", expression.span)
    blueprint.expression_template = fields.template("expression_template")
    if (expression is None) == ("expression_template" not in table.entries):
        fields.reader.report(
            kinds.MISSING_FIELD if expression is None else kinds.INVALID_VALUE,
            f"{fields.where} needs exactly one of `expression` and `expression_template`",
            table.span,
            help_text='e.g. `expression = "request.category"` or `expression_template = "{{ request.category }}"`',
        )
    blueprint.outcomes = _read_outcomes(fields)
    default = table.get("default_outcome")
    if isinstance(default, TomlScalar) and default.kind == "string":
        blueprint.default_outcome = str(default.value)
        blueprint.default_span = default.span
    elif default is not None:
        fields.reader.report(
            kinds.INVALID_VALUE, f"{fields.where}: `default_outcome` must be a pipe code", default.span
        )
    alias = table.get("add_alias_from_expression_to")
    if isinstance(alias, TomlScalar) and alias.kind == "string":
        blueprint.alias_to = str(alias.value)
    elif alias is not None:
        fields.reader.report(
            kinds.INVALID_VALUE, f"{fields.where}: `add_alias_from_expression_to` must be a name", alias.span
        )
    return blueprint


def _read_outcomes(fields: PipeFields) -> list[OutcomeDecl]:
    node = fields.table.get("outcomes")
    if node is None:
        if fields.table.get("default_outcome") is None:
            fields.require("outcomes", 'add `outcomes = { value = "pipe_code", ... }`')
        return []
    if not isinstance(node, TomlTable):
        fields.reader.report(
            kinds.INVALID_VALUE, f'{fields.where}: `outcomes` must be a table of value = "pipe"', node.span
        )
        return []
    outcomes: list[OutcomeDecl] = []
    for value, target in node.entries.items():
        if isinstance(target, TomlScalar) and target.kind == "string":
            outcomes.append(OutcomeDecl(value, str(target.value), target.span))
        else:
            fields.reader.report(
                kinds.INVALID_VALUE, f"{fields.where}: outcome `{value}` must name a pipe", node.key_span(value)
            )
    return outcomes


def build_parallel(fields: PipeFields, **common: Any) -> PipeBlueprint:
    from pipelex.language.pipe_readers import read_step

    blueprint = PipeParallelBlueprint(**common)
    table = fields.table
    branches = table.get("branches")
    if not isinstance(branches, TomlArray) or isinstance(branches, TomlTable):
        if branches is None:
            fields.require("branches", 'add `branches = [{ pipe = "first", result = "a" }, ...]`')
        else:
            fields.reader.report(
                kinds.INVALID_VALUE, f"{fields.where}: `branches` must be a list of tables", branches.span
            )
    else:
        blueprint.branches = [step for item in branches.items if (step := read_step(fields, item)) is not None]
        for step in blueprint.branches:
            if step.batch_over is not None:
                fields.reader.report(kinds.UNKNOWN_FIELD, f"{fields.where}: a parallel branch cannot batch", step.span)
            if step.nb_output is not None:
                fields.reader.report(
                    kinds.UNKNOWN_FIELD,
                    f"{fields.where}: a parallel branch cannot ask for `nb_output`",
                    step.span,
                    help_text="ask for a number of items in the output of the called pipe instead, e.g. `Idea[3]`",
                )
    add_each = table.get("add_each_output")
    if isinstance(add_each, TomlScalar) and add_each.kind == "bool":
        blueprint.add_each_output = bool(add_each.value)
    elif add_each is not None:
        fields.reader.report(
            kinds.INVALID_VALUE, f"{fields.where}: `add_each_output` must be true or false", add_each.span
        )
    combined = table.get("combined_output")
    if combined is not None:
        blueprint.combined_output = fields.reader.type_decl("combined_output", combined, fields.where)
    return blueprint


def build_batch(fields: PipeFields, **common: Any) -> PipeBlueprint:
    blueprint = PipeBatchBlueprint(**common)
    table = fields.table
    for key in ("branch_pipe_code", "input_list_name", "input_item_name"):
        node = table.get(key)
        if node is None:
            fields.require(key, f'add `{key} = "..."`')
        elif isinstance(node, TomlScalar) and node.kind == "string":
            setattr(blueprint, key, str(node.value))
            if key == "branch_pipe_code":
                blueprint.branch_span = node.span
            elif key == "input_item_name":
                blueprint.item_span = node.span
        else:
            fields.reader.report(kinds.INVALID_VALUE, f"{fields.where}: `{key}` must be a name in quotes", node.span)
    concurrency = table.get("concurrency")
    if isinstance(concurrency, TomlScalar) and concurrency.kind == "integer" and 1 <= int(concurrency.value) <= 64:  # type: ignore[arg-type]
        blueprint.concurrency = int(concurrency.value)  # type: ignore[arg-type]
    elif concurrency is not None:
        fields.reader.report(
            kinds.INVALID_VALUE, f"{fields.where}: `concurrency` must be a whole number from 1 to 64", concurrency.span
        )
    return blueprint
