"""Mock instances: plain models are filled directly, anything else by polyfactory; always valid, deterministic."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pipelex.core.mock_values import mock_instance


class Color(Enum):
    RED = "red"
    BLUE = "blue"


class Line(BaseModel):
    label: str
    amount: float


class Invoice(BaseModel):
    model_config = ConfigDict(strict=True)

    vendor: str
    day: date
    paid: bool
    status: Literal["draft", "sent"]
    color: Color
    lines: list[Line]
    tags: dict[str, int]
    note: str | None = None


class Constrained(BaseModel):
    count: int = Field(ge=100, le=200)
    code: str = Field(pattern=r"^[A-Z]{3}$")


def test_plain_models_are_filled_and_valid_even_when_strict() -> None:
    first = mock_instance(Invoice, "seed")
    assert isinstance(first, Invoice)
    assert first.lines
    assert all(isinstance(line, Line) for line in first.lines)
    assert first.note is not None  # optional fields are filled too
    assert mock_instance(Invoice, "seed") == first  # deterministic for a seed


def test_constrained_fields_go_to_polyfactory_and_stay_valid() -> None:
    built = mock_instance(Constrained, "seed")
    assert 100 <= built.count <= 200
    assert len(built.code) == 3
    assert built.code.isupper()
