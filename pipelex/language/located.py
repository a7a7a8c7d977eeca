"""Helpers to read located TOML values with precise spans."""

from __future__ import annotations

from pipelex.language.source import SourceFile, Span
from pipelex.language.toml_tree import TomlScalar, TomlValue


def value_span(node: TomlValue) -> Span:
    return node.span


def span_in_string(source: SourceFile, scalar: TomlScalar, offset: int, length: int) -> Span:
    """The span, in the file, of ``length`` characters found at ``offset`` in the string's decoded value.

    Decoded text and raw text differ by escapes and the trimmed first newline, so the piece is found
    again in the raw token; the whole string's span is the fallback.
    """
    text = str(scalar.value)
    needle = text[offset : offset + length]
    if not needle:
        return scalar.span
    occurrence = text.count(needle, 0, offset)
    raw = source.text[scalar.span.start : scalar.span.end]
    position = -1
    for _ in range(occurrence + 1):
        position = raw.find(needle, position + 1)
        if position < 0:
            return scalar.span
    start = scalar.span.start + position
    return source.span(start, start + len(needle))
