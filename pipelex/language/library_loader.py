"""Loading .plx files and directories into a checked :class:`Library`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipelex.cogt.models.model_deck import ModelNames
from pipelex.core.concepts import Concept
from pipelex.exceptions import TomlSyntaxError
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import BundleBlueprint, ConceptBlueprint
from pipelex.language.bundle_reader import BundleReader
from pipelex.language.checks import LibraryChecker
from pipelex.language.concept_structures import attach_structure_classes, concept_field, link_field_concepts
from pipelex.language.diagnostics import Diagnostic
from pipelex.language.library import Library
from pipelex.language.python_modules import load_python_modules
from pipelex.language.source import Span
from pipelex.language.suggest import did_you_mean
from pipelex.language.toml_parser import parse_toml, read_source

PLX_SUFFIX = ".plx"
_SKIPPED_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".pipelex"}


def find_plx_files(paths: Sequence[str], diagnostics: list[Diagnostic]) -> list[str]:
    """The .plx files named or contained (recursively) in ``paths``, as the user would spell them."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(
                candidate
                for candidate in path.rglob(f"*{PLX_SUFFIX}")
                if not _SKIPPED_DIRS.intersection(candidate.relative_to(path).parts[:-1])
                and candidate.is_file()  # a FIFO or device named x.plx would block the read
            )
            if not inside:
                diagnostics.append(
                    Diagnostic(
                        kinds.NO_PLX_FILES,
                        f"no {PLX_SUFFIX} file in `{given}`",
                        given,
                        help=f"pipelines are read from {PLX_SUFFIX} files in the directory and its subdirectories",
                    )
                )
            found.extend(str(candidate) for candidate in inside)
        elif path.is_file():
            found.append(given)
        elif path.exists():
            diagnostics.append(Diagnostic(kinds.UNREADABLE_FILE, f"`{given}` is not a regular file", given))
        else:
            diagnostics.append(Diagnostic(kinds.UNREADABLE_FILE, f"`{given}`: no such file or directory", given))
    return list(dict.fromkeys(found))


def load_library(paths: Sequence[str], model_names: ModelNames | list[str] | None = None) -> Library:
    """Parse, read and check every .plx file in ``paths``; problems end up in ``library.diagnostics``.

    Args:
        paths: files and directories, as the user gave them.
        model_names: the presets, aliases and models of the model deck, to check each pipe's ``model``
            (a plain list checks PipeLLMs only); ``None`` skips that check.
    """
    library = Library()
    library.files = find_plx_files(paths, library.diagnostics)
    for file in library.files:
        bundle = _load_bundle(file, library)
        if bundle is not None:
            library.bundles.append(bundle)
    _load_python_modules(library, paths)
    _register_concepts(library)
    _register_pipes(library)
    LibraryChecker(library, model_names).run()
    return library


def _load_bundle(file: str, library: Library) -> BundleBlueprint | None:
    try:
        data = Path(file).read_bytes()
    except OSError as error:
        library.diagnostics.append(Diagnostic(kinds.UNREADABLE_FILE, f"cannot read `{file}`: {error.strerror}", file))
        return None
    try:
        source = read_source(file, data)
    except TomlSyntaxError as error:
        library.diagnostics.append(Diagnostic(kinds.TOML_SYNTAX, error.message, file, error.span, help=error.help_text))
        return None
    library.sources[file] = source
    try:
        root = parse_toml(source)
    except TomlSyntaxError as error:
        library.diagnostics.append(Diagnostic(kinds.TOML_SYNTAX, error.message, file, error.span, help=error.help_text))
        return None
    reader = BundleReader(source, root)
    bundle = reader.read()
    library.diagnostics.extend(reader.diagnostics)
    return bundle


def _load_python_modules(library: Library, paths: Sequence[str]) -> None:
    library.python = load_python_modules(paths, _needed_python_names(library))
    library.diagnostics.extend(library.python.diagnostics)
    library.sources.update(library.python.sources)


def _needed_python_names(library: Library) -> set[str]:
    """The structure classes and functions the .plx files name that the running program does not provide."""
    from pipelex.core.func_registry import func_registry
    from pipelex.language.blueprints import PipeFuncBlueprint

    registered = set(func_registry().names())
    needed = {
        concept.structure_class
        for bundle in library.bundles
        for concept in bundle.concepts
        if concept.structure_class is not None
    }
    needed |= {
        pipe.function_name
        for bundle in library.bundles
        for pipe in bundle.pipes
        if isinstance(pipe, PipeFuncBlueprint) and pipe.function_name and pipe.function_name not in registered
    }
    return needed


def _register_concepts(library: Library) -> None:
    declared: dict[str, tuple[ConceptBlueprint, Concept]] = {}
    for bundle in library.bundles:
        for blueprint in bundle.concepts:
            previous = declared.get(blueprint.ref)
            if previous is not None:
                _duplicate(
                    library,
                    "concept",
                    blueprint.ref,
                    file=blueprint.file,
                    span=blueprint.span,
                    first_file=previous[0].file,
                    first_line=previous[0].span.line,
                )
                continue
            fields = tuple(concept_field(item) for item in blueprint.fields)
            concept = Concept(blueprint.domain, blueprint.code, blueprint.description, fields=fields)
            declared[blueprint.ref] = (blueprint, concept)
            library.concepts.add(concept)
    for blueprint, concept in declared.values():
        if blueprint.refines is None:
            continue
        parent = library.concepts.resolve(blueprint.refines, blueprint.domain)
        if parent is None:
            suggestion = did_you_mean(blueprint.refines, library.concepts.visible_codes(blueprint.domain))
            library.diagnostics.append(
                Diagnostic(
                    kinds.UNRESOLVED_CONCEPT,
                    f"concept `{blueprint.code}` refines `{blueprint.refines}`, which is not a known concept",
                    blueprint.file,
                    blueprint.refines_span,
                    label="unknown concept",
                    help=suggestion,
                )
            )
        elif parent.is_a(concept):
            library.diagnostics.append(
                Diagnostic(
                    kinds.INVALID_VALUE,
                    f"concept `{blueprint.code}` refines `{blueprint.refines}`, which refines it back",
                    blueprint.file,
                    blueprint.refines_span,
                )
            )
        else:
            concept.refines = parent
    attach_structure_classes(library, list(declared.values()))
    link_field_concepts(library, list(declared.values()))


def _register_pipes(library: Library) -> None:
    for bundle in library.bundles:
        for pipe in bundle.pipes:
            previous = library.pipes.get(pipe.code)
            if previous is not None:
                _duplicate(
                    library,
                    "pipe",
                    pipe.code,
                    file=pipe.file,
                    span=pipe.span,
                    first_file=previous.file,
                    first_line=previous.span.line,
                )
                continue
            library.pipes[pipe.code] = pipe


def _duplicate(
    library: Library, what: str, name: str, *, file: str, span: Span, first_file: str, first_line: int
) -> None:
    library.diagnostics.append(
        Diagnostic(
            kinds.DUPLICATE_DEFINITION,
            f"{what} `{name}` is defined twice",
            file,
            span,
            label="second definition",
            help=f"the first definition is at {first_file}:{first_line}; rename or remove one of them",
        )
    )
