"""The @pipe_func decorator: bare or named, the function unchanged, mistakes refused at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipelex import PipelexError, pipe_func
from pipelex.core.func_registry import FUNC_NAME_ATTRIBUTE, func_registry


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    yield
    for name in ("registry_bare", "registry.named"):
        func_registry().unregister(name)


def test_bare_and_named_registration() -> None:
    @pipe_func
    def registry_bare(text: str) -> str:
        return text

    @pipe_func(name="registry.named")
    async def something(text: str) -> str:
        return text

    assert func_registry().get("registry_bare") is registry_bare
    assert func_registry().get("registry.named") is something
    assert getattr(something, FUNC_NAME_ATTRIBUTE) == "registry.named"
    assert registry_bare("x") == "x"  # returned unchanged


def test_registering_a_name_again_replaces_the_function() -> None:
    @pipe_func(name="registry_bare")
    def first() -> str:
        return "1"

    @pipe_func(name="registry_bare")
    def second() -> str:
        return "2"

    assert func_registry().get("registry_bare") is second


@pytest.mark.parametrize("name", ["", "with space", "1abc", "a-b"])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(PipelexError, match="must be an identifier"):
        pipe_func(name=name)


def test_only_callables_are_registered() -> None:
    with pytest.raises(PipelexError, match="decorates functions"):
        pipe_func(name="registry_bare")(42)  # type: ignore[type-var]
