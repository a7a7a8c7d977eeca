"""PipeFunc: call a function registered with ``@pipe_func``, on the pipe's inputs.

The function gets each declared input as a keyword argument (its content: ``str``, a pydantic model, a
number, a list for ``X[]``) and returns the output's content (see :mod:`pipelex.pipes.func_result`). It
runs for real in a dry run too: it is local code, not a model. Only when it is not registered does a dry
run mock its output (with a warning); a real run fails.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipelex.core.func_registry import func_registry
from pipelex.core.stuff import Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import PipelexError, PipeRunError
from pipelex.pipes.func_result import FuncResultError, mock_result, result_stuff
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol

DEBUG_ENV = "PIPELEX_DEBUG"
_log = logging.getLogger("pipelex.run")


@dataclass
class PipeFunc(PipeAbstract):
    """A pipe that calls ``function_name``; ``function`` is the library's own, found when it was loaded."""

    function_name: str = ""
    function: Callable[..., Any] | None = None

    def resolve_function(self) -> Callable[..., Any] | None:
        """The function to call: the library's, else whatever the program registered since."""
        return self.function or func_registry().get(self.function_name)

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        arguments = {root: stuff.content for root, stuff in self.input_stuffs(memory).items()}
        function = self.resolve_function()
        if function is None:
            if context.dry_run:
                _log.warning(
                    "pipe `%s`: function `%s` is not registered; dry run: its output is mocked",
                    self.code,
                    self.function_name,
                )
                return mock_result(result_name, self.output, seed=f"{self.code}:{self.function_name}")
            raise PipeRunError(
                f"pipe `{self.code}` calls the function `{self.function_name}`, which is not registered: "
                "register it with @pipe_func in a .py module beside the .plx files, "
                "or in the program before it runs the pipe",
                pipe_code=self.code,
            )
        context.note(f"{self.code}: calling {self.function_name}")
        value = await self._call(function, arguments)
        try:
            return result_stuff(result_name, value, self.output)
        except FuncResultError as error:
            raise PipeRunError(
                f"pipe `{self.code}`: function `{self.function_name}` returned a value that does not fit "
                f"its output {self.output.label}: {error}",
                pipe_code=self.code,
            ) from None

    async def _call(self, function: Callable[..., Any], arguments: dict[str, Any]) -> Any:
        try:
            if inspect.iscoroutinefunction(function):
                value = await function(**arguments)
            else:
                value = await asyncio.to_thread(function, **arguments)
                if inspect.isawaitable(value):
                    value = await value
        except PipelexError:
            raise
        except Exception as error:  # user code: report it, naming the pipe and the function
            detail = f": {error}" if str(error) else ""
            message = f"pipe `{self.code}`: function `{self.function_name}` raised {type(error).__name__}{detail}"
            if os.environ.get(DEBUG_ENV):
                message += "\n" + "".join(traceback.format_exception(error)).rstrip()
            raise PipeRunError(message, pipe_code=self.code) from error
        return value
