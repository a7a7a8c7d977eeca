"""Reading the `[concept]` section: short and table forms, refines, inline structures, structure classes."""

from __future__ import annotations

import re

from pipelex.core.concepts import native_concepts
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import ConceptBlueprint
from pipelex.language.field_reader import FieldReader
from pipelex.language.source import Span
from pipelex.language.toml_tree import TomlScalar, TomlTable, TomlValue

_CONCEPT_KEYS = ("description", "refines", "structure")
_CONCEPT_CODE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_CLASS_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
NATIVE_CONCEPT_CODES = frozenset(native_concepts())


class ConceptReader(FieldReader):
    """Reads concepts and their fields."""

    def _concept(self, domain: str, code: str, node: TomlValue, span: Span) -> ConceptBlueprint | None:
        if not _CONCEPT_CODE.match(code):
            self.report(
                kinds.INVALID_VALUE,
                f"concept name `{code}` is not in PascalCase",
                span,
                help_text="concept names start with a capital letter and contain only letters and digits",
            )
            return None
        if code in NATIVE_CONCEPT_CODES:
            # The original runner let a domain shadow a native concept; real pipelines do it, so it stays legal.
            self.report(
                kinds.NATIVE_CONCEPT_REDECLARATION,
                f"`{code}` is also the name of a native concept: in domain `{domain}`, `{code}` now means this "
                f"concept, and the native one is `native.{code}`",
                span,
                label="shadows a native concept",
                help_text=f"give your concept its own name, e.g. `{domain.rsplit('.', 1)[-1].title().replace('_', '')}"
                f"{code}`, or drop this declaration to use the native `{code}`",
            )
        concept = ConceptBlueprint(domain, code, span, self.source.path)
        if isinstance(node, TomlScalar) and node.kind == "string":
            concept.description = str(node.value)
            return concept
        if not isinstance(node, TomlTable):
            self.report(kinds.INVALID_VALUE, f"concept `{code}` must be a description string or a table", node.span)
            return None
        where = f"concept `{code}`"
        self._rename_deprecated(node, where)
        self._unknown_keys(node, _CONCEPT_KEYS, where)
        concept.description = self._string(node, "description") or ""
        refines = node.get("refines")
        concept.refines = self._string(node, "refines")
        concept.refines_span = refines.span if refines is not None else None
        structure = node.get("structure")
        if structure is not None and refines is not None:
            self.report(
                kinds.INVALID_VALUE,
                f"{where} has both `refines` and `structure`",
                node.key_span("structure"),
                help_text="a concept either refines another one or declares its own structure",
            )
        if isinstance(structure, TomlTable):
            concept.fields = [
                blueprint
                for name, field_node in structure.entries.items()
                if (blueprint := self._field(code, name, field_node, structure.key_span(name))) is not None
            ]
        elif isinstance(structure, TomlScalar) and structure.kind == "string" and _is_class_name(structure.value):
            concept.structure_class = str(structure.value)
            concept.structure_class_span = structure.span
        elif structure is not None:
            self.report(
                kinds.INVALID_VALUE,
                f"{where}: `structure` must be a table of fields or the name of a Python class",
                structure.span,
                help_text=f'declare the fields under [concept.{code}.structure], or write `structure = "ClassName"`',
            )
        return concept


def _is_class_name(value: object) -> bool:
    return isinstance(value, str) and _CLASS_NAME.match(value) is not None
