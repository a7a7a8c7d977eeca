"""One readable line for a pydantic ValidationError: where each problem is and what it is."""

from __future__ import annotations

from pydantic import ValidationError


def validation_problems(error: ValidationError, limit: int | None = 5) -> str:
    """The first ``limit`` problems (all when ``None``), as ``\\`field.path\\`: message`` joined by ``; ``."""
    items = error.errors() if limit is None else error.errors()[:limit]
    return "; ".join(f"`{'.'.join(str(part) for part in item['loc']) or '<root>'}`: {item['msg']}" for item in items)
