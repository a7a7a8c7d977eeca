"""Static checks of PipeFunc pipes: is the function registered, and can it take the pipe's inputs?

An unregistered function is only a warning (PLX0207): the program that embeds pipelex may register it
after loading the library. A registered function whose parameters do not match the declared inputs is an
error, since every run would fail.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pipelex.core.func_registry import func_registry
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import PipeFuncBlueprint
from pipelex.language.suggest import did_you_mean

if TYPE_CHECKING:
    from pipelex.language.checks import LibraryChecker
    from pipelex.language.library import Library


def find_function(library: Library, name: str) -> Callable[..., Any] | None:
    """The function a PipeFunc names: the library's own modules first, then the process-wide registry."""
    return library.python.functions.get(name) or func_registry().get(name)


def signature_problem(function: Callable[..., Any], input_names: list[str]) -> str | None:
    """Why ``function`` cannot be called with these inputs as keyword arguments, or ``None`` if it can."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return None  # a builtin or C callable: nothing to check
    takes_any = any(parameter.kind is inspect.Parameter.VAR_KEYWORD for parameter in parameters)
    by_keyword = {
        parameter.name: parameter
        for parameter in parameters
        if parameter.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    }
    missing = [
        name
        for name, parameter in by_keyword.items()
        if parameter.default is inspect.Parameter.empty and name not in input_names
    ]
    positional_only = [
        parameter.name
        for parameter in parameters
        if parameter.kind is inspect.Parameter.POSITIONAL_ONLY and parameter.default is inspect.Parameter.empty
    ]
    extra = [] if takes_any else [name for name in input_names if name not in by_keyword]
    if missing or positional_only:
        names = ", ".join(f"`{name}`" for name in [*missing, *positional_only])
        return f"its parameters {names} are not inputs of the pipe (inputs are passed by name)"
    if extra:
        names = ", ".join(f"`{name}`" for name in extra)
        return f"it has no parameter for the inputs {names} (inputs are passed by name)"
    return None


def check_func(checker: LibraryChecker, pipe: PipeFuncBlueprint) -> None:
    """Report an unregistered function (warning) or one that cannot take the pipe's inputs (error)."""
    name = pipe.function_name
    if name is None:
        return
    library = checker.library
    function = find_function(library, name)
    if function is None:
        known = sorted({*library.python.functions, *func_registry().names()})
        checker.report(
            kinds.UNRESOLVED_FUNCTION,
            f"pipe `{pipe.code}` calls the function `{name}`, which is not registered",
            pipe.file,
            pipe.function_span,
            label="no @pipe_func function of that name",
            help_text=did_you_mean(name, known)
            or "register it with @pipe_func in a .py module beside the .plx files, or in the program running the pipes",
        )
        return
    input_names = list(dict.fromkeys(input_name.split(".", 1)[0] for input_name in pipe.inputs))
    problem = signature_problem(function, input_names)
    if problem is not None:
        checker.report(
            kinds.INVALID_VALUE,
            f"pipe `{pipe.code}` cannot call `{name}`: {problem}",
            pipe.file,
            pipe.function_span,
            help_text=f"declare inputs named like the parameters of `{name}`, or give them defaults",
        )
