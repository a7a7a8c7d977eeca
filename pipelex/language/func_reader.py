"""Reading a PipeFunc: ``function_name`` names a function registered with ``@pipe_func``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import PipeBlueprint, PipeFuncBlueprint
from pipelex.language.toml_tree import TomlScalar

if TYPE_CHECKING:
    from pipelex.language.pipe_readers import PipeFields


def build_func(fields: PipeFields, **common: Any) -> PipeBlueprint:
    """The blueprint of a PipeFunc; a missing or malformed ``function_name`` is reported."""
    blueprint = PipeFuncBlueprint(**common)
    node = fields.table.get("function_name")
    if node is None:
        fields.require("function_name", 'add `function_name = "my_function"`, a function registered with @pipe_func')
        return blueprint
    if not (isinstance(node, TomlScalar) and node.kind == "string" and str(node.value).strip()):
        fields.reader.report(
            kinds.INVALID_VALUE,
            f"{fields.where}: `function_name` must be the name of a function, in quotes",
            node.span,
        )
        return blueprint
    blueprint.function_name = str(node.value).strip()
    blueprint.function_span = node.span
    return blueprint
