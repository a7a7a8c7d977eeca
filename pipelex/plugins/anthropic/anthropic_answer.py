"""Reading an Anthropic message defensively: the SDK builds it without validation, so any shape can arrive."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class MalformedMessageError(ValueError):
    """The provider's answer is not shaped like a message; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class MessageAnswer:
    """The parts of an Anthropic message pipelex uses.

    Attributes:
        text: the text blocks joined (``None`` when the model wrote none).
        tool_input: the ``input`` of the first ``tool_use`` block, if any.
        stop_reason: why the model stopped (``end_turn``, ``max_tokens``, ``tool_use``, ``refusal``...).
        input_tokens: prompt tokens (cache reads and writes included), when reported.
        output_tokens: generated tokens, when reported.
    """

    text: str | None
    tool_input: dict[str, Any] | None
    stop_reason: str | None
    input_tokens: int | None
    output_tokens: int | None


def read_message(message: object) -> MessageAnswer:
    """The text, tool input, stop reason and token usage of ``message``.

    Raises:
        MalformedMessageError: ``message`` has no ``content`` list.
    """
    content: Any = getattr(message, "content", None)
    if not isinstance(content, list):
        raise MalformedMessageError("it has no `content` list")
    texts: list[str] = []
    tool_input: dict[str, Any] | None = None
    for block in content:
        kind = getattr(block, "type", None)
        if kind == "text" and isinstance(getattr(block, "text", None), str):
            texts.append(block.text)
        elif kind == "tool_use" and tool_input is None:
            value = getattr(block, "input", None)
            if not isinstance(value, dict):
                raise MalformedMessageError("its `tool_use` block has no `input` object")
            tool_input = value
    stop_reason = getattr(message, "stop_reason", None)
    return MessageAnswer(
        text="".join(texts) if texts else None,
        tool_input=tool_input,
        stop_reason=stop_reason if isinstance(stop_reason, str) and stop_reason else None,
        input_tokens=_input_tokens(getattr(message, "usage", None)),
        output_tokens=_count_or_none(getattr(getattr(message, "usage", None), "output_tokens", None)),
    )


def _input_tokens(usage: object) -> int | None:
    base = _count_or_none(getattr(usage, "input_tokens", None))
    if base is None:
        return None
    cached = (
        _count_or_none(getattr(usage, name, None)) or 0
        for name in ("cache_creation_input_tokens", "cache_read_input_tokens")
    )
    return base + sum(cached)


def _count_or_none(value: object) -> int | None:
    """A token count, or ``None`` (unknown) when the provider gave none or something that is not a count."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
