"""A library: the bundles loaded from files and directories, their concepts and pipes, and diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelex.core.concept_library import ConceptLibrary
from pipelex.language.blueprints import BundleBlueprint, PipeBlueprint, called_pipes
from pipelex.language.diagnostics import Diagnostic
from pipelex.language.python_modules import PythonModules
from pipelex.language.source import SourceFile


@dataclass
class Library:
    """Everything loaded, with every problem found while loading and checking it."""

    files: list[str] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    bundles: list[BundleBlueprint] = field(default_factory=list)
    concepts: ConceptLibrary = field(default_factory=ConceptLibrary)
    pipes: dict[str, PipeBlueprint] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    python: PythonModules = field(default_factory=PythonModules)

    @property
    def ok(self) -> bool:
        return not any(diagnostic.is_error for diagnostic in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [diagnostic for diagnostic in self.diagnostics if diagnostic.is_error]

    def sorted_diagnostics(self) -> list[Diagnostic]:
        order = {path: index for index, path in enumerate(self.files)}
        return sorted(self.diagnostics, key=lambda item: (order.get(item.file, len(order)), item.sort_key()))

    def main_pipe_code(self, bundle: BundleBlueprint) -> str | None:
        """The pipe ``pipelex run FILE`` runs: ``main_pipe``, else the file's only pipe no other pipe calls."""
        if bundle.main_pipe:
            return bundle.main_pipe
        called = {callee for pipe in self.pipes.values() for callee, _span in called_pipes(pipe)}
        roots = [pipe.code for pipe in bundle.pipes if pipe.code not in called]
        return roots[0] if len(roots) == 1 else None

    def bundle_of(self, path: str) -> BundleBlueprint | None:
        return next((bundle for bundle in self.bundles if bundle.source.path == path), None)
