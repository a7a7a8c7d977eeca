"""The sandbox templates render in: jinja2's, made stricter for prompts.

- Field access prefers the data: ``$order.items`` is the ``items`` field, never ``dict.items``.
- Multiplying strings or lists, and powers, are bounded, so a template cannot exhaust memory.
- There is no loader: ``include``, ``import`` and ``extends`` cannot reach files.
"""

from __future__ import annotations

import operator
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_REPEATED_LENGTH = 1_000_000
MAX_EXPONENT = 1_000


class PromptSandbox(SandboxedEnvironment):
    """A sandboxed environment whose attribute lookups and arithmetic suit prompt data."""

    intercepted_binops = frozenset({"*", "**"})

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, dict) and isinstance(argument, str) and argument in obj:
            return obj[argument]
        return super().getitem(obj, argument)

    def call_binop(self, context: jinja2.runtime.Context, operator_name: str, left: Any, right: Any) -> Any:  # noqa: ARG002
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"exponent {right} is too large")
            return operator.pow(left, right)
        if isinstance(left, str | list | tuple) and isinstance(right, int):
            self._check_repeat(len(left), right)
        elif isinstance(right, str | list | tuple) and isinstance(left, int):
            self._check_repeat(len(right), left)
        return operator.mul(left, right)

    @staticmethod
    def _check_repeat(length: int, times: int) -> None:
        if length * max(times, 0) > MAX_REPEATED_LENGTH:
            raise SecurityError(f"repeating a value {times} times would exceed {MAX_REPEATED_LENGTH} items")
