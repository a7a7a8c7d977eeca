"""Mock values for dry runs: readable text and schema-valid objects, deterministic for a given seed."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from pydantic import BaseModel

ModelT = TypeVar("ModelT", bound=BaseModel)

_WORDS = (
    *("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do"),
    *("eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua"),
)


def mock_sentence(rng: random.Random, words: int = 8) -> str:
    """A lorem-ipsum sentence."""
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[:1].upper() + text[1:] + "."


def mock_instance(model: type[ModelT], seed: str) -> ModelT:
    """An instance of ``model`` with every field filled (optional ones too), valid against its schema."""
    from polyfactory.factories.pydantic_factory import ModelFactory

    rng = random.Random(seed)

    class _Factory(ModelFactory[Any]):
        __model__ = model
        __random__ = rng
        __allow_none_optionals__ = False
        __check_model__ = False

        @classmethod
        def get_provider_map(cls) -> dict[Any, Any]:
            providers = super().get_provider_map()
            providers[str] = lambda: mock_sentence(rng, 4)
            providers[int] = lambda: rng.randint(1, 10)
            providers[float] = lambda: round(rng.uniform(1, 1000), 2)
            providers[bool] = lambda: rng.random() < 0.5
            providers[date] = lambda: date(2025, 1, 1) + timedelta(days=rng.randint(0, 364))
            providers[datetime] = lambda: datetime(2025, 1, 1, 9) + timedelta(minutes=15 * rng.randint(0, 35000))
            return providers

    built: ModelT = _Factory.build()
    return built
