"""Reading a PipeCompose `[construct]` table: each field built from an input path, a template or a literal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import ConstructFieldDecl
from pipelex.language.toml_tree import TomlTable, TomlValue, to_python

if TYPE_CHECKING:
    from pipelex.language.pipe_readers import PipeFields

CONSTRUCT_FIELD_KEYS = ("from", "template")


def read_construct(fields: PipeFields, node: TomlValue) -> list[ConstructFieldDecl] | None:
    """The fields of a `[construct]` table, or ``None`` (reported) when it is not a table."""
    where = f"{fields.where} construct"
    if not isinstance(node, TomlTable):
        fields.reader.report(
            kinds.INVALID_VALUE,
            f"{fields.where}: `construct` must be a table of field = value",
            node.span,
            help_text='e.g. `[pipe.x.construct]` with `name = { from = "customer.name" }`',
        )
        return None
    if not node.entries:
        fields.reader.report(
            kinds.INVALID_VALUE, f"{where} is empty", node.span, help_text="give it one line per field"
        )
        return None
    return [_read_field(fields, node, name, value, where) for name, value in node.entries.items()]


def _read_field(fields: PipeFields, table: TomlTable, name: str, value: TomlValue, where: str) -> ConstructFieldDecl:
    decl = ConstructFieldDecl(name, table.key_span(name))
    if not isinstance(value, TomlTable):
        decl.value = to_python(value)
        return decl
    fields.reader._unknown_keys(value, CONSTRUCT_FIELD_KEYS, f"{where} field `{name}`")
    present = [key for key in CONSTRUCT_FIELD_KEYS if key in value.entries]
    if len(present) != 1:
        fields.reader.report(
            kinds.INVALID_VALUE,
            f"{where} field `{name}` needs exactly one of `from` or `template`",
            value.span,
            help_text=f'e.g. `{name} = {{ from = "input.field" }}` or `{name} = {{ template = "$input ..." }}`',
        )
        return decl
    if present[0] == "template":
        decl.template = fields.reader.template(value, "template", f"{where} field `{name}`")
        return decl
    source = value.get("from")
    plain = to_python(source) if source is not None else None
    if not isinstance(plain, str) or not all(part.isidentifier() for part in plain.split(".")):
        fields.reader.report(
            kinds.INVALID_VALUE,
            f"{where} field `{name}`: `from` must be an input name or a dotted path such as `customer.name`",
            source.span if source is not None else value.span,
        )
        return decl
    decl.source = plain
    return decl
