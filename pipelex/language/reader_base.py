"""The base of the .plx readers: reporting diagnostics and reading small located values."""

from __future__ import annotations

from pipelex.language import diagnostics as kinds
from pipelex.language.diagnostics import Diagnostic, DiagnosticKind, Severity
from pipelex.language.source import SourceFile, Span
from pipelex.language.suggest import did_you_mean
from pipelex.language.toml_tree import TomlScalar, TomlTable

DEPRECATED_KEYS = {"definition": "description"}


class ReaderBase:
    """Reads one file's tree; collects diagnostics instead of stopping at the first problem."""

    def __init__(self, source: SourceFile, root: TomlTable) -> None:
        self.source = source
        self.root = root
        self.diagnostics: list[Diagnostic] = []

    def report(
        self,
        kind: DiagnosticKind,
        message: str,
        span: Span | None,
        *,
        label: str | None = None,
        help_text: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.diagnostics.append(
            Diagnostic(kind, message, self.source.path, span, label=label, help=help_text, severity_override=severity)
        )

    def _string(self, table: TomlTable, key: str) -> str | None:
        node = table.get(key)
        if node is None:
            return None
        if isinstance(node, TomlScalar) and node.kind == "string":
            return str(node.value)
        self.report(kinds.INVALID_VALUE, f"`{key}` must be a string", node.span)
        return None

    def _table(self, table: TomlTable, key: str) -> TomlTable | None:
        node = table.get(key)
        if node is None or isinstance(node, TomlTable):
            return node
        self.report(kinds.INVALID_VALUE, f"`{key}` must be a table", node.span)
        return None

    def _unknown_keys(self, table: TomlTable, allowed: tuple[str, ...], where: str) -> None:
        for key in table.entries:
            if key not in allowed:
                self.report(
                    kinds.UNKNOWN_FIELD,
                    f"unknown field `{key}` in {where}",
                    table.key_span(key),
                    help_text=did_you_mean(key, allowed) or f"expected one of: {', '.join(allowed)}",
                )

    def _rename_deprecated(self, table: TomlTable, where: str, extra: dict[str, str] | None = None) -> None:
        """Accept older key names with a warning, moving their values under the new name."""
        renames = {**DEPRECATED_KEYS, **(extra or {})}
        for old, new in renames.items():
            if old not in table.entries:
                continue
            if new in table.entries:
                self.report(
                    kinds.DUPLICATE_DEFINITION,
                    f"{where} has both `{old}` (the older name) and `{new}`",
                    table.key_span(old),
                    help_text=f"keep only `{new}`",
                )
                del table.entries[old]
                continue
            self.report(
                kinds.DEPRECATED_SPELLING,
                f"`{old}` in {where} is now called `{new}`",
                table.key_span(old),
                help_text="the old name still works for now",
            )
            table.entries[new] = table.entries.pop(old)
            table.key_spans[new] = table.key_spans.pop(old, table.span)
