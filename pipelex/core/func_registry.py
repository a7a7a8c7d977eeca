"""Functions that PipeFunc pipes may call, registered with the :func:`pipe_func` decorator.

Only registered functions can be called: a ``.plx`` file names a function, it never imports code. A
function is registered when the module that defines it is imported — by pipelex itself for the Python
modules of a library directory, or by the program that embeds pipelex, before it runs the pipes.

A function receives the pipe's declared inputs as keyword arguments (their contents: ``str`` for a text,
the pydantic model for a structured concept, a list for ``X[]``) and returns the output's content. It may
be ``async``; a plain function runs in a worker thread so that it does not hold up parallel branches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar, overload

from pipelex.exceptions import PipelexError

FUNC_NAME_ATTRIBUTE = "__pipelex_func_name__"
"""Set by :func:`pipe_func` on each function it registers, to the name pipes call it by."""

FuncT = TypeVar("FuncT", bound=Callable[..., Any])
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


class FuncRegistry:
    """Registered functions by name; registering a name again replaces the function."""

    def __init__(self) -> None:
        self._functions: dict[str, Callable[..., Any]] = {}

    def register(self, name: str, function: Callable[..., Any]) -> None:
        self._functions[name] = function

    def get(self, name: str) -> Callable[..., Any] | None:
        return self._functions.get(name)

    def names(self) -> list[str]:
        return sorted(self._functions)

    def unregister(self, name: str) -> None:
        self._functions.pop(name, None)


_REGISTRY = FuncRegistry()


def func_registry() -> FuncRegistry:
    """The process-wide registry that :func:`pipe_func` fills."""
    return _REGISTRY


@overload
def pipe_func(function: FuncT, /) -> FuncT: ...


@overload
def pipe_func(*, name: str | None = None) -> Callable[[FuncT], FuncT]: ...


def pipe_func(function: FuncT | None = None, /, *, name: str | None = None) -> FuncT | Callable[[FuncT], FuncT]:
    """Register a function so that PipeFunc pipes can call it by ``function_name``.

    Use it bare (``@pipe_func``: the function's own name) or with a name (``@pipe_func(name="x")``).
    The function is returned unchanged.

    Example:
        >>> from pipelex import pipe_func
        >>> @pipe_func
        ... def shout(text: str) -> str:
        ...     return text.upper()

    Raises:
        PipelexError: the name is not an identifier (dots allowed), or the decorated object is not callable.
    """
    if name is not None and (not isinstance(name, str) or not _NAME.match(name)):
        raise PipelexError(f"@pipe_func(name=...) must be an identifier (letters, digits, `_`, `.`), not {name!r}")

    def register(target: FuncT) -> FuncT:
        if not callable(target):
            raise PipelexError(f"@pipe_func decorates functions, not {type(target).__name__}")
        registered = name or getattr(target, "__name__", None)
        if not isinstance(registered, str) or not _NAME.match(registered):
            raise PipelexError("@pipe_func needs a name for this callable: use @pipe_func(name=...)")
        setattr(target, FUNC_NAME_ATTRIBUTE, registered)
        _REGISTRY.register(registered, target)
        return target

    if function is not None:
        return register(function)
    return register
