"""Rendering diagnostics: the full rustc-like form, a concise one-line form, and JSON.

The full form::

    error[PLX0201]: unknown concept `Invoice` in `output`
      --> examples/invoice.plx:14:10
       |
    14 | output = "Invoice"
       |          ^^^^^^^^^ not declared in domain `finance`
       |
    help: declare it under [concept], or did you mean `Invoices`?
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from rich.text import Text

from pipelex.language.diagnostics import Diagnostic, Severity
from pipelex.language.source import SourceFile

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow"}


def render_full(diagnostic: Diagnostic, sources: Mapping[str, SourceFile]) -> Text:
    """The multi-line form with the source line and a caret under the span."""
    out = Text()
    out.append(f"{diagnostic.severity.value}[{diagnostic.kind.code}]", style=_SEVERITY_STYLE[diagnostic.severity])
    out.append(f": {diagnostic.message}\n", style="bold")
    span = diagnostic.span
    source = sources.get(diagnostic.file)
    if span is None:
        out.append(f"  --> {diagnostic.file}\n", style="blue")
    else:
        gutter = " " * len(str(span.line))
        out.append(f"{gutter}--> ", style="blue")
        out.append(f"{diagnostic.file}:{span.line}:{span.column}\n")
        if source is not None:
            full_line = source.line_text(span.line).expandtabs(1)
            last_column = span.end_column if span.end_line == span.line else len(full_line) + 1
            line_text, caret_column, width = _window(full_line, span.column, max(1, last_column - span.column))
            out.append(f"{gutter} |\n", style="blue")
            out.append(f"{span.line} | ", style="blue")
            out.append(f"{line_text}\n")
            out.append(f"{gutter} | ", style="blue")
            out.append(" " * (caret_column - 1) + "^" * width, style=_SEVERITY_STYLE[diagnostic.severity])
            if diagnostic.label:
                out.append(f" {diagnostic.label}", style=_SEVERITY_STYLE[diagnostic.severity])
            out.append("\n")
            out.append(f"{gutter} |\n", style="blue")
    if diagnostic.help:
        out.append("help", style="bold cyan")
        out.append(f": {diagnostic.help}\n")
    return out


_MAX_SHOWN = 160
_CONTEXT_BEFORE = 40


def _window(line: str, column: int, width: int) -> tuple[str, int, int]:
    """The part of a long line worth showing, with the caret's column and width within it."""
    if len(line) <= _MAX_SHOWN:
        return line, column, width
    start = max(0, column - 1 - _CONTEXT_BEFORE)
    end = min(len(line), start + _MAX_SHOWN)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(line) else ""
    shown_width = max(1, min(width, end - (column - 1)))
    return prefix + line[start:end] + suffix, column - start + len(prefix), shown_width


def render_concise(diagnostic: Diagnostic) -> str:
    """``file:line:column: severity[code] message``, on one line."""
    where = diagnostic.file
    if diagnostic.span is not None:
        where = f"{where}:{diagnostic.span.line}:{diagnostic.span.column}"
    text = f"{where}: {diagnostic.severity.value}[{diagnostic.kind.code}] {diagnostic.message}"
    if diagnostic.help:
        text += f" ({diagnostic.help})"
    return text


JSON_FORMAT_VERSION = 1
"""The version of the JSON form, documented (and declared stable) in docs/diagnostics.md."""


def render_json(diagnostics: Sequence[Diagnostic], file_count: int | None = None) -> str:
    """The machine form: ``{"version", "ok", "files", "errors", "warnings", "diagnostics": [...]}``.

    Args:
        diagnostics: in the order to print them.
        file_count: how many .plx files were checked; by default, how many files the diagnostics name.
    """
    errors = sum(1 for diagnostic in diagnostics if diagnostic.is_error)
    payload = {
        "version": JSON_FORMAT_VERSION,
        "ok": errors == 0,
        "files": file_count if file_count is not None else len({diagnostic.file for diagnostic in diagnostics}),
        "errors": errors,
        "warnings": len(diagnostics) - errors,
        "diagnostics": [diagnostic.to_json() for diagnostic in diagnostics],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def summary_line(diagnostics: Sequence[Diagnostic], file_count: int) -> str:
    """E.g. ``2 errors, 1 warning in 3 files``."""
    errors = sum(1 for diagnostic in diagnostics if diagnostic.is_error)
    warnings = len(diagnostics) - errors
    files = f"{file_count} file" + ("" if file_count == 1 else "s")
    if not diagnostics:
        return f"ok: no problems in {files}"
    parts = [f"{errors} error" + ("" if errors == 1 else "s")] if errors else []
    if warnings:
        parts.append(f"{warnings} warning" + ("" if warnings == 1 else "s"))
    return f"{', '.join(parts)} in {files}"
