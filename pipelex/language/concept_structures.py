"""Linking the structures of declared concepts, once every concept of the library is known.

- ``structure = "ClassName"`` finds its pydantic model among the library's Python modules; a missing one
  is a warning (PLX0208) and the concept behaves like text until a run needs it.
- ``concept_ref`` / ``item_concept_ref`` resolve like any concept reference (``X``, ``domain.X``).
- Concepts that require each other (``A`` has a required ``concept`` field of ``B``, which has one of
  ``A``) could never hold a complete value: that cycle is an error. A cycle that goes through an optional
  field, a list or a dict is allowed (a tree of nodes): it ends where a field is left out or a list is empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipelex.core.concepts import Concept, ConceptField, ContentKind, FieldType
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import ConceptBlueprint, FieldBlueprint
from pipelex.language.diagnostics import Diagnostic
from pipelex.language.library import Library
from pipelex.language.suggest import did_you_mean

_NESTABLE = (ContentKind.TEXT, ContentKind.STRUCTURED, ContentKind.NUMBER, ContentKind.JSON, ContentKind.ANYTHING)


def concept_field(blueprint: FieldBlueprint) -> ConceptField:
    """The core field of a field blueprint (its concept is linked later)."""
    return ConceptField(
        blueprint.name,
        blueprint.type,
        blueprint.description,
        blueprint.required,
        blueprint.default,
        blueprint.choices,
        item_type=blueprint.item_type,
        key_type=blueprint.key_type,
        value_type=blueprint.value_type,
    )


def attach_structure_classes(library: Library, declared: Sequence[tuple[ConceptBlueprint, Concept]]) -> None:
    """Give each ``structure = "ClassName"`` concept its class, or warn that it is missing."""
    classes = library.python.classes
    for blueprint, concept in declared:
        name = blueprint.structure_class
        if name is None:
            continue
        concept.structure_class_name = name
        found = classes.get(name)
        if found is not None:
            concept.structure_class = found
            continue
        where = "the library's Python modules" if library.python.files else "a Python module of the library"
        library.diagnostics.append(
            Diagnostic(
                kinds.UNRESOLVED_STRUCTURE_CLASS,
                f'concept `{blueprint.code}` has `structure = "{name}"`, but no pydantic model `{name}` '
                f"is defined in {where}: it behaves like Text until it is",
                blueprint.file,
                blueprint.structure_class_span,
                label="class not found",
                help=did_you_mean(name, classes)
                or f"define `class {name}(BaseModel)` in a .py file beside the .plx files, "
                f"or declare the fields under [concept.{blueprint.code}.structure]",
            )
        )


def link_field_concepts(library: Library, declared: Sequence[tuple[ConceptBlueprint, Concept]]) -> None:
    """Resolve the concepts that fields hold, then report required cycles."""
    for blueprint, concept in declared:
        if any(item.concept_ref for item in blueprint.fields):
            concept.fields = tuple(
                _linked(library, blueprint, field_blueprint, core)
                for field_blueprint, core in zip(blueprint.fields, concept.fields, strict=True)
            )
    _report_required_cycles(library, declared)


def _linked(library: Library, owner: ConceptBlueprint, blueprint: FieldBlueprint, core: ConceptField) -> ConceptField:
    written = blueprint.concept_ref
    if written is None:
        return core
    target = library.concepts.resolve(written, owner.domain)
    where = f"field `{blueprint.name}` of concept `{owner.code}`"
    if target is None:
        suggestion = did_you_mean(written, library.concepts.visible_codes(owner.domain))
        library.diagnostics.append(
            Diagnostic(
                kinds.UNRESOLVED_CONCEPT,
                f"{where} holds `{written}`, which is not a known concept",
                owner.file,
                blueprint.concept_ref_span,
                label=f"not declared in domain `{owner.domain}` nor native",
                help=f"declare it under [concept], or {suggestion}" if suggestion else "declare it under [concept]",
            )
        )
        return core
    if target.content_kind not in _NESTABLE:
        library.diagnostics.append(
            Diagnostic(
                kinds.INVALID_VALUE,
                f"{where} holds `{written}` ({target.content_kind.value}), which a structure cannot hold",
                owner.file,
                blueprint.concept_ref_span,
                help="a field holds text, numbers, dates, or structured concepts",
            )
        )
        return core
    return replace(core, concept=target)


def _required_targets(concept: Concept) -> list[tuple[ConceptField, Concept]]:
    return [
        (item, item.concept)
        for item in concept.fields
        if item.type is FieldType.CONCEPT and item.required and item.concept is not None
    ]


def _report_required_cycles(library: Library, declared: Sequence[tuple[ConceptBlueprint, Concept]]) -> None:
    blueprints = {id(concept): blueprint for blueprint, concept in declared}
    reported: set[frozenset[str]] = set()
    done: set[int] = set()

    def visit(concept: Concept, path: list[tuple[Concept, ConceptField]]) -> None:
        if id(concept) in done:
            return
        for item, target in _required_targets(concept):
            chain = [node for node, _ in path] + [concept]
            if target in chain:
                cycle = [*path, (concept, item)][chain.index(target) :]
                key = frozenset(node.ref for node, _ in cycle)
                if key not in reported:
                    reported.add(key)
                    _report_cycle(library, blueprints, cycle)
            else:
                visit(target, [*path, (concept, item)])
        done.add(id(concept))

    for _, concept in declared:
        visit(concept, [])


def _report_cycle(
    library: Library, blueprints: dict[int, ConceptBlueprint], cycle: list[tuple[Concept, ConceptField]]
) -> None:
    first, first_field = cycle[0]
    blueprint = blueprints.get(id(first))
    if blueprint is None:
        return
    span = next((item.span for item in blueprint.fields if item.name == first_field.name), blueprint.span)
    steps = " -> ".join(f"{concept.code}.{item.name}" for concept, item in cycle) + f" -> {first.code}"
    library.diagnostics.append(
        Diagnostic(
            kinds.INVALID_VALUE,
            f"concept `{first.code}` requires itself through its fields: no value of it could ever be complete",
            blueprint.file,
            span,
            label="required concept field in a cycle",
            help=f"cycle: {steps}; make one of these fields optional (`required = false`) or a list",
        )
    )
