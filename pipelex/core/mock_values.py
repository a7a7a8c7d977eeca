"""Mock values for dry runs: readable text and schema-valid objects, deterministic for a given seed."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from enum import Enum
from types import UnionType
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

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
    """An instance of ``model`` with every field filled (optional ones too), valid against its schema.

    Models made only of plain fields (texts, numbers, booleans, dates, choices, lists, dicts, optional and
    nested models, without constraints) are filled directly: that is every concept a .plx file declares,
    and it spares a dry run the ~150 ms of importing polyfactory and faker. Anything else, or a value the
    model refuses, goes to polyfactory.
    """
    try:
        return model.model_validate(_plain_instance(model, random.Random(seed), depth=0))
    except (_NotPlain, ValidationError):
        return _polyfactory_instance(model, seed)


class _NotPlain(Exception):
    """The model has a field the direct filler does not handle."""


_MAX_DEPTH = 4


def _plain_instance(model: type[BaseModel], rng: random.Random, depth: int) -> dict[str, Any]:
    if depth > _MAX_DEPTH:
        raise _NotPlain
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.metadata or info.annotation is None:
            raise _NotPlain
        values[info.alias or name] = _plain_value(info.annotation, rng, depth)
    return values


def _plain_value(annotation: Any, rng: random.Random, depth: int) -> Any:  # noqa: PLR0911
    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin in (Union, UnionType):
        present = [argument for argument in arguments if argument is not type(None)]
        if len(present) != 1:
            raise _NotPlain
        return _plain_value(present[0], rng, depth)
    if origin is Literal:
        return rng.choice(arguments)
    if origin is list and len(arguments) == 1:
        return [_plain_value(arguments[0], rng, depth) for _ in range(rng.randint(1, 3))]
    if origin is dict and len(arguments) == 2:
        return {str(_plain_value(arguments[0], rng, depth)): _plain_value(arguments[1], rng, depth)}
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _plain_instance(annotation, rng, depth + 1)
        if issubclass(annotation, Enum):
            return rng.choice(list(annotation))
        scalar = _SCALARS.get(annotation)
        if scalar is not None:
            return scalar(rng)
    raise _NotPlain


_SCALARS: dict[type, Any] = {
    str: lambda rng: mock_sentence(rng, 4),
    bool: lambda rng: rng.random() < 0.5,
    int: lambda rng: rng.randint(1, 10),
    float: lambda rng: round(rng.uniform(1, 1000), 2),
    datetime: lambda rng: datetime(2025, 1, 1, 9) + timedelta(minutes=15 * rng.randint(0, 35000)),
    date: lambda rng: date(2025, 1, 1) + timedelta(days=rng.randint(0, 364)),
}


def _polyfactory_instance(model: type[ModelT], seed: str) -> ModelT:
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
