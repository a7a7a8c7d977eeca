"""Type expressions used in ``inputs`` and ``output``: ``X``, ``domain.X``, ``X[]``, ``X[N]``."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_COUNT = 1000
"""The largest ``N`` of ``X[N]``: more items than any model answer holds."""

_TYPE_EXPR = re.compile(
    r"^(?P<ref>(?:[a-z][a-z0-9_]*\.)*[A-Z][A-Za-z0-9_]*)"
    r"(?:\[(?P<count>[0-9]*)\])?$"
)


class TypeExprError(ValueError):
    """A type expression that cannot be read."""


@dataclass(frozen=True, slots=True)
class TypeExpr:
    """A concept reference with an optional multiplicity.

    Attributes:
        concept_ref: the concept as written (``Text``, ``native.Text``, ``finance.Invoice``).
        is_list: ``True`` for ``X[]`` and ``X[N]``.
        count: ``N`` for ``X[N]``, else ``None``.
    """

    concept_ref: str
    is_list: bool = False
    count: int | None = None

    @property
    def concept_code(self) -> str:
        return self.concept_ref.rsplit(".", 1)[-1]

    @property
    def domain(self) -> str | None:
        return self.concept_ref.rsplit(".", 1)[0] if "." in self.concept_ref else None

    def __str__(self) -> str:
        if not self.is_list:
            return self.concept_ref
        return f"{self.concept_ref}[{self.count if self.count is not None else ''}]"


def parse_type_expr(text: str) -> TypeExpr:
    """Read a type expression.

    Raises:
        TypeExprError: with a message saying what is wrong.
    """
    stripped = text.strip()
    match = _TYPE_EXPR.match(stripped)
    if match is None:
        raise TypeExprError(
            f"`{text}` is not a type expression: expected a concept name in PascalCase, "
            "optionally prefixed by a domain (`domain.Concept`) and followed by `[]` or `[N]`"
        )
    count_text = match.group("count")
    if count_text is None:
        return TypeExpr(match.group("ref"))
    if count_text == "":
        return TypeExpr(match.group("ref"), is_list=True)
    count = int(count_text)
    if not 1 <= count <= MAX_COUNT:
        raise TypeExprError(f"`{text}`: the number of items in `[N]` must be between 1 and {MAX_COUNT}")
    return TypeExpr(match.group("ref"), is_list=True, count=count)
