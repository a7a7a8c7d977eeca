"""Diagnostics: located problems found in user files, with stable codes and kinds.

Codes come in families: 01xx syntax, 02xx references, 03xx types, 04xx templates, 1xxx deprecations.
Every kind is listed in :data:`CATALOG` and documented in docs/diagnostics.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pipelex.language.source import Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class DiagnosticKind:
    """A stable kind of problem: its code, its snake_case name and its default severity."""

    code: str
    name: str
    severity: Severity = Severity.ERROR


TOML_SYNTAX = DiagnosticKind("PLX0101", "toml_syntax")
UNREADABLE_FILE = DiagnosticKind("PLX0102", "unreadable_file")
MISSING_FIELD = DiagnosticKind("PLX0103", "missing_field")
UNKNOWN_FIELD = DiagnosticKind("PLX0104", "unknown_field")
INVALID_VALUE = DiagnosticKind("PLX0105", "invalid_value")
UNKNOWN_PIPE_TYPE = DiagnosticKind("PLX0106", "unknown_pipe_type")
UNSUPPORTED_PIPE_TYPE = DiagnosticKind("PLX0107", "unsupported_pipe_type")
NO_PLX_FILES = DiagnosticKind("PLX0108", "no_plx_files")
MISSING_PIPE_TYPE = DiagnosticKind("PLX0109", "missing_pipe_type")
INVALID_PIPE_CODE_SYNTAX = DiagnosticKind("PLX0110", "invalid_pipe_code_syntax")
INVALID_INPUT_NAME = DiagnosticKind("PLX0111", "invalid_input_name")
NATIVE_CONCEPT_REDECLARATION = DiagnosticKind("PLX0112", "native_concept_redeclaration", Severity.WARNING)
PYTHON_MODULE_ERROR = DiagnosticKind("PLX0113", "python_module_error")
UNRESOLVED_CONCEPT = DiagnosticKind("PLX0201", "unresolved_concept")
UNRESOLVED_PIPE_DEPENDENCY = DiagnosticKind("PLX0202", "unresolved_pipe_dependency")
DUPLICATE_DEFINITION = DiagnosticKind("PLX0203", "duplicate_definition")
UNRESOLVED_MAIN_PIPE = DiagnosticKind("PLX0204", "unresolved_main_pipe")
UNKNOWN_MODEL = DiagnosticKind("PLX0205", "unknown_model")
PIPE_RECURSION = DiagnosticKind("PLX0206", "pipe_recursion")
UNRESOLVED_FUNCTION = DiagnosticKind("PLX0207", "unresolved_function", Severity.WARNING)
UNRESOLVED_STRUCTURE_CLASS = DiagnosticKind("PLX0208", "unresolved_structure_class", Severity.WARNING)
INVALID_TYPE_EXPRESSION = DiagnosticKind("PLX0301", "invalid_type_expression")
MISSING_STEP_INPUT = DiagnosticKind("PLX0302", "missing_step_input")
UNKNOWN_CONCEPT_FIELD = DiagnosticKind("PLX0303", "unknown_concept_field")
INPUT_STUFF_SPEC_MISMATCH = DiagnosticKind("PLX0304", "input_stuff_spec_mismatch")
INADEQUATE_OUTPUT_CONCEPT = DiagnosticKind("PLX0305", "inadequate_output_concept")
INADEQUATE_OUTPUT_MULTIPLICITY = DiagnosticKind("PLX0306", "inadequate_output_multiplicity")
BATCH_ITEM_NAME_COLLISION = DiagnosticKind("PLX0307", "batch_item_name_collision")
LLM_OUTPUT_CANNOT_BE_IMAGE = DiagnosticKind("PLX0308", "llm_output_cannot_be_image")
MISSING_INPUT_VARIABLE = DiagnosticKind("PLX0401", "missing_input_variable")
TEMPLATE_SYNTAX = DiagnosticKind("PLX0402", "template_syntax")
EXTRANEOUS_INPUT_VARIABLE = DiagnosticKind("PLX0403", "extraneous_input_variable", Severity.WARNING)
TEMPLATE_PRIVATE_NAME = DiagnosticKind("PLX0404", "template_private_name")
DEPRECATED_SPELLING = DiagnosticKind("PLX1001", "deprecated_spelling", Severity.WARNING)

CATALOG: tuple[DiagnosticKind, ...] = (
    TOML_SYNTAX,
    UNREADABLE_FILE,
    MISSING_FIELD,
    UNKNOWN_FIELD,
    INVALID_VALUE,
    UNKNOWN_PIPE_TYPE,
    UNSUPPORTED_PIPE_TYPE,
    NO_PLX_FILES,
    MISSING_PIPE_TYPE,
    INVALID_PIPE_CODE_SYNTAX,
    INVALID_INPUT_NAME,
    NATIVE_CONCEPT_REDECLARATION,
    PYTHON_MODULE_ERROR,
    UNRESOLVED_CONCEPT,
    UNRESOLVED_PIPE_DEPENDENCY,
    DUPLICATE_DEFINITION,
    UNRESOLVED_MAIN_PIPE,
    UNKNOWN_MODEL,
    PIPE_RECURSION,
    UNRESOLVED_FUNCTION,
    UNRESOLVED_STRUCTURE_CLASS,
    INVALID_TYPE_EXPRESSION,
    MISSING_STEP_INPUT,
    UNKNOWN_CONCEPT_FIELD,
    INPUT_STUFF_SPEC_MISMATCH,
    INADEQUATE_OUTPUT_CONCEPT,
    INADEQUATE_OUTPUT_MULTIPLICITY,
    BATCH_ITEM_NAME_COLLISION,
    LLM_OUTPUT_CANNOT_BE_IMAGE,
    MISSING_INPUT_VARIABLE,
    TEMPLATE_SYNTAX,
    EXTRANEOUS_INPUT_VARIABLE,
    TEMPLATE_PRIVATE_NAME,
    DEPRECATED_SPELLING,
)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One located problem.

    Attributes:
        kind: what sort of problem (code + snake_case name).
        message: one sentence saying what is wrong.
        file: the path as the user gave it.
        span: where; ``None`` for problems about a whole file.
        label: a short note printed under the caret line.
        help: what to do about it, often with a "did you mean".
        severity: defaults to the kind's.
    """

    kind: DiagnosticKind
    message: str
    file: str
    span: Span | None = None
    label: str | None = None
    help: str | None = None
    severity_override: Severity | None = None

    @property
    def severity(self) -> Severity:
        return self.severity_override or self.kind.severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        if self.span is None:
            return (self.file, 0, 0, self.kind.code)
        return (self.file, self.span.line, self.span.column, self.kind.code)

    def to_json(self) -> dict[str, object]:
        span = self.span
        return {
            "code": self.kind.code,
            "kind": self.kind.name,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": span.line if span else None,
            "column": span.column if span else None,
            "end_line": span.end_line if span else None,
            "end_column": span.end_column if span else None,
            "label": self.label,
            "help": self.help,
        }
