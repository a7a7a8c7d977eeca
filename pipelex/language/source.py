"""Source files and the spans that locate things inside them.

Lines and columns are 1-based and counted in characters; ``end_column`` is exclusive,
so a one-character token at column 5 has ``end_column == 6``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source text: character offsets plus the matching line/column pairs."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, offset: int, line: int, column: int) -> Span:
        """A one-character span starting at ``offset``."""
        return cls(offset, offset + 1, line, column, line, column + 1)


@dataclass(frozen=True)
class SourceFile:
    """The text of one file, with the path exactly as the user gave it."""

    path: str
    text: str
    _line_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(index + 1 for index, char in enumerate(self.text) if char == "\n")
        object.__setattr__(self, "_line_starts", starts)

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        return line_index + 1, offset - self._line_starts[line_index] + 1

    def span(self, start: int, end: int) -> Span:
        """The span between two character offsets (``end`` exclusive)."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        return Span(start, max(start, end), line, column, end_line, end_column)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")
