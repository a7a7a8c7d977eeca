"""pipelex: run declarative AI pipelines written in .plx files.

The public API is small: :class:`Pipelex` loads pipelines and runs them, returning a
:class:`PipeOutput`. Names are imported lazily so that ``import pipelex`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "ConfigurationError",
    "InputError",
    "PipeOutput",
    "PipeRunError",
    "Pipelex",
    "PipelexError",
    "SourceError",
    "__version__",
    "pipe_func",
]

_LAZY = {
    "Pipelex": "pipelex.pipelex",
    "PipeOutput": "pipelex.engine.pipe_output",
    "PipelexError": "pipelex.exceptions",
    "SourceError": "pipelex.exceptions",
    "InputError": "pipelex.exceptions",
    "PipeRunError": "pipelex.exceptions",
    "ConfigurationError": "pipelex.exceptions",
    "pipe_func": "pipelex.core.func_registry",
}

if TYPE_CHECKING:
    from pipelex.core.func_registry import pipe_func
    from pipelex.engine.pipe_output import PipeOutput
    from pipelex.exceptions import ConfigurationError, InputError, PipelexError, PipeRunError, SourceError
    from pipelex.pipelex import Pipelex


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'pipelex' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
